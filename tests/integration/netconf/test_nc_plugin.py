"""The ipsecux.iosxe netconf plugin in a real ansible.netcommon.netconf connection, and the ncclient device
handler choice: `default` keeps host key checking, `iosxe` accepts any host key."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import paramiko
import pytest
from netconf_harness import (
    NetconfRouter,
    cli_peer_vars,
    netconf_host_vars,
    run_playbook,
    start_netconf_router,
)
from refrouter_harness import COLLECTIONS, REPO, require_refrouter

DRIVER = Path(__file__).with_name("netconf_plugin_driver.py")


@pytest.fixture
def router(tmp_path: Path) -> Iterator[NetconfRouter]:
    require_refrouter()
    router = start_netconf_router(
        tmp_path / "router", "crypto isakmp policy 5\n encr aes\n", hostname="Edge-7"
    )
    yield router
    router.stop()


def drive(router: NetconfRouter, handler: str | None = None) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            str(DRIVER),
            str(COLLECTIONS),
            str(router.netconf_port),
            *([handler] if handler else []),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_plugin_facts_capabilities_save_and_masked_errors(router: NetconfRouter) -> None:
    result = drive(router)
    assert result["plugin"] == "ansible_collections.ipsecux.iosxe.plugins.netconf.iosxe"
    assert (result["handler"], result["manager_handler"]) == ("default", "DefaultDeviceHandler")
    assert result["device_info"] == {"network_os": "ipsecux.iosxe.iosxe", "network_os_hostname": "Edge-7"}
    capabilities = result["capabilities"]
    assert capabilities["network_api"] == "netconf" and "save_config" in capabilities["rpc"]
    assert capabilities["device_info"] == result["device_info"]
    assert capabilities["device_operations"]["lock_datastore"] == ["running", "candidate", "startup"]
    assert "urn:ietf:params:netconf:capability:rollback-on-error:1.0" in capabilities["server_capabilities"]
    assert "Save running-config successful" in result["save_config"]
    assert "Save running-config successful" in result["dispatch_save_config"]
    startup = (router.log.parent / "state" / "startup-config").read_text()
    assert "crypto isakmp policy 5\n encr aes\n" in startup
    assert result["bad_edit"].startswith("DeviceRpcError: <?xml")
    assert "<error-tag>invalid-value</error-tag>" in result["bad_edit"]
    assert (
        "key-address-host[key='********']" in result["bad_edit"] and "Driver-Psk-1" not in result["bad_edit"]
    )
    assert "<error-app-tag>lock-not-held</error-app-tag>" in result["unlock_without_lock"]


def test_handler_can_be_chosen_per_host(router: NetconfRouter) -> None:
    result = drive(router, "iosxe")
    assert (result["handler"], result["manager_handler"]) == ("iosxe", "IosxeDeviceHandler")
    assert "Save running-config successful" in result["save_config"]


def host_key_line(router: NetconfRouter) -> tuple[str, str]:
    """(`known_hosts` line for the router's NETCONF port, the same line with another key)."""
    with paramiko.Transport(("127.0.0.1", router.netconf_port)) as transport:
        transport.start_client(timeout=10)
        key = transport.get_remote_server_key()
    host = f"[127.0.0.1]:{router.netconf_port}"
    impostor = paramiko.ECDSAKey.generate()  # a key the router does not have
    return (
        f"{host} {key.get_name()} {key.get_base64()}\n",
        f"{host} {impostor.get_name()} {impostor.get_base64()}\n",
    )


def test_host_key_checking_with_each_handler(router: NetconfRouter, tmp_path: Path) -> None:
    """With host_key_checking on: `default` connects to a known key and refuses a wrong one; `iosxe`
    connects even when known_hosts names another key for the host (its callback accepts every key).
    One playbook per case: hosts with the same address, port and user would share one connection."""
    real, impostor = host_key_line(router)
    base = {**cli_peer_vars(router), **netconf_host_vars(router), "ansible_host_key_checking": True}
    task = {"ipsecux.iosxe.isakmp_policies": {"state": "gathered"}, "ignore_errors": True}
    results = {}
    for name, line, handler in (
        ("known", real, None),
        ("wrong", impostor, None),
        ("wrong-iosxe", impostor, "iosxe"),
    ):
        directory = tmp_path / name
        directory.mkdir()
        (directory / "known_hosts").write_text(line)
        (directory / "ssh_config").write_text(f"Host *\n  UserKnownHostsFile {directory / 'known_hosts'}\n")
        host = {**base, "ansible_netconf_ssh_config": str(directory / "ssh_config")}
        if handler:
            host["ansible_iosxe_ncclient_device_handler"] = handler
        results[name] = run_playbook(directory, {name: host}, [task], [name])[0][name][0]
    assert [item["priority"] for item in results["known"]["gathered"]] == [5]
    assert results["wrong"]["failed"] is True and "Unknown host key" in results["wrong"]["msg"]
    assert [item["priority"] for item in results["wrong-iosxe"]["gathered"]] == [5]


def test_ansible_doc_renders_the_plugin() -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ANSIBLE_")}
    env.update(ANSIBLE_CONFIG=str(REPO / "ansible.cfg"), ANSIBLE_NOCOLOR="1")
    ansible_doc = Path(sys.executable).with_name("ansible-doc")
    done = subprocess.run(
        [str(ansible_doc), "-t", "netconf", "ipsecux.iosxe.iosxe"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "ncclient_device_handler" in done.stdout and "ansible_iosxe_ncclient_device_handler" in done.stdout
    assert "WARNING" not in done.stderr

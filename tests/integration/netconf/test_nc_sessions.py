"""The modules over NETCONF beside other sessions: a held lock, concurrent CLI edits, ncclient's iosxe
handler, and secrets in verbose output and logs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.device import READ_FILTER
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import parse_config_xml
from netconf_harness import (
    NetconfRouter,
    cli_facts,
    cli_session,
    connect_manager,
    run_netconf,
    start_netconf_router,
)
from refrouter_harness import require_refrouter

NATIVE = "http://cisco.com/ns/yang/Cisco-IOS-XE-native"
CRYPTO = "http://cisco.com/ns/yang/Cisco-IOS-XE-crypto"


def module(name: str, **args: Any) -> dict[str, Any]:
    return {f"ipsecux.iosxe.{name}": args}


@pytest.fixture
def router(tmp_path: Path) -> Iterator[NetconfRouter]:
    require_refrouter()
    router = start_netconf_router(tmp_path / "router", "crypto isakmp policy 5\n encr aes\n")
    yield router
    router.stop()


def test_a_lock_held_by_another_session_fails_the_task_clearly(router: NetconfRouter, tmp_path: Path) -> None:
    change = module("isakmp_policies", config=[{"priority": 6, "encryption": "3des"}])
    with connect_manager(router, "iosxe") as holder:
        holder.lock("running")
        locked = run_netconf(
            router,
            tmp_path / "locked",
            [{**change, "ignore_errors": True}, module("isakmp_policies", state="gathered")],
        )
        holder.unlock("running")
    refused, gathered = locked.results
    assert refused["failed"] is True
    assert refused["msg"].startswith("lock failed: rpc-error lock-denied: ")
    assert f"(session-id {holder.session_id}); another NETCONF session holds the lock" in refused["msg"]
    assert refused["rollback"] == {"commands": [], "restored": True}
    assert [item["priority"] for item in gathered["gathered"]] == [5]  # reading is not blocked by the lock
    assert [item["priority"] for item in cli_facts(router).isakmp_policies] == [5]
    unlocked = run_netconf(router, tmp_path / "unlocked", [change])
    assert unlocked.results[0]["changed"] is True
    assert [item["priority"] for item in cli_facts(router).isakmp_policies] == [5, 6]


def cli_policies(router: NetconfRouter, priorities: range, errors: list[str]) -> None:
    with cli_session(router) as session:
        for priority in priorities:
            output = session.send_config_set([f"crypto isakmp policy {priority}", "hash sha384"])
            if "%" in output:
                errors.append(output)


def test_concurrent_cli_and_netconf_edits_lose_nothing(router: NetconfRouter, tmp_path: Path) -> None:
    """A CLI session sits inside `crypto isakmp policy 5` while another CLI session adds policies and the
    modules change other objects over NETCONF; afterwards every change of every session is there."""
    sitting = cli_session(router)
    sitting.send_config_set(["crypto isakmp policy 5", "hash sha256"], exit_config_mode=False)
    errors: list[str] = []
    writer = threading.Thread(target=cli_policies, args=(router, range(100, 110), errors))
    writer.start()
    tasks = [
        module("isakmp_policies", config=[{"priority": 6, "encryption": "aes-256", "group": 19}]),
        module("transform_sets", config=[{"name": "TS", "esp_encryption": "esp-gcm", "key_size": 256}]),
        module("isakmp_keys", config=[{"address": "192.0.2.1", "key": "{{ psk }}"}]),
        module(
            "crypto_maps",
            config=[
                {"name": "M", "entries": [{"seq": 10, "peers": ["192.0.2.1"], "transform_sets": ["TS"]}]}
            ],
        ),
    ]
    run = run_netconf(router, tmp_path, tasks, psk="Concurrent-Psk-1")
    writer.join(timeout=120)
    assert not writer.is_alive() and errors == []
    sitting.send_config_set(["group 14"], enter_config_mode=False)
    sitting.disconnect()
    assert [result["changed"] for result in run.results] == [True] * 4
    facts = cli_facts(router)
    policies = {item["priority"]: item for item in facts.isakmp_policies}
    assert sorted(policies) == [5, 6, *range(100, 110)]
    assert (policies[5]["encryption"], policies[5]["hash"], policies[5]["group"]) == ("aes", "sha256", 14)
    assert (policies[6]["encryption"], policies[6]["group"]) == ("aes-256", 19)
    assert all(policies[priority]["hash"] == "sha384" for priority in range(100, 110))
    assert [item["name"] for item in facts.transform_sets] == ["TS"]
    assert [item["address"] for item in facts.isakmp_keys] == ["192.0.2.1"]
    assert facts.crypto_maps == [
        {
            "name": "M",
            "dynamic": False,
            "entries": [{"seq": 10, "peers": ["192.0.2.1"], "transform_sets": ["TS"]}],
        }
    ]


def test_ncclient_iosxe_handler_works_unchanged(router: NetconfRouter) -> None:
    """ncclient with device_params={'name': 'iosxe'}: its un-namespaced <config> fix, save_config, locks."""
    plain_config = (  # no namespace on <config>: the iosxe handler qualifies it
        f'<config><native xmlns="{NATIVE}"><crypto><ipsec xmlns="{CRYPTO}"><transform-set><tag>SMOKE</tag>'
        "<esp>esp-aes</esp><key-bit>256</key-bit><esp-hmac>esp-sha256-hmac</esp-hmac></transform-set></ipsec>"
        "</crypto></native></config>"
    )
    with connect_manager(router, "iosxe") as session:
        assert type(session._device_handler).__name__ == "IosxeDeviceHandler"
        with session.locked("running"):
            session.edit_config(target="running", config=plain_config)
        reply = session.get_config("running", filter=("subtree", READ_FILTER))
        saved = session.save_config()
    assert parse_config_xml(reply.data_xml).transform_sets == [
        {
            "name": "SMOKE",
            "esp_encryption": "esp-aes",
            "key_size": 256,
            "esp_integrity": "esp-sha256-hmac",
            "mode": "tunnel",
        }
    ]
    assert "Save running-config successful" in saved.xml
    startup = (router.log.parent / "state" / "startup-config").read_text()
    assert "crypto ipsec transform-set SMOKE esp-aes 256 esp-sha256-hmac" in startup


def test_secrets_stay_out_of_verbose_output_and_logs(router: NetconfRouter, tmp_path: Path) -> None:
    with cli_session(router) as session:
        session.send_config_set(["crypto isakmp key Device-Psk-0 address 192.0.2.9"])
    log = tmp_path / "ansible.log"
    tasks = [
        module("isakmp_keys", config=[{"address": "192.0.2.2", "key": "{{ psk_given }}"}]),
        module("isakmp_keys", state="gathered"),
        {
            **module(
                "isakmp_keys", config=[{"address": "192.0.2.3", "key": "{{ psk_diff }}"}], state="overridden"
            ),
            "diff": True,
        },
        {
            **module("isakmp_keys", config=[{"address": "192.0.2.4", "key": "{{ psk_check }}"}]),
            "check_mode": True,
            "diff": True,
        },
        {
            **module("isakmp_keys", state="gathered"),
            "vars": {"ansible_persistent_log_messages": True},
            "ignore_errors": True,
        },
    ]
    secrets = {"psk_given": "Given-Psk-1", "psk_diff": "Diff-Psk-2", "psk_check": "Check-Psk-3"}
    run = run_netconf(router, tmp_path, tasks, verbosity=4, env={"ANSIBLE_LOG_PATH": str(log)}, **secrets)
    merged, gathered, overridden, check, refused = run.results
    assert merged["changed"] and overridden["changed"] and check["changed"]
    assert {item["key"] for item in gathered["gathered"]} == {"********"}
    assert "<key>********</key>" in overridden["commands"][0]
    assert refused["failed"] is True and "persistent_log_messages is enabled" in refused["msg"]
    text = run.stdout + log.read_text()
    assert "ncclient" in text  # the log did record the NETCONF session
    for secret in (*secrets.values(), "Device-Psk-0"):
        assert secret not in text, secret
    assert [item["address"] for item in cli_facts(router).isakmp_keys] == ["192.0.2.3"]

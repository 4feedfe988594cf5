"""cisco.ios.ios_facts with `gather_subset: all` and the interface resources over network_cli: every fact
it derives from `show version`, `show interfaces`, `show ip interface`, `show running-config` equals the
router's state; what the router does not have (`dir`, LLDP/CDP, LACP) gets the answer a real router gives."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from routerlab import BIN_DIR, TEST_CREDENTIALS, LiveRouter, ansible_collections_root

from refrouter.state.interfaces import burned_in_mac

COLLECTIONS = ansible_collections_root()
pytestmark = pytest.mark.skipif(COLLECTIONS is None, reason="cisco.ios not found: run `make setup`")

SETUP = [
    "interface GigabitEthernet2",
    "description to the lab",
    "ip address 192.0.2.1 255.255.255.0",
    "no shutdown",
    "interface Loopback3",
    "ip address 198.51.100.3 255.255.255.255",
]
FACTS = {"gather_subset": "all", "gather_network_resources": ["interfaces", "l3_interfaces"]}


def _playbook() -> list[dict[str, Any]]:
    tasks = [
        {"cisco.ios.ios_facts": FACTS, "register": "facts"},
        {
            "cisco.ios.ios_facts": {"gather_network_resources": ["lacp"]},
            "register": "lacp",
            "ignore_errors": True,
        },
        {
            "ansible.builtin.copy": {
                "dest": "{{ results_file }}",
                "content": "{{ {'facts': facts, 'lacp': lacp} | to_json }}",
            },
            "delegate_to": "localhost",
        },
    ]
    return [{"hosts": "RouterA", "gather_facts": False, "tasks": tasks}]


def _run(live: LiveRouter, workdir: Path) -> dict[str, Any]:
    router = {
        "ansible_host": live.host, "ansible_port": live.port, "ansible_connection": "ansible.netcommon.network_cli",
        "ansible_network_os": "cisco.ios.ios", "ansible_network_cli_ssh_type": "libssh",
        "ansible_user": TEST_CREDENTIALS.username, "ansible_password": TEST_CREDENTIALS.password,
        "ansible_become": True, "ansible_become_method": "enable",
        "ansible_become_password": TEST_CREDENTIALS.enable_secret,
    }
    local = {"ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}
    workdir.mkdir()
    (workdir / "inventory.yml").write_text(yaml.safe_dump({"all": {"hosts": {"RouterA": router, "localhost": local}}}))
    (workdir / "site.yml").write_text(yaml.safe_dump(_playbook(), sort_keys=False))
    results = workdir / "results.json"
    env = os.environ | {
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS), "ANSIBLE_HOST_KEY_CHECKING": "False",
        "ANSIBLE_DEPRECATION_WARNINGS": "False", "ANSIBLE_HOME": str(workdir / "home"),
        "ANSIBLE_LOCAL_TEMP": str(workdir / "tmp"), "ANSIBLE_PERSISTENT_CONTROL_PATH_DIR": str(workdir / "pc"),
        "ANSIBLE_PERSISTENT_COMMAND_TIMEOUT": "20", "ANSIBLE_PERSISTENT_CONNECT_TIMEOUT": "20",
        "ANSIBLE_NOCOLOR": "1",
    }
    proc = subprocess.run(
        [str(BIN_DIR / "ansible-playbook"), "-i", "inventory.yml", "site.yml", "-e", f"results_file={results}"],
        check=False, cwd=workdir, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(results.read_text())


def test_facts_all_equal_the_router_state(live_router: LiveRouter, tmp_path: Path) -> None:
    assert all(out == "" for out in live_router.configure(SETUP))
    result = _run(live_router, tmp_path / "ansible")
    facts = result["facts"]["ansible_facts"]
    router = live_router.router

    assert (facts["ansible_net_hostname"], facts["ansible_net_model"], facts["ansible_net_serialnum"]) == (
        "RouterA", router.identity.model, router.identity.serial)
    assert facts["ansible_net_config"].endswith(live_router.running_config().rstrip("\n"))
    assert facts["ansible_net_all_ipv4_addresses"] == ["198.51.100.3", "192.0.2.1"]
    interfaces = facts["ansible_net_interfaces"]
    assert list(interfaces) == ["Loopback3", *(f"GigabitEthernet{n}" for n in range(1, 5))]
    gi2 = interfaces["GigabitEthernet2"]
    assert gi2["macaddress"] == burned_in_mac("RouterA", "GigabitEthernet2")
    assert (gi2["description"], gi2["ipv4"], gi2["operstatus"], gi2["lineprotocol"]) == (
        "to the lab", [{"address": "192.0.2.1", "subnet": "24"}], "up", "up")
    assert (interfaces["GigabitEthernet3"]["operstatus"], interfaces["GigabitEthernet3"]["macaddress"]) == (
        "administratively down", burned_in_mac("RouterA", "GigabitEthernet3"))
    assert interfaces["Loopback3"]["macaddress"] is None and interfaces["Loopback3"]["mtu"] == 1514
    assert facts["ansible_net_neighbors"] == {}
    assert facts["ansible_net_filesystems"] == ["bootflash:"]  # from `dir`, the router's one file system
    assert set(facts["ansible_net_filesystems_info"]["bootflash:"]) == {"spacetotal_kb", "spacefree_kb"}

    resources = facts["ansible_network_resources"]
    by_name = {item["name"]: item for item in resources["interfaces"]}
    assert by_name["GigabitEthernet1"] == {"name": "GigabitEthernet1", "enabled": False}
    assert by_name["GigabitEthernet2"] == {"name": "GigabitEthernet2", "enabled": True, "description": "to the lab"}
    assert {"name": "GigabitEthernet2", "ipv4": [{"address": "192.0.2.1/24"}]} in resources["l3_interfaces"]

    lacp = result["lacp"]
    assert lacp["failed"] is True
    assert "% Invalid input detected at '^' marker." in lacp["msg"]

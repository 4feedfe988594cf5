"""cisco.ios modules over ansible.netcommon.network_cli (libssh) against the router, via ansible-playbook."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from routerlab import BIN_DIR, TEST_CREDENTIALS, LiveRouter, ansible_collections_root

COLLECTIONS = ansible_collections_root()
pytestmark = pytest.mark.skipif(
    COLLECTIONS is None,
    reason="cisco.ios not found: run `make setup` (creates .collections) or set REFROUTER_TEST_COLLECTIONS "
    "to a directory holding ansible_collections/{ansible/netcommon,ansible/utils,cisco/ios}",
)

POLICY_LINES = ["encr aes 256", "hash sha256", "authentication pre-share", "group 14", "lifetime 28800"]

PLAYBOOK = [
    {
        "name": "drive the reference router with cisco.ios",
        "hosts": "RouterA",
        "gather_facts": False,
        "tasks": [
            {
                "name": "show commands",
                "cisco.ios.ios_command": {"commands": ["show version", "show crypto isakmp default policy"]},
                "register": "r_command",
            },
            {
                "name": "an ISAKMP policy, written as the router shows it",
                "cisco.ios.ios_config": {"parents": "crypto isakmp policy 10", "lines": POLICY_LINES},
                "register": "r_config",
            },
            {"name": "facts", "cisco.ios.ios_facts": {"gather_subset": "min"}, "register": "r_facts"},
        ],
    },
    {
        "name": "write the registered results for the test to read",
        "hosts": "localhost",
        "gather_facts": False,
        "connection": "local",
        "tasks": [
            {
                "ansible.builtin.copy": {
                    "dest": "{{ results_file }}",
                    "content": "{{ {'command': hostvars['RouterA'].r_command, 'config': hostvars['RouterA'].r_config,"
                    " 'facts': hostvars['RouterA'].r_facts} | to_nice_json }}",
                }
            }
        ],
    },
]


def _inventory(live: LiveRouter) -> dict[str, Any]:
    router_vars = {
        "ansible_host": live.host,
        "ansible_port": live.port,
        "ansible_connection": "ansible.netcommon.network_cli",
        "ansible_network_os": "cisco.ios.ios",
        "ansible_network_cli_ssh_type": "libssh",
        "ansible_user": TEST_CREDENTIALS.username,
        "ansible_password": TEST_CREDENTIALS.password,
        "ansible_become": True,
        "ansible_become_method": "enable",
        "ansible_become_password": TEST_CREDENTIALS.enable_secret,
        "ansible_command_timeout": 20,
        "ansible_connect_timeout": 20,
    }
    local_vars = {"ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}
    return {"all": {"hosts": {"RouterA": router_vars, "localhost": local_vars}}}


def _run_playbook(live: LiveRouter, workdir: Path, run: int) -> dict[str, Any]:
    workdir.mkdir(exist_ok=True)
    (workdir / "inventory.yml").write_text(yaml.safe_dump(_inventory(live)))
    (workdir / "site.yml").write_text(yaml.safe_dump(PLAYBOOK, sort_keys=False))
    results = workdir / f"results-{run}.json"
    env = os.environ | {
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
        "ANSIBLE_HOST_KEY_CHECKING": "False",
        "ANSIBLE_DEPRECATION_WARNINGS": "False",
        "ANSIBLE_PERSISTENT_COMMAND_TIMEOUT": "20",
        "ANSIBLE_PERSISTENT_CONNECT_TIMEOUT": "20",
        "ANSIBLE_PERSISTENT_BUFFER_READ_TIMEOUT": "0.01",
        "ANSIBLE_HOME": str(workdir / "ansible-home"),
        "ANSIBLE_LOCAL_TEMP": str(workdir / "tmp"),
        "ANSIBLE_PERSISTENT_CONTROL_PATH_DIR": str(workdir / "pc"),
        "ANSIBLE_NOCOLOR": "1",
    }
    proc = subprocess.run(
        [str(BIN_DIR / "ansible-playbook"), "-i", "inventory.yml", "site.yml", "-e", f"results_file={results}"],
        check=False,
        cwd=workdir,  # no ansible.cfg from elsewhere
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(results.read_text())


def test_cisco_ios_command_config_facts_and_idempotence(live_router: LiveRouter, tmp_path: Path) -> None:
    first = _run_playbook(live_router, tmp_path / "ansible", 1)

    stdout = first["command"]["stdout"]
    assert stdout[0].startswith("Cisco IOS XE Software, Version 17.09.04a")
    assert stdout[1].count("Default protection suite of priority") == 8
    assert not first["command"]["failed"]

    assert first["config"]["changed"] is True
    assert first["config"]["updates"] == ["crypto isakmp policy 10", *POLICY_LINES]
    running = live_router.running_config()
    assert "crypto isakmp policy 10\n" + "".join(f" {line}\n" for line in POLICY_LINES) in running

    facts = first["facts"]["ansible_facts"]
    assert facts["ansible_net_version"] == "17.09.04a"
    assert facts["ansible_net_hostname"] == "RouterA"
    assert facts["ansible_net_model"] == "C8000V"
    assert facts["ansible_net_iostype"] == "IOS-XE"
    assert facts["ansible_net_api"] == "cliconf"

    second = _run_playbook(live_router, tmp_path / "ansible", 2)
    assert second["config"]["changed"] is False
    assert "updates" not in second["config"] or second["config"]["updates"] == []
    assert live_router.running_config() == running

"""ansible.netcommon netconf_get / netconf_config over the `ansible.netcommon.netconf` connection (ansible-playbook)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree
from nchelpers import HERE, NS, NetconfRouter, config, isakmp

pytest_plugins = ["ncfixtures"]

REPO = HERE.parents[2]
BIN_DIR = Path(sys.executable).parent
COLLECTIONS = next(
    (root for root in (REPO / ".collections", Path(os.environ.get("REFROUTER_TEST_COLLECTIONS", "/nonexistent")))
     if (root / "ansible_collections" / "ansible" / "netcommon" / "plugins").is_dir()),
    None,
)
pytestmark = pytest.mark.skipif(COLLECTIONS is None, reason="ansible.netcommon not found: run `make setup`")

POLICY = config(isakmp("<policy><number>70</number><hash>sha384</hash><group>19</group></policy>"))
POLICY_FILTER = ('<native xmlns="http://cisco.com/ns/yang/Cisco-IOS-XE-native"><crypto>'
                 '<isakmp xmlns="http://cisco.com/ns/yang/Cisco-IOS-XE-crypto"><policy/></isakmp></crypto></native>')
PLAYBOOK = [
    {
        "name": "NETCONF against the reference router",
        "hosts": "RouterA",
        "gather_facts": False,
        "tasks": [
            {"ansible.netcommon.netconf_config": {"target": "running", "content": POLICY}, "register": "r_config"},
            {"ansible.netcommon.netconf_config": {"target": "running", "content": POLICY}, "register": "r_again"},
            {"ansible.netcommon.netconf_get": {"source": "running", "filter": POLICY_FILTER, "display": "xml"},
             "register": "r_get"},
        ],
    },
    {
        "name": "write the results for the test",
        "hosts": "localhost",
        "gather_facts": False,
        "connection": "local",
        "tasks": [{"ansible.builtin.copy": {
            "dest": "{{ results_file }}",
            "content": "{{ {'config': hostvars['RouterA'].r_config, 'again': hostvars['RouterA'].r_again,"
                       " 'get': hostvars['RouterA'].r_get} | to_nice_json }}",
        }}],
    },
]


def run_playbook(nc: NetconfRouter, workdir: Path) -> dict[str, Any]:
    creds = nc.live.credentials
    router_vars = {
        "ansible_host": "127.0.0.1", "ansible_port": nc.port, "ansible_connection": "ansible.netcommon.netconf",
        "ansible_network_os": "ansible.netcommon.default", "ansible_user": creds.username,
        "ansible_password": creds.password, "ansible_host_key_checking": False, "ansible_command_timeout": 30,
    }
    local_vars = {"ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}
    (workdir / "inventory.yml").write_text(yaml.safe_dump({"all": {"hosts": {"RouterA": router_vars,
                                                                             "localhost": local_vars}}}))
    (workdir / "site.yml").write_text(yaml.safe_dump(PLAYBOOK, sort_keys=False))
    results = workdir / "results.json"
    env = os.environ | {
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS), "ANSIBLE_HOST_KEY_CHECKING": "False",
        "ANSIBLE_HOME": str(workdir / "home"), "ANSIBLE_LOCAL_TEMP": str(workdir / "tmp"),
        "ANSIBLE_PERSISTENT_CONTROL_PATH_DIR": str(workdir / "pc"), "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_DEPRECATION_WARNINGS": "False",
    }
    proc = subprocess.run(
        [str(BIN_DIR / "ansible-playbook"), "-i", "inventory.yml", "site.yml", "-e", f"results_file={results}"],
        cwd=workdir, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(results.read_text())


def test_netconf_config_and_get_through_ansible(nc_router: NetconfRouter, tmp_path: Path) -> None:
    results = run_playbook(nc_router, tmp_path)
    assert results["config"]["changed"] is True
    assert results["again"]["changed"] is False
    assert "crypto isakmp policy 70\n hash sha384\n group 19" in nc_router.running_config()
    reply = etree.fromstring(results["get"]["stdout"].encode())
    numbers = reply.xpath("//crypto:policy/crypto:number/text()", namespaces=NS)
    assert numbers == ["70"]
    assert reply.xpath("//crypto:policy[crypto:number='70']/crypto:group/text()", namespaces=NS) == ["19"]

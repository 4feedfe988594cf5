"""Safe change (`confirm_timeout`), backup and save_when against a refrouter lab whose routers name their
management path (issue 17): moving a crypto map to the management interface cuts RouterA off, so the task
waits for RouterA's revert timer and reports the revert; RouterB's map does not capture the management
traffic, so the same change there is confirmed. Likewise for the inbound access list on the management
interface: a change that denies the station's SSH cuts RouterA off until its revert. Over NETCONF the same
move is a confirmed commit with a persist token, confirmed from a new NETCONF session."""

from __future__ import annotations

import json
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from facts.labrun import ANSIBLE_PLAYBOOK, REFROUTER, REPO, Lab
from refrouter_harness import playbook_env, results_play

from refrouter.lab.ports import free_ports

STATION = "192.0.2.10"
MANAGEMENT = "GigabitEthernet2"
PSK = "Safe-Psk-71c2"
# `match address`: RouterA's ACL also matches the router's SSH replies to the station, RouterB's does not.
ACLS = {"RouterA": "permit ip any any", "RouterB": "permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255"}


def startup(name: str) -> str:
    return f"""hostname {name}
archive
 path bootflash:$h-archive
ip scp server enable
crypto isakmp key {PSK} address 209.165.200.226
crypto ipsec transform-set TS esp-aes esp-sha-hmac
ip access-list extended VPN-ACL
 {ACLS[name]}
crypto map VPN 10 ipsec-isakmp
 set peer 209.165.200.226
 set transform-set TS
 match address VPN-ACL
interface GigabitEthernet1
 ip address 209.165.200.228 255.255.255.224
 no shutdown
 crypto map VPN
ip access-list extended MGMT-IN
 10 permit ip any any
interface {MANAGEMENT}
 ip address 192.0.2.1 255.255.255.0
 ip access-group MGMT-IN in
 no shutdown
"""


MOVE = {
    "ipsecux.iosxe.crypto_maps": {
        "config": [
            {
                "name": "VPN",
                "entries": [
                    {
                        "seq": 10,
                        "peers": ["209.165.200.226"],
                        "transform_sets": ["TS"],
                        "match_address": "VPN-ACL",
                    }
                ],
                "interfaces": [MANAGEMENT],
            }
        ],
        "state": "replaced",
        "confirm_timeout": 1,
        "backup": True,
        "backup_options": {"dir_path": "{{ backup_dir }}"},
        "save_when": "changed",
    },
    "ignore_errors": True,
}


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not REFROUTER.exists() or not (REPO / ".collections" / "ansible_collections" / "ansible").is_dir():
        pytest.skip("run `make setup` first: refrouter and the dependency collections are missing")
    tmp = tmp_path_factory.mktemp("safe")
    ports = dict(zip(ACLS, free_ports(len(ACLS)), strict=True))
    netconf_ports = dict(zip(ACLS, free_ports(len(ACLS)), strict=True))
    data = {
        "time_scale": 3,  # the 1-minute revert timer fires after 20 real seconds
        "routers": {
            name: {
                "ssh_port": port,
                "netconf_port": netconf_ports[name],
                "startup_config": startup(name),
                "management_interface": MANAGEMENT,
                "management_source": STATION,
            }
            for name, port in ports.items()
        },
    }
    path = tmp / "safe.yml"
    path.write_text(yaml.safe_dump(data))
    lab = Lab(path, ports)
    lab.refrouter("up")
    try:
        yield lab, tmp
    finally:
        lab.refrouter("down")


def run_play(
    lab: Lab, directory: Path, task: dict[str, Any], extra_vars: str = ""
) -> tuple[dict[str, Any], str]:
    """Run `task` on both routers (registered as `result`); return each router's result and the output."""
    directory.mkdir(parents=True, exist_ok=True)
    results = directory / "results.json"
    plays = [
        {"hosts": "RouterA:RouterB", "gather_facts": False, "tasks": [{**task, "register": "result"}]},
        results_play(
            "{{ {'RouterA': hostvars.RouterA.result, 'RouterB': hostvars.RouterB.result} | to_json }}", results
        ),
    ]
    inventory = directory / "inventory.yml"
    inventory.write_text(lab.refrouter("inventory"))
    playbook = directory / "playbook.yml"
    playbook.write_text(yaml.safe_dump(plays, sort_keys=False))
    env = playbook_env(
        ANSIBLE_HOST_KEY_CHECKING="False", ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(directory / "pc")
    )
    command = [
        str(ANSIBLE_PLAYBOOK),
        "-i",
        str(inventory),
        str(playbook),
        "-e",
        f"backup_dir={directory / 'bk'}",
    ]
    command += ["-e", extra_vars] if extra_vars else []
    done = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=400, check=False
    )
    output = done.stdout + done.stderr
    if not results.exists():
        raise AssertionError(f"playbook stopped early (rc {done.returncode}):\n{output}")
    return json.loads(results.read_text()), output


def interfaces_with_map(lab: Lab, router: str) -> list[str]:
    text = lab.show(router, "show running-config | include ^interface|crypto map VPN$")
    bound, current = [], ""
    for line in next(iter(text.values())).splitlines():
        if line.startswith("interface "):
            current = line.split()[1]
        elif line.strip() == "crypto map VPN":
            bound.append(current)
    return bound


def test_moving_the_map_to_the_management_interface(lab: Any) -> None:
    lab, tmp = lab
    results, output = run_play(lab, tmp / "move", MOVE)
    cut, kept = results["RouterA"], results["RouterB"]

    assert cut["failed"] is True
    assert cut["safe_change"]["confirmed"] is False
    assert cut["safe_change"]["reverted"] is True
    assert cut["safe_change"]["reverted_by"] == "revert timer"
    assert cut["safe_change"]["restored"] is True
    assert cut["msg"].startswith("sending the change failed: device error: ")  # the session was dropped
    assert cut["msg"].endswith(
        "the device rolled the change back when its revert timer fired: it is back in its state before the task"
    )
    assert "saved" not in cut  # a failed safe change is not saved
    assert interfaces_with_map(lab, "RouterA") == ["GigabitEthernet1"]

    assert kept.get("failed") is not True, kept.get("msg")
    assert kept["safe_change"] == {"confirmed": True, "reachable": True, "confirm_timeout": 1}
    assert kept["commands"] == [
        "interface GigabitEthernet2",
        "crypto map VPN",
        "exit",
        "interface GigabitEthernet1",
        "no crypto map VPN",
        "exit",
    ]
    assert kept["saved"] is True
    assert interfaces_with_map(lab, "RouterB") == [MANAGEMENT]
    for router in ("RouterA", "RouterB"):
        shown = lab.show(router, "show archive config rollback timer")
        assert next(iter(shown.values())).strip() == "%No Rollback Confirmed Change pending"
    startup = next(iter(lab.show("RouterB", "show startup-config").values()))
    assert f"interface {MANAGEMENT}" in startup and startup.count(" crypto map VPN") == 1

    for result in (cut, kept):  # the backup: the running config before the task, keys included, owner only
        backup = Path(result["backup_path"])
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        text = backup.read_text()
        assert f"crypto isakmp key {PSK} address 209.165.200.226" in text
        assert PSK not in json.dumps(result) and PSK not in output
        assert "__backup__" not in result


def test_config_replace_restores_the_backup(lab: Any) -> None:
    """After the move above, RouterB's backup (taken before it) is restored with a confirmed replace."""
    lab, tmp = lab
    backups = sorted((tmp / "move" / "bk").glob("RouterB_config.*"))
    assert len(backups) == 1
    restore = {
        "ipsecux.iosxe.config_replace": {"src": "{{ backups[inventory_hostname] }}", "confirm_timeout": 1},
        "when": "inventory_hostname in backups",
    }
    sources = {"RouterB": str(backups[0])}
    results, output = run_play(lab, tmp / "restore", restore, json.dumps({"backups": sources}))
    restored = results["RouterB"]
    assert restored.get("failed") is not True, restored.get("msg")
    assert restored["commands"] == ["configure replace bootflash:ipsecux-replace.cfg force timer 1"]
    assert restored["safe_change"] == {"confirmed": True, "reachable": True, "confirm_timeout": 1}
    assert restored["differences"] == [
        "interface GigabitEthernet1",
        " +crypto map VPN",
        "interface GigabitEthernet2",
        " -crypto map VPN",
    ]
    assert interfaces_with_map(lab, "RouterB") == ["GigabitEthernet1"]
    files = next(iter(lab.show("RouterB", "dir bootflash:").values()))
    assert "ipsecux-replace.cfg" not in files
    assert PSK not in output
    again, _output = run_play(lab, tmp / "again", restore, json.dumps({"backups": sources}))
    assert (again["RouterB"]["changed"], again["RouterB"]["commands"]) == (False, [])


def test_an_access_list_change_that_denies_the_station(lab: Any) -> None:
    """MGMT-IN filters the management interface inbound: RouterA's new entry denies the station's SSH (cut,
    reverted), RouterB's denies another host (confirmed)."""
    lab, tmp = lab
    denied = {"RouterA": STATION, "RouterB": "192.0.2.99"}
    task = {
        "ipsecux.iosxe.crypto_acls": {
            "config": [{"name": "MGMT-IN", "entries": ["{{ deny_line[inventory_hostname] }}", "permit ip any any"]}],
            "state": "merged",
            "confirm_timeout": 1,
        },
        "ignore_errors": True,
    }
    lines = {name: f"deny tcp host {host} any eq 22" for name, host in denied.items()}
    results, _output = run_play(lab, tmp / "acl", task, json.dumps({"deny_line": lines}))
    cut, kept = results["RouterA"], results["RouterB"]

    assert cut["failed"] is True
    assert (cut["safe_change"]["reverted"], cut["safe_change"]["reverted_by"]) == (True, "revert timer")
    assert cut["safe_change"]["restored"] is True
    assert cut["msg"].startswith("sending the change failed: device error: ")
    shown = next(iter(lab.show("RouterA", "show access-lists MGMT-IN").values()))
    assert [line.split(" (")[0] for line in shown.splitlines()] == [
        "Extended IP access list MGMT-IN", "    10 permit ip any any"]

    assert kept.get("failed") is not True, kept.get("msg")
    assert kept["safe_change"] == {"confirmed": True, "reachable": True, "confirm_timeout": 1}
    shown = next(iter(lab.show("RouterB", "show access-lists MGMT-IN").values()))
    assert [line.split(" (")[0] for line in shown.splitlines()] == [
        "Extended IP access list MGMT-IN", "    5 deny tcp host 192.0.2.99 any eq 22", "    10 permit ip any any"]


def test_moving_the_map_over_netconf_is_a_confirmed_commit(lab: Any) -> None:
    """The crypto map moved again, now over ansible.netcommon.netconf: RouterA's commit cuts its own session
    (the persisted commit stays pending until its timer rolls it back), RouterB's is confirmed by a commit
    with its persist-id from a new NETCONF session."""
    lab, tmp = lab
    task = {
        "ipsecux.iosxe.crypto_maps": {key: value for key, value in MOVE["ipsecux.iosxe.crypto_maps"].items()
                                      if key in ("config", "state", "confirm_timeout")},
        "vars": {"ansible_connection": "ansible.netcommon.netconf", "ansible_port": "{{ netconf_port }}",
                 "ansible_become": False},
        "ignore_errors": True,
    }
    for router in ("RouterA", "RouterB"):
        assert interfaces_with_map(lab, router) == ["GigabitEthernet1"]
    results, output = run_play(lab, tmp / "netconf", task)
    cut, kept = results["RouterA"], results["RouterB"]

    assert cut["failed"] is True, cut
    assert cut["safe_change"]["reverted"] is True
    assert cut["safe_change"]["reverted_by"] == "revert timer"
    assert cut["safe_change"]["restored"] is True
    assert cut["msg"].startswith("sending the change failed: device error: commit failed")
    assert interfaces_with_map(lab, "RouterA") == ["GigabitEthernet1"]

    assert kept.get("failed") is not True, kept.get("msg")
    assert kept["safe_change"] == {"confirmed": True, "reachable": True, "confirm_timeout": 1}
    assert interfaces_with_map(lab, "RouterB") == [MANAGEMENT]
    for router in ("RouterA", "RouterB"):
        shown = lab.show(router, "show archive config rollback timer")
        assert next(iter(shown.values())).strip() == "%No Rollback Confirmed Change pending"
        assert "persist_id" not in json.dumps(results[router])
    assert PSK not in output

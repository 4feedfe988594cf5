"""site_to_site_vpn with `site_to_site_vpn_confirm_timeout` (issue 17): one revert timer covers the role's
configuration; it is confirmed when the tunnel came up and a new SSH connection reaches the router, and
rolled back at once on a router whose tunnel does not come up."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from rolelab import REPO, VENV_BIN, require_tools, run_playbook, running_lab, tool_env

pytestmark = pytest.mark.timeout(900)
ROUTERS = {"R1": "172.16.0.1", "R2": "172.16.0.2"}


def startup(name: str, shutdown: bool) -> str:
    n = name[1]
    return (
        f"hostname {name}\narchive\n path bootflash:$h-archive\ninterface Loopback0\n ip address 10.{n}.0.1 "
        f"255.255.255.0\ninterface GigabitEthernet1\n ip address {ROUTERS[name]} 255.255.255.0\n"
        f"{' shutdown' if shutdown else ' no shutdown'}\n"
        f"ip route 10.{3 - int(n)}.0.0 255.255.255.0 {ROUTERS['R2' if name == 'R1' else 'R1']}\n"
    )


def end(name: str) -> dict[str, Any]:
    n = name[1]
    return {
        "host": name,
        "interface": "GigabitEthernet1",
        "address": ROUTERS[name],
        "subnets": [f"10.{n}.0.0/24"],
        "probe": {"source": "Loopback0", "address": f"10.{n}.0.1"},
    }


TUNNEL = {
    "name": "r1-r2",
    "psk": "Safe-Role-Psk-4e1",
    "ike": {"priority": 10, "encryption": "aes-256", "hash": "sha256", "group": 14, "lifetime": 3600},
    "ipsec": {"transform_set": {"name": "TS", "esp_encryption": "esp-aes", "esp_integrity": "esp-sha-hmac"}},
    "a": end("R1"),
    "b": end("R2"),
}


def show(inventory: Path, command: str) -> dict[str, str]:
    """One exec command's output on every router, through one ad-hoc cli_command (new sessions): router ->
    its `stdout`, or the whole result line when the command failed there."""
    done = subprocess.run(
        [str(VENV_BIN / "ansible"), "all", "-i", str(inventory), "-o", "-m", "ansible.netcommon.cli_command",
         "-a", f"command='{command}'"],
        capture_output=True, text=True, timeout=120, check=False, cwd=REPO, env=tool_env(),
    )  # fmt: skip
    shown = {}
    for line in done.stdout.splitlines():  # -o: `HOST | SUCCESS => {...}`, one line per host
        host, _separator, result = line.partition(" | ")
        status, _arrow, payload = result.partition(" => ")
        if host in ROUTERS:
            shown[host] = json.loads(payload).get("stdout", "") if status == "SUCCESS" else line
    assert sorted(shown) == sorted(ROUTERS), done.stdout + done.stderr
    return shown


def run_role(directory: Path, r2_shut: bool) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    directory.mkdir()
    configs = {name: startup(name, r2_shut and name == "R2") for name in ROUTERS}
    playbook = directory / "site.yml"
    playbook.write_text(
        yaml.safe_dump(
            [{"hosts": "all", "gather_facts": False, "roles": [{"role": "ipsecux.iosxe.site_to_site_vpn"}]}]
        )
    )
    variables = directory / "vars.yml"
    variables.write_text(
        yaml.safe_dump(
            {
                "site_to_site_vpn_tunnels": [TUNNEL],
                "site_to_site_vpn_confirm_timeout": 5,
                "site_to_site_vpn_ping_repeat": 3,
                "site_to_site_vpn_ping_timeout": 1,
            }
        )
    )
    with running_lab(directory, configs, [("R1:GigabitEthernet1", "R2:GigabitEthernet1")]) as lab:
        run = run_playbook(playbook, lab.inventory, "-e", f"@{variables}")
        maps = show(lab.inventory, "show running-config | include ^crypto map")
        timers = show(lab.inventory, "show archive config rollback timer")
        shown = {name: maps[name] + timers[name] for name in ROUTERS}
    return run, shown


def test_confirmed_when_the_tunnel_comes_up(tmp_path: Path) -> None:
    require_tools()
    run, shown = run_role(tmp_path / "up", r2_shut=False)
    assert run.returncode == 0, run.stdout[-5000:]
    assert re.findall(r"TASK \[ipsecux.iosxe.site_to_site_vpn : Confirm the change \(.*\)\]", run.stdout)
    for name in ROUTERS:
        assert "crypto map IPSECUX-VPN 10" in shown[name], shown[name]
        assert "%No Rollback Confirmed Change pending" in shown[name]


def test_rolled_back_when_the_tunnel_stays_down(tmp_path: Path) -> None:
    require_tools()
    run, shown = run_role(tmp_path / "down", r2_shut=True)
    assert run.returncode != 0
    failed = re.findall(r"^fatal: \[(R\d)\]: FAILED! => .*the change was rolled back \(configure revert now\)",
                        run.stdout, re.MULTILINE)  # fmt: skip
    assert failed, run.stdout[-5000:]
    for name in failed:
        assert "crypto map IPSECUX-VPN" not in shown[name], shown[name]
        assert "%No Rollback Confirmed Change pending" in shown[name]

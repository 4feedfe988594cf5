"""site_to_site_vpn against a hub and five spokes: every tunnel comes up; then one fault per spoke tunnel
(hub_lab.FAULTS) and the role names each cause. The pre-shared key comes from Ansible Vault."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import hub_lab
import pytest
import yaml
from rolelab import require_tools, run_playbook, running_lab, vault_vars

PLAYBOOK = Path(__file__).parent / "playbooks" / "hub_faults.yml"
PSK = "Hub-Vault-Secret-8c1f"
# Shorter than the IOS defaults (5 packets, 2 s) so the failing pings do not dominate the run.
PING = {"site_to_site_vpn_ping_repeat": 3, "site_to_site_vpn_ping_timeout": 1}
# The module fixture runs the whole playbook (about 1-3 minutes on a 2-core machine) in the first test.
pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def hub_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    require_tools()
    directory = tmp_path_factory.mktemp("hub")
    vars_file, password_file = vault_vars(directory, {"hub_psk": PSK})
    tunnels_file = directory / "tunnels.yml"
    tunnels_file.write_text(
        yaml.safe_dump(
            {
                "site_to_site_vpn_tunnels": hub_lab.tunnels("hub_psk"),
                "hub_faults": {fault.host: list(fault.lines) for fault in hub_lab.FAULTS.values()},
                "status_dir": str(directory),
                **PING,
            }
        )
    )
    with running_lab(directory, hub_lab.router_configs(), hub_lab.links()) as lab:
        # -v and --diff print every task's result and diff, so the key check below sees all of them.
        run = run_playbook(
            PLAYBOOK,
            lab.inventory,
            "-v",
            "--diff",
            "-e",
            f"@{tunnels_file}",
            "-e",
            f"@{vars_file}",
            "--vault-password-file",
            str(password_file),
            ANSIBLE_FORKS="10",
        )
    assert (directory / "broken.json").exists(), run.stdout[-6000:]
    return {
        "stdout": run.stdout,
        "returncode": run.returncode,
        "saved": (directory / "configured.json").read_text() + (directory / "broken.json").read_text(),
        "configured": {t["name"]: t for t in json.loads((directory / "configured.json").read_text())},
        "broken": {t["name"]: t for t in json.loads((directory / "broken.json").read_text())},
    }


def fatal_messages(stdout: str) -> dict[str, str]:
    """The failure message of each host, from `fatal: [HOST]: FAILED! => {...}` lines."""
    found = {}
    for host, payload in re.findall(r"^fatal: \[(\S+)\]: FAILED! => (\{.*\})$", stdout, re.MULTILINE):
        found[host] = json.loads(payload)["msg"]
    return found


def test_every_tunnel_comes_up_first(hub_run: dict[str, Any]) -> None:
    states = {name: tunnel["state"] for name, tunnel in hub_run["configured"].items()}
    assert states == {f"spoke{n}": "up" for n in hub_lab.SPOKES}
    assert all(
        tunnel["packets_out"] > 0 and tunnel["packets_in"] > 0 for tunnel in hub_run["configured"].values()
    )


@pytest.mark.parametrize("spoke", sorted(hub_lab.FAULTS))
def test_each_fault_is_named(hub_run: dict[str, Any], spoke: int) -> None:
    cause = hub_lab.FAULTS[spoke].cause
    tunnel = hub_run["broken"][f"spoke{spoke}"]
    assert (tunnel["state"], tunnel["cause"]) == ("down", cause)
    title = {
        "key_mismatch": "pre-shared key mismatch",
        "no_common_policy": "no common ISAKMP policy",
        "no_common_transform_set": "no common transform set",
        "peer_unreachable": "peer unreachable",
    }[cause]
    # The spoke started the tunnel, so the spoke's task fails, with the cause in its message.
    message = fatal_messages(hub_run["stdout"])[f"Spoke{spoke}"]
    assert message.startswith(f"tunnel spoke{spoke} (Spoke{spoke} {hub_lab.spoke_address(spoke)} -> Hub ")
    assert f"): {title}: " in message


def test_policy_mismatch_names_both_ends_policies(hub_run: dict[str, Any]) -> None:
    message = hub_run["broken"]["spoke2"]["message"]
    assert "Configured policies: Spoke2: 10 3des/md5/pre-share/group 2; Hub: 10 " in message


def test_only_the_broken_tunnels_fail(hub_run: dict[str, Any]) -> None:
    assert hub_run["broken"]["spoke5"]["state"] == "up"
    assert sorted(fatal_messages(hub_run["stdout"])) == [f"Spoke{n}" for n in sorted(hub_lab.FAULTS)]
    assert hub_run["returncode"] == 2


def test_the_key_never_appears_in_the_output(hub_run: dict[str, Any]) -> None:
    assert "changed: [Hub] => {" in hub_run["stdout"]  # -v printed the results of the configuring tasks
    assert PSK not in hub_run["stdout"]
    assert PSK not in hub_run["saved"]  # site_to_site_vpn_status

"""site_to_site_vpn with site_to_site_vpn_ike_version 2 and site_to_site_vpn_topology crypto_map or vti,
from routers empty of crypto configuration: `--check --diff` shows the whole plan (no task fails on objects an
earlier task only predicted), the real run configures it, a second run changes nothing. These runs turn the
verification off (site_to_site_vpn_verify false); test_tunnels_come_up runs it and needs IKEv2 negotiation
in the router."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import topology_lab
import yaml
from rolelab import require_tools, run_playbook, running_lab, vault_vars

PLAYBOOK = Path(__file__).parent / "playbooks" / "topology.yml"
PSK = "Topology-Vault-Secret-41d7"
PING = {"site_to_site_vpn_ping_repeat": 3, "site_to_site_vpn_ping_timeout": 1}
pytestmark = pytest.mark.timeout(1200)


@dataclass(frozen=True)
class Scenario:
    name: str
    routers: dict[str, str]
    links: list[tuple[str, str]]
    tunnels: list[dict[str, Any]]
    variables: dict[str, Any]
    planned: dict[str, list[str]]  # host -> lines the check run must show for it


SCENARIOS = {
    "ikev2_crypto_map": Scenario(
        "ikev2_crypto_map",
        topology_lab.pair_configs(lan_routes=True),
        topology_lab.PAIR_LINK,
        [topology_lab.pair_tunnel("{{ vault_psk }}")],
        {"site_to_site_vpn_ike_version": 2, "site_to_site_vpn_topology": "crypto_map"},
        {
            "R1": [
                "crypto ikev2 keyring IPSECUX-KEYS",
                "crypto ikev2 profile IPSECUX-r1-r2",
                "match identity remote address 192.0.2.2 255.255.255.255",
                "crypto map IPSECUX-VPN 10 ipsec-isakmp",
                "set ikev2-profile IPSECUX-r1-r2",
                "permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255",
            ]
        },
    ),
    "static_vti": Scenario(
        "static_vti",
        topology_lab.pair_configs(lan_routes=False),
        topology_lab.PAIR_LINK,
        [topology_lab.pair_tunnel("{{ vault_psk }}", tunnel_subnet="169.254.12.0/30")],
        {
            "site_to_site_vpn_ike_version": 2,
            "site_to_site_vpn_topology": "vti",
            "site_to_site_vpn_ikev2_suite": "nge",
        },
        {
            "R2": [
                "crypto ikev2 proposal IPSECUX-NGE",
                "encryption aes-gcm-256",
                "crypto ikev2 policy IPSECUX-NGE",
                "crypto ipsec profile IPSECUX-r1-r2",
                "set ikev2-profile IPSECUX-r1-r2",
                "interface Tunnel10",
                "ip address 169.254.12.2 255.255.255.252",
                "tunnel protection ipsec profile IPSECUX-r1-r2",
                "ip route 10.1.0.0 255.255.255.0 Tunnel10",
            ]
        },
    ),
    "hub_dvti": Scenario(
        "hub_dvti",
        topology_lab.hub_configs(),
        topology_lab.HUB_LINKS,
        topology_lab.hub_tunnels("{{ vault_psk }}"),
        {"site_to_site_vpn_ike_version": 2, "site_to_site_vpn_topology": "vti"},
        {
            "Hub": [
                "interface Virtual-Template1 type tunnel",
                "tunnel protection ipsec profile IPSECUX-DVTI",
                "virtual-template 1",
                "match identity remote address 172.16.0.3 255.255.255.255",
            ],
            "Spoke2": [
                "interface Tunnel20",
                "ip unnumbered GigabitEthernet1",
                "tunnel destination 172.16.0.1",
            ],
        },
    ),
}


@dataclass
class Runs:
    check: str
    first: str
    second: str
    returncodes: tuple[int, int, int]
    up: str | None


def host_output(stdout: str, host: str) -> str:
    """The result blocks of `host` in a -v run (`changed: [HOST] => {...}` and its continuation lines)."""
    blocks = re.findall(rf"^(?:ok|changed|skipping): \[{re.escape(host)}\].*?(?=^\S)", stdout, re.M | re.S)
    return "".join(blocks)


def recap(stdout: str) -> dict[str, dict[str, int]]:
    found = {}
    for host, counters in re.findall(r"^(\S+)\s+: (ok=.*)$", stdout, re.MULTILINE):
        found[host] = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", counters)}
    return found


def run_scenario(directory: Path, scenario: Scenario, verify_after: bool) -> Runs:
    vars_file, password_file = vault_vars(directory, {"vault_psk": PSK})
    extra = directory / "tunnels.yml"
    extra.write_text(
        yaml.safe_dump(
            {"site_to_site_vpn_tunnels": scenario.tunnels, **scenario.variables, **PING}, sort_keys=False
        )
    )
    with running_lab(directory, scenario.routers, scenario.links) as lab:

        def play(*args: str, verify: bool = False) -> tuple[str, int]:
            run = run_playbook(
                PLAYBOOK,
                lab.inventory,
                "-v",
                *args,
                "-e",
                f"@{extra}",
                "-e",
                f"@{vars_file}",
                "-e",
                f"site_to_site_vpn_verify={str(verify).lower()}",
                "--vault-password-file",
                str(password_file),
                ANSIBLE_FORKS="5",
            )
            return run.stdout, run.returncode

        check, check_rc = play("--check", "--diff")
        first, first_rc = play("--diff")
        second, second_rc = play()
        up = play(verify=True)[0] if verify_after else None
    return Runs(check, first, second, (check_rc, first_rc, second_rc), up)


@pytest.fixture(scope="module", params=sorted(SCENARIOS))
def scenario_runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Scenario, Runs]]:
    require_tools()
    scenario = SCENARIOS[request.param]
    runs = run_scenario(tmp_path_factory.mktemp(scenario.name), scenario, verify_after=False)
    yield scenario, runs


def test_check_diff_shows_the_whole_plan_without_failing(scenario_runs: tuple[Scenario, Runs]) -> None:
    scenario, runs = scenario_runs
    assert runs.returncodes[0] == 0, runs.check[-6000:]
    for host, lines in scenario.planned.items():
        shown = host_output(runs.check, host)
        missing = [line for line in lines if line not in shown]
        assert not missing, f"{host} check run lacks {missing}:\n{shown[-4000:]}"
    assert all(counts["failed"] == 0 for counts in recap(runs.check).values())


def test_real_run_configures_and_second_run_changes_nothing(scenario_runs: tuple[Scenario, Runs]) -> None:
    scenario, runs = scenario_runs
    assert runs.returncodes[1:] == (0, 0), runs.first[-4000:] + runs.second[-6000:]
    first, second = recap(runs.first), recap(runs.second)
    assert sorted(first) == sorted(scenario.routers)
    assert all(first[host]["changed"] > 0 for host in scenario.routers), first
    changed = {host: counts["changed"] for host, counts in second.items() if counts["changed"]}
    assert changed == {}, runs.second[-6000:]


def test_the_key_never_appears_in_the_output(scenario_runs: tuple[Scenario, Runs]) -> None:
    _, runs = scenario_runs
    assert "changed: [" in runs.first
    for output in (runs.check, runs.first, runs.second):
        assert PSK not in output

"""site_to_site_vpn with site_to_site_vpn_ike_version 2 and site_to_site_vpn_topology crypto_map or vti,
from routers empty of crypto configuration: `--check --diff` shows the whole plan (no task fails on objects an
earlier task only predicted), the real run configures it, a second run changes nothing. These runs turn the
verification off (site_to_site_vpn_verify false). On the configured lab of each IKEv2 scenario with static
ends, traffic then brings the tunnels up and the role's verification must find each one up; on the static VTI
pair a wrong key is then put on one end and the verification must name the IKEv2 authentication failure.
One lab per scenario: its start and the configure runs are the slow part."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import topology_lab
import yaml
from rolelab import require_tools, run_playbook, running_lab, vault_vars

PLAYBOOK = Path(__file__).parent / "playbooks" / "topology.yml"
PROBE_PLAYBOOK = Path(__file__).parent / "playbooks" / "topology_probe.yml"
FAULT_PLAYBOOK = Path(__file__).parent / "playbooks" / "topology_fault.yml"
# A row of `show crypto ikev2 sa`: tunnel id, local address/port, remote address/port ...
IKEV2_SA_ROW = re.compile(r"^\s*\d+\s+\d+\.\d+\.\d+\.\d+/\d+\s+\d+\.\d+\.\d+\.\d+/\d+", re.MULTILINE)
PSK = "Topology-Vault-Secret-41d7"
PING = {"site_to_site_vpn_ping_repeat": 3, "site_to_site_vpn_ping_timeout": 1}
TUNNEL_SCENARIOS = ("ikev2_crypto_map", "static_vti")  # IKEv2 with static ends: traffic, then verification
DYNAMIC_HUB_SCENARIO = "hub_dvti"
KEY_MISMATCH_SCENARIO = "static_vti"
WRONG_KEY = ["crypto ikev2 keyring IPSECUX-KEYS", " peer r1-r2", "  pre-shared-key Wrong-Key-9", " exit"]
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
    "ikev1_hub_dvti": Scenario(
        "ikev1_hub_dvti",
        topology_lab.hub_configs(),
        topology_lab.HUB_LINKS,
        topology_lab.hub_tunnels("{{ vault_psk }}"),
        {"site_to_site_vpn_ike_version": 1, "site_to_site_vpn_topology": "vti"},
        {
            "Hub": [
                "crypto keyring IPSECUX-KEYS",
                "pre-shared-key address 172.16.0.2 key ********",
                "crypto isakmp profile IPSECUX-spoke1",
                "virtual-template 1",
                "interface Virtual-Template1 type tunnel",
            ],
            "Spoke1": ["set isakmp-profile IPSECUX-spoke1", "interface Tunnel10"],
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
class Verification:
    """A verification run of the role (`status`: what it wrote to its status file)."""

    output: str
    returncode: int
    status: list[dict[str, Any]]


@dataclass
class Runs:
    check: str
    first: str
    second: str
    returncodes: tuple[int, int, int]
    # IKEv2 scenarios with static ends: the probe's output and return code, and `show crypto ikev2 sa` per host
    probe: tuple[str, int, dict[str, str]] | None = None
    tunnels: Verification | None = None  # the verification after the probe
    key_mismatch: Verification | None = None  # KEY_MISMATCH_SCENARIO: after the wrong key


def host_output(stdout: str, host: str) -> str:
    """The result blocks of `host` in a -v run (`changed: [HOST] => {...}` and its continuation lines)."""
    blocks = re.findall(rf"^(?:ok|changed|skipping): \[{re.escape(host)}\].*?(?=^\S)", stdout, re.M | re.S)
    return "".join(blocks)


def recap(stdout: str) -> dict[str, dict[str, int]]:
    """PLAY RECAP counters of the routers (the localhost play that saves files is left out)."""
    found = {}
    for host, counters in re.findall(r"^(\S+)\s+: (ok=.*)$", stdout, re.MULTILINE):
        if host != "localhost":
            found[host] = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", counters)}
    return found


Player = Callable[..., tuple[str, int]]


@contextmanager
def lab_player(directory: Path, scenario: Scenario) -> Iterator[Player]:
    """The scenario's lab, and a function that runs a playbook on it with the scenario's variables and
    vaulted key: play(playbook, *arguments, **extra variables) -> (output, return code)."""
    vars_file, password_file = vault_vars(directory, {"vault_psk": PSK})
    extra = directory / "tunnels.yml"
    extra.write_text(
        yaml.safe_dump(
            {"site_to_site_vpn_tunnels": scenario.tunnels, **scenario.variables, **PING}, sort_keys=False
        )
    )
    with running_lab(directory, scenario.routers, scenario.links) as lab:

        def play(playbook: Path, *args: str, **variables: Any) -> tuple[str, int]:
            more = directory / "more.json"
            more.write_text(json.dumps(variables))
            run = run_playbook(
                playbook,
                lab.inventory,
                "-v",
                *args,
                "-e",
                f"@{extra}",
                "-e",
                f"@{vars_file}",
                "-e",
                f"@{more}",
                "--vault-password-file",
                str(password_file),
                ANSIBLE_FORKS="5",
            )
            return run.stdout, run.returncode

        yield play


def run_scenario(directory: Path, scenario: Scenario) -> Runs:
    with lab_player(directory, scenario) as play:
        quiet = {"site_to_site_vpn_verify": False}
        check, check_rc = play(PLAYBOOK, "--check", "--diff", **quiet)
        first, first_rc = play(PLAYBOOK, "--diff", **quiet)
        second, second_rc = play(PLAYBOOK, **quiet)
        runs = Runs(check, first, second, (check_rc, first_rc, second_rc))
        if scenario.name in TUNNEL_SCENARIOS:
            runs.probe = probe_tunnels(play, scenario, directory)
            runs.tunnels = verify(play, PLAYBOOK, directory / "status.json")
        if scenario.name == KEY_MISMATCH_SCENARIO:
            faults = {"R2": WRONG_KEY}
            runs.key_mismatch = verify(play, FAULT_PLAYBOOK, directory / "fault_status.json", faults=faults)
    return runs


def verify(play: Player, playbook: Path, status_file: Path, **variables: Any) -> Verification:
    output, returncode = play(playbook, status_file=str(status_file), **variables)
    status = json.loads(status_file.read_text()) if status_file.exists() else []
    return Verification(output, returncode, status)


@pytest.fixture(scope="module", params=sorted(SCENARIOS))
def scenario_runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Scenario, Runs]]:
    require_tools()
    scenario = SCENARIOS[request.param]
    runs = run_scenario(tmp_path_factory.mktemp(scenario.name), scenario)
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
    runs = scenario_runs[1]
    assert "changed: [" in runs.first
    for output in (runs.check, runs.first, runs.second):
        assert PSK not in output


def probe_pings(scenario: Scenario) -> list[dict[str, str]]:
    """One ping per tunnel from its initiating end (`b` when `a` is a dynamic hub end)."""
    pings = []
    for tunnel in scenario.tunnels:
        start, other = ("b", "a") if tunnel["a"].get("dynamic") else ("a", "b")
        probe = tunnel[start]["probe"]
        pings.append(
            {
                "host": tunnel[start]["host"],
                "source": probe["source"],
                "target": tunnel[other]["probe"]["address"],
            }
        )
    return pings


def probe_tunnels(play: Player, scenario: Scenario, directory: Path) -> tuple[str, int, dict[str, str]]:
    """Send traffic through every tunnel; (output, return code, `show crypto ikev2 sa` of each router)."""
    sa_file = directory / "ikev2_sa.json"
    output, returncode = play(PROBE_PLAYBOOK, probe_pings=probe_pings(scenario), ikev2_sa_file=str(sa_file))
    results = json.loads(sa_file.read_text()) if sa_file.exists() else {}
    shown = {host: result.get("stdout") or result.get("msg") or "" for host, result in results.items()}
    return output, returncode, shown


@pytest.mark.parametrize("scenario_runs", [*TUNNEL_SCENARIOS, DYNAMIC_HUB_SCENARIO], indirect=True)
def test_tunnels_come_up(scenario_runs: tuple[Scenario, Runs]) -> None:
    """Traffic brings every tunnel up (an IKEv2 SA on a router) and the role's verification finds each one up,
    with packets encrypted both ways."""
    scenario, runs = scenario_runs
    if scenario.name == DYNAMIC_HUB_SCENARIO:
        pytest.skip(
            "a dynamic-VTI hub has no route back to the spokes' subnets unless a routing protocol or IKEv2 route "
            "exchange supplies one; neither is modelled by the reference router, so the spokes' pings get no "
            "reply (roles/site_to_site_vpn/README.md). SA set-up on a DVTI hub is covered by "
            "refrouter/tests/lab_e2e/test_ikev2_vti.py"
        )
    assert runs.probe is not None and runs.tunnels is not None
    probed, probed_rc, shown = runs.probe
    assert probed_rc == 0, probed[-6000:]
    assert any(IKEV2_SA_ROW.search(text) for text in shown.values()), f"no IKEv2 SA after traffic: {shown}"
    assert runs.tunnels.returncode == 0, runs.tunnels.output[-6000:]
    status = runs.tunnels.status
    assert [(tunnel["name"], tunnel["state"]) for tunnel in status] == [
        (tunnel["name"], "up") for tunnel in scenario.tunnels
    ]
    assert all(tunnel["packets_out"] > 0 and tunnel["packets_in"] > 0 for tunnel in status), status


@pytest.mark.parametrize("scenario_runs", [KEY_MISMATCH_SCENARIO], indirect=True)
def test_ikev2_key_mismatch_is_named(scenario_runs: tuple[Scenario, Runs]) -> None:
    """R2's key for R1 changed after the static VTI pair came up: the role names an IKEv2 authentication
    failure."""
    runs = scenario_runs[1]
    assert runs.key_mismatch is not None
    fault = runs.key_mismatch
    assert fault.returncode == 0, fault.output[-6000:]
    (tunnel,) = fault.status
    assert (tunnel["state"], tunnel["cause"]) == ("down", "ikev2_authentication_failed"), tunnel["message"]
    assert tunnel["message"].startswith(
        "tunnel r1-r2 (R1 192.0.2.1 -> R2 192.0.2.2): IKEv2 authentication failed: "
    )
    assert PSK not in fault.output and "Wrong-Key-9" not in fault.output

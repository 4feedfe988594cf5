"""ipsec_facts subsets tunnel_interfaces, ikev2_sa and ikev2_session, and the IKEv2 part of crypto_hardening,
over network_cli against the reference router (issue #15).

The facts are compared with what the router prints at that moment (read over SSH with netmiko), not with
values written here. No IKEv2 peer is up here, so the IKEv2 subsets are empty; live IKEv2 SAs are gathered in
tests/integration/facts/test_ipsec_facts_ikev2_live.py. A device without the IKEv2 shows is covered by the
unit tests of ipsec_facts (a named subset fails naming the command, `all` leaves it out with a warning).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from netmiko import ConnectHandler
from refrouter_harness import CREDENTIALS, Router, require_refrouter, run_tasks, start_router

# Tunnel1 carries plain GRE and stays up; Tunnel2 is IPsec-protected but shut, so nothing negotiates IKEv2.
STARTUP = """\
interface GigabitEthernet1
 ip address 192.0.2.1 255.255.255.0
 no shutdown
crypto ikev2 proposal NGE
 encryption aes-gcm-256
 prf sha384
 group 20
crypto ikev2 policy POL
 proposal NGE
crypto ikev2 keyring KR
 peer B
  address 192.0.2.2
  pre-shared-key Kr-Secret-77
crypto ikev2 profile P2
 match identity remote address 192.0.2.2 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto ipsec profile IPP
 set ikev2-profile P2
interface Tunnel1
 ip address 10.0.0.1 255.255.255.252
 tunnel source GigabitEthernet1
 tunnel destination 192.0.2.2
interface Tunnel2
 ip address 10.0.1.1 255.255.255.252
 shutdown
 tunnel source GigabitEthernet1
 tunnel destination 192.0.2.3
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile IPP
"""
STATUS = re.compile(r"^(\S+) is (up|down|administratively down), line protocol is (up|down)", re.MULTILINE)
SOURCE = re.compile(r"Tunnel source (\S+)(?: \(([^)]*)\))?(?:, destination (\S+))?")
PROTECTION = re.compile(r'Tunnel protection via IPSec \(profile "([^"]*)"\)')
UNKNOWN = "Invalid input detected"


def show(router: Router, *commands: str) -> dict[str, str]:
    connection = ConnectHandler(
        device_type="cisco_xe",
        host="127.0.0.1",
        port=router.port,
        username=CREDENTIALS["username"],
        password=CREDENTIALS["password"],
        secret=CREDENTIALS["enable_secret"],
    )
    try:
        connection.enable()
        return {command: connection.send_command(command, read_timeout=30) for command in commands}
    finally:
        connection.disconnect()


def printed_tunnel(text: str) -> dict[str, Any]:
    """The tunnel_interfaces fields `show interfaces TunnelN` prints (None where it prints no such line)."""
    name, status, protocol = STATUS.search(text).groups()  # type: ignore[union-attr]
    source = SOURCE.search(text)
    protection = PROTECTION.search(text)
    return {
        "name": name,
        "status": status,
        "line_protocol": protocol,
        "source": source.group(1) if source else None,
        "source_interface": source.group(2) if source else None,
        "destination": source.group(3) if source else None,
        "protection_profile": protection.group(1) if protection else None,
    }


def facts_task(*subsets: str, **extra: Any) -> dict[str, Any]:
    return {"ipsecux.iosxe.ipsec_facts": {"gather_subset": list(subsets)}, **extra}


def test_tunnel_and_ikev2_subsets_equal_the_routers_own_output(tmp_path: Path) -> None:
    require_refrouter()
    router = start_router(tmp_path / "router", STARTUP)
    try:
        run = run_tasks(
            router,
            tmp_path,
            [
                facts_task("tunnel_interfaces"),
                facts_task("ikev2_sa", "ikev2_session", ignore_errors=True),
                facts_task("all", "!flowmib"),
            ],
        )
        printed = show(router, "show interfaces Tunnel1", "show interfaces Tunnel2", "show crypto ikev2 sa")
    finally:
        router.stop()
    assert run.returncode == 0, run.stdout[-3000:]
    tunnels, ikev2, everything = run.results

    assert tunnels["commands"] == ["show interfaces"]
    assert not tunnels.get("warnings")
    facts = tunnels["ansible_facts"]["ipsec"]["tunnel_interfaces"]
    assert [(t["name"], t["status"], t["address"]) for t in facts] == [
        ("Tunnel1", "up", "10.0.0.1/30"),
        ("Tunnel2", "administratively down", "10.0.1.1/30"),
    ]  # device order; no GigabitEthernet
    for fact, command in zip(facts, ("show interfaces Tunnel1", "show interfaces Tunnel2"), strict=True):
        shown = printed_tunnel(printed[command])
        assert {key: fact[key] for key in shown} == shown
    assert "Kr-Secret-77" not in run.stdout

    assert UNKNOWN not in printed["show crypto ikev2 sa"]
    assert not ikev2.get("failed"), ikev2.get("msg")
    assert ikev2["ansible_facts"]["ipsec"] == {"ikev2_sa": [], "ikev2_session": []}  # no IKEv2 peer is up
    assert everything["ansible_facts"]["ipsec"]["ikev2_sa"] == []
    gathered = everything["ansible_facts"]["ipsec"]
    assert gathered["tunnel_interfaces"] == facts
    assert [p["name"] for p in gathered["default_ikev2_proposals"]] == ["default"]
    assert gathered["default_ikev2_proposals"][0]["dh_groups"] == [19, 14, 21, 5]


def test_crypto_hardening_rates_the_smart_default_proposal_and_disables_it_once_unused(
    tmp_path: Path,
) -> None:
    """Smart defaults only: the default proposal's group 5 is reported and nothing changes. With an own
    proposal and policy: the role disables the default proposal, and a second run changes nothing."""
    require_refrouter()
    smart_only = start_router(tmp_path / "smart", "crypto ikev2 keyring KR\n peer B\n  address 192.0.2.2\n")
    role = {"ansible.builtin.include_role": {"name": "ipsecux.iosxe.crypto_hardening"}}
    findings = {"ansible.builtin.set_fact": {"found": "{{ crypto_hardening_findings }}"}}
    try:
        smart = run_tasks(smart_only, tmp_path / "smart", [role, findings])
    finally:
        smart_only.stop()
    assert smart.returncode == 0, smart.stdout[-3000:]
    found = ikev2_findings(smart.results[1]["ansible_facts"]["found"])
    assert found == [("default ikev2 proposal (in use: no own IKEv2 policy)", "group 5", "avoid")]

    own = start_router(tmp_path / "own", STARTUP)
    defaults = {"ipsecux.iosxe.ikev2_defaults": {"state": "gathered"}}
    for run_dir in ("own1", "own2"):
        (tmp_path / run_dir).mkdir()
    try:
        first = run_tasks(own, tmp_path / "own1", [role, findings, defaults])
        second = run_tasks(own, tmp_path / "own2", [role, findings])
    finally:
        own.stop()
    assert first.returncode == 0, first.stdout[-3000:]
    assert ikev2_findings(first.results[1]["ansible_facts"]["found"]) == []  # the NGE proposal only
    assert first.results[2]["gathered"]["proposal"] is False
    assert second.returncode == 0, second.stdout[-3000:]
    assert re.search(r"^RouterA\s*:.*\bchanged=0\b", second.stdout, re.MULTILINE), second.stdout[-2000:]


def ikev2_findings(found: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(where, algorithm, status) of the IKEv2 findings (the IKEv1 default policies are rated as well)."""
    return [(f["where"], f["algorithm"], f["status"]) for f in found if "ikev2" in f["where"].lower()]

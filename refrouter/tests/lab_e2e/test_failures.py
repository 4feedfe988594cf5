"""Each way a tunnel can fail ends in the IOS-visible outcome: SA state, log line, flow-MIB failure row,
counter. Two routers, LANs on loopbacks, one crypto map; each case changes one thing."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from .harness import configure, lab_copy, run, running_lab

BASE = {
    "A": [
        "crypto isakmp policy 10", " encryption aes 256", " hash sha256", " authentication pre-share",
        " group 14", "crypto isakmp key s3cret address 192.0.2.2",
        "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac", " mode tunnel",
        "access-list 110 permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255",
        "crypto map CM 10 ipsec-isakmp", " set peer 192.0.2.2", " set transform-set TS", " match address 110",
        "interface GigabitEthernet1", " crypto map CM",
    ],
    "B": [
        "crypto isakmp policy 10", " encryption aes 256", " hash sha256", " authentication pre-share",
        " group 14", "crypto isakmp key s3cret address 192.0.2.1",
        "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac", " mode tunnel",
        "access-list 110 permit ip 10.2.0.0 0.0.0.255 10.1.0.0 0.0.0.255",
        "crypto map CM 10 ipsec-isakmp", " set peer 192.0.2.1", " set transform-set TS", " match address 110",
        "interface GigabitEthernet1", " crypto map CM",
    ],
}


def two_routers(time_scale: float = 1) -> dict[str, Any]:
    def startup(name: str, me: int, lan: int) -> str:
        return (f"hostname {name}\ninterface Loopback0\n ip address 10.{lan}.0.1 255.255.255.0\n"
                f"interface GigabitEthernet1\n ip address 192.0.2.{me} 255.255.255.0\n no shutdown\n"
                f"ip route 10.{3 - lan}.0.0 255.255.255.0 192.0.2.{3 - me}\n")

    return {
        "time_scale": time_scale,
        "routers": {"RouterA": {"ssh_port": 1, "startup_config": startup("RouterA", 1, 1)},
                    "RouterB": {"ssh_port": 2, "startup_config": startup("RouterB", 2, 2)}},
        "links": [{"a": "RouterA:GigabitEthernet1", "b": "RouterB:GigabitEthernet1"}],
    }


MAIN_MODE_FAILED = "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 192.0.2.1"
QUICK_MODE_FAILED = "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Quick mode failed with peer at 192.0.2.1"
BAD_MESSAGE = "%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192.0.2.1 failed its sanity check or is malformed"
# case: (config edits per side, RouterA's SA state, log line expected, IKE / IPsec flow-MIB failure reasons)
CASES = {
    "no common policy": ({"B": [("group 14", "group 19")]}, "MM_NO_STATE", MAIN_MODE_FAILED,
                         {"proposalFailure"}, set()),
    "wrong pre-shared key": ({"B": [("key s3cret", "key other")]}, "MM_KEY_EXCH", BAD_MESSAGE, set(), set()),
    "no common transform set": ({"B": [("esp-sha256-hmac", "esp-sha-hmac")]}, "QM_IDLE", QUICK_MODE_FAILED,
                                set(), {"proposalFailure"}),
    "PFS mismatch": ({"A": [("match address 110", "match address 110\n set pfs group14")],
                      "B": [("match address 110", "match address 110\n set pfs group19")]}, "QM_IDLE",
                     QUICK_MODE_FAILED, set(), {"proposalFailure"}),
    "peer unreachable": ({"A": [("set peer 192.0.2.2", "set peer 192.0.2.9"),
                                ("address 192.0.2.2", "address 192.0.2.9")]}, "MM_NO_STATE", None, set(), set()),
}


def edited(side: str, changes: list[tuple[str, str]]) -> list[str]:
    text = "\n".join(BASE[side])
    for old, new in changes:
        text = text.replace(old, new)
    return text.split("\n")


@pytest.mark.parametrize("case", list(CASES))
def test_failure_is_visible_like_on_ios(case: str, tmp_path: Path) -> None:
    changes, expected_state, expected_log, ike_reasons, ipsec_reasons = CASES[case]
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            router_a, router_b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            configure(router_a, edited("A", changes.get("A", [])))
            configure(router_b, edited("B", changes.get("B", [])))
            ping = await run(router_a, "ping 10.2.0.1 source Loopback0 repeat 3 timeout 1")
            return {
                "ping": ping,
                "states": [sa.state for sa in router_a.oper.ike_sa_list()],
                "tunnels": router_a.oper.ipsec_tunnel_list(),
                "logs": router_a.logs.messages() + router_b.logs.messages(),
                "ike_failures": list(router_a.oper.flowmib.ike.failures()) + list(router_b.oper.flowmib.ike.failures()),
                "ipsec_failures": list(router_a.oper.flowmib.ipsec.failures())
                + list(router_b.oper.flowmib.ipsec.failures()),
            }

    result = asyncio.run(scenario())
    assert "Success rate is 0 percent" in result["ping"], result["ping"]
    assert result["tunnels"] == []
    assert result["states"] and result["states"][0] == expected_state, (case, result["states"])
    crypto_logs = [m for m in result["logs"] if m.startswith("%CRYPTO") and "ISAKMP_ON_OFF" not in m]
    if expected_log is None:
        assert crypto_logs == []
    else:
        assert expected_log in crypto_logs, crypto_logs
    assert {r.reason for r in result["ike_failures"]} == ike_reasons
    assert {r.reason for r in result["ipsec_failures"]} == ipsec_reasons


def test_working_baseline(tmp_path: Path) -> None:
    """The unchanged configuration does come up, so the failure cases above fail for their reason."""
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> str:
        async with running_lab(path, tmp_path) as lab:
            configure(lab.routers["RouterA"].router, BASE["A"])
            configure(lab.routers["RouterB"].router, BASE["B"])
            return await run(lab.routers["RouterA"].router, "ping 10.2.0.1 source Loopback0")

    assert ".!!!!" in asyncio.run(scenario())


def test_defaults_disabled_on_both_sides(tmp_path: Path) -> None:
    """No user policy and `no crypto isakmp default policy` on both routers: nothing can match."""
    path = lab_copy(two_routers(), tmp_path)
    strip = [line for line in BASE["A"] if not line.startswith((" encryption", " hash", " authentication", " group"))]

    async def scenario() -> tuple[str, list[str]]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            configure(a, [*strip[1:], "no crypto isakmp default policy"])
            configure(b, [ln for ln in BASE["B"] if ln in strip or "192.0.2.1" in ln or "10.2.0.0" in ln]
                      + ["no crypto isakmp default policy"])
            out = await run(a, "ping 10.2.0.1 source Loopback0 repeat 2 timeout 1")
            return out, [sa.state for sa in a.oper.ike_sa_list()]

    out, states = asyncio.run(scenario())
    assert "Success rate is 0 percent" in out
    assert "QM_IDLE" not in states


def test_lifetime_expiry_writes_history(tmp_path: Path) -> None:
    """With time_scale 60, a 120 s IPsec lifetime ends after 2 real seconds."""
    path = lab_copy(two_routers(time_scale=60), tmp_path)
    lines_a = [*BASE["A"][:-2], " set security-association lifetime seconds 120", *BASE["A"][-2:]]

    async def scenario() -> tuple[str, int, list[Any]]:
        async with running_lab(path, tmp_path) as lab:
            a = lab.routers["RouterA"].router
            configure(a, lines_a)
            configure(lab.routers["RouterB"].router, BASE["B"])
            out = await run(a, "ping 10.2.0.1 source Loopback0 repeat 2 timeout 1")
            await asyncio.sleep(3.0)
            return out, len(a.oper.ipsec_tunnel_list()), list(a.oper.flowmib.ipsec.history())

    out, live, history = asyncio.run(scenario())
    assert ".!" in out
    assert live == 0
    assert [row.reason for row in history] == ["normal"]

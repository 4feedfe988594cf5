"""The seed guide's two examples as labs: tunnels come up after the first lost packet, the guide's log
lines appear exactly when it says, and RouterB's `show crypto map` shows the dynamic entry."""

from __future__ import annotations

import asyncio
from pathlib import Path

from .harness import configure, lab_copy, run, running_lab, seed_lab, seed_lines

PING = "ping {} source Loopback0"
POLICY_DEFAULT = "%CRYPTO-6-IKMP_POLICY_DEFAULT: Using ISAKMP Default policies"
DEFAULT_TRANSFORM = "%CRYPTO-5-IPSEC_DEFAULT_TRANSFORM: Using Default IPsec transform-set"


def crypto_logs(messages: list[str]) -> list[str]:
    return [m for m in messages if m.startswith(("%CRYPTO-6-IKMP", "%CRYPTO-5-IPSEC"))]


def test_default_policy_example(tmp_path: Path) -> None:
    path = lab_copy(seed_lab("two_site"), tmp_path)

    async def scenario() -> dict[str, object]:
        async with running_lab(path, tmp_path) as lab:
            router_a, router_b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            errors = configure(router_a, seed_lines("default_policy_RouterA")) + configure(
                router_b, seed_lines("default_policy_RouterB"))
            before = crypto_logs(router_a.logs.messages()) + crypto_logs(router_b.logs.messages())
            pagent_a = lab.routers["PagentA"].router
            first = await run(pagent_a, PING.format("209.165.200.225"))
            second = await run(pagent_a, PING.format("209.165.200.225"))
            return {
                "errors": errors,
                "before": before,
                "first": first,
                "second": second,
                "logs_a": crypto_logs(router_a.logs.messages()),
                "logs_b": crypto_logs(router_b.logs.messages()),
                "log_a": await run(router_a, "show logging | include %CRYPTO-6-IKMP_POLICY_DEFAULT*"),
                "map_b": await run(router_b, "show crypto map"),
                "policy_a": router_a.oper.ike_sa_list()[0].policy,
            }

    result = asyncio.run(scenario())
    assert all("% NOTE" in e for e in result["errors"]), result["errors"]  # type: ignore[union-attr]
    assert result["before"] == []  # nothing negotiates before traffic
    assert ".!!!!" in result["first"] and "Success rate is 80 percent (4/5)" in result["first"]
    assert "Success rate is 100 percent (5/5)" in result["second"]
    assert result["logs_a"] == [POLICY_DEFAULT]
    assert result["logs_b"] == [POLICY_DEFAULT]
    assert POLICY_DEFAULT in str(result["log_a"])
    assert result["policy_a"].priority == 65508  # type: ignore[attr-defined]  # the PSK default suite
    crypto_map_b = str(result["map_b"])
    assert 'Crypto Map IPv4 "testmap" 65536 ipsec-isakmp' in crypto_map_b
    assert "dynamic (created from dynamic map dyn_testmap/10)" in crypto_map_b
    assert "Peer = 209.165.200.228" in crypto_map_b


def test_default_transform_set_example(tmp_path: Path) -> None:
    path = lab_copy(seed_lab("default_transform"), tmp_path)

    async def scenario() -> dict[str, object]:
        async with running_lab(path, tmp_path) as lab:
            router_a, router_b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            configure(router_a, seed_lines("default_transform_RouterA"))
            configure(router_b, seed_lines("default_transform_RouterB"))
            first = await run(lab.routers["PagentA"].router, PING.format("209.165.200.226"))
            tunnel = router_a.oper.ipsec_tunnel_list()[0]
            return {
                "first": first,
                "logs_a": crypto_logs(router_a.logs.messages()),
                "logs_b": crypto_logs(router_b.logs.messages()),
                "transform": tunnel.transform_set,
                "isakmp_detail": await run(router_a, "show crypto isakmp sa detail"),
                "map_a": await run(router_a, "show crypto map"),
            }

    result = asyncio.run(scenario())
    assert ".!!!!" in result["first"]
    assert result["logs_a"] == [DEFAULT_TRANSFORM]  # a user policy exists: no IKMP_POLICY_DEFAULT
    assert result["logs_b"] == [DEFAULT_TRANSFORM]
    assert result["transform"] == "#$!default_transform_set_1"
    assert "209.165.200.229" in str(result["isakmp_detail"]) and "ACTIVE" in str(result["isakmp_detail"])
    assert "Current peer: 209.165.200.225" in str(result["map_a"])


def test_the_guides_mismatched_keys_fail_authentication(tmp_path: Path) -> None:
    """The guide types `identify` on RouterA and `identity` on RouterB: the PSKs differ."""
    path = lab_copy(seed_lab("default_transform"), tmp_path)

    async def scenario() -> tuple[str, list[str]]:
        async with running_lab(path, tmp_path) as lab:
            router_a, router_b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            lines_a = [line.replace("key identity", "key identify") for line in seed_lines("default_transform_RouterA")]
            configure(router_a, lines_a)
            configure(router_b, seed_lines("default_transform_RouterB"))
            out = await run(lab.routers["PagentA"].router, PING.format("209.165.200.226") + " repeat 2 timeout 1")
            return out, [sa.state for sa in router_a.oper.ike_sa_list()]

    out, states = asyncio.run(scenario())
    assert "Success rate is 0 percent" in out
    assert states and "QM_IDLE" not in states

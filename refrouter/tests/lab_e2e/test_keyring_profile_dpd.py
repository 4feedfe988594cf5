"""Two routers over the lab data plane: IKEv1 with crypto keyring + ISAKMP profile + crypto map, and DPD
removing a dead peer's SAs after the keepalive timers (router seconds, time_scale applies)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from .harness import configure, lab_copy, run, running_lab
from .test_failures import two_routers

MAX_WAIT_STEPS = 100  # bounded polling: 100 x 0.1 real seconds


def profile_config(me: int, peer: int, lan: int, key: str, keepalive: str | None = None) -> list[str]:
    return [
        "crypto isakmp policy 10", " encryption aes 256", " hash sha256", " authentication pre-share", " group 14",
        "crypto keyring KR", f" pre-shared-key address 192.0.2.{peer} key {key}",
        "crypto isakmp profile PROF", " keyring KR", f" match identity address 192.0.2.{peer} 255.255.255.255",
        *([f" keepalive {keepalive}"] if keepalive else []),
        "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac", " mode tunnel",
        f"access-list 110 permit ip 10.{lan}.0.0 0.0.0.255 10.{3 - lan}.0.0 0.0.0.255",
        "crypto map CM 10 ipsec-isakmp", f" set peer 192.0.2.{peer}", " set transform-set TS",
        " set isakmp-profile PROF", " match address 110",
        "interface GigabitEthernet1", " crypto map CM",
    ]


def test_keyring_and_isakmp_profile_bring_the_tunnel_up_and_show_the_profile(tmp_path: Path) -> None:
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            outputs = configure(a, profile_config(1, 2, 1, "ring-s3cret"))
            outputs += configure(b, profile_config(2, 1, 2, "ring-s3cret"))
            assert all("% NOTE: This new crypto map will remain disabled" in out for out in outputs), outputs
            return {"ping": await run(a, "ping 10.2.0.1 source Loopback0 repeat 5"),
                    "session_a": await run(a, "show crypto session detail"),
                    "session_b": await run(b, "show crypto session"),
                    "sa_b": await run(b, "show crypto isakmp sa detail")}

    result = asyncio.run(scenario())
    assert "Success rate is 80 percent (4/5)" in result["ping"] or "!!!!!" in result["ping"], result["ping"]
    lines_a = result["session_a"].splitlines()
    assert lines_a[lines_a.index("Interface: GigabitEthernet1") + 1] == "Profile: PROF"
    assert "Session status: UP-ACTIVE" in result["session_a"]
    assert "Profile: PROF" in result["session_b"]
    assert "ring-s3cret" not in "".join(result.values())
    show_crypto = pytest.importorskip("genie.libs.parser.iosxe.show_crypto", reason="genie parsers not installed")
    parsed = show_crypto.ShowCryptoSessionDetail(device=None).cli(output=result["session_a"])
    assert parsed["interface"]["GigabitEthernet1"]["profile"] == "PROF", parsed


def test_wrong_keyring_key_fails_like_a_wrong_global_key(tmp_path: Path) -> None:
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> tuple[str, list[str], list[str]]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            configure(a, profile_config(1, 2, 1, "ring-s3cret"))
            configure(b, profile_config(2, 1, 2, "other-s3cret"))
            ping = await run(a, "ping 10.2.0.1 source Loopback0 repeat 2 timeout 1")
            return ping, [sa.state for sa in a.oper.ike_sa_list()], b.logs.messages()

    ping, states, logs_b = asyncio.run(scenario())
    assert "Success rate is 0 percent" in ping
    assert states == ["MM_KEY_EXCH"]
    assert any("IKMP_BAD_MESSAGE" in line for line in logs_b), logs_b


def test_dpd_removes_the_sas_of_a_peer_whose_data_plane_stopped(tmp_path: Path) -> None:
    """keepalive 10 retry 2 at time_scale 10: a probe after 1 real second of silence, dead 1.2 s later."""
    path = lab_copy(two_routers(time_scale=10), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            configure(a, profile_config(1, 2, 1, "ring-s3cret", keepalive="10 retry 2"))
            configure(b, profile_config(2, 1, 2, "ring-s3cret", keepalive="10 retry 2"))
            up = await run(a, "ping 10.2.0.1 source Loopback0 repeat 3")
            detail = await run(a, "show crypto isakmp sa detail")
            for port in b.dataplane.ports.values():  # RouterB's data plane stops: nothing in, nothing out
                port.close()
            for _ in range(MAX_WAIT_STEPS):
                await run(a, "ping 10.2.0.1 source Loopback0 repeat 1 timeout 0")
                if not a.oper.ipsec_tunnel_list():
                    break
                await asyncio.sleep(0.1)
            return {"up": up, "detail": detail, "tunnels": a.oper.ipsec_tunnel_list(),
                    "ike": {sa.conn_id: sa.deleted for sa in a.oper.ike_sa_list()},
                    "history": [row.reason for row in a.oper.flowmib.ike.history()]}

    result = asyncio.run(scenario())
    assert "!!" in result["up"], result["up"]
    [row] = [line for line in result["detail"].splitlines() if line.startswith("1001 ")]
    assert row.endswith(" D"), row
    assert result["tunnels"] == []
    assert result["ike"][1001], result["ike"]  # the dead peer's ISAKMP SA (later pings start a new one)
    assert result["history"] == ["peerLost"]

"""IKEv2 between two reference routers through crypto maps (`set ikev2-profile`): tunnels come up and carry
pings, land in the same IPsec structures as IKEv1 tunnels, and failures are visible on both sides."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from .harness import configure, lab_copy, run, running_lab
from .ikev2_lab import nge, smart_defaults, two_routers

PING = "ping 10.2.0.1 source Loopback0 repeat 5 timeout 1"


async def _bring_up(lab: Any, lines_a: list[str], lines_b: list[str]) -> str:
    a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
    for router, lines in ((a, lines_a), (b, lines_b)):
        outputs = configure(router, lines)
        assert [o for o in outputs if "NOTE: This new crypto map" not in o] == [], outputs
    return await run(a, PING)


def test_smart_defaults_come_up_and_ping(tmp_path: Path) -> None:
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            ping = await _bring_up(lab, smart_defaults(1), smart_defaults(2))
            return {"ping": ping, "a": a.oper.ipsec_tunnel_list(), "b": b.oper.ipsec_tunnel_list(),
                    "a_sas": a.oper.ikev2.sa_list(), "b_sas": b.oper.ikev2.sa_list(),
                    "logs": a.logs.messages() + b.logs.messages(),
                    "ipsec_sa": await run(a, "show crypto ipsec sa")}

    result = asyncio.run(scenario())
    assert ".!!!!" in result["ping"], result["ping"]
    (tunnel_a,), (tunnel_b,) = result["a"], result["b"]
    assert tunnel_a.outbound[0].spi == tunnel_b.inbound[0].spi
    assert tunnel_a.transforms == ("esp-aes", "esp-sha-hmac") and tunnel_a.key_size == 128
    assert tunnel_a.counters.out_pkts == 4 and tunnel_b.counters.in_pkts == 4
    (sa_a,), (sa_b,) = result["a_sas"], result["b_sas"]
    assert (sa_a.status, sa_a.encryption, sa_a.key_size, sa_a.prf, sa_a.hash, sa_a.dh_group) == \
        ("READY", "AES-CBC", 256, "SHA512", "SHA512", 19)
    assert sa_a.local_spi == sa_b.remote_spi and sa_a.initiator and not sa_b.initiator
    assert "%IKEV2-5-SA_UP: SA UP: local 192.0.2.1 remote 192.0.2.2" in " ".join(result["logs"])
    assert "#pkts encaps: 4" in result["ipsec_sa"]

"""A hub and 50 spokes in one process: every spoke's tunnel comes up and carries traffic."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from refrouter.lab.topologies import HUB_LAN, hub_and_spoke, spoke_lan

from .harness import lab_copy, run, running_lab

SPOKES = 50


@pytest.mark.timeout(600)
def test_fifty_spokes_bring_their_tunnels_up(tmp_path: Path) -> None:
    path = lab_copy(hub_and_spoke(SPOKES), tmp_path)

    async def scenario() -> tuple[list[str], list[str], int, int, int]:
        async with running_lab(path, tmp_path) as runtime:
            spokes = [runtime.routers[f"Spoke{i}"].router for i in range(1, SPOKES + 1)]
            command = f"ping {HUB_LAN} source Loopback0 repeat 5 timeout 5"
            # All fifty negotiate at once; the hub answers them on one event loop.
            first = await asyncio.gather(*(run(router, command) for router in spokes))
            second = await asyncio.gather(*(run(router, command) for router in spokes))
            await asyncio.sleep(0.2)  # let the last replies land before reading counters
            hub_tunnels = runtime.routers["Hub"].router.oper.ipsec_tunnel_list()
            hub_decrypts = sum(t.counters.in_decrypts for t in hub_tunnels)
            spoke_encrypts = sum(t.counters.out_encrypts for r in spokes for t in r.oper.ipsec_tunnel_list())
            return first, second, len(hub_tunnels), hub_decrypts, spoke_encrypts

    first, second, hub_tunnels, hub_decrypts, spoke_encrypts = asyncio.run(scenario())
    for index, out in enumerate(first, start=1):
        probes = out.split("seconds:\n", 1)[1].splitlines()[1]
        assert probes.startswith("."), f"Spoke{index}: the packet that triggers IKE must be lost: {out}"
        assert "!" in probes, f"Spoke{index}: tunnel never came up: {out}"
    for index, out in enumerate(second, start=1):
        assert "Success rate is 100 percent (5/5)" in out, f"Spoke{index}: {out}"
    assert hub_tunnels == SPOKES
    assert hub_decrypts == spoke_encrypts
    assert spoke_encrypts >= SPOKES * 5


def test_spoke_lans_are_distinct() -> None:
    lans = [spoke_lan(i) for i in range(1, 1001)]
    assert len(set(lans)) == len(lans)

"""A hub and 20 spokes, one container each, all spokes on the hub's GigabitEthernet1 segment."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from podmanlab import ContainerLab, probe_line

from refrouter.lab.topologies import HUB_LAN, TRANSPORT_NET, hub_and_spoke

pytestmark = pytest.mark.timeout(900)  # the first test here may build the image (and its base)

SPOKES = 20
SPOKE_NAMES = [f"Spoke{index}" for index in range(1, SPOKES + 1)]


@pytest.fixture(scope="module")
def hub_spoke(container_labs: Callable[[str, dict[str, Any]], ContainerLab]) -> ContainerLab:
    return container_labs(f"chub{os.getpid()}", hub_and_spoke(SPOKES))


def test_every_spoke_pings_the_hub(hub_spoke: ContainerLab) -> None:
    outputs = hub_spoke.run({name: f"ping {TRANSPORT_NET + 1} repeat 5 timeout 5" for name in SPOKE_NAMES})
    failed = {name: out for name, out in outputs.items() if "Success rate is 100 percent (5/5)" not in out}
    assert not failed, failed


def test_every_spoke_tunnel_carries_traffic(hub_spoke: ContainerLab) -> None:
    command = f"ping {HUB_LAN} source Loopback0 repeat 5 timeout 5"
    first = hub_spoke.run({name: command for name in SPOKE_NAMES})  # all twenty negotiate at once
    for name, out in first.items():
        assert probe_line(out).startswith("."), f"{name}: the packet that triggers IKE must be lost: {out}"
        assert "!" in probe_line(out), f"{name}: tunnel never came up: {out}"
    second = hub_spoke.run({name: command for name in SPOKE_NAMES})
    failed = {name: out for name, out in second.items() if "Success rate is 100 percent (5/5)" not in out}
    assert not failed, failed

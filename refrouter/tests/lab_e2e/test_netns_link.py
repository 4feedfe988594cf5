"""A lab link that ends in a network namespace: programs there talk to the router as to a neighbour."""

from __future__ import annotations

import asyncio
import os
import shutil
from ipaddress import IPv4Interface
from pathlib import Path

import pytest
import yaml

from refrouter.lab.labfile import LabError, load_lab
from refrouter.lab.netns import NETNS_DIR, NetnsSpec
from refrouter.state.interfaces import dotted_mac

from .harness import lab_copy, run, running_lab

ROOT = os.geteuid() == 0 and shutil.which("ip") is not None and shutil.which("ping") is not None
STARTUP = ("hostname R1\ninterface Loopback0\n ip address 10.1.0.1 255.255.255.0\n"
           "interface GigabitEthernet1\n ip address 198.51.100.1 255.255.255.0\n no shutdown\n")


def netns_lab(name: str, address: str = "198.51.100.2/24") -> dict[str, object]:
    return {"routers": {"R1": {"ssh_port": 1, "startup_config": STARTUP}},
            "links": [{"a": "R1:GigabitEthernet1", "b": {"netns": name, "interface": "ext0", "address": address}}]}


async def in_netns(name: str, *command: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec("ip", "netns", "exec", name, *command,
                                                   stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, out.decode()


@pytest.mark.skipif(not ROOT, reason="netns links need root, iproute2 and ping")
def test_namespace_pings_the_router_and_a_loopback_behind_it(tmp_path: Path) -> None:
    name = f"rrt{os.getpid()}"
    path = lab_copy(netns_lab(name), tmp_path)

    async def scenario() -> tuple[str, str, str, str, bool]:
        async with running_lab(path, tmp_path) as lab:
            assert (NETNS_DIR / name).exists()
            await in_netns(name, "ip", "route", "add", "10.1.0.0/24", "dev", "ext0")
            _, direct = await in_netns(name, "ping", "-c", "2", "-W", "2", "198.51.100.1")
            _, behind = await in_netns(name, "ping", "-c", "2", "-W", "2", "10.1.0.1")
            from_router = await run(lab.routers["R1"].router, "ping 198.51.100.2 repeat 3")
            arp = await run(lab.routers["R1"].router, "show arp")
        return direct, behind, from_router, arp, (NETNS_DIR / name).exists()

    direct, behind, from_router, arp, still_there = asyncio.run(scenario())
    assert " 0% packet loss" in direct, direct
    assert " 0% packet loss" in behind, behind
    assert "Success rate is 100 percent (3/3)" in from_router, from_router
    mac = dotted_mac(NetnsSpec(name, "ext0", IPv4Interface("198.51.100.2/24")).mac)
    assert any("198.51.100.2" in line and mac in line and "GigabitEthernet1" in line for line in arp.splitlines()), arp
    assert not still_there  # the runtime removes the namespace it created


@pytest.mark.parametrize(("end", "message"), [
    ({"netns": "x", "interface": "ext0"}, r"needs netns, interface, address \(missing: address\)"),
    ({"netns": "x", "interface": "ext0", "address": "198.51.100.2"}, "prefix length"),
    ({"netns": "x", "interface": "ext0", "address": "nonsense/24"}, "IPv4 address with prefix length"),
    ({"netns": "a/b", "interface": "ext0", "address": "198.51.100.2/24"}, "expected a namespace name"),
])
def test_bad_namespace_ends_are_clear_errors(end: dict[str, str], message: str, tmp_path: Path) -> None:
    data = netns_lab("x")
    data["links"] = [{"a": "R1:GigabitEthernet1", "b": end}]
    path = tmp_path / "lab.yml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(LabError, match=message):
        load_lab(path, tmp_path / "state")

"""Dynamic VTI: a hub with `virtual-template 1` in an ISAKMP profile and three spokes with static VTIs.

Each spoke's negotiation clones a Virtual-Access on the hub (numbered from 1), which carries that spoke's
traffic and disappears when the spoke's SA ends."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from refrouter.state.router import Router

from .harness import configure, lab_copy, run, running_lab
from .test_route_based import brief_row, until

SPOKES = 3
HUB = "192.0.2.100"
COMMON = ["crypto isakmp policy 10", " encryption aes 256", " hash sha256", " authentication pre-share",
          " group 14", "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac", " mode tunnel",
          "crypto ipsec profile VTI", " set transform-set TS"]


def hub() -> str:
    return "\n".join(["hostname Hub", *COMMON, "crypto isakmp key dvti-psk address 0.0.0.0 0.0.0.0",
                      "interface Loopback0", " ip address 10.0.0.1 255.255.255.0",
                      "interface GigabitEthernet1", f" ip address {HUB} 255.255.255.0", " no shutdown",
                      "interface Virtual-Template1 type tunnel", " ip unnumbered Loopback0",
                      " tunnel source GigabitEthernet1", " tunnel mode ipsec ipv4",
                      " tunnel protection ipsec profile VTI",
                      "crypto isakmp profile DVTI", " match identity address 192.0.2.0 255.255.255.0",
                      " virtual-template 1"]) + "\n"


def spoke(index: int) -> str:
    return "\n".join([f"hostname Spoke{index}", *COMMON, f"crypto isakmp key dvti-psk address {HUB}",
                      "interface Loopback0", f" ip address 10.{index}.0.1 255.255.255.0",
                      "interface GigabitEthernet1", f" ip address 192.0.2.{index} 255.255.255.0", " no shutdown",
                      "interface Tunnel0", " ip unnumbered Loopback0", " tunnel source GigabitEthernet1",
                      " tunnel mode ipsec ipv4", f" tunnel destination {HUB}",
                      " tunnel protection ipsec profile VTI",
                      "ip route 10.0.0.0 255.255.255.0 Tunnel0"]) + "\n"


def hub_lab() -> dict[str, Any]:
    routers: dict[str, Any] = {"Hub": {"ssh_port": 1, "startup_config": hub()}}
    links = []
    for index in range(1, SPOKES + 1):
        routers[f"Spoke{index}"] = {"ssh_port": 1 + index, "startup_config": spoke(index)}
        links.append({"a": "Hub:GigabitEthernet1", "b": f"Spoke{index}:GigabitEthernet1"})
    return {"routers": routers, "links": links}


def accesses(router: Router) -> dict[str, str]:
    """Virtual-Access name -> spoke address, for those with an IPsec SA."""
    with_sas = {t.interface for t in router.oper.ipsec_tunnel_list()}
    return {va.name: va.peer for va in router.oper.virtual_access.ordered() if va.name in with_sas}


def test_hub_clones_a_virtual_access_per_spoke(tmp_path: Path) -> None:
    path = lab_copy(hub_lab(), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as runtime:
            hub_router = runtime.routers["Hub"].router
            spokes = [runtime.routers[f"Spoke{i}"].router for i in range(1, SPOKES + 1)]
            await until(lambda: len(accesses(hub_router)) == SPOKES, "three Virtual-Access interfaces")
            seen: dict[str, Any] = {"accesses": accesses(hub_router)}
            second = next(name for name, peer in seen["accesses"].items() if peer == "192.0.2.2")
            seen["second"] = second
            await run(spokes[1], "ping 10.0.0.1 source Loopback0 repeat 3 timeout 1")
            seen["brief"] = await run(hub_router, "show ip interface brief")
            seen["interface"] = await run(hub_router, f"show interfaces {second}")
            seen["template"] = await run(hub_router, "show interfaces Virtual-Template1")
            seen["session"] = await run(hub_router, "show crypto session")
            seen["sa"] = await run(hub_router, f"show crypto ipsec sa interface {second}")
            assert configure(spokes[1], ["interface Tunnel0", "shutdown"]) == []
            await until(lambda: second not in hub_router.oper.virtual_access.by_name, f"{second} removed")
            seen["after"] = await run(hub_router, "show ip interface brief")
            seen["logs"] = hub_router.logs.messages()
            return seen

    seen = asyncio.run(scenario())
    assert sorted(seen["accesses"]) == [f"Virtual-Access{i}" for i in range(1, SPOKES + 1)]
    assert sorted(seen["accesses"].values()) == ["192.0.2.1", "192.0.2.2", "192.0.2.3"]
    second = seen["second"]
    for name in seen["accesses"]:
        assert brief_row(seen["brief"], name) == [name, "unassigned", "YES", "unset", "up", "up"]
    assert brief_row(seen["brief"], "Virtual-Template1")[4:] == ["up", "down"]
    head = f"{second} is up, line protocol is up \n  Hardware is Virtual Access interface\n"
    assert seen["interface"].startswith(head)
    assert "  Interface is unnumbered. Using address of Loopback0 (10.0.0.1)\n" in seen["interface"]
    assert f"  Tunnel source {HUB} (GigabitEthernet1), destination 192.0.2.2\n" in seen["interface"]
    packets_in = int(seen["interface"].split(" packets input")[0].rsplit("\n", 1)[1])
    assert packets_in == 3  # the spoke's echo requests arrived on its Virtual-Access
    assert seen["template"].startswith("Virtual-Template1 is up, line protocol is down \n")
    for name in seen["accesses"]:
        assert f"Interface: {name}\nProfile: DVTI\nSession status: UP-ACTIVE\n" in seen["session"], seen["session"]
    assert seen["sa"].startswith(f"interface: {second}\n    Crypto map tag: {second}-head-0, local addr {HUB}\n")
    assert "   remote ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)\n" in seen["sa"]
    assert f"{second} " not in seen["after"]
    assert f"%LINEPROTO-5-UPDOWN: Line protocol on Interface {second}, changed state to down" in seen["logs"]
    assert f"%LINK-3-UPDOWN: Interface {second}, changed state to down" in seen["logs"]

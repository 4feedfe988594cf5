"""Route-based VPNs between two routers in one process: static VTI, GRE over IPsec, plain GRE.

Each router has a LAN on Loopback0 and a static route to the other's LAN over Tunnel0; the tunnel comes up
by itself (no interesting traffic needed), its line protocol follows the IPsec SA."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from refrouter.state.router import Router

from .harness import configure, lab_copy, run, running_lab

LINEPROTO = "%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to "


def startup(name: str, me: int, mode: str, protected: bool = True, shutdown: bool = False) -> str:
    peer, lan, other_lan = 3 - me, me, 3 - me
    lines = [
        f"hostname {name}",
        "interface Loopback0", f" ip address 10.{lan}.0.1 255.255.255.0",
        "interface GigabitEthernet1", f" ip address 192.0.2.{me} 255.255.255.0", " no shutdown",
        "crypto isakmp policy 10", " encryption aes 256", " hash sha256", " authentication pre-share", " group 14",
        f"crypto isakmp key s3cret address 192.0.2.{peer}",
        "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac", " mode tunnel",
        "crypto ipsec profile VTI", " set transform-set TS",
        "interface Tunnel0", f" ip address 172.16.0.{me} 255.255.255.252", " tunnel source GigabitEthernet1",
        f" tunnel mode {mode}", f" tunnel destination 192.0.2.{peer}",
        *([" tunnel protection ipsec profile VTI"] if protected else []),
        *([" shutdown"] if shutdown else []),
        f"ip route 10.{other_lan}.0.0 255.255.255.0 Tunnel0",
    ]
    return "\n".join(lines) + "\n"


def lab(mode: str, protected: bool = True, shutdown: bool = False, time_scale: float = 1) -> dict[str, Any]:
    return {
        "time_scale": time_scale,
        "routers": {
            "RouterA": {"ssh_port": 1, "startup_config": startup("RouterA", 1, mode, protected, shutdown)},
            "RouterB": {"ssh_port": 2, "startup_config": startup("RouterB", 2, mode, protected, shutdown)},
        },
        "links": [{"a": "RouterA:GigabitEthernet1", "b": "RouterB:GigabitEthernet1"}],
    }


async def until(condition: Callable[[], bool], what: str, seconds: float = 20) -> None:
    for _ in range(int(seconds * 10)):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def tunnel_up(router: Router) -> bool:
    return any(t.interface == "Tunnel0" for t in router.oper.ipsec_tunnel_list())


def lineproto(router: Router) -> list[str]:
    return [m.split(LINEPROTO, 1)[1] for m in router.logs.messages() if LINEPROTO in m]


def brief_row(text: str, name: str) -> list[str]:
    return next(line.split() for line in text.splitlines() if line.startswith(name + " "))


def test_static_vti_comes_up_with_the_interface_and_carries_routed_traffic(tmp_path: Path) -> None:
    path = lab_copy(lab("ipsec ipv4", shutdown=True), tmp_path)

    async def scenario() -> dict[str, str]:
        async with running_lab(path, tmp_path) as runtime:
            router_a, router_b = runtime.routers["RouterA"].router, runtime.routers["RouterB"].router
            await asyncio.sleep(1.5)  # a shut tunnel never negotiates
            out = {"down brief": await run(router_a, "show ip interface brief"),
                   "down route": await run(router_a, "show ip route")}
            assert not router_a.oper.ike_sas and not router_b.oper.ike_sas
            for router in (router_a, router_b):
                assert configure(router, ["interface Tunnel0", "no shutdown"]) == []
            await until(lambda: tunnel_up(router_a) and tunnel_up(router_b), "both VTIs up")
            out["ping"] = await run(router_a, "ping 10.2.0.1 source Loopback0 repeat 5 timeout 2")
            out["connected"] = await run(router_b, "ping 172.16.0.1 repeat 2 timeout 2")  # the connected route
            out["brief"] = await run(router_a, "show ip interface brief")
            out["interface"] = await run(router_a, "show interfaces Tunnel0")
            out["route"] = await run(router_a, "show ip route")
            out["sa"] = await run(router_a, "show crypto ipsec sa interface Tunnel0")
            out["session"] = await run(router_b, "show crypto session interface Tunnel0 detail")
            out["lineproto"] = "|".join(lineproto(router_a))
            return out

    out = asyncio.run(scenario())
    assert brief_row(out["down brief"], "Tunnel0")[4:] == ["administratively", "down", "down"]
    assert "10.2.0.0/24" not in out["down route"]
    assert "Success rate is 100 percent (5/5)" in out["ping"], out["ping"]
    assert "Success rate is 100 percent (2/2)" in out["connected"], out["connected"]
    assert brief_row(out["brief"], "Tunnel0") == ["Tunnel0", "172.16.0.1", "YES", "manual", "up", "up"]
    assert out["interface"].startswith("Tunnel0 is up, line protocol is up \n")
    assert "  Tunnel source 192.0.2.1 (GigabitEthernet1), destination 192.0.2.2\n" in out["interface"]
    assert "  Tunnel protocol/transport IPSEC/IP\n" in out["interface"]
    assert '  Tunnel protection via IPSec (profile "VTI")\n' in out["interface"]
    packets_out = int(out["interface"].split(" packets output")[0].rsplit("\n", 1)[1])
    assert packets_out >= 5
    assert "S        10.2.0.0/24 [1/0] is directly connected, Tunnel0" in out["route"]
    assert "C        172.16.0.0/30 is directly connected, Tunnel0" in out["route"]
    assert out["sa"].startswith("interface: Tunnel0\n    Crypto map tag: Tunnel0-head-0, local addr 192.0.2.1\n")
    assert "   local  ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)\n" in out["sa"]
    assert "   remote ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)\n" in out["sa"]
    assert "ip mtu 1500, ip mtu idb GigabitEthernet1\n" in out["sa"]
    assert out["sa"].count("   local  ident") == 1, out["sa"]
    assert "    #pkts encaps: 7, #pkts encrypt: 7, #pkts digest: 7\n" in out["sa"], out["sa"]  # 5 requests, 2 replies
    assert "Interface: Tunnel0\n" in out["session"] and "Session status: UP-ACTIVE" in out["session"]
    assert out["session"].count("  IPSEC FLOW: permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0\n") == 1, out["session"]
    assert out["lineproto"] == "up"


def test_vti_line_protocol_follows_clear_shutdown_and_expiry(tmp_path: Path) -> None:
    # time_scale 600: the 120-second SA lifetime below ends after 0.2 real seconds
    path = lab_copy(lab("ipsec ipv4", time_scale=600), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as runtime:
            router_a, router_b = runtime.routers["RouterA"].router, runtime.routers["RouterB"].router
            await until(lambda: tunnel_up(router_a) and tunnel_up(router_b), "both VTIs up")
            seen: dict[str, Any] = {"first": lineproto(router_a)}
            first_sa = router_a.oper.ipsec_tunnel_list()[0].tunnel_id
            await run(router_a, "clear crypto session")
            await until(lambda: lineproto(router_a)[-2:] == ["down", "up"] and tunnel_up(router_a),
                        "Tunnel0 down and up again after clear")
            assert all(t.tunnel_id != first_sa for t in router_a.oper.ipsec_tunnel_list())
            seen["after clear"] = lineproto(router_a)
            assert configure(router_a, ["interface Tunnel0", "shutdown"]) == []
            await until(lambda: not tunnel_up(router_a) and not tunnel_up(router_b), "SAs gone after shutdown")
            await asyncio.sleep(1.5)  # a shut tunnel does not renegotiate (and the peer cannot reach it)
            seen["shut brief"] = await run(router_a, "show ip interface brief")
            seen["shut b"] = await run(router_b, "show interfaces Tunnel0")
            seen["shut ping"] = await run(router_b, "ping 10.1.0.1 source Loopback0 repeat 2 timeout 1")
            assert not tunnel_up(router_a)
            assert configure(router_a, ["interface Tunnel0", "no shutdown"]) == []
            await until(lambda: tunnel_up(router_a) and tunnel_up(router_b), "VTIs up after no shutdown")
            for router in (router_a, router_b):
                assert configure(router, ["crypto ipsec profile VTI", "set security-association lifetime seconds 120"]
                                 ) == []
            await run(router_a, "clear crypto sa")
            await until(lambda: any(t.lifetime_sec == 120 for t in router_a.oper.ipsec_tunnel_list()),
                        "a 120 s SA")
            short = next(t.tunnel_id for t in router_a.oper.ipsec_tunnel_list() if t.lifetime_sec == 120)
            count = len(lineproto(router_a))
            await until(lambda: short not in router_a.oper.ipsec_tunnels and len(lineproto(router_a)) >= count + 2
                        and tunnel_up(router_a), "expiry, then a new SA")
            seen["expiry"] = lineproto(router_a)[count:count + 2]
            seen["ping"] = await run(router_a, "ping 10.2.0.1 source Loopback0 repeat 3 timeout 2")
            return seen

    seen = asyncio.run(scenario())
    assert seen["first"] == ["up"]
    assert seen["after clear"] == ["up", "down", "up"]
    assert brief_row(seen["shut brief"], "Tunnel0")[4:] == ["administratively", "down", "down"]
    assert seen["shut b"].startswith("Tunnel0 is up, line protocol is down \n")
    assert "  Tunnel linestate evaluation down\n" in seen["shut b"]
    assert "Success rate is 0 percent (0/2)" in seen["shut ping"]
    assert seen["expiry"] == ["down", "up"]
    assert "Success rate is 100 percent (3/3)" in seen["ping"], seen["ping"]


@pytest.mark.parametrize("protected", [True, False], ids=["gre-over-ipsec", "plain-gre"])
def test_gre_tunnel_carries_routed_traffic(protected: bool, tmp_path: Path) -> None:
    path = lab_copy(lab("gre ip", protected=protected), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as runtime:
            router_a, router_b = runtime.routers["RouterA"].router, runtime.routers["RouterB"].router
            if protected:
                await until(lambda: tunnel_up(router_a) and tunnel_up(router_b), "GRE over IPsec SAs")
            else:
                await until(lambda: lineproto(router_a) == ["up"], "GRE line protocol up")
            seen: dict[str, Any] = {"captured": []}
            link_b = runtime.routers["RouterB"].router.dataplane
            link_b.listeners.append(lambda interface, packet: seen["captured"].append((interface, packet.proto)))
            seen["ping"] = await run(router_a, "ping 10.2.0.1 source Loopback0 repeat 5 timeout 2")
            seen["interface"] = await run(router_b, "show interfaces Tunnel0")
            seen["sa"] = await run(router_a, "show crypto ipsec sa")
            seen["session"] = await run(router_a, "show crypto session")
            seen["tunnels"] = len(router_a.oper.ipsec_tunnel_list())
            return seen

    seen = asyncio.run(scenario())
    assert "Success rate is 100 percent (5/5)" in seen["ping"], seen["ping"]
    assert "  Tunnel protocol/transport GRE/IP\n" in seen["interface"]
    arrivals = [(interface, proto) for interface, proto in seen["captured"]]
    # what RouterB's data plane saw of the first echo request: outer ESP (or GRE) on Gi1, ICMP on Tunnel0
    if protected:
        assert arrivals[:3] == [("GigabitEthernet1", 50), ("GigabitEthernet1", 47), ("Tunnel0", 1)], arrivals
        assert "interface: Tunnel0\n    Crypto map tag: Tunnel0-head-0, local addr 192.0.2.1\n" in seen["sa"]
        assert "   local  ident (addr/mask/prot/port): (192.0.2.1/255.255.255.255/47/0)\n" in seen["sa"]
        assert "   remote ident (addr/mask/prot/port): (192.0.2.2/255.255.255.255/47/0)\n" in seen["sa"]
        assert "  IPSEC FLOW: permit 47 host 192.0.2.1 host 192.0.2.2" in seen["session"], seen["session"]
        assert seen["tunnels"] == 1
    else:
        assert arrivals[:2] == [("GigabitEthernet1", 47), ("Tunnel0", 1)], arrivals
        assert "Tunnel protection" not in seen["interface"]
        assert seen["sa"] == "" and seen["tunnels"] == 0


def test_recursive_route_and_unprotected_vti_carry_nothing(tmp_path: Path) -> None:
    path = lab_copy(lab("gre ip", protected=False), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as runtime:
            router_a = runtime.routers["RouterA"].router
            await until(lambda: lineproto(router_a) == ["up"], "GRE line protocol up")
            seen: dict[str, Any] = {}
            # the tunnel destination routed into the tunnel itself
            assert configure(router_a, ["ip route 192.0.2.2 255.255.255.255 Tunnel0"]) == []
            seen["recursive"] = await run(router_a, "ping 10.2.0.1 source Loopback0 repeat 2 timeout 1")
            seen["drops"] = router_a.dataplane.drops.get("tunnel recursive routing", 0)
            assert configure(router_a, ["no ip route 192.0.2.2 255.255.255.255 Tunnel0",
                                        "interface Tunnel0", "tunnel mode ipsec ipv4"]) == []
            await until(lambda: lineproto(router_a) == ["up", "down"], "an unprotected VTI goes down")
            seen["vti"] = await run(router_a, "show interfaces Tunnel0")
            seen["route"] = await run(router_a, "show ip route")
            return seen

    seen = asyncio.run(scenario())
    assert "Success rate is 0 percent (0/2)" in seen["recursive"]
    assert seen["drops"] == 2
    assert seen["vti"].startswith("Tunnel0 is up, line protocol is down \n")
    assert "Tunnel0" not in seen["route"]

"""IP shows: `show ip interface brief`, `show ip route`, `show access-lists`."""

from __future__ import annotations

import ipaddress

from ..state.config.model import Interface
from ..state.config.render import sorted_interfaces
from ..state.config.tunnel_status import (
    down_tunnels,
    is_tunnel_like,
    line_protocol_up,
    virtual_access_interfaces,
)
from ..state.router import Router


def shown_interfaces(router: Router) -> list[Interface]:
    """The configured interfaces, then the Virtual-Access interfaces dynamic VTI cloned."""
    return sorted_interfaces(router.running) + virtual_access_interfaces(router.running, router.oper)


def interface_status(router: Router, name: str) -> tuple[str, str]:
    iface = router.running.interfaces.get(name)
    if iface is not None and iface.shutdown:
        return "administratively down", "down"
    if is_tunnel_like(name):
        return "up", "up" if line_protocol_up(router.running, router.oper, name) else "down"
    return "up", "up"


def ip_interface_brief(router: Router) -> str:
    lines = ["Interface              IP-Address      OK? Method Status                Protocol"]
    for iface in shown_interfaces(router):
        status, protocol = interface_status(router, iface.name)
        address = iface.address or "unassigned"
        method = "manual" if iface.address else "unset"
        lines.append(f"{iface.name:<23}{address:<16}YES {method:<7}{status:<22}{protocol}")
    return "\n".join(lines) + "\n"


ROUTE_CODES = """Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP
       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area 
       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2
       E1 - OSPF external type 1, E2 - OSPF external type 2, m - OMP
       n - NAT, Ni - NAT inside, No - NAT outside, Nd - NAT DIA
       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2
       ia - IS-IS inter area, * - candidate default, U - per-user static route
       H - NHRP, G - NHRP registered, g - NHRP registration summary
       o - ODR, P - periodic downloaded static route, l - LISP
       a - application route
       + - replicated route, % - next hop override, p - overrides from PfR
       & - replicated local route overrides by connected

"""


def ip_route(router: Router) -> str:
    entries: list[tuple[ipaddress.IPv4Network, str]] = []
    down = down_tunnels(router.running, router.oper)
    for iface in router.running.interfaces.values():
        if not iface.address or iface.shutdown or iface.vrf or iface.name in down:
            continue
        net = ipaddress.IPv4Interface(f"{iface.address}/{iface.mask}")
        entries.append((net.network, f"C        {net.network} is directly connected, {iface.name}"))
        entries.append(
            (
                ipaddress.IPv4Network(f"{net.ip}/32"),
                f"L        {net.ip}/32 is directly connected, {iface.name}",
            )
        )
    for route in router.running.static_routes:
        if route.vrf or route.interface in down:
            continue
        net = ipaddress.IPv4Network(f"{route.prefix}/{route.mask}")
        via = f"via {route.next_hop}" if route.next_hop else f"is directly connected, {route.interface}"
        distance = route.distance or 1
        entries.append((net, f"S        {net} [{distance}/0] {via}"))
    default = any(n.prefixlen == 0 for n, _ in entries)
    header = ROUTE_CODES + ("Gateway of last resort is set\n\n" if default else "Gateway of last resort is not set\n\n")
    body = [line for _, line in sorted(entries, key=lambda e: (int(e[0].network_address), e[0].prefixlen))]
    return header + "".join(f"{line}\n" for line in body)


def access_lists(router: Router, name: str | None) -> str:
    lines: list[str] = []
    for acl in sorted(router.running.access_lists.values(), key=lambda a: (a.named, a.name.zfill(6))):
        if name is not None and acl.name != name:
            continue
        lines.append(f"{acl.kind.capitalize()} IP access list {acl.name}")
        for entry in acl.entries:
            if entry.action == "remark":
                continue
            hits = router.acl_hits.get((acl.name, entry.seq), 0)
            suffix = f" ({hits} match{'es' if hits != 1 else ''})" if hits else ""
            lines.append(f"    {entry.seq} {entry.action} {entry.text}{suffix}")
    return "\n".join(lines) + ("\n" if lines else "")

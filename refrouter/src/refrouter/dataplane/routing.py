"""The routing table: connected and static routes, longest-prefix match."""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Interface, IPv4Network

from ..config.model import RunningConfig


@dataclass(frozen=True)
class Route:
    network: IPv4Network
    interface: str | None
    next_hop: IPv4Address | None
    kind: str  # connected | local | static
    distance: int = 0


def interface_up(config: RunningConfig, name: str) -> bool:
    iface = config.interfaces.get(name)
    return iface is not None and not iface.shutdown and iface.address is not None


def build_table(config: RunningConfig, vrf: str | None = None) -> list[Route]:
    routes: list[Route] = []
    for iface in config.interfaces.values():
        if iface.vrf != vrf or not interface_up(config, iface.name):
            continue
        net = IPv4Interface(f"{iface.address}/{iface.mask}")
        routes.append(Route(net.network, iface.name, None, "connected"))
        routes.append(Route(IPv4Network(f"{net.ip}/32"), iface.name, None, "local"))
    for static in config.static_routes:
        if static.vrf != vrf:
            continue
        if static.interface and not interface_up(config, static.interface):
            continue
        hop = IPv4Address(static.next_hop) if static.next_hop else None
        routes.append(Route(IPv4Network(f"{static.prefix}/{static.mask}"), static.interface, hop, "static",
                            static.distance or 1))
    return routes


def lookup(routes: list[Route], dst: IPv4Address, depth: int = 0) -> tuple[str, IPv4Address] | None:
    """Egress interface and next hop for `dst`; recursive for static routes via a next hop."""
    candidates = [r for r in routes if dst in r.network]
    if not candidates or depth > 8:
        return None
    best = max(candidates, key=lambda r: (r.network.prefixlen, -r.distance))
    if best.kind in ("connected", "local"):
        return best.interface or "", dst
    if best.interface and best.next_hop is None:
        return best.interface, dst
    assert best.next_hop is not None
    if best.interface:
        return best.interface, best.next_hop
    resolved = lookup(routes, best.next_hop, depth + 1)
    if resolved is None:
        return None
    return resolved[0], best.next_hop

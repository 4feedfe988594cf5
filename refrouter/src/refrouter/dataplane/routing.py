"""The routing table: connected and static routes, longest-prefix match."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from ipaddress import IPv4Address, IPv4Interface, IPv4Network
from operator import attrgetter

from ..state.config.model import RunningConfig


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


InterfaceKey = tuple[str, str | None, str | None, bool, str | None, str | None]  # + vrf, unnumbered
StaticKey = tuple[str, str, str | None, str | None, int | None, str | None]
_interface_key = attrgetter("name", "address", "mask", "shutdown", "vrf", "unnumbered")
_static_key = attrgetter("prefix", "mask", "next_hop", "interface", "distance", "vrf")


@dataclass(frozen=True)
class RouteTable:
    routes: tuple[Route, ...]
    by_length: dict[int, dict[int, list[Route]]]  # prefix length -> network address -> routes, longest first

    def covering(self, dst: IPv4Address) -> list[Route]:
        """The routes whose network holds `dst`, longest prefix first."""
        address = int(dst)
        found: list[Route] = []
        for length, networks in self.by_length.items():
            found += networks.get(address & (0xFFFFFFFF << (32 - length)) & 0xFFFFFFFF, ())
        return found


def build_table(config: RunningConfig, vrf: str | None = None, down: frozenset[str] = frozenset()) -> RouteTable:
    """The routes of `vrf`, rebuilt only when the interfaces or static routes change; `down` names the
    tunnel interfaces whose line protocol is down (their connected and static routes are not used).

    Every forwarded packet and every proxy-ARP question needs the table; parsing a hub's hundreds of
    static routes and scanning them for each packet made packet handling slow (docs/performance.md).
    """
    interfaces = tuple(map(_interface_key, config.interfaces.values()))
    return _table(vrf, interfaces, tuple(map(_static_key, config.static_routes)), down)


@lru_cache(maxsize=4096)
def _table(vrf: str | None, interfaces: tuple[InterfaceKey, ...], statics: tuple[StaticKey, ...],
           down: frozenset[str]) -> RouteTable:
    usable = {name for name, address, _mask, shutdown, _vrf, unnumbered in interfaces
              if not shutdown and (address is not None or unnumbered is not None) and name not in down}
    up = {name for name, address, *_ in interfaces if name in usable and address is not None}
    routes: list[Route] = []
    for name, address, mask, _shutdown, iface_vrf, _unnumbered in interfaces:
        if iface_vrf != vrf or name not in up:
            continue
        net = IPv4Interface(f"{address}/{mask}")
        routes.append(Route(net.network, name, None, "connected"))
        routes.append(Route(IPv4Network(f"{net.ip}/32"), name, None, "local"))
    for prefix, mask, next_hop, interface, distance, static_vrf in statics:
        if static_vrf != vrf or (interface and interface not in usable):
            continue
        hop = IPv4Address(next_hop) if next_hop else None
        routes.append(Route(IPv4Network(f"{prefix}/{mask}"), interface, hop, "static", distance or 1))
    by_length: dict[int, dict[int, list[Route]]] = {}
    for route in sorted(routes, key=lambda r: -r.network.prefixlen):
        by_length.setdefault(route.network.prefixlen, {}).setdefault(
            int(route.network.network_address), []
        ).append(route)
    return RouteTable(tuple(routes), by_length)


def lookup(table: RouteTable, dst: IPv4Address, depth: int = 0) -> tuple[str, IPv4Address] | None:
    """Egress interface and next hop for `dst`; recursive for static routes via a next hop."""
    candidates = table.covering(dst)
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
    resolved = lookup(table, best.next_hop, depth + 1)
    if resolved is None:
        return None
    return resolved[0], best.next_hop

"""Lab links → segments of UDP link ports between the routers' data planes."""

from __future__ import annotations

import asyncio
import re
import socket
from dataclasses import dataclass

from ..dataplane.links import Address, LinkPort
from ..dataplane.node import DataPlane
from .labfile import LabError, LinkSpec

Endpoint = tuple[str, str]  # (router, interface)


def segments(links: list[LinkSpec]) -> list[list[Endpoint]]:
    """Links sharing an endpoint form one segment (union-find), in first-seen order."""
    parent: dict[Endpoint, Endpoint] = {}

    def find(node: Endpoint) -> Endpoint:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for link in links:
        a, b = (link.a_router, link.a_interface), (link.b_router, link.b_interface)
        parent[find(a)] = find(b)
    groups: dict[Endpoint, list[Endpoint]] = {}
    for node in parent:
        groups.setdefault(find(node), []).append(node)
    return list(groups.values())


async def wire(links: list[LinkSpec], planes: dict[str, DataPlane], host: str = "127.0.0.1",
               others: dict[Endpoint, LinkPort] | None = None) -> list[LinkPort]:
    """Open one UDP port per linked interface and tell each the addresses of its segment peers.

    An endpoint that is no router's (a network namespace) gets its port put into `others`."""
    ports: list[LinkPort] = []
    for segment in segments(links):
        members = []
        for router, interface in segment:
            port = LinkPort(interface=interface, bind=(host, 0))
            await port.open()
            if router in planes:
                planes[router].attach(port)
            elif others is not None:
                others[(router, interface)] = port
            members.append(port)
        for port in members:
            port.peers = [other.bind for other in members if other is not port]
            port.segment = members
        ports.extend(members)
    return ports


# ------------------------------------------------------------------ links to routers in other processes

RESOLVE_RETRY = 1.0  # seconds between lookups while a peer name does not resolve (its container is not up)
RESOLVE_REFRESH = 10.0  # seconds between lookups once all resolve (a restarted container may move)
_ENDPOINT = re.compile(r"^(?P<interface>[^:=\s]+):(?P<port>\d+)=(?P<peers>\S*)$")
_resolvers: set[asyncio.Task[None]] = set()


@dataclass(frozen=True)
class LinkEndpoint:
    """This router's side of a link whose peers run elsewhere: `IFACE:PORT=HOST:PORT[,HOST:PORT...]`.

    The interface's UDP port binds PORT; the peers are the other members of its segment, by host name
    (a container name) or address. An empty peer list is allowed (a segment with one member so far).
    """

    interface: str
    port: int
    peers: tuple[tuple[str, int], ...]

    def __str__(self) -> str:
        return f"{self.interface}:{self.port}=" + ",".join(f"{host}:{port}" for host, port in self.peers)


def _udp_port(text: str, where: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise LabError(f"{where}: expected a UDP port 1-65535, got {text!r}")
    return int(text)


def parse_link_endpoint(text: str) -> LinkEndpoint:
    from ..state.interfaces import canonical_interface

    match = _ENDPOINT.match(text.strip())
    if match is None:
        raise LabError(f"link {text!r}: expected INTERFACE:PORT=HOST:PORT[,HOST:PORT...]")
    interface = canonical_interface(match["interface"])
    if interface is None:
        raise LabError(f"link {text!r}: unknown interface {match['interface']!r}")
    peers = []
    for peer in filter(None, match["peers"].split(",")):
        host, _, port = peer.rpartition(":")
        if not host:
            raise LabError(f"link {text!r}: peer {peer!r} is not HOST:PORT")
        peers.append((host, _udp_port(port, f"link {text!r}")))
    return LinkEndpoint(interface, _udp_port(match["port"], f"link {text!r}"), tuple(peers))


async def resolve_peers(peers: tuple[tuple[str, int], ...]) -> list[Address]:
    """The IPv4 (address, port) of each peer that resolves now, in the given order."""
    loop = asyncio.get_running_loop()
    resolved = []
    for host, port in peers:
        try:
            infos = await loop.getaddrinfo(host, port, family=socket.AF_INET, type=socket.SOCK_DGRAM)
        except OSError:
            continue
        resolved.append((str(infos[0][4][0]), port))
    return resolved


async def keep_peers_resolved(port: LinkPort, peers: tuple[tuple[str, int], ...]) -> None:
    """Keep `port.peers` current while the port is open; forget what was learned from a moved peer."""
    while port.transport is not None and not port.transport.is_closing():
        addresses = await resolve_peers(peers)
        if addresses != port.peers:
            gone = set(port.peers) - set(addresses)
            port.learned = {ip: where for ip, where in port.learned.items() if where not in gone}
            port.peers = addresses
        await asyncio.sleep(RESOLVE_REFRESH if len(addresses) == len(peers) else RESOLVE_RETRY)


async def wire_endpoints(endpoints: dict[str, list[LinkEndpoint]], planes: dict[str, DataPlane],
                         host: str) -> list[LinkPort]:
    """Open each router's endpoint ports on `host` and keep their peers' addresses resolved."""
    ports = []
    for router, router_endpoints in endpoints.items():
        for endpoint in router_endpoints:
            port = LinkPort(interface=endpoint.interface, bind=(host, endpoint.port))
            await port.open()
            planes[router].attach(port)
            port.peers = await resolve_peers(endpoint.peers)
            task = asyncio.get_running_loop().create_task(keep_peers_resolved(port, endpoint.peers))
            _resolvers.add(task)
            task.add_done_callback(_resolvers.discard)
            ports.append(port)
    return ports

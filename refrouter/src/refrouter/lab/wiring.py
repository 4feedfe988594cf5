"""Lab links → segments of UDP link ports between the routers' data planes."""

from __future__ import annotations

from ..dataplane.links import LinkPort
from ..dataplane.node import DataPlane
from .labfile import LinkSpec

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


async def wire(links: list[LinkSpec], planes: dict[str, DataPlane], host: str = "127.0.0.1") -> list[LinkPort]:
    """Open one UDP port per linked interface and tell each the addresses of its segment peers."""
    ports: list[LinkPort] = []
    for segment in segments(links):
        members = []
        for router, interface in segment:
            port = LinkPort(interface=interface, bind=(host, 0))
            await port.open()
            planes[router].attach(port)
            members.append(port)
        for port in members:
            port.peers = [other.bind for other in members if other is not port]
        ports.extend(members)
    return ports

"""Whether a lab router's management traffic still gets through: the interface it arrives on (a lab file's
`management_interface`) and the management station's address (`management_source`).

Management is cut, as on a real router, when that interface is shut down or has no address, or when a crypto
map on it captures the router's replies to the station (its ACL permits them) and no IPsec tunnel carries
them. An inbound `ip access-group` is not modelled yet (the config model has no such field).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from .config.model import RunningConfig
from .config.selectors import selectors_for_packet
from .oper.sa import IpsecTunnel

SSH_PORT = 22
TCP = 6


@dataclass(frozen=True)
class ManagementAccess:
    interface: str
    source: str


def cut_reason(config: RunningConfig, access: ManagementAccess, tunnels: list[IpsecTunnel]) -> str | None:
    """Why the station can no longer reach the router; None while it can."""
    iface = config.interfaces.get(access.interface)
    if iface is None:
        return f"{access.interface} does not exist"
    if iface.shutdown:
        return f"{access.interface} is shut down"
    if iface.address is None:
        return f"{access.interface} has no IP address"
    cmap = config.crypto_maps.get(iface.crypto_map) if iface.crypto_map else None
    if cmap is None:
        return None
    for seq in sorted(cmap.entries):
        acl = config.access_lists.get(cmap.entries[seq].match_address or "")
        if acl is None:
            continue
        if selectors_for_packet(acl, iface.address, access.source, TCP, SSH_PORT, 0) is None:
            continue
        if not any(_carries(t, cmap.name, iface.address, access.source) for t in tunnels):
            return f"crypto map {cmap.name} {seq} on {access.interface} captures the management traffic"
        return None
    return None


def _carries(tunnel: IpsecTunnel, map_name: str, local: str, remote: str) -> bool:
    return (tunnel.map_name == map_name
            and ipaddress.IPv4Address(local) in tunnel.local_ident.network
            and ipaddress.IPv4Address(remote) in tunnel.remote_ident.network)

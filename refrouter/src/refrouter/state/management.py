"""Whether a lab router's management traffic still gets through: the interface it arrives on (a lab file's
`management_interface`) and the management station's address (`management_source`).

Management is cut, as on a real router, when that interface is shut down or has no address, when its inbound
`ip access-group` denies the station's SSH packets (TCP to port 22; an access list that does not exist
or is empty permits everything, as on IOS), or when a crypto map on it captures the router's replies to the station (its
ACL permits them) and no IPsec tunnel carries them.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from .config.acl_match import filter_verdict
from .config.model import RunningConfig
from .config.selectors import selectors_for_packet
from .oper.sa import IpsecTunnel

SSH_PORT = 22
STATION_PORT = 49152  # the station's ephemeral source port, as an ACL sees it
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
    if _inbound_acl_denies(config, iface.access_group_in, access.source, iface.address):
        return f"access list {iface.access_group_in} inbound on {access.interface} denies the management traffic"
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


def _inbound_acl_denies(config: RunningConfig, acl_name: str | None, station: str, address: str) -> bool:
    acl = config.access_lists.get(acl_name) if acl_name else None
    return not filter_verdict(acl, station, address, TCP, STATION_PORT, SSH_PORT)[0]


def _carries(tunnel: IpsecTunnel, map_name: str, local: str, remote: str) -> bool:
    return (tunnel.map_name == map_name
            and ipaddress.IPv4Address(local) in tunnel.local_ident.network
            and ipaddress.IPv4Address(remote) in tunnel.remote_ident.network)

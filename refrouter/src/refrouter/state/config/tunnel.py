"""Typed tunnel-interface settings (GRE/mGRE/VTI, tunnel protection, NHRP) and their running-config lines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

DEFAULT_TUNNEL_MODE = "gre ip"
TUNNEL_MODES = ("gre ip", "gre multipoint", "gre ipv6", "ipsec ipv4", "ipsec ipv6")


@dataclass
class TunnelSettings:
    source: str | None = None  # interface name or address
    destination: str | None = None  # address, hostname, or "dynamic" (virtual templates)
    mode: str = DEFAULT_TUNNEL_MODE
    key: int | None = None
    vrf: str | None = None
    path_mtu_discovery: bool = False
    protection_profile: str | None = None
    protection_shared: bool = False
    protection_ikev2_profile: str | None = None


@dataclass
class NhrpSettings:
    authentication: str | None = None
    maps: list[str] = field(default_factory=list)  # "10.0.0.1 192.0.2.1" (protocol address, NBMA address)
    map_multicast: list[str] = field(default_factory=list)  # "dynamic" or NBMA addresses
    network_id: int | None = None
    holdtime: int | None = None
    nhs: list[str] = field(default_factory=list)
    redirect: bool = False
    shortcut: str | None = None  # "" for bare `shortcut`, "virtual-template 1"


def render_nhrp(nhrp: NhrpSettings) -> Iterator[str]:
    if nhrp.authentication:
        yield f" ip nhrp authentication {nhrp.authentication}"
    for entry in nhrp.maps:
        yield f" ip nhrp map {entry}"
    for entry in nhrp.map_multicast:
        yield f" ip nhrp map multicast {entry}"
    if nhrp.network_id is not None:
        yield f" ip nhrp network-id {nhrp.network_id}"
    if nhrp.holdtime is not None:
        yield f" ip nhrp holdtime {nhrp.holdtime}"
    for entry in nhrp.nhs:
        yield f" ip nhrp nhs {entry}"
    if nhrp.redirect:
        yield " ip nhrp redirect"
    if nhrp.shortcut is not None:
        yield " ip nhrp shortcut" + (f" {nhrp.shortcut}" if nhrp.shortcut else "")


def render_tunnel(tunnel: TunnelSettings) -> Iterator[str]:
    if tunnel.source:
        yield f" tunnel source {tunnel.source}"
    if tunnel.mode != DEFAULT_TUNNEL_MODE:
        yield f" tunnel mode {tunnel.mode}"
    if tunnel.destination:
        yield f" tunnel destination {tunnel.destination}"
    if tunnel.key is not None:
        yield f" tunnel key {tunnel.key}"
    if tunnel.vrf:
        yield f" tunnel vrf {tunnel.vrf}"
    if tunnel.path_mtu_discovery:
        yield " tunnel path-mtu-discovery"
    if tunnel.protection_profile:
        line = f" tunnel protection ipsec profile {tunnel.protection_profile}"
        if tunnel.protection_ikev2_profile:
            line += f" ikev2-profile {tunnel.protection_ikev2_profile}"
        yield line + (" shared" if tunnel.protection_shared else "")

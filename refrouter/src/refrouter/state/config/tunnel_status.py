"""Tunnel interfaces as the router sees them: endpoints, the protected flow, line protocol, Virtual-Access.

Shared by the IKE engine (which flow a tunnel protects), the data plane (routes over up tunnels only) and
the shows (status columns). Line protocol (docs/refrouter-route-based.md):
- a Tunnel interface is up when not shut down, its source resolves to an address and its destination is
  set; with `tunnel protection` it is also down until an IPsec SA for it exists (IOS VTI behaviour), and
  `tunnel mode ipsec ipv4` without protection stays down;
- a Virtual-Template is a template: up/down; a Virtual-Access is up while it has IPsec SAs.
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv4Address

from ..oper.sa import ProxyIdent
from ..oper.state import OperState
from ..oper.virtual_access import VIRTUAL_ACCESS, VirtualAccess
from .model import Interface, RunningConfig
from .tunnel import TunnelSettings

TUNNEL = "Tunnel"
VIRTUAL_TEMPLATE = "Virtual-Template"
HEAD_SUFFIX = "-head-0"  # IOS names a VTI's internal crypto map "Tunnel0-head-0"
PROTECTION_SEQ = 65536  # the sequence IOS prints for that map's profile entry
GRE_PROTOCOL = 47
ANY = ProxyIdent("0.0.0.0", "0.0.0.0")
IPSEC_MODES = ("ipsec ipv4",)
GRE_MODES = ("gre ip",)


@dataclass(frozen=True)
class TunnelEndpoints:
    interface: str
    local: str
    peer: str
    settings: TunnelSettings


def is_tunnel_like(name: str) -> bool:
    return name.startswith((TUNNEL, VIRTUAL_TEMPLATE, VIRTUAL_ACCESS))


def map_tag(interface: str) -> str:
    return interface + HEAD_SUFFIX


def interface_of_tag(tag: str) -> str | None:
    return tag[: -len(HEAD_SUFFIX)] if tag.endswith(HEAD_SUFFIX) else None


def source_address(config: RunningConfig, settings: TunnelSettings) -> str | None:
    """`tunnel source` as an address: an interface's (when it is up) or the literal address."""
    if settings.source is None:
        return None
    iface = config.interfaces.get(settings.source)
    if iface is not None:
        return iface.address if iface.address and not iface.shutdown else None
    try:
        return str(IPv4Address(settings.source))
    except ValueError:
        return None


def endpoints(config: RunningConfig, iface: Interface) -> TunnelEndpoints | None:
    """Source and destination of a Tunnel interface that can carry traffic now; None when it cannot."""
    settings = iface.tunnel
    if settings is None or iface.shutdown or not iface.name.startswith(TUNNEL):
        return None
    local = source_address(config, settings)
    try:
        peer = str(IPv4Address(settings.destination or ""))
    except ValueError:
        return None
    return TunnelEndpoints(iface.name, local, peer, settings) if local else None


def protected_flow(mode: str, local: str, peer: str) -> tuple[ProxyIdent, ProxyIdent] | None:
    """(local, remote) proxy identities a protected tunnel negotiates: any/any for a VTI, the GRE flow
    between the endpoints (host, protocol 47) for GRE over IPsec, as IOS; None for modes not modelled."""
    if mode in IPSEC_MODES:
        return ANY, ANY
    if mode in GRE_MODES:
        return ProxyIdent(local, proto=GRE_PROTOCOL), ProxyIdent(peer, proto=GRE_PROTOCOL)
    return None


def protected_tunnels(config: RunningConfig) -> list[TunnelEndpoints]:
    """Tunnel interfaces with `tunnel protection` that can negotiate now."""
    found = []
    for iface in config.interfaces.values():
        ends = endpoints(config, iface)
        if ends is not None and ends.settings.protection_profile:
            found.append(ends)
    return found


def interfaces_with_sas(oper: OperState) -> set[str]:
    return {t.interface for t in oper.ipsec_tunnels.values() if t.interface}


def line_protocol_up(config: RunningConfig, oper: OperState, name: str, with_sas: set[str] | None = None) -> bool:
    """Line protocol of a tunnel-like interface (see the module docstring); other interfaces follow shutdown."""
    with_sas = interfaces_with_sas(oper) if with_sas is None else with_sas
    if name.startswith(VIRTUAL_ACCESS):
        return name in oper.virtual_access.by_name and name in with_sas
    iface = config.interfaces.get(name)
    if iface is None or iface.shutdown:
        return False
    if name.startswith(VIRTUAL_TEMPLATE):
        return False
    if not name.startswith(TUNNEL):
        return True
    ends = endpoints(config, iface)
    if ends is None:
        return False
    if ends.settings.protection_profile:
        return name in with_sas
    return ends.settings.mode not in IPSEC_MODES  # a VTI without protection has nothing to carry it


def down_tunnels(config: RunningConfig, oper: OperState) -> frozenset[str]:
    """Configured tunnel-like interfaces whose line protocol is down: routes over them are not used."""
    with_sas = interfaces_with_sas(oper)
    return frozenset(name for name in config.interfaces if is_tunnel_like(name)
                     and not line_protocol_up(config, oper, name, with_sas))


def virtual_access_interface(config: RunningConfig, access: VirtualAccess) -> Interface:
    """The interface a Virtual-Access shows: its template's settings, the spoke as tunnel destination."""
    template = config.interfaces.get(f"{VIRTUAL_TEMPLATE}{access.template}")
    settings = TunnelSettings(mode=template.tunnel.mode if template and template.tunnel else "ipsec ipv4")
    if template is not None and template.tunnel is not None:
        base = template.tunnel
        settings = TunnelSettings(base.source, access.peer, base.mode, base.key, base.vrf, base.path_mtu_discovery,
                                  base.protection_profile, base.protection_shared, base.protection_ikev2_profile)
    else:
        settings.destination = access.peer
    return Interface(access.name, unnumbered=template.unnumbered if template else None,
                     vrf=template.vrf if template else None, tunnel=settings)


def virtual_access_interfaces(config: RunningConfig, oper: OperState) -> list[Interface]:
    return [virtual_access_interface(config, access) for access in oper.virtual_access.ordered()]


def transport_interface(config: RunningConfig, oper: OperState, name: str) -> str:
    """The interface a tunnel's packets leave by (`ip mtu idb` of `show crypto ipsec sa`): the one named
    or addressed by `tunnel source` (a Virtual-Access: its template's); other interfaces: themselves."""
    access = oper.virtual_access.by_name.get(name)
    iface = config.interfaces.get(f"{VIRTUAL_TEMPLATE}{access.template}" if access else name)
    source = iface.tunnel.source if iface is not None and iface.tunnel is not None else None
    if source is None:
        return name
    if source in config.interfaces:
        return source
    return next((i.name for i in config.interfaces.values() if i.address == source), name)

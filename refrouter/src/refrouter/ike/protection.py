"""`tunnel protection ipsec profile`: the crypto map entry a protected tunnel negotiates with.

IOS builds an internal crypto map per protected tunnel, `Tunnel0-head-0` (sequence 65536), from the ipsec
profile: transform sets, PFS, lifetimes; the peer is the tunnel destination and the proxies are any/any
(VTI) or the GRE flow between the endpoints (GRE over IPsec). The engine therefore sees a VTI as one more
crypto map entry: the initiator names the tag in its StartRequest, the responder finds the tunnel whose
endpoints and flow match the offer. Dynamic VTI: an ISAKMP profile with `virtual-template N` whose
`match identity address` covers the peer accepts any/any offers on `interface Virtual-TemplateN type
tunnel`; the tunnel is installed on a Virtual-Access interface cloned for that peer (`bind`).
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network

from ..state.config.model import CryptoMapEntry, IpsecProfile, RunningConfig
from ..state.config.tunnel_status import (
    PROTECTION_SEQ,
    VIRTUAL_TEMPLATE,
    interface_of_tag,
    map_tag,
    protected_flow,
    protected_tunnels,
    source_address,
)
from ..state.oper.sa import ProxyIdent
from ..state.oper.state import OperState
from ..state.oper.virtual_access import VIRTUAL_ACCESS
from .mapping import EntryMatch


def profile_entry(profile: IpsecProfile, peer: str | None) -> CryptoMapEntry:
    """The crypto map entry an ipsec profile stands for."""
    return CryptoMapEntry(PROTECTION_SEQ, peers=[peer] if peer else [], transform_sets=list(profile.transform_sets),
                          pfs=profile.pfs, lifetime=profile.lifetime, isakmp_profile=profile.isakmp_profile,
                          ikev2_profile=profile.ikev2_profile)


def initiator_entry(config: RunningConfig, oper: OperState, tag: str) -> CryptoMapEntry | None:
    """The entry behind `TunnelN-head-0` (or a Virtual-Access's tag, for rekeys)."""
    name = interface_of_tag(tag)
    if name is None:
        return None
    if name.startswith(VIRTUAL_ACCESS):
        access = oper.virtual_access.by_name.get(name)
        iface = config.interfaces.get(f"{VIRTUAL_TEMPLATE}{access.template}") if access else None
        peer = access.peer if access else None
    else:
        iface = config.interfaces.get(name)
        peer = iface.tunnel.destination if iface and iface.tunnel else None
    settings = iface.tunnel if iface else None
    profile = config.ipsec_profile(settings.protection_profile) if settings else None
    return profile_entry(profile, peer) if profile else None


def _covers(flow: tuple[ProxyIdent, ProxyIdent] | None, local: ProxyIdent, remote: ProxyIdent) -> bool:
    return flow is not None and flow[0].covers(local) and flow[1].covers(remote)


def responder_match(config: RunningConfig, local_address: str, peer: str, local: ProxyIdent,
                    remote: ProxyIdent) -> EntryMatch | None:
    """A static protected tunnel to `peer`, else a Virtual-Template an ISAKMP profile offers the peer."""
    found = static_match(config, local_address, peer, local, remote)
    if found is not None:
        return found
    for isakmp in config.ikev1.profiles.values():
        if isakmp.virtual_template is not None and any(_identity_covers(words, peer)
                                                       for words in isakmp.match_identities):
            found = template_match(config, isakmp.virtual_template, local_address, peer, local, remote)
            if found is not None:
                return found
    return None


def static_match(config: RunningConfig, local_address: str, peer: str, local: ProxyIdent,
                 remote: ProxyIdent) -> EntryMatch | None:
    """The protected tunnel interface from `local_address` to `peer` whose flow covers the offered proxies."""
    for ends in protected_tunnels(config):
        profile = config.ipsec_profile(ends.settings.protection_profile)
        if (ends.local, ends.peer) != (local_address, peer) or profile is None:
            continue
        if _covers(protected_flow(ends.settings.mode, ends.local, ends.peer), local, remote):
            return EntryMatch(map_tag(ends.interface), PROTECTION_SEQ, profile_entry(profile, peer), ends.interface)
    return None


def template_match(config: RunningConfig, template_number: int, local_address: str, peer: str, local: ProxyIdent,
                   remote: ProxyIdent) -> EntryMatch | None:
    """`interface Virtual-TemplateN type tunnel` (named by an ISAKMP or IKEv2 profile) accepting the peer."""
    name = f"{VIRTUAL_TEMPLATE}{template_number}"
    template = config.interfaces.get(name)
    settings = template.tunnel if template else None
    if template is None or settings is None or template.shutdown:
        return None
    profile = config.ipsec_profile(settings.protection_profile)
    if profile is None or source_address(config, settings) not in (None, local_address):
        return None
    if _covers(protected_flow(settings.mode, local_address, peer), local, remote):
        return EntryMatch(map_tag(name), PROTECTION_SEQ, profile_entry(profile, peer), name)
    return None


def _identity_covers(words: str, peer: str) -> bool:
    """`match identity address A [M] [vrf V]` (global routing table only) covers the peer's address."""
    parts = words.split()
    if len(parts) < 2 or parts[0] != "address" or "vrf" in parts:
        return False
    mask = parts[2] if len(parts) > 2 else "255.255.255.255"
    try:
        return IPv4Address(peer) in IPv4Network(f"{parts[1]}/{mask}", strict=False)
    except ValueError:
        return False

"""The IPsec flows of a router as `show crypto ipsec sa` and `show crypto session` list them.

A flow is one selector pair on one crypto-map interface: either an installed tunnel, or a permit entry of a
static crypto map entry's ACL that has no SAs yet (IOS lists those too, with zero counters and
`current outbound spi: 0x0(0)`, as in samples/github-labs/show_crypto_ipsec_sa__1.txt). Flows are
ordered by interface, then map sequence, then ACL order; tunnels created from dynamic maps follow their
template entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..state.config.model import CryptoMap, CryptoMapEntry, Interface, RunningConfig
from ..state.config.render import sorted_interfaces
from ..state.config.selectors import ace_selectors, parsed_entries
from ..state.config.tunnel_status import PROTECTION_SEQ, map_tag, protected_flow, protected_tunnels
from ..state.oper.sa import IpsecTunnel, ProxyIdent
from ..state.router import Router


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs 2x, and a big hub builds thousands
class Flow:
    interface: str
    map_name: str
    map_seq: int
    local: str  # local crypto endpoint
    peer: str
    local_ident: ProxyIdent
    remote_ident: ProxyIdent
    vrf: str | None
    tunnel: IpsecTunnel | None = None


@dataclass(frozen=True)
class MapBinding:
    """A crypto map applied to an interface, and the address it negotiates from."""

    interface: Interface
    crypto_map: CryptoMap
    local: str | None


def map_bindings(config: RunningConfig) -> list[MapBinding]:
    bindings = []
    for iface in sorted_interfaces(config):
        cmap = config.crypto_maps.get(iface.crypto_map or "")
        if cmap is None:
            continue
        source = config.interfaces.get(cmap.local_address or "", iface)
        bindings.append(MapBinding(iface, cmap, source.address))
    return bindings


def _tunnel_flow(tunnel: IpsecTunnel, interface: str) -> Flow:
    return Flow(interface, tunnel.map_name, tunnel.map_seq, tunnel.local, tunnel.remote, tunnel.local_ident,
                tunnel.remote_ident, tunnel.vrf, tunnel)


def _acl_selectors(config: RunningConfig, entry: CryptoMapEntry) -> list[tuple[ProxyIdent, ProxyIdent]]:
    acl = config.access_lists.get(entry.match_address or "")
    if acl is None:
        return []
    pairs = [(ace, ace_selectors(ace)) for ace in parsed_entries(acl)]
    return [selectors for ace, selectors in pairs if ace.action == "permit" and selectors is not None]


def _static_entry_flows(config: RunningConfig, binding: MapBinding, entry: CryptoMapEntry,
                        tunnels: list[IpsecTunnel]) -> list[Flow]:
    name, iface = binding.crypto_map.name, binding.interface
    own = [t for t in tunnels if (t.map_name, t.map_seq) == (name, entry.seq)]
    flows: list[Flow] = []
    for local, remote in _acl_selectors(config, entry) if entry.peers and binding.local else []:
        covered = [t for t in own if local.covers(t.local_ident) and remote.covers(t.remote_ident)]
        flows += [_tunnel_flow(t, iface.name) for t in covered]
        own = [t for t in own if t not in covered]
        if not covered:
            flows.append(Flow(iface.name, name, entry.seq, binding.local or "", entry.peers[0], local, remote,
                              iface.vrf))
    return flows + [_tunnel_flow(t, iface.name) for t in own]


def _binding_flows(config: RunningConfig, binding: MapBinding, tunnels: list[IpsecTunnel]) -> list[Flow]:
    name = binding.interface.name
    here = [t for t in tunnels if t.interface in (None, name) and t.map_name == binding.crypto_map.name]
    flows: list[Flow] = []
    for seq in sorted(binding.crypto_map.entries):
        entry = binding.crypto_map.entries[seq]
        if entry.dynamic_template:
            created = sorted((t for t in here if t.dynamic is not None), key=lambda t: t.map_seq)
            flows += [_tunnel_flow(t, name) for t in created]
        else:
            flows += _static_entry_flows(config, binding, entry, here)
    return flows


def collect_flows(router: Router) -> list[Flow]:
    """Every flow of the router; tunnels whose map is no longer applied are listed under their interface."""
    config = router.running
    tunnels = router.oper.ipsec_tunnel_list()
    flows: list[Flow] = []
    for binding in map_bindings(config):
        flows += _binding_flows(config, binding, tunnels)
    listed = {id(f.tunnel) for f in flows if f.tunnel is not None}
    flows += [_tunnel_flow(t, t.interface or "unknown") for t in tunnels if id(t) not in listed]
    return flows + _idle_tunnel_flows(config, {t.interface for t in tunnels})


def _idle_tunnel_flows(config: RunningConfig, with_sas: set[str | None]) -> list[Flow]:
    """A protected tunnel interface without SAs still lists its flow (zero counters), as a crypto map entry."""
    flows = []
    for ends in protected_tunnels(config):
        flow = protected_flow(ends.settings.mode, ends.local, ends.peer)
        if ends.interface in with_sas or flow is None:
            continue
        vrf = config.interfaces[ends.interface].vrf
        flows.append(Flow(ends.interface, map_tag(ends.interface), PROTECTION_SEQ, ends.local, ends.peer, *flow, vrf))
    return flows


def select_flows(flows: list[Flow], peer: str | None = None, vrf: str | None = None,
                 interface: str | None = None) -> list[Flow]:
    return [
        f for f in flows
        if peer in (None, f.peer) and vrf in (None, f.vrf) and interface in (None, f.interface)
    ]

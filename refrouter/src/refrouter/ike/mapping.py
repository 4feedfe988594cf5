"""Which crypto map entry governs a phase-2 negotiation.

Initiator: the static entry the data plane named. Responder: the crypto map on the interface that owns
the local address; its entries in sequence order; a static entry applies when the peer is one of its
`set peer` addresses and its ACL (mirrored) permits the offered proxies; an `ipsec-isakmp dynamic NAME`
entry applies through the first entry of dynamic map NAME whose optional peer and ACL accept them (an
empty dynamic entry accepts anyone, as in the seed guide's RouterB).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..state.config.lookup import interface_for
from ..state.config.model import CryptoMapEntry, RunningConfig
from ..state.config.selectors import acl_permits
from ..state.oper.sa import ProxyIdent


@dataclass(frozen=True)
class EntryMatch:
    map_name: str
    seq: int
    entry: CryptoMapEntry
    interface: str | None
    template: tuple[str, int] | None = None  # (dynamic map, seq) when the entry is a dynamic-map template


def isakmp_enabled(config: RunningConfig) -> bool:
    """ISAKMP listens once a crypto map or tunnel protection is applied to an interface
    (`%CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON`)."""
    return any(i.crypto_map or (i.tunnel and i.tunnel.protection_profile) for i in config.interfaces.values())


def initiator_entry(config: RunningConfig, map_name: str, seq: int) -> CryptoMapEntry | None:
    crypto_map = config.crypto_maps.get(map_name)
    return crypto_map.entries.get(seq) if crypto_map else None


def _accepts(config: RunningConfig, entry: CryptoMapEntry, peer: str, local: ProxyIdent, remote: ProxyIdent,
             dynamic: bool) -> bool:
    if entry.peers and peer not in entry.peers:
        return False
    if not entry.match_address:
        return dynamic
    acl = config.access_lists.get(entry.match_address)
    return acl is not None and bool(entry.peers or dynamic) and acl_permits(acl, local, remote)


def _from_template(config: RunningConfig, name: str, peer: str, local: ProxyIdent,
                   remote: ProxyIdent) -> tuple[int, CryptoMapEntry] | None:
    template = config.dynamic_maps.get(name)
    if template is None:
        return None
    for seq in sorted(template.entries):
        if _accepts(config, template.entries[seq], peer, local, remote, dynamic=True):
            return seq, template.entries[seq]
    return None


def responder_entry(config: RunningConfig, local_address: str, peer: str, local: ProxyIdent,
                    remote: ProxyIdent) -> EntryMatch | None:
    interface = interface_for(config, local_address)
    crypto_map = config.crypto_maps.get(interface.crypto_map or "") if interface else None
    if crypto_map is None:
        return None
    for seq in sorted(crypto_map.entries):
        entry = crypto_map.entries[seq]
        if entry.dynamic_template:
            found = _from_template(config, entry.dynamic_template, peer, local, remote)
            if found:
                return EntryMatch(crypto_map.name, seq, found[1], interface.name,  # type: ignore[union-attr]
                                  (entry.dynamic_template, found[0]))
        elif _accepts(config, entry, peer, local, remote, dynamic=False):
            return EntryMatch(crypto_map.name, seq, entry, interface.name)  # type: ignore[union-attr]
    return None

"""Proxy identities (phase-2 selectors) derived from crypto ACLs.

- Initiator: the ACL entry that a packet matched gives the proxies, `permit ip A B` -> local A, remote B.
- Responder: the offered proxies must be permitted by its ACL mirrored (its local = the initiator's
  remote): the first entry whose selectors cover the offered pair decides, permit or deny. A subset is
  enough, so `permit ip 10.1.0.0 0.0.255.255 any` accepts `10.1.1.0/24 -> 10.2.2.0/24` (unverified: IOS's
  exact rule for partially covering entries is not documented publicly).
- Entries with non-contiguous wildcards or port operators other than `eq` cannot be proxies and are
  skipped, as are remarks.
"""

from __future__ import annotations

from ..oper.sa import ProxyIdent
from .acl import Ace, AceSyntaxError, AddressMatch, parse_ace
from .acl_match import ace_matches_packet, protocol_number
from .model import AccessList

Selectors = tuple[ProxyIdent, ProxyIdent]


def _ident(address: AddressMatch, protocol: int, port: int) -> ProxyIdent | None:
    network = address.as_network()
    if network is None:
        return None
    return ProxyIdent(str(network.network_address), str(network.netmask), protocol, port)


def ace_selectors(ace: Ace) -> Selectors | None:
    ports = [ace.source_port, ace.destination_port]
    if any(p is not None and p.op != "eq" for p in ports):
        return None
    protocol = protocol_number(ace)
    local = _ident(ace.source, protocol, ace.source_port.low if ace.source_port else 0)
    remote = _ident(ace.destination, protocol, ace.destination_port.low if ace.destination_port else 0)
    return (local, remote) if local and remote else None


def parsed_entries(acl: AccessList) -> list[Ace]:
    aces = []
    for entry in acl.entries:
        if entry.action not in ("permit", "deny"):
            continue
        try:
            aces.append(parse_ace(entry.action, entry.text.split(), standard=acl.kind == "standard"))
        except AceSyntaxError:
            continue
    return aces


def selectors_for_packet(acl: AccessList, src: str, dst: str, protocol: int = 0, sport: int = 0,
                         dport: int = 0) -> Selectors | None:
    """(local, remote) proxies of the first entry a packet matches when it is a permit; None otherwise."""
    for ace in parsed_entries(acl):
        if ace_matches_packet(ace, src, dst, protocol, sport, dport):
            return ace_selectors(ace) if ace.action == "permit" else None
    return None


def acl_permits(acl: AccessList, local: ProxyIdent, remote: ProxyIdent) -> bool:
    """Responder check: does this router's ACL (local -> remote direction) permit the offered pair?"""
    for ace in parsed_entries(acl):
        selectors = ace_selectors(ace)
        if selectors and selectors[0].covers(local) and selectors[1].covers(remote):
            return ace.action == "permit"
    return False

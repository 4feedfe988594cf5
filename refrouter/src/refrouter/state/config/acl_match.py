"""Which entry of an access list a packet matches: the first permit/deny entry, in sequence order, whose
protocol, addresses and ports all match; none is IOS's implicit `deny any` (never counted). An interface
filter whose list does not exist or holds no permit/deny entry lets everything through, as on IOS."""

from __future__ import annotations

import ipaddress

from .acl import PROTOCOLS, Ace, AceSyntaxError, parse_ace
from .model import AccessList, AclEntry


def protocol_number(ace: Ace) -> int:
    """The IP protocol an entry names (0 for `ip`: any)."""
    if ace.protocol in PROTOCOLS:
        return PROTOCOLS[ace.protocol] or 0
    return int(ace.protocol)


def ace_matches_packet(ace: Ace, src: str, dst: str, protocol: int, sport: int, dport: int) -> bool:
    number = protocol_number(ace)
    if number and number != protocol:
        return False
    if not (ace.source.matches(ipaddress.IPv4Address(src)) and ace.destination.matches(ipaddress.IPv4Address(dst))):
        return False
    return (ace.source_port is None or ace.source_port.matches(sport)) and (
        ace.destination_port is None or ace.destination_port.matches(dport))


def entry_ace(acl: AccessList, entry: AclEntry) -> Ace | None:
    """The entry's structured rule (parsed from its text when the entry carries none); None for remarks."""
    if entry.action not in ("permit", "deny"):
        return None
    if entry.ace is not None:
        return entry.ace
    try:
        return parse_ace(entry.action, entry.text.split(), standard=acl.kind == "standard")
    except AceSyntaxError:
        return None


def first_match(acl: AccessList, src: str, dst: str, protocol: int, sport: int = 0, dport: int = 0) -> AclEntry | None:
    """The entry that decides the packet; None when only the implicit deny is left."""
    for entry in acl.entries:
        ace = entry_ace(acl, entry)
        if ace is not None and ace_matches_packet(ace, src, dst, protocol, sport, dport):
            return entry
    return None


def filter_verdict(acl: AccessList | None, src: str, dst: str, protocol: int, sport: int = 0,
                   dport: int = 0) -> tuple[bool, AclEntry | None]:
    """An interface filter's decision on a packet: (permitted, the entry that decided it, if any)."""
    if acl is None or not any(entry.action in ("permit", "deny") for entry in acl.entries):
        return True, None
    entry = first_match(acl, src, dst, protocol, sport, dport)
    return (entry is not None and entry.action == "permit"), entry

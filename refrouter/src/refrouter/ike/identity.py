"""Phase-1 identities (RFC 2407 §4.6.2): what a router sends as IDii/IDir and how it reads the peer's.

A router sends its address unless its ISAKMP profile says `self-identity fqdn|user-fqdn X` or the global
`crypto isakmp identity hostname` applies; `fqdn` is the router's hostname (no `ip domain name` is modelled).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from ..state.config.ikev1 import IsakmpProfile
from ..state.config.model import RunningConfig
from .codec import ID_FQDN, ID_IPV4_ADDR, ID_USER_FQDN, IdPayload

UDP = 17
ADDRESS, FQDN, USER_FQDN = "address", "fqdn", "user-fqdn"


@dataclass(frozen=True)
class Identity:
    kind: str  # address | fqdn | user-fqdn
    value: str

    def payload(self) -> IdPayload:
        if self.kind == ADDRESS:
            return IdPayload(ID_IPV4_ADDR, UDP, 500, ipaddress.IPv4Address(self.value).packed)
        return IdPayload(ID_FQDN if self.kind == FQDN else ID_USER_FQDN, UDP, 500, self.value.encode())


def from_payload(payload: IdPayload) -> Identity | None:
    """The peer's identity, None for a type the engine does not take (subnets, DNs, malformed)."""
    if payload.id_type == ID_IPV4_ADDR and len(payload.data) == 4:
        return Identity(ADDRESS, str(ipaddress.IPv4Address(payload.data)))
    if payload.id_type in (ID_FQDN, ID_USER_FQDN):
        try:
            value = payload.data.decode("ascii")
        except UnicodeDecodeError:
            return None
        return Identity(FQDN if payload.id_type == ID_FQDN else USER_FQDN, value) if value else None
    return None


def own_identity(config: RunningConfig, profile: IsakmpProfile | None, local: str) -> Identity:
    """`self-identity` of the profile, else `crypto isakmp identity`, else the local address."""
    words = (profile.self_identity or "").split() if profile else []
    if words[:1] == ["fqdn"]:
        return Identity(FQDN, config.hostname)
    if words[:1] == ["user-fqdn"] and len(words) > 1:
        return Identity(USER_FQDN, words[1])
    if not words and config.ikev1.globals.identity == "hostname":
        return Identity(FQDN, config.hostname)
    return Identity(ADDRESS, local)

"""ISAKMP profile selection (`crypto isakmp profile`) and what a profile changes in phase 1.

Responder: the profile is the first one, in configuration order, with a `match identity` the peer's phase-1
identity satisfies (`address A [M] [vrf V]`, `host NAME`, `host domain D`, `user-fqdn X`, `user-fqdn domain
D`). Profile verification (Cisco TAC 117259): the key that authenticated the peer must come from one of the
profile's keyrings when it lists any; otherwise phase 1 fails. No matching profile: the SA runs without one
(global settings), as IOS does when no profile matches. Initiator: the crypto map's `set isakmp-profile`.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from ..state.config.ikev1 import IsakmpProfile
from ..state.config.model import RunningConfig
from .identity import ADDRESS, FQDN, USER_FQDN, Identity
from .keyring import PresharedKey
from .mapping import initiator_entry

PERIODIC = "periodic"


@dataclass(frozen=True)
class Keepalive:
    """DPD settings in router seconds: R-U-THERE after `interval` idle, retried every `retry`."""

    interval: int
    retry: int
    periodic: bool


def _address_matches(words: list[str], identity: Identity, vrf: str | None) -> bool:
    if identity.kind != ADDRESS or not words:
        return False
    mask = words[1] if len(words) > 1 and words[1] != "vrf" else "255.255.255.255"
    wanted_vrf = words[words.index("vrf") + 1] if "vrf" in words[:-1] else None
    try:
        network = ipaddress.IPv4Network(f"{words[0]}/{mask}", strict=False)
    except ValueError:
        return False
    return ipaddress.IPv4Address(identity.value) in network and wanted_vrf == vrf


def _name_matches(words: list[str], value: str) -> bool:
    if words[:1] == ["domain"] and len(words) > 1:
        domain = words[1].lower().lstrip(".")
        return value.lower() == domain or value.lower().endswith("." + domain) or value.lower().endswith("@" + domain)
    return len(words) == 1 and words[0].lower() == value.lower()


def identity_matches(profile: IsakmpProfile, identity: Identity, vrf: str | None) -> bool:
    for line in profile.match_identities:
        kind, *words = line.split()
        if kind == "address" and _address_matches(words, identity, vrf):
            return True
        if kind == "host" and identity.kind == FQDN and _name_matches(words, identity.value):
            return True
        if kind == "user-fqdn" and identity.kind == USER_FQDN and _name_matches(words, identity.value):
            return True
    return False


def profile_for_identity(config: RunningConfig, identity: Identity, vrf: str | None) -> IsakmpProfile | None:
    return next((p for p in config.ikev1.profiles.values() if identity_matches(p, identity, vrf)), None)


def verifies(profile: IsakmpProfile | None, key: PresharedKey) -> bool:
    """Profile verification: a profile with keyrings accepts only keys from them."""
    return profile is None or not profile.keyrings or key.keyring in profile.keyrings


def initiator_profile(config: RunningConfig, map_name: str, seq: int) -> IsakmpProfile | None:
    """The ISAKMP profile named by the crypto map entry (`set isakmp-profile`), if it exists."""
    entry = initiator_entry(config, map_name, seq)
    name = entry.isakmp_profile if entry else None
    return config.ikev1.profiles.get(name) if name else None


def keepalive(config: RunningConfig, profile: IsakmpProfile | None) -> Keepalive | None:
    """The profile's `keepalive S retry R`, else `crypto isakmp keepalive S [R] [periodic|on-demand]`."""
    periodic = config.ikev1.globals.keepalive_mode == PERIODIC
    chosen = profile.keepalive if profile and profile.keepalive else config.isakmp_keepalive
    return Keepalive(chosen[0], chosen[1], periodic) if chosen else None

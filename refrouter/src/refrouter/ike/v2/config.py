"""Typed inputs of the IKEv2 engine, one dataclass per IOS configuration family. The router's
configuration layer maps `crypto ikev2 proposal|policy|keyring|profile` and the IPsec profile into these."""

from __future__ import annotations

import ipaddress
from collections.abc import Container
from dataclasses import dataclass, field

from refrouter.ike.v2.algorithms import CIPHERS, GROUPS, INTEGRITIES, PRFS
from refrouter.ike.v2.payloads import TrafficSelector


class ConfigError(ValueError):
    """An input the engine cannot negotiate with, named in the message."""


def _known(what: str, owner: str, names: tuple[object, ...], known: Container[object]) -> None:
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(f"{owner}: unsupported {what} {', '.join(map(str, unknown))}")


@dataclass(frozen=True)
class Ikev2Proposal:
    """`crypto ikev2 proposal`: each list in the configured order; `prf` empty = the integrity list."""

    name: str
    encryption: tuple[str, ...]
    integrity: tuple[str, ...]
    groups: tuple[int, ...]
    prf: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        owner = f"IKEv2 proposal {self.name}"
        if not self.encryption or not self.groups:
            raise ConfigError(f"{owner} is incomplete: it needs encryption and a DH group")
        aead = {CIPHERS[e].aead for e in self.encryption if e in CIPHERS}
        if len(aead) > 1:
            raise ConfigError(f"{owner}: AES-GCM and AES-CBC cannot share a proposal")
        if (aead == {False} and not self.integrity) or (aead == {True} and (self.integrity or not self.prf)):
            raise ConfigError(f"{owner}: AES-CBC needs integrity, AES-GCM needs prf and no integrity")
        _known("encryption", owner, self.encryption, CIPHERS)
        _known("integrity", owner, self.integrity, INTEGRITIES)
        _known("prf", owner, self.prf, PRFS)
        _known("DH group", owner, self.groups, GROUPS)

    @property
    def prfs(self) -> tuple[str, ...]:
        return self.prf or self.integrity


@dataclass(frozen=True)
class Ikev2Policy:
    """`crypto ikev2 policy`: `match address local` (empty = any), `match fvrf` (None = global,
    "any" = every VRF), proposals in the configured order."""

    name: str
    proposals: tuple[str, ...]
    match_address_local: tuple[str, ...] = ()
    match_fvrf: str | None = None


@dataclass(frozen=True)
class Identity:
    """A local or remote IKE identity: kind "address" | "fqdn" | "email" | "key-id"."""

    kind: str
    value: str


@dataclass(frozen=True)
class IdentityMatch:
    """`match identity remote address A [mask] | fqdn [domain] NAME | email [domain] NAME | key-id ID`."""

    kind: str
    value: str
    domain: bool = False  # fqdn/email: `domain` keyword (suffix match)

    def matches(self, identity: Identity) -> bool:
        if self.kind != identity.kind:
            return False
        if self.kind == "address":
            try:
                return ipaddress.IPv4Address(identity.value) in ipaddress.IPv4Network(self.value, strict=False)
            except ValueError:
                return False
        value, wanted = identity.value.lower(), self.value.lower()
        if self.domain:
            domain = wanted.lstrip("@.")
            return value == domain or value.endswith(("." + domain, "@" + domain))
        return value == wanted


@dataclass(frozen=True)
class KeyringPeer:
    """A `peer` block of `crypto ikev2 keyring`: matched by `address` (prefix) or `identity`; `pre-shared-key`
    (both directions) or `pre-shared-key local|remote`."""

    name: str
    address: str | None = None  # "192.0.2.1" or "192.0.2.0/24"
    identity: Identity | None = None
    pre_shared_key: str | None = None
    local_key: str | None = None
    remote_key: str | None = None

    @property
    def key_to_send(self) -> str | None:
        return self.local_key or self.pre_shared_key

    @property
    def key_to_verify(self) -> str | None:
        return self.remote_key or self.pre_shared_key

    def __repr__(self) -> str:  # keys never appear in logs or test output
        return f"KeyringPeer(name={self.name!r}, address={self.address!r}, identity={self.identity!r})"


@dataclass(frozen=True)
class Ikev2Keyring:
    name: str
    peers: tuple[KeyringPeer, ...]


@dataclass(frozen=True)
class Dpd:
    """`dpd <interval> <retry> on-demand|periodic` (seconds)."""

    interval: float
    retry: float
    periodic: bool = False


@dataclass(frozen=True)
class Ikev2Profile:
    """`crypto ikev2 profile`: who it matches, how both sides authenticate, lifetime, DPD."""

    name: str
    match_identities: tuple[IdentityMatch, ...]
    keyring: str
    local_identity: Identity | None = None  # None = `identity local address` of the local address
    auth_local: str = "pre-share"
    auth_remote: tuple[str, ...] = ("pre-share",)
    match_fvrf: str | None = None
    lifetime: int = 86400
    dpd: Dpd | None = None


@dataclass(frozen=True)
class EspTransform:
    """One `crypto ipsec transform-set` in IKEv2 terms: `integrity` None with AES-GCM."""

    name: str
    encryption: str
    integrity: str | None

    def __post_init__(self) -> None:
        owner = f"transform set {self.name}"
        _known("encryption", owner, (self.encryption,), CIPHERS)
        _known("integrity", owner, () if self.integrity is None else (self.integrity,), INTEGRITIES)
        if CIPHERS[self.encryption].aead != (self.integrity is None):
            raise ConfigError(f"{owner}: AES-GCM takes no integrity, AES-CBC needs one")


@dataclass(frozen=True)
class ChildSettings:
    """What a child SA asks for: transform sets in order, PFS group, lifetimes, traffic selectors as seen
    from this router (local, remote)."""

    transforms: tuple[EspTransform, ...]
    local_ts: tuple[TrafficSelector, ...]
    remote_ts: tuple[TrafficSelector, ...]
    pfs_group: int | None = None
    lifetime_seconds: int = 3600
    lifetime_kilobytes: int = 4608000


@dataclass(frozen=True)
class IpsecProfile:
    """`crypto ipsec profile` with `set ikev2-profile`: the child SA settings of that IKEv2 profile."""

    name: str
    ikev2_profile: str
    child: ChildSettings


@dataclass(frozen=True)
class Ikev2Settings:
    """Router-wide IKEv2 settings: smart defaults, the cookie challenge threshold, timers, release."""

    default_policy: bool = True  # `no crypto ikev2 policy default` turns the default policy off
    default_proposal: bool = True  # `no crypto ikev2 proposal default`
    modern_defaults: bool = True  # IOS XE 16.x+ smart defaults (False: the 15.x default proposal)
    cookie_challenge: int | None = None  # `crypto ikev2 cookie-challenge N`: half-open SAs before cookies
    retransmit_interval: float = 2.0
    retransmit_limit: int = 5
    dpd_retransmit_limit: int = 5
    half_open_timeout: float = 60.0  # a responder SA still IN-NEG this long after the last message is dropped
    fvrf: str = "global"


@dataclass(frozen=True)
class Ikev2Config:
    local_address: str
    proposals: tuple[Ikev2Proposal, ...] = ()
    policies: tuple[Ikev2Policy, ...] = ()
    keyrings: tuple[Ikev2Keyring, ...] = ()
    profiles: tuple[Ikev2Profile, ...] = ()
    ipsec_profiles: tuple[IpsecProfile, ...] = ()
    settings: Ikev2Settings = field(default_factory=Ikev2Settings)

"""Typed IKEv2 configuration: proposals, policies, keyrings, profiles, authorization policies, globals.

Complete enough for an IKEv2 engine: every value a negotiation needs is a typed field, not text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

IKEV2_ENCRYPTIONS = ("3des", "aes-cbc-128", "aes-cbc-192", "aes-cbc-256", "aes-gcm-128", "aes-gcm-256", "des")
IKEV2_INTEGRITIES = ("md5", "sha1", "sha256", "sha384", "sha512")
IKEV2_GROUPS = (1, 2, 5, 14, 15, 16, 19, 20, 21, 24)
IKEV2_AUTH_METHODS = ("pre-share", "rsa-sig", "ecdsa-sig", "eap")
IKEV2_DEFAULT_LIFETIME = 86400

DEFAULT_NAME = "default"


@dataclass(frozen=True)
class Ikev2Identity:
    """An IKEv2 identity: `address A [MASK]`, `fqdn [domain] X`, `email [domain] X`, `key-id X`, `any`, `dn`."""

    kind: str  # address | fqdn | email | key-id | any | dn
    value: str = ""  # the address, name or key id
    mask: str | None = None  # address identities matched by a profile
    domain: bool = False  # `fqdn domain X` / `email domain X`: match the domain part only

    @property
    def text(self) -> str:
        """The identity as IOS prints it after `identity` / `match identity remote`."""
        if self.kind in ("any", "dn"):
            return self.kind
        words = [self.kind, "domain" if self.domain else "", self.value, self.mask or ""]
        return " ".join(w for w in words if w)


@dataclass
class Ikev2Proposal:
    name: str
    encryption: list[str] = field(default_factory=list)
    integrity: list[str] = field(default_factory=list)
    prf: list[str] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)

    @property
    def is_aead(self) -> bool:
        return any(e.startswith("aes-gcm") for e in self.encryption)


@dataclass
class Ikev2Policy:
    name: str
    proposals: list[str] = field(default_factory=list)
    match_fvrf: str | None = None  # None = global; "any" for `match fvrf any`
    match_local: list[str] = field(default_factory=list)  # `match address local A.B.C.D`


@dataclass
class Ikev2KeyringPeer:
    name: str
    description: str | None = None
    address: str | None = None
    mask: str | None = None
    hostname: str | None = None
    identity: Ikev2Identity | None = None
    psk: str | None = None  # symmetric `pre-shared-key KEY`
    psk_local: str | None = None
    psk_remote: str | None = None


@dataclass
class Ikev2Keyring:
    name: str
    peers: dict[str, Ikev2KeyringPeer] = field(default_factory=dict)


@dataclass
class Ikev2Profile:
    name: str
    description: str | None = None
    match_fvrf: str | None = None
    match_local: list[str] = field(default_factory=list)  # `match address local ...`
    match_identities: list[Ikev2Identity] = field(default_factory=list)  # `match identity remote ...`
    identity_local: Ikev2Identity | None = None
    auth_local: list[str] = field(default_factory=list)
    auth_remote: list[str] = field(default_factory=list)
    keyring_local: str | None = None
    keyring_aaa: str | None = None
    pki_trustpoints: list[str] = field(default_factory=list)
    lifetime: int = IKEV2_DEFAULT_LIFETIME
    dpd: tuple[int, int, str] | None = None  # (interval, retry, on-demand | periodic)
    nat_keepalive: int | None = None
    aaa_authorization: list[str] = field(default_factory=list)  # `aaa authorization ...` argument text
    config_exchange: list[str] = field(default_factory=list)  # `config-exchange ...` argument text
    virtual_template: int | None = None
    ivrf: str | None = None


@dataclass
class Ikev2AuthorizationPolicy:
    name: str
    lines: list[str] = field(default_factory=list)  # attribute lines in entry order, e.g. "pool FLEX-POOL"


@dataclass
class Ikev2NameMangler:
    name: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Ikev2Config:
    proposals: dict[str, Ikev2Proposal] = field(default_factory=dict)
    policies: dict[str, Ikev2Policy] = field(default_factory=dict)
    keyrings: dict[str, Ikev2Keyring] = field(default_factory=dict)
    profiles: dict[str, Ikev2Profile] = field(default_factory=dict)
    authorization_policies: dict[str, Ikev2AuthorizationPolicy] = field(default_factory=dict)
    name_manglers: dict[str, Ikev2NameMangler] = field(default_factory=dict)
    dpd: tuple[int, int, str] | None = None
    nat_keepalive: int | None = None
    cookie_challenge: int | None = None
    # The smart defaults (`no crypto ikev2 proposal default`, ... turn each off)
    default_proposal: bool = True
    default_policy: bool = True
    default_transform_set: bool = True  # `crypto ipsec transform-set default`
    default_ipsec_profile: bool = True  # `crypto ipsec profile default`

    def effective_proposal(self, name: str) -> Ikev2Proposal | None:
        """A configured proposal, or the smart default one when `name` is `default` and it is enabled."""
        if name in self.proposals:
            return self.proposals[name]
        if name == DEFAULT_NAME and self.default_proposal:
            return SMART_DEFAULT_PROPOSAL
        return None


# IOS XE 16.x/17.x smart defaults (`show crypto ikev2 proposal default`).
SMART_DEFAULT_PROPOSAL = Ikev2Proposal(
    DEFAULT_NAME,
    encryption=["aes-cbc-256"],
    integrity=["sha512", "sha384"],
    prf=["sha512", "sha384"],
    groups=[19, 14, 21, 5],
)
SMART_DEFAULT_POLICY = Ikev2Policy(DEFAULT_NAME, proposals=[DEFAULT_NAME], match_fvrf="any")

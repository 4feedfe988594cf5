"""IKEv1 configuration beyond policies and global keys: keyrings, ISAKMP profiles, Easy VPN client
groups and the `crypto isakmp` global switches."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class KeyringKey:
    """`pre-shared-key address A [M] key K` or `pre-shared-key hostname H key K` in a keyring."""

    kind: str  # address | hostname
    peer: str
    key: str  # clear text; rendered as type 6 under `password encryption aes` (stored_secret)
    mask: str | None = None  # None = host (255.255.255.255)

    @property
    def ident(self) -> tuple[str, str, str | None]:
        return (self.kind, self.peer, self.mask)


@dataclass
class Keyring:
    name: str
    vrf: str | None = None
    description: str | None = None
    local_address: str | None = None  # an IPv4 address or an interface name
    keys: list[KeyringKey] = field(default_factory=list)


@dataclass
class IsakmpProfile:
    """`crypto isakmp profile NAME`: which peers it matches and how phase 1 runs with them."""

    name: str
    description: str | None = None
    vrf: str | None = None
    keyrings: list[str] = field(default_factory=list)
    ca_trust_points: list[str] = field(default_factory=list)
    self_identity: str | None = None  # words after `self-identity`
    match_identities: list[str] = field(default_factory=list)  # words after `match identity`, IOS form
    client_lines: list[str] = field(default_factory=list)  # client authentication/configuration, isakmp authorization
    local_address: str | None = None
    keepalive: tuple[int, int] | None = None
    virtual_template: int | None = None
    initiate_aggressive: bool = False


@dataclass
class ClientGroup:
    """`crypto isakmp client configuration group NAME` (Easy VPN server): settings pushed to clients."""

    name: str
    key: str | None = None
    settings: dict[str, str] = field(default_factory=dict)  # keyword -> the rest of the line, in entry order


@dataclass
class IsakmpGlobals:
    keepalive_mode: str | None = None  # periodic | on-demand (the keyword as typed, kept)
    nat_keepalive: int | None = None
    identity: str | None = None  # address | hostname | dn (None = the default, address)
    invalid_spi_recovery: bool = False
    aggressive_mode_disabled: bool = False


@dataclass
class Ikev1Config:
    keyrings: dict[str, Keyring] = field(default_factory=dict)
    profiles: dict[str, IsakmpProfile] = field(default_factory=dict)
    client_groups: dict[str, ClientGroup] = field(default_factory=dict)
    globals: IsakmpGlobals = field(default_factory=IsakmpGlobals)

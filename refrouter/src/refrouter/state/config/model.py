"""Typed running configuration of one reference router.

Every CLI and NETCONF handler reads and writes these objects; `show running-config` and the NETCONF
datastore are rendered from them. Nothing here knows about text formats.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from .acl import Ace
from .ikev1 import Ikev1Config
from .ikev2 import Ikev2Config
from .ipsec_globals import IpsecGlobals
from .pki import GdoiGroup, PkiConfig
from .terminal import TerminalConfig
from .tunnel import NhrpSettings, TunnelSettings

# IOS defaults for a new `crypto isakmp policy N` (shown by `show crypto isakmp policy`).
ISAKMP_DEFAULT_ENCRYPTION = "des"
ISAKMP_DEFAULT_HASH = "sha"
ISAKMP_DEFAULT_AUTH = "rsa-sig"
ISAKMP_DEFAULT_GROUP = 1
ISAKMP_DEFAULT_LIFETIME = 86400

IPSEC_DEFAULT_LIFETIME_SECONDS = 3600
IPSEC_DEFAULT_LIFETIME_KILOBYTES = 4608000

INTERFACE_NAMES = tuple(f"GigabitEthernet{n}" for n in range(1, 5))


@dataclass
class IsakmpPolicy:
    priority: int
    encryption: str = ISAKMP_DEFAULT_ENCRYPTION  # des | 3des | aes
    key_size: int | None = None  # 128 | 192 | 256 for aes (None = 128, not shown)
    hash: str = ISAKMP_DEFAULT_HASH  # md5 | sha | sha256 | sha384 | sha512
    authentication: str = ISAKMP_DEFAULT_AUTH  # pre-share | rsa-sig | rsa-encr
    group: int = ISAKMP_DEFAULT_GROUP
    lifetime: int = ISAKMP_DEFAULT_LIFETIME


@dataclass
class IsakmpKey:
    key: str
    address: str
    mask: str | None = None
    no_xauth: bool = False
    hostname: str | None = None  # `... hostname H` keys (address is then "")

    @property
    def ident(self) -> tuple[str, str | None]:
        return (self.hostname, None) if self.hostname else (self.address, self.mask)


@dataclass
class TransformSet:
    name: str
    transforms: list[str]  # e.g. ["esp-aes", "esp-sha-hmac"]; key size carried in key_size
    key_size: int | None = None  # for esp-aes / esp-gcm / esp-gmac
    mode: str = "tunnel"  # tunnel | transport

    @property
    def esp_encryption(self) -> str | None:
        return next((t for t in self.transforms if t in ESP_ENCRYPTION_TRANSFORMS), None)

    @property
    def esp_integrity(self) -> str | None:
        return next((t for t in self.transforms if t in ESP_INTEGRITY_TRANSFORMS), None)

    @property
    def ah_integrity(self) -> str | None:
        return next((t for t in self.transforms if t in AH_TRANSFORMS), None)


ESP_ENCRYPTION_TRANSFORMS = (
    "esp-des",
    "esp-3des",
    "esp-aes",
    "esp-gcm",
    "esp-gmac",
    "esp-null",
    "esp-seal",
)
ESP_INTEGRITY_TRANSFORMS = (
    "esp-md5-hmac",
    "esp-sha-hmac",
    "esp-sha256-hmac",
    "esp-sha384-hmac",
    "esp-sha512-hmac",
)
AH_TRANSFORMS = ("ah-md5-hmac", "ah-sha-hmac", "ah-sha256-hmac", "ah-sha384-hmac", "ah-sha512-hmac")
COMP_TRANSFORMS = ("comp-lzs",)
ALL_TRANSFORMS = ESP_ENCRYPTION_TRANSFORMS + ESP_INTEGRITY_TRANSFORMS + AH_TRANSFORMS + COMP_TRANSFORMS
KEY_SIZE_TRANSFORMS = ("esp-aes", "esp-gcm", "esp-gmac")

# The two default transform sets of the seed guide, in the order IOS offers them.
DEFAULT_TRANSFORM_SETS = (
    TransformSet("#$!default_transform_set_1", ["esp-aes", "esp-sha-hmac"], mode="transport"),
    TransformSet("#$!default_transform_set_0", ["esp-3des", "esp-sha-hmac"], mode="transport"),
)

# The eight default IKE policies of the seed guide (priorities 65507-65514).
DEFAULT_ISAKMP_POLICIES = tuple(
    IsakmpPolicy(priority=prio, encryption=enc, hash=hsh, authentication=auth, group=grp)
    for prio, auth, enc, hsh, grp in (
        (65507, "rsa-sig", "aes", "sha", 5),
        (65508, "pre-share", "aes", "sha", 5),
        (65509, "rsa-sig", "aes", "md5", 5),
        (65510, "pre-share", "aes", "md5", 5),
        (65511, "rsa-sig", "3des", "sha", 2),
        (65512, "pre-share", "3des", "sha", 2),
        (65513, "rsa-sig", "3des", "md5", 2),
        (65514, "pre-share", "3des", "md5", 2),
    )
)


@dataclass
class SaLifetime:
    seconds: int | None = None
    kilobytes: int | None = None
    kilobytes_disabled: bool = False


@dataclass
class CryptoMapEntry:
    seq: int
    dynamic_template: str | None = None  # `ipsec-isakmp dynamic NAME` (static maps only)
    description: str | None = None
    peers: list[str] = field(default_factory=list)
    match_address: str | None = None
    transform_sets: list[str] = field(default_factory=list)
    pfs: str | None = None  # group1 .. group24; "group1" when `set pfs` has no group
    lifetime: SaLifetime = field(default_factory=SaLifetime)
    reverse_route: str | None = None  # "" for `reverse-route`, else the words after it (`static`)
    isakmp_profile: str | None = None
    ikev2_profile: str | None = None
    gdoi: bool = False  # `crypto map NAME SEQ gdoi`: a GETVPN group member entry
    gdoi_group: str | None = None  # its `set group NAME`


@dataclass
class CryptoMap:
    name: str
    entries: dict[int, CryptoMapEntry] = field(default_factory=dict)
    local_address: str | None = None
    redundancy: str | None = None  # words after `crypto map NAME redundancy`
    client_lines: list[str] = field(default_factory=list)  # Easy VPN: client authentication/configuration, ...


@dataclass
class IpsecProfile:
    name: str
    transform_sets: list[str] = field(default_factory=list)
    pfs: str | None = None
    lifetime: SaLifetime = field(default_factory=SaLifetime)
    isakmp_profile: str | None = None
    ikev2_profile: str | None = None


@dataclass
class AclEntry:
    seq: int
    action: str  # permit | deny | remark
    text: str  # everything after the action, normalised (e.g. "ip host 1.1.1.1 any")
    ace: Ace | None = None  # structured match (None for remarks)


@dataclass
class AccessList:
    name: str  # number or name
    kind: str  # standard | extended
    named: bool
    entries: list[AclEntry] = field(default_factory=list)

    def next_seq(self) -> int:
        return (max((e.seq for e in self.entries), default=0) // 10 + 1) * 10


@dataclass
class StaticRoute:
    prefix: str
    mask: str
    next_hop: str | None = None
    interface: str | None = None
    distance: int | None = None
    vrf: str | None = None


@dataclass
class Interface:
    name: str
    description: str | None = None
    address: str | None = None
    mask: str | None = None
    shutdown: bool = False
    crypto_map: str | None = None
    access_group_in: str | None = None  # `ip access-group ACL in`
    access_group_out: str | None = None  # `ip access-group ACL out`
    vrf: str | None = None
    unnumbered: str | None = None  # `ip unnumbered Loopback0`
    ip_mtu: int | None = None
    tcp_adjust_mss: int | None = None
    nhrp: NhrpSettings = field(default_factory=NhrpSettings)
    tunnel: TunnelSettings | None = None  # Tunnel and Virtual-Template interfaces only


@dataclass
class LoginBlock:
    """`login block-for SECONDS attempts TRIES within SECONDS`."""

    block_for: int
    attempts: int
    within: int


@dataclass
class Vrf:
    name: str
    rd: str | None = None
    description: str | None = None


@dataclass
class ArchiveSettings:
    """`archive`: where and how often configurations are archived (`configure replace` and revert use it)."""

    path: str | None = None
    maximum: int | None = None
    write_memory: bool = False
    time_period: int | None = None


@dataclass
class RunningConfig:
    hostname: str = "Router"
    enable_secret_hash: str | None = None
    users: dict[str, str] = field(default_factory=dict)  # username -> secret hash
    user_privileges: dict[str, int] = field(default_factory=dict)  # username -> level, when not 1
    banner_motd: str | None = None
    banner_login: str | None = None
    login_block: LoginBlock | None = None
    login_delay: int | None = None  # `login delay`; IOS applies 1 s when only block-for is set
    login_quiet_acl: str | None = None  # `login quiet-mode access-class`
    password_encryption_aes: bool = False
    service_password_encryption: bool = False
    master_key: str | None = field(default=None, repr=False)  # `key config-key`: never rendered
    vrfs: dict[str, Vrf] = field(default_factory=dict)
    interfaces: dict[str, Interface] = field(default_factory=dict)
    isakmp_policies: dict[int, IsakmpPolicy] = field(default_factory=dict)
    isakmp_keys: list[IsakmpKey] = field(default_factory=list)
    isakmp_default_policy: bool = True
    isakmp_keepalive: tuple[int, int] | None = None
    transform_sets: dict[str, TransformSet] = field(default_factory=dict)
    ipsec_default_transform_set: bool = True
    ipsec_profiles: dict[str, IpsecProfile] = field(default_factory=dict)
    dynamic_maps: dict[str, CryptoMap] = field(default_factory=dict)
    crypto_maps: dict[str, CryptoMap] = field(default_factory=dict)
    compliance_shield: bool = True  # `crypto engine compliance shield disable` turns it off
    access_lists: dict[str, AccessList] = field(default_factory=dict)
    static_routes: list[StaticRoute] = field(default_factory=list)
    ikev2: Ikev2Config = field(default_factory=Ikev2Config)
    pki: PkiConfig = field(default_factory=PkiConfig)
    gdoi_groups: dict[str, GdoiGroup] = field(default_factory=dict)
    crypto_logging: list[str] = field(default_factory=list)  # `crypto logging session`, `crypto logging ikev2`
    ikev1: Ikev1Config = field(default_factory=Ikev1Config)
    ipsec_globals: IpsecGlobals = field(default_factory=IpsecGlobals)
    terminal: TerminalConfig = field(default_factory=TerminalConfig)
    archive: ArchiveSettings | None = None
    file_prompt_quiet: bool = False  # `file prompt quiet`: file commands ask nothing
    ip_scp_server: bool = False  # `ip scp server enable`

    @classmethod
    def factory_default(cls, hostname: str = "Router") -> RunningConfig:
        cfg = cls(hostname=hostname)
        for name in INTERFACE_NAMES:
            cfg.interfaces[name] = Interface(name=name, shutdown=True)
        return cfg

    def user_privilege(self, user: str) -> int | None:
        """The privilege level of a configured user (`username X privilege N`); None for no such user."""
        return self.user_privileges.get(user, 1) if user in self.users else None

    def clone(self) -> RunningConfig:
        return copy.deepcopy(self)

    def ipsec_profile(self, name: str | None) -> IpsecProfile | None:
        """A configured `crypto ipsec profile`, or the IKEv2 smart default `default` (the default transform set,
        `set ikev2-profile default`) while `no crypto ipsec profile default` has not turned it off."""
        if name is None:
            return None
        if name in self.ipsec_profiles:
            return self.ipsec_profiles[name]
        if name == "default" and self.ikev2.default_ipsec_profile:
            return IpsecProfile("default", ikev2_profile="default")
        return None

    def find_key(self, address: str) -> IsakmpKey | None:
        """Pre-shared key for a peer: exact host match first, then the longest matching mask."""
        from ipaddress import IPv4Address, IPv4Network

        best: tuple[int, IsakmpKey] | None = None
        peer = IPv4Address(address)
        for key in self.isakmp_keys:
            if key.hostname:
                continue
            mask = key.mask or "255.255.255.255"
            net = IPv4Network(f"{key.address}/{mask}", strict=False)
            if peer in net and (best is None or net.prefixlen > best[0]):
                best = (net.prefixlen, key)
        return best[1] if best else None

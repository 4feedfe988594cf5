"""Security associations as the show commands see them: phase-1 (ISAKMP) SAs and phase-2 (IPsec) tunnels.

Keys and other secrets never live here; the negotiation engine keeps them.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from .counters import IkeCounters, IpsecCounters

# `show crypto isakmp sa` states (ios-ike-semantics.md §4); MM_ACTIVE is ASA-only and never used.
MM_NO_STATE = "MM_NO_STATE"
MM_SA_SETUP = "MM_SA_SETUP"
MM_KEY_EXCH = "MM_KEY_EXCH"
MM_KEY_AUTH = "MM_KEY_AUTH"
QM_IDLE = "QM_IDLE"
AG_NO_STATE = "AG_NO_STATE"  # aggressive mode (ios-ike-semantics.md §4)
AG_INIT_EXCH = "AG_INIT_EXCH"
AG_AUTH = "AG_AUTH"

INITIATOR = "initiator"
RESPONDER = "responder"


@dataclass(frozen=True)
class NegotiatedPolicy:
    """The ISAKMP policy a phase-1 SA runs with (`show crypto isakmp sa detail`: `aes sha psk 5`)."""

    priority: int  # the local policy that matched (initiator: the offered policy the peer chose)
    encryption: str  # des | 3des | aes
    key_size: int | None  # 128 | 192 | 256 for aes
    hash: str  # md5 | sha | sha256 | sha384 | sha512
    authentication: str  # pre-share
    group: int
    lifetime: int  # negotiated seconds
    is_default: bool  # one of the default policies 65507-65514


@dataclass
class IkeSa:
    conn_id: int
    local: str
    remote: str
    role: str  # initiator | responder
    created: float  # router seconds since boot
    vrf: str | None = None  # front-door VRF of the local address; None = global
    state: str = MM_NO_STATE
    deleted: bool = False
    deleted_at: float | None = None
    policy: NegotiatedPolicy | None = None
    established: float | None = None
    expires: float | None = None
    keepalive: bool = False  # DPD negotiated and a keepalive configured: the `D` capability
    profile: str | None = None  # the ISAKMP profile the SA runs under (`show crypto session`: `Profile:`)
    aggressive: bool = False  # negotiated in aggressive mode
    peer_identity: str | None = None  # the peer's authenticated phase-1 ID (`Phase1_id:`), address or name
    counters: IkeCounters = field(default_factory=IkeCounters)
    mib_index: int | None = None  # cikeTunIndex while active

    @property
    def status(self) -> str:
        return "ACTIVE (deleted)" if self.deleted else "ACTIVE"

    @property
    def active(self) -> bool:
        return self.state == QM_IDLE and not self.deleted

    def remaining(self, now: float) -> int:
        """Seconds of lifetime left (`show crypto isakmp sa detail` Lifetime column); 0 before QM_IDLE."""
        return max(0, int(self.expires - now)) if self.expires is not None and not self.deleted else 0

    def active_time(self, now: float) -> float:
        return now - self.established if self.established is not None else 0.0


@dataclass(frozen=True)
class ProxyIdent:
    """One side of a phase-2 selector: `(20.20.20.0/255.255.255.0/0/0)` in `show crypto ipsec sa`."""

    addr: str
    mask: str = "255.255.255.255"
    proto: int = 0
    port: int = 0

    @property
    def network(self) -> ipaddress.IPv4Network:
        return ipaddress.IPv4Network(f"{self.addr}/{self.mask}", strict=False)

    @property
    def is_host(self) -> bool:
        return self.mask == "255.255.255.255"

    def covers(self, other: ProxyIdent) -> bool:
        """True when every packet `other` selects is also selected by self."""
        return (
            other.network.subnet_of(self.network)
            and self.proto in (0, other.proto)
            and self.port in (0, other.port)
        )

    def matches(self, address: str, proto: int, port: int) -> bool:
        return (
            ipaddress.IPv4Address(address) in self.network
            and self.proto in (0, proto)
            and self.port in (0, port)
        )

    def text(self) -> str:
        return f"({self.addr}/{self.mask}/{self.proto}/{self.port})"


@dataclass
class ChildSa:
    """One unidirectional IPsec SA (`inbound esp sas:` / `outbound esp sas:` entries)."""

    spi: int
    protocol: str  # esp | ah
    direction: str  # in | out
    conn_id: int
    transforms: tuple[str, ...]  # the transforms of this protocol, e.g. ("esp-aes", "esp-sha-hmac")
    key_size: int | None
    mode: str  # tunnel | transport
    lifetime_kb: int
    lifetime_sec: int
    created: float
    bytes_used: int = 0
    mib_spi_index: int | None = None
    udp_encap: bool = False  # ESP in UDP 4500 (NAT-T): `in use settings ={Tunnel UDP-Encaps, }`

    @property
    def flow_id(self) -> int:
        return self.conn_id - 2000

    def remaining_kb(self) -> int:
        return max(0, self.lifetime_kb - self.bytes_used // 1024)

    def remaining_sec(self, now: float) -> int:
        return max(0, int(self.created + self.lifetime_sec - now))

    def volume_exhausted(self) -> bool:
        return self.bytes_used >= self.lifetime_kb * 1024


@dataclass
class DynamicMapInstance:
    """An entry IOS creates from a dynamic-map template: `Crypto Map "testmap" 65536 ipsec-isakmp`."""

    map_name: str
    seq: int
    template: str
    template_seq: int
    peer: str
    local_ident: ProxyIdent
    remote_ident: ProxyIdent
    transform_sets: tuple[str, ...]
    pfs_group: int | None
    lifetime_kb: int
    lifetime_sec: int


@dataclass
class IpsecTunnel:
    """The SAs one quick mode created for one proxy-identity pair (a flow-MIB phase-2 tunnel)."""

    tunnel_id: int
    local: str
    remote: str
    map_name: str
    map_seq: int
    interface: str | None
    local_ident: ProxyIdent
    remote_ident: ProxyIdent
    transform_set: str
    transforms: tuple[str, ...]
    key_size: int | None
    mode: str
    pfs_group: int | None  # PFS DH group, None = no PFS
    ike_conn_id: int
    lifetime_kb: int
    lifetime_sec: int
    created: float
    vrf: str | None = None
    used_default_transform: bool = False
    dynamic: DynamicMapInstance | None = None
    inbound: list[ChildSa] = field(default_factory=list)
    outbound: list[ChildSa] = field(default_factory=list)
    counters: IpsecCounters = field(default_factory=IpsecCounters)
    mib_index: int | None = None
    mib_endpoint_index: int | None = None
    peer_port: int = 500  # the peer's IKE port: 4500 once NAT-T floated
    ike_version: int = 1  # 2: negotiated by IKEv2 (its engine owns the tunnel's timers and deletes)

    @property
    def expires(self) -> float:
        return self.created + self.lifetime_sec

    @property
    def outbound_spi(self) -> int:
        """`current outbound spi`: the ESP SA's when there is one, else the AH SA's."""
        esp = [sa for sa in self.outbound if sa.protocol == "esp"]
        return (esp or self.outbound)[0].spi

    def child_sas(self) -> list[ChildSa]:
        return self.inbound + self.outbound

    def active_time(self, now: float) -> float:
        return now - self.created

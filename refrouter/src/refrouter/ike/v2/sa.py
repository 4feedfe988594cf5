"""IKE SA and child SA records the engine keeps, with the state names `show crypto ikev2 sa` prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from refrouter.ike.groups import DhKeyPair
from refrouter.ike.v2.algorithms import Suite
from refrouter.ike.v2.config import ChildSettings, EspTransform, Identity, Ikev2Profile, Ikev2Proposal
from refrouter.ike.v2.constants import IKE_PORT
from refrouter.ike.v2.datagram import Datagram
from refrouter.ike.v2.keys import ChildKeys, IkeKeys
from refrouter.ike.v2.payloads import TrafficSelector
from refrouter.ike.v2.protection import DirectionKeys


class IkeState(Enum):
    IN_NEG = "IN-NEG"
    READY = "READY"
    DELETED = "DELETE"


@dataclass
class ChildSa:
    spi_in: bytes  # the SPI this router receives on (chosen by us)
    spi_out: bytes
    transform: EspTransform
    keys: ChildKeys
    we_initiated: bool  # our side initiated the exchange that created it (KEYMAT order, §2.17)
    local_ts: tuple[TrafficSelector, ...]
    remote_ts: tuple[TrafficSelector, ...]
    created: float
    lifetime: int
    deleted: bool = False

    @property
    def outbound_keys(self) -> tuple[bytes, bytes]:
        """(encryption, integrity) keys for the packets we send."""
        if self.we_initiated:
            return self.keys.encryption_i, self.keys.integrity_i
        return self.keys.encryption_r, self.keys.integrity_r

    @property
    def inbound_keys(self) -> tuple[bytes, bytes]:
        if self.we_initiated:
            return self.keys.encryption_r, self.keys.integrity_r
        return self.keys.encryption_i, self.keys.integrity_i


@dataclass
class Pending:
    """The one outstanding request of an IKE SA (window size 1)."""

    purpose: str  # "init", "auth", "rekey-child", "rekey-ike", "delete-child", "delete-ike", "dpd"
    message_id: int
    raw: bytes
    due: float
    count: int = 0
    child_spi: bytes = b""  # the SPI we chose for a child SA being created
    ike_spi: bytes = b""  # our SPI of a new IKE SA (IKE rekey)
    nonce: bytes = b""
    dh: DhKeyPair | None = None
    old_child: ChildSa | None = None


@dataclass
class IkeSa:
    spi_i: bytes
    spi_r: bytes
    original_initiator: bool
    local: str
    peer: str
    created: float
    state: IkeState = IkeState.IN_NEG
    proposals: tuple[Ikev2Proposal, ...] = ()
    suite: Suite | None = None
    keys: IkeKeys | None = None
    profile: Ikev2Profile | None = None
    remote_identity: Identity | None = None
    child_settings: ChildSettings | None = None
    children: list[ChildSa] = field(default_factory=list)
    next_request_id: int = 0
    peer_next_id: int = 0
    last_response: tuple[int, bytes, bytes] | None = None  # (message id, request, our response)
    pending: Pending | None = None
    queued: list[str] = field(default_factory=list)
    last_heard: float = 0.0
    last_outbound: float | None = None
    end_reason: str | None = None
    nonce_i: bytes = b""
    nonce_r: bytes = b""
    dh: DhKeyPair | None = None
    init_request: bytes = b""  # RealMessage1 (the last IKE_SA_INIT request, cookie included)
    init_response: bytes = b""  # RealMessage2
    cookie: bytes | None = None
    lifetime: int = 86400
    rekeyed_to: IkeSa | None = None
    local_port: int = IKE_PORT  # 4500 once NAT traversal moved the SA there (natt.py)
    peer_port: int = IKE_PORT
    nat: bool = False  # NAT detected (or faked by the peer): child SAs carry ESP in UDP

    def datagram(self, raw: bytes) -> Datagram:
        """An IKE message of this SA on its current addresses and ports."""
        return Datagram(self.local, self.peer, raw, self.local_port, self.peer_port)

    @property
    def local_spi(self) -> bytes:
        return self.spi_i if self.original_initiator else self.spi_r

    @property
    def send_keys(self) -> DirectionKeys:
        assert self.keys is not None
        return self.keys.initiator if self.original_initiator else self.keys.responder

    @property
    def receive_keys(self) -> DirectionKeys:
        assert self.keys is not None
        return self.keys.responder if self.original_initiator else self.keys.initiator

    @property
    def live_children(self) -> list[ChildSa]:
        return [c for c in self.children if not c.deleted]

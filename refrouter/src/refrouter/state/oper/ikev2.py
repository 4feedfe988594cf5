"""IKEv2 SAs as the show commands see them (`show crypto ikev2 sa|session|stats`, `show crypto session`).

Written by the IPsec service from the negotiation engine after every step; keys never live here.
Algorithm names are the IOS spellings (`AES-CBC`, `SHA512`, `SHA96`, `None` for AES-GCM's hash).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .tables import IndexAllocator

READY = "READY"
IN_NEG = "IN-NEG"


@dataclass(frozen=True)
class Ikev2Selector:
    """One traffic selector: an address range with protocol (0 = any) and port range."""

    start: str
    end: str
    protocol: int = 0
    start_port: int = 0
    end_port: int = 65535

    def text(self) -> str:
        """`10.1.0.0/0 - 10.1.0.255/65535` as `show crypto ikev2 session detail` prints it."""
        return f"{self.start}/{self.start_port} - {self.end}/{self.end_port}"


@dataclass
class Ikev2ChildSa:
    spi_in: int
    spi_out: int
    encryption: str  # AES-CBC | AES-GCM
    key_size: int
    esp_hmac: str  # SHA96, SHA256, ... or None (AES-GCM)
    local_selectors: tuple[Ikev2Selector, ...]
    remote_selectors: tuple[Ikev2Selector, ...]
    created: float
    lifetime: int
    mode: str = "tunnel"


@dataclass
class Ikev2Sa:
    """One IKE SA (`Tunnel-id` row of `show crypto ikev2 sa`)."""

    tunnel_id: int
    session_id: int
    conn_id: int
    local: str
    remote: str
    initiator: bool
    created: float
    local_port: int = 500
    remote_port: int = 500
    fvrf: str | None = None
    ivrf: str | None = None
    status: str = IN_NEG
    encryption: str = "Unknown"
    key_size: int = 0
    prf: str = "Unknown"
    hash: str = "Unknown"
    dh_group: int = 0
    auth_sign: str = "PSK"
    auth_verify: str = "PSK"
    lifetime: int = 86400
    established: float | None = None
    local_spi: str = ""
    remote_spi: str = ""
    local_id: str = ""
    remote_id: str = ""
    profile: str | None = None
    dpd: tuple[int, int] | None = None  # (interval, retry) of the profile
    nat_t: bool = False
    local_next_id: int = 0
    remote_next_id: int = 0
    children: list[Ikev2ChildSa] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return self.status == READY

    def active_time(self, now: float) -> int:
        return int(now - self.established) if self.established is not None else 0

    def remaining(self, now: float) -> int:
        return max(0, self.lifetime - self.active_time(now)) if self.established is not None else 0


@dataclass(frozen=True)
class Ikev2Failure:
    """A negotiation that ended without an SA (or a child SA): outcome as the engine reports it."""

    peer: str
    outcome: str  # NO_PROPOSAL_CHOSEN, AUTHENTICATION_FAILED, TS_UNACCEPTABLE, NO_POLICY, NO_PROFILE, NO_KEY, PEER_LOST
    role: str  # initiator | responder
    stage: str  # ike | child
    at: float


@dataclass
class Ikev2Stats:
    """`show crypto ikev2 stats` counters."""

    incoming_requests: int = 0  # IKE_SA_INIT requests received for a new SA
    incoming_accepted: int = 0
    incoming_rejected: int = 0
    outgoing_requests: int = 0  # negotiations this router started
    outgoing_accepted: int = 0
    outgoing_rejected: int = 0
    dropped: int = 0  # datagrams the engine dropped (malformed, unknown SA, stale)


FAILURES_KEPT = 100


@dataclass
class Ikev2Oper:
    sas: dict[int, Ikev2Sa] = field(default_factory=dict)  # by tunnel-id
    failures: list[Ikev2Failure] = field(default_factory=list)
    stats: Ikev2Stats = field(default_factory=Ikev2Stats)
    _tunnel_ids: IndexAllocator = field(default_factory=IndexAllocator)
    _session_ids: dict[tuple[str, str], int] = field(default_factory=dict)

    def new_tunnel_id(self) -> int:
        return self._tunnel_ids.allocate()

    def session_id(self, local: str, remote: str) -> int:
        """IOS numbers sessions per peer pair; an SA rekeyed or re-established keeps its session id."""
        return self._session_ids.setdefault((local, remote), len(self._session_ids) + 1)

    def record_failure(self, failure: Ikev2Failure) -> None:
        self.failures.append(failure)
        del self.failures[:-FAILURES_KEPT]

    def sa_list(self, peer: str | None = None) -> list[Ikev2Sa]:
        return [sa for _, sa in sorted(self.sas.items()) if peer in (None, sa.remote)]

"""What moves between the engine and its caller: datagrams and failure outcomes."""

from __future__ import annotations

from dataclasses import dataclass

from refrouter.ike.v2.constants import IKE_PORT


@dataclass(frozen=True)
class Datagram:
    src: str
    dst: str
    data: bytes
    src_port: int = IKE_PORT
    dst_port: int = IKE_PORT


@dataclass(frozen=True)
class Failure:
    """A negotiation that did not complete: `outcome` is the RFC 7296 notify IOS reports
    (NO_PROPOSAL_CHOSEN, AUTHENTICATION_FAILED, TS_UNACCEPTABLE) or NO_POLICY, NO_PROFILE, NO_KEY,
    PEER_LOST (retransmissions or DPD exhausted)."""

    peer: str
    outcome: str
    role: str  # "initiator" | "responder"
    stage: str  # "ike" | "child"

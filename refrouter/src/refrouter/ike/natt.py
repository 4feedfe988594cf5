"""NAT traversal for IKEv1 (RFC 3947) and UDP-encapsulated ESP (RFC 3948).

Both peers advertise the RFC 3947 vendor ID in messages 1/2; then messages 3/4 carry NAT-D payloads:
first the hash of the address and port the sender sends TO, then of its own. A receiver whose own hash
does not match, or who matches none of the sender's, knows a NAT (or a peer that fakes one, as strongSwan's
`encap = yes` does) is on the path: the initiator moves to UDP 4500 from message 5 on, IKE on 4500 carries a
four-byte zero non-ESP marker, quick mode negotiates the UDP-encapsulated modes (3/4) and ESP travels in
UDP 4500 without a marker. The engine never sends NAT keepalives and ignores received ones.
"""

from __future__ import annotations

import ipaddress

from . import keys
from .codec import NatDPayload, VendorIdPayload
from .context import NATT_PORT

RFC3947 = VendorIdPayload(bytes.fromhex("4a131c81070358455c5728f20e95452f"))
NON_ESP_MARKER = bytes(4)
KEEPALIVE = b"\xff"


def advertised(payloads: tuple[object, ...]) -> bool:
    return any(isinstance(p, VendorIdPayload) and p.data == RFC3947.data for p in payloads)


def natd_hash(hash_name: str, icookie: bytes, rcookie: bytes, address: str, port: int) -> bytes:
    """HASH(CKY-I | CKY-R | IP | Port) with the negotiated hash (RFC 3947 §3.2)."""
    packed = ipaddress.IPv4Address(address).packed
    return keys.digest(hash_name, icookie + rcookie + packed + port.to_bytes(2, "big"))


def natd_payloads(hash_name: str, icookie: bytes, rcookie: bytes, local: tuple[str, int],
                  remote: tuple[str, int]) -> tuple[NatDPayload, NatDPayload]:
    return (NatDPayload(natd_hash(hash_name, icookie, rcookie, *remote)),
            NatDPayload(natd_hash(hash_name, icookie, rcookie, *local)))


def nat_detected(hash_name: str, icookie: bytes, rcookie: bytes, received: list[NatDPayload],
                 local: tuple[str, int], remote: tuple[str, int]) -> bool:
    """True when the peer's NAT-D payloads do not describe the path we see."""
    if not received:
        return False
    own_ok = received[0].data == natd_hash(hash_name, icookie, rcookie, *local)
    peer_hash = natd_hash(hash_name, icookie, rcookie, *remote)
    return not (own_ok and any(p.data == peer_hash for p in received[1:]))



def is_ike(port: int, payload: bytes) -> bool:
    """UDP 500 is IKE; on 4500 only what starts with the non-ESP marker (the rest is ESP or a keepalive)."""
    return port != NATT_PORT or payload[:4] == NON_ESP_MARKER

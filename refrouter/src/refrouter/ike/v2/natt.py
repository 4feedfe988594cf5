"""IKEv2 NAT traversal (RFC 7296 §2.23, RFC 3948): NAT detection notifies in IKE_SA_INIT, the move to UDP 4500
from IKE_AUTH on, and the non-ESP marker that tells IKE from ESP on that port.

Each side sends NAT_DETECTION_SOURCE_IP = SHA1(SPIi | SPIr | IP | port) of where it sends from and
NAT_DETECTION_DESTINATION_IP of where it sends to (SPIr zero in the request). A receiver whose view of the
path differs (or a peer that fakes a NAT, as strongSwan's `encap = yes` does) knows a NAT is there: the
initiator sends IKE_AUTH and everything after it from and to UDP 4500, the responder answers where the
request came from, and the child SAs carry ESP in UDP (RFC 3948)."""

from __future__ import annotations

import hashlib
import ipaddress
import struct
from typing import TYPE_CHECKING

from refrouter.ike.v2.codec import Message
from refrouter.ike.v2.constants import Notify
from refrouter.ike.v2.datagram import Datagram
from refrouter.ike.v2.payloads import NotifyPayload

if TYPE_CHECKING:
    from refrouter.ike.v2.sa import IkeSa

NATT_PORT = 4500
NON_ESP_MARKER = bytes(4)


def nat_hash(spi_i: bytes, spi_r: bytes, address: str, port: int) -> bytes:
    return hashlib.sha1(spi_i + spi_r + ipaddress.IPv4Address(address).packed + struct.pack("!H", port)).digest()


def notifies(spi_i: bytes, spi_r: bytes, source: tuple[str, int],
             destination: tuple[str, int]) -> tuple[NotifyPayload, NotifyPayload]:
    return (NotifyPayload(Notify.NAT_DETECTION_SOURCE_IP, nat_hash(spi_i, spi_r, *source)),
            NotifyPayload(Notify.NAT_DETECTION_DESTINATION_IP, nat_hash(spi_i, spi_r, *destination)))


def detected(message: Message, spi_i: bytes, spi_r: bytes, local: tuple[str, int], peer: tuple[str, int]) -> bool:
    """True when the peer's NAT detection notifies do not describe the path this datagram took (`peer` is its
    source, `local` its destination). A peer that sends none does not do NAT-T: False."""
    sources = [n.data for n in message.notifies() if n.type == Notify.NAT_DETECTION_SOURCE_IP]
    destinations = [n.data for n in message.notifies() if n.type == Notify.NAT_DETECTION_DESTINATION_IP]
    if not sources or not destinations:
        return False
    peer_behind_nat = nat_hash(spi_i, spi_r, *peer) not in sources
    we_behind_nat = nat_hash(spi_i, spi_r, *local) not in destinations
    return peer_behind_nat or we_behind_nat


def wrap(data: bytes, local_port: int, peer_port: int) -> bytes:
    """IKE on UDP 4500 starts with the non-ESP marker."""
    return NON_ESP_MARKER + data if NATT_PORT in (local_port, peer_port) else data


def unwrap(port: int, data: bytes) -> bytes | None:
    """The IKE message of a datagram received on `port`; None when it is not IKE (ESP in UDP, a keepalive)."""
    if port != NATT_PORT:
        return data
    return data[len(NON_ESP_MARKER):] if data[:len(NON_ESP_MARKER)] == NON_ESP_MARKER else None


def follow(sa: IkeSa, datagram: Datagram) -> None:
    """An authentic message of `sa` on UDP 4500: answer there (the responder side of the move, §2.23)."""
    if datagram.dst_port == NATT_PORT and (sa.local_port, sa.peer_port) != (NATT_PORT, datagram.src_port):
        sa.local_port, sa.peer_port, sa.nat = NATT_PORT, datagram.src_port, True


def float_if_nat(sa: IkeSa, message: Message) -> None:
    """The initiator, on the IKE_SA_INIT response: a NAT on the path moves the SA to UDP 4500."""
    if detected(message, sa.spi_i, sa.spi_r, (sa.local, sa.local_port), (sa.peer, sa.peer_port)):
        sa.nat, sa.local_port, sa.peer_port = True, NATT_PORT, NATT_PORT

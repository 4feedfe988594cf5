"""IPv4 packets as real bytes (header checksum, ICMP echo, UDP), so octet counters are honest."""

from __future__ import annotations

import struct
from dataclasses import dataclass, replace
from ipaddress import IPv4Address

ICMP = 1
UDP = 17
ESP = 50
AH = 51
IPV4_HEADER = 20
ICMP_ECHO_REQUEST = 8
ICMP_ECHO_REPLY = 0


class PacketError(ValueError):
    pass


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


@dataclass(frozen=True)
class Packet:
    src: IPv4Address
    dst: IPv4Address
    proto: int
    payload: bytes
    ttl: int = 255
    ident: int = 0

    def encode(self) -> bytes:
        total = IPV4_HEADER + len(self.payload)
        if total > 65535:
            raise PacketError("packet too large")
        header = struct.pack(
            "!BBHHHBBH4s4s", 0x45, 0, total, self.ident & 0xFFFF, 0, self.ttl, self.proto, 0,
            self.src.packed, self.dst.packed,
        )
        header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
        return header + self.payload

    @classmethod
    def decode(cls, data: bytes) -> Packet:
        if len(data) < IPV4_HEADER:
            raise PacketError("short packet")
        version_ihl, _, total, ident, _, ttl, proto, _, src, dst = struct.unpack("!BBHHHBBH4s4s", data[:20])
        ihl = (version_ihl & 0x0F) * 4
        if version_ihl >> 4 != 4 or ihl < IPV4_HEADER or total != len(data) or checksum(data[:ihl]) != 0:
            raise PacketError("bad IPv4 header")
        return cls(IPv4Address(src), IPv4Address(dst), proto, bytes(data[ihl:]), ttl, ident)

    @property
    def size(self) -> int:
        return IPV4_HEADER + len(self.payload)

    def decremented(self) -> Packet:
        return replace(self, ttl=self.ttl - 1)


@dataclass(frozen=True)
class IcmpEcho:
    kind: int  # 8 request, 0 reply
    ident: int
    seq: int
    data: bytes

    def encode(self) -> bytes:
        body = struct.pack("!BBHHH", self.kind, 0, 0, self.ident, self.seq) + self.data
        return body[:2] + struct.pack("!H", checksum(body)) + body[4:]

    @classmethod
    def decode(cls, data: bytes) -> IcmpEcho | None:
        if len(data) < 8 or checksum(data) != 0:
            return None
        kind, code, _, ident, seq = struct.unpack("!BBHHH", data[:8])
        if kind not in (ICMP_ECHO_REQUEST, ICMP_ECHO_REPLY) or code != 0:
            return None
        return cls(kind, ident, seq, data[8:])


@dataclass(frozen=True)
class Udp:
    sport: int
    dport: int
    data: bytes

    def encode(self) -> bytes:
        return struct.pack("!HHHH", self.sport, self.dport, 8 + len(self.data), 0) + self.data

    @classmethod
    def decode(cls, data: bytes) -> Udp | None:
        if len(data) < 8:
            return None
        sport, dport, length, _ = struct.unpack("!HHHH", data[:8])
        if length != len(data):
            return None
        return cls(sport, dport, data[8:])


def ports_of(packet: Packet) -> tuple[int, int] | None:
    """(source port, destination port) for TCP/UDP, for ACL port matches."""
    if packet.proto in (6, UDP) and len(packet.payload) >= 4:
        sport, dport = struct.unpack("!HH", packet.payload[:4])
        return sport, dport
    return None

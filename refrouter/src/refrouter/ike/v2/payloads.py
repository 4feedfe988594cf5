"""RFC 7296 §3 payload bodies: one dataclass per payload, `to_body()` and `parse_<name>()` for the bytes
after the 4-byte generic payload header."""

from __future__ import annotations

import ipaddress
import struct
from dataclasses import dataclass, field

from refrouter.ike.v2.constants import ATTR_KEY_LENGTH, TS_IPV4_ADDR_RANGE, IdType, Payload, Protocol


class MalformedPayload(ValueError):
    """Bytes that do not parse as the payload they claim to be (IOS answers INVALID_SYNTAX)."""


def _need(data: bytes, size: int, what: str) -> None:
    if len(data) < size:
        raise MalformedPayload(f"{what}: {len(data)} bytes, need {size}")


@dataclass(frozen=True)
class Transform:
    type: int
    id: int
    key_length: int | None = None  # bits, the Key Length attribute (AES)

    def to_bytes(self, last: bool) -> bytes:
        attrs = b"" if self.key_length is None else struct.pack("!HH", 0x8000 | ATTR_KEY_LENGTH, self.key_length)
        return struct.pack("!BBHBBH", 0 if last else 3, 0, 8 + len(attrs), self.type, 0, self.id) + attrs


@dataclass(frozen=True)
class Proposal:
    number: int
    protocol: int
    spi: bytes
    transforms: tuple[Transform, ...]

    def to_bytes(self, last: bool) -> bytes:
        body = b"".join(t.to_bytes(i == len(self.transforms) - 1) for i, t in enumerate(self.transforms))
        length = 8 + len(self.spi) + len(body)
        head = struct.pack("!BBHBBBB", 0 if last else 2, 0, length, self.number, self.protocol, len(self.spi),
                           len(self.transforms))
        return head + self.spi + body

    def of_type(self, kind: int) -> tuple[Transform, ...]:
        return tuple(t for t in self.transforms if t.type == kind)


@dataclass(frozen=True)
class SaPayload:
    proposals: tuple[Proposal, ...]
    kind: int = Payload.SA

    def to_body(self) -> bytes:
        return b"".join(p.to_bytes(i == len(self.proposals) - 1) for i, p in enumerate(self.proposals))


def _parse_transform(data: bytes) -> Transform:
    _need(data, 8, "transform")
    kind, ident = data[4], struct.unpack("!H", data[6:8])[0]
    key_length, pos = None, 8
    while pos < len(data):
        _need(data[pos:], 4, "transform attribute")
        attr_type, value = struct.unpack("!HH", data[pos:pos + 4])
        if not attr_type & 0x8000:  # TLV attribute: skip its value
            pos += 4 + value
            continue
        if attr_type & 0x7FFF == ATTR_KEY_LENGTH:
            key_length = value
        pos += 4
    return Transform(kind, ident, key_length)


def _parse_proposal(data: bytes) -> Proposal:
    _need(data, 8, "proposal")
    number, protocol, spi_size, count = data[4], data[5], data[6], data[7]
    _need(data, 8 + spi_size, "proposal SPI")
    spi, pos, transforms = data[8:8 + spi_size], 8 + spi_size, []
    for _ in range(count):
        _need(data[pos:], 4, "transform header")
        length = struct.unpack("!H", data[pos + 2:pos + 4])[0]
        if length < 8 or pos + length > len(data):
            raise MalformedPayload("transform length out of range")
        transforms.append(_parse_transform(data[pos:pos + length]))
        pos += length
    return Proposal(number, protocol, spi, tuple(transforms))


def parse_sa(body: bytes) -> SaPayload:
    proposals, pos = [], 0
    while pos < len(body):
        _need(body[pos:], 8, "proposal header")
        more, length = body[pos], struct.unpack("!H", body[pos + 2:pos + 4])[0]
        if length < 8 or pos + length > len(body):
            raise MalformedPayload("proposal length out of range")
        proposals.append(_parse_proposal(body[pos:pos + length]))
        pos += length
        if more == 0:
            break
    return SaPayload(tuple(proposals))


@dataclass(frozen=True)
class KePayload:
    group: int
    data: bytes
    kind: int = Payload.KE

    def to_body(self) -> bytes:
        return struct.pack("!HH", self.group, 0) + self.data


def parse_ke(body: bytes) -> KePayload:
    _need(body, 4, "KE")
    return KePayload(struct.unpack("!H", body[:2])[0], body[4:])


@dataclass(frozen=True)
class NoncePayload:
    data: bytes
    kind: int = Payload.NONCE

    def to_body(self) -> bytes:
        return self.data


@dataclass(frozen=True)
class IdPayload:
    kind: int  # Payload.IDI or Payload.IDR
    id_type: int
    data: bytes

    def to_body(self) -> bytes:
        return struct.pack("!B3x", self.id_type) + self.data

    def text(self) -> str:
        if self.id_type == IdType.IPV4_ADDR and len(self.data) == 4:
            return str(ipaddress.IPv4Address(self.data))
        return self.data.decode("utf-8", "replace")


def parse_id(kind: int, body: bytes) -> IdPayload:
    _need(body, 4, "ID")
    return IdPayload(kind, body[0], body[4:])


@dataclass(frozen=True)
class AuthPayload:
    method: int
    data: bytes
    kind: int = Payload.AUTH

    def to_body(self) -> bytes:
        return struct.pack("!B3x", self.method) + self.data


def parse_auth(body: bytes) -> AuthPayload:
    _need(body, 4, "AUTH")
    return AuthPayload(body[0], body[4:])


@dataclass(frozen=True)
class NotifyPayload:
    type: int
    data: bytes = b""
    protocol: int = 0
    spi: bytes = b""
    kind: int = Payload.NOTIFY

    def to_body(self) -> bytes:
        return struct.pack("!BBH", self.protocol, len(self.spi), self.type) + self.spi + self.data


def parse_notify(body: bytes) -> NotifyPayload:
    _need(body, 4, "Notify")
    protocol, spi_size, kind = struct.unpack("!BBH", body[:4])
    _need(body, 4 + spi_size, "Notify SPI")
    return NotifyPayload(kind, body[4 + spi_size:], protocol, body[4:4 + spi_size])


@dataclass(frozen=True)
class DeletePayload:
    protocol: int
    spis: tuple[bytes, ...] = ()
    kind: int = Payload.DELETE

    def to_body(self) -> bytes:
        spi_size = 0 if self.protocol == Protocol.IKE else 4
        return struct.pack("!BBH", self.protocol, spi_size, len(self.spis)) + b"".join(self.spis)


def parse_delete(body: bytes) -> DeletePayload:
    _need(body, 4, "Delete")
    protocol, spi_size, count = struct.unpack("!BBH", body[:4])
    _need(body, 4 + spi_size * count, "Delete SPIs")
    spis = tuple(body[4 + i * spi_size:4 + (i + 1) * spi_size] for i in range(count))
    return DeletePayload(protocol, spis)


@dataclass(frozen=True)
class TrafficSelector:
    """One IPv4 address range with protocol and port range (0 = any protocol)."""

    start: str
    end: str
    protocol: int = 0
    start_port: int = 0
    end_port: int = 65535

    def to_bytes(self) -> bytes:
        return struct.pack("!BBHHH", TS_IPV4_ADDR_RANGE, self.protocol, 16, self.start_port, self.end_port) + \
            ipaddress.IPv4Address(self.start).packed + ipaddress.IPv4Address(self.end).packed

    def covers(self, other: TrafficSelector) -> bool:
        ip = ipaddress.IPv4Address
        return (self.protocol in (0, other.protocol) and ip(self.start) <= ip(other.start)
                and ip(other.end) <= ip(self.end) and self.start_port <= other.start_port
                and other.end_port <= self.end_port)


@dataclass(frozen=True)
class TsPayload:
    kind: int  # Payload.TSI or Payload.TSR
    selectors: tuple[TrafficSelector, ...] = field(default_factory=tuple)

    def to_body(self) -> bytes:
        return struct.pack("!B3x", len(self.selectors)) + b"".join(s.to_bytes() for s in self.selectors)


def parse_ts(kind: int, body: bytes) -> TsPayload:
    _need(body, 4, "TS")
    selectors, pos = [], 4
    for _ in range(body[0]):
        _need(body[pos:], 16, "traffic selector")
        ts_type, proto, length, sport, eport = struct.unpack("!BBHHH", body[pos:pos + 8])
        if ts_type != TS_IPV4_ADDR_RANGE or length != 16:
            raise MalformedPayload(f"traffic selector type {ts_type} is not supported")
        start = str(ipaddress.IPv4Address(body[pos + 8:pos + 12]))
        end = str(ipaddress.IPv4Address(body[pos + 12:pos + 16]))
        selectors.append(TrafficSelector(start, end, proto, sport, eport))
        pos += 16
    return TsPayload(kind, tuple(selectors))


@dataclass(frozen=True)
class OpaquePayload:
    """A payload the engine does not interpret (Vendor ID, CERTREQ, ...), kept as its type and body."""

    kind: int
    data: bytes

    def to_body(self) -> bytes:
        return self.data


AnyPayload = (SaPayload | KePayload | NoncePayload | IdPayload | AuthPayload | NotifyPayload | DeletePayload
              | TsPayload | OpaquePayload)


def parse_body(kind: int, body: bytes) -> AnyPayload:
    """The payload of type `kind` (OpaquePayload for the types the engine does not interpret)."""
    if kind == Payload.SA:
        return parse_sa(body)
    if kind == Payload.KE:
        return parse_ke(body)
    if kind == Payload.NONCE:
        return NoncePayload(body)
    if kind in (Payload.IDI, Payload.IDR):
        return parse_id(kind, body)
    if kind == Payload.AUTH:
        return parse_auth(body)
    if kind == Payload.NOTIFY:
        return parse_notify(body)
    if kind == Payload.DELETE:
        return parse_delete(body)
    if kind in (Payload.TSI, Payload.TSR):
        return parse_ts(kind, body)
    return OpaquePayload(kind, body)

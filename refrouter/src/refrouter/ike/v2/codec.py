"""RFC 7296 messages as bytes: the IKE header, the payload chain, and the SK payload around the protected
payloads. `encode` and `decode` are the only functions that build or read whole datagrams."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from refrouter.ike.v2.constants import FLAG_INITIATOR, FLAG_RESPONSE, HEADER_LENGTH, VERSION, Payload
from refrouter.ike.v2.payloads import AnyPayload, MalformedPayload, NotifyPayload, parse_body
from refrouter.ike.v2.protection import DirectionKeys, open_sealed, seal


@dataclass(frozen=True)
class Header:
    spi_i: bytes
    spi_r: bytes
    exchange: int
    from_initiator: bool  # the I flag: sent by the original initiator of the IKE SA
    response: bool
    message_id: int
    length: int = 0


@dataclass(frozen=True)
class Message:
    header: Header
    payloads: tuple[AnyPayload, ...]
    encrypted: bool = False

    def first(self, kind: type[AnyPayload]) -> AnyPayload | None:
        return next((p for p in self.payloads if isinstance(p, kind)), None)

    def notifies(self) -> tuple[NotifyPayload, ...]:
        return tuple(p for p in self.payloads if isinstance(p, NotifyPayload))

    def notify(self, kind: int) -> NotifyPayload | None:
        return next((n for n in self.notifies() if n.type == kind), None)


def _flags(header: Header) -> int:
    return (FLAG_INITIATOR if header.from_initiator else 0) | (FLAG_RESPONSE if header.response else 0)


def _header_bytes(header: Header, first: int, length: int) -> bytes:
    return header.spi_i + header.spi_r + struct.pack(
        "!BBBBII", first, VERSION, header.exchange, _flags(header), header.message_id, length)


def _chain(payloads: tuple[AnyPayload, ...]) -> bytes:
    out = []
    for index, payload in enumerate(payloads):
        body = payload.to_body()
        following = payloads[index + 1].kind if index + 1 < len(payloads) else Payload.NONE
        out.append(struct.pack("!BBH", following, 0, 4 + len(body)) + body)
    return b"".join(out)


def encode(header: Header, payloads: tuple[AnyPayload, ...], keys: DirectionKeys | None = None) -> bytes:
    """The datagram; with `keys`, all payloads travel inside one SK payload."""
    first = payloads[0].kind if payloads else Payload.NONE
    if keys is None:
        chain = _chain(payloads)
        return _header_bytes(header, first, HEADER_LENGTH + len(chain)) + chain

    def aad_for(sk_body_length: int) -> bytes:
        total = HEADER_LENGTH + 4 + sk_body_length
        return _header_bytes(header, Payload.SK, total) + struct.pack("!BBH", first, 0, 4 + sk_body_length)

    sk_body = seal(keys, _chain(payloads), aad_for)
    return aad_for(len(sk_body)) + sk_body


def parse_header(raw: bytes) -> Header:
    if len(raw) < HEADER_LENGTH:
        raise MalformedPayload("shorter than an IKE header")
    _first, version, exchange, flags, message_id, length = struct.unpack("!BBBBII", raw[16:28])
    if version >> 4 != 2:
        raise MalformedPayload(f"IKE major version {version >> 4}")
    if length != len(raw):
        raise MalformedPayload(f"header length {length} but datagram has {len(raw)} bytes")
    return Header(raw[:8], raw[8:16], exchange, bool(flags & FLAG_INITIATOR), bool(flags & FLAG_RESPONSE),
                  message_id, length)


def _walk(data: bytes, first: int, base: int) -> tuple[list[AnyPayload], tuple[int, int, int] | None]:
    """Parsed payloads, and (first inner type, offset, end) of an SK payload if the chain ends in one."""
    payloads: list[AnyPayload] = []
    kind, pos = first, base
    while kind != Payload.NONE:
        if pos + 4 > len(data):
            raise MalformedPayload("payload header past the end")
        following, length = data[pos], struct.unpack("!H", data[pos + 2:pos + 4])[0]
        if length < 4 or pos + length > len(data):
            raise MalformedPayload("payload length out of range")
        if kind == Payload.SK:
            return payloads, (following, pos, pos + length)
        payloads.append(parse_body(kind, data[pos + 4:pos + length]))
        kind, pos = following, pos + length
    return payloads, None


def decode(raw: bytes, keys: DirectionKeys | None = None) -> Message:
    """The message; an SK payload is opened with `keys` (IntegrityCheckFailed if they do not fit)."""
    header = parse_header(raw)
    payloads, sealed = _walk(raw, raw[16], HEADER_LENGTH)
    if sealed is None:
        return Message(header, tuple(payloads))
    if keys is None:
        raise MalformedPayload("encrypted payload but no IKE SA keys")
    inner_first, start, end = sealed
    inner = open_sealed(keys, raw[:start + 4], raw[start + 4:end])
    inner_payloads, nested = _walk(inner, inner_first, 0)
    if nested is not None:
        raise MalformedPayload("SK payload inside an SK payload")
    return Message(header, tuple(payloads + inner_payloads), encrypted=True)

"""ISAKMP messages as RFC 2408 bytes: the one module that knows the wire format of IKEv1.

    header: icookie(8) | rcookie(8) | next payload(1) | version(1) = 0x10 | exchange(1) | flags(1)
            | message id(4) | length(4)
    payload: next payload(1) | reserved(1) | length(2) | body

Payload bodies follow RFC 2408 §3 with the IPsec DOI of RFC 2407 (SA: DOI | situation | proposals).
Transform attributes are translated by `attributes.py`. An encrypted message keeps its ciphertext in
`IkeMessage.encrypted` and the type of its first payload in `first_payload`; `decode_payloads()` reads
the decrypted chain and ignores trailing CBC padding. Every decoded payload remembers its body bytes
(`raw`), so the RFC 2409 hashes cover exactly what the peer sent. `decode()` and `decode_payloads()`
raise only `DecodeError`.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import attributes as attrs

HEADER = struct.Struct("!8s8sBBBBII")
GENERIC = struct.Struct("!BBH")
VERSION = 0x10  # major 1, minor 0
EXCHANGE_MAIN = 2  # identity protection
EXCHANGE_AGGRESSIVE = 4
EXCHANGE_INFO = 5
EXCHANGE_QUICK = 32
EXCHANGES = (EXCHANGE_MAIN, EXCHANGE_AGGRESSIVE, EXCHANGE_INFO, EXCHANGE_QUICK)
FLAG_ENCRYPTED = 1
MAX_MESSAGE = 65535
MAX_PADDING = 255
DOI_IPSEC = 1
SIT_IDENTITY_ONLY = 1
PROTOCOL_IDS = {"isakmp": 1, "ah": 2, "esp": 3, "ipcomp": 4}

# Payload types (RFC 2408 §3.1, RFC 3947 for NAT-D).
PT_NONE, PT_SA, PT_PROPOSAL, PT_TRANSFORM, PT_KE, PT_ID = 0, 1, 2, 3, 4, 5
PT_HASH, PT_NONCE, PT_NOTIFY, PT_DELETE, PT_VENDOR, PT_NAT_D = 8, 10, 11, 12, 13, 20

# Notify message types (RFC 2408 §3.14.1) used by the engine.
INVALID_ID_INFORMATION = 18
NO_PROPOSAL_CHOSEN = 14
AUTHENTICATION_FAILED = 24
# ID types (RFC 2407 §4.6.2.1)
ID_IPV4_ADDR = 1
ID_FQDN = 2
ID_USER_FQDN = 3
ID_IPV4_ADDR_SUBNET = 4


class DecodeError(ValueError):
    """Malformed ISAKMP message or payload chain."""


Attr = attrs.Attr


def _raw() -> Any:
    """The received body bytes: kept for the hashes, ignored by equality."""
    return field(default=b"", compare=False, repr=False)


@dataclass(frozen=True)
class Transform:
    number: int
    attributes: dict[str, Attr] = field(default_factory=dict)


@dataclass(frozen=True)
class Proposal:
    number: int
    protocol: str  # isakmp | ah | esp | ipcomp
    spi: bytes
    transforms: tuple[Transform, ...]


@dataclass(frozen=True)
class SaPayload:
    proposals: tuple[Proposal, ...]
    raw: bytes = _raw()


@dataclass(frozen=True)
class KePayload:
    data: bytes
    raw: bytes = _raw()


@dataclass(frozen=True)
class NoncePayload:
    data: bytes
    raw: bytes = _raw()


@dataclass(frozen=True)
class IdPayload:
    id_type: int
    protocol: int
    port: int
    data: bytes
    raw: bytes = _raw()


@dataclass(frozen=True)
class HashPayload:
    data: bytes
    raw: bytes = _raw()


@dataclass(frozen=True)
class NotifyPayload:
    protocol: str
    spi: bytes
    message_type: int
    data: bytes = b""
    raw: bytes = _raw()


@dataclass(frozen=True)
class DeletePayload:
    protocol: str
    spis: tuple[bytes, ...]
    raw: bytes = _raw()


@dataclass(frozen=True)
class VendorIdPayload:
    data: bytes
    raw: bytes = _raw()


@dataclass(frozen=True)
class NatDPayload:
    data: bytes
    raw: bytes = _raw()


Payload = (SaPayload | KePayload | NoncePayload | IdPayload | HashPayload | NotifyPayload | DeletePayload
           | VendorIdPayload | NatDPayload)


@dataclass(frozen=True)
class IkeMessage:
    icookie: bytes
    rcookie: bytes
    exchange: int
    message_id: int = 0
    payloads: tuple[Payload, ...] = ()
    encrypted: bytes | None = None  # ciphertext of a payload chain; payloads is then empty
    first_payload: int = PT_NONE  # type of the first payload (the header's next payload) when encrypted

    def find(self, kind: type) -> Any:
        """The first payload of a type, or None."""
        return next((p for p in self.payloads if isinstance(p, kind)), None)


# ---------------------------------------------------------------------------- encoding


def _attribute(kind: int, value: int) -> bytes:
    """TV (AF=1) when the value fits 16 bits, else TLV with the shortest whole-byte value."""
    if 0 <= value <= 0xFFFF:
        return struct.pack("!HH", 0x8000 | kind, value)
    data = value.to_bytes(max(4, (value.bit_length() + 7) // 8), "big")
    return struct.pack("!HH", kind, len(data)) + data


def _transform_bytes(protocol: str, transform: Transform, last: bool) -> bytes:
    if protocol == "isakmp":
        transform_id, wire = attrs.encode_isakmp(transform.attributes)
    else:
        transform_id, wire = attrs.encode_ipsec(protocol, transform.attributes)
    body = struct.pack("!BBH", transform.number, transform_id, 0) + b"".join(_attribute(k, v) for k, v in wire)
    return GENERIC.pack(PT_NONE if last else PT_TRANSFORM, 0, 4 + len(body)) + body


def _proposal_bytes(proposal: Proposal, last: bool) -> bytes:
    count = len(proposal.transforms)
    transforms = b"".join(_transform_bytes(proposal.protocol, t, i == count - 1)
                          for i, t in enumerate(proposal.transforms))
    body = struct.pack("!BBBB", proposal.number, PROTOCOL_IDS[proposal.protocol], len(proposal.spi), count)
    body += proposal.spi + transforms
    return GENERIC.pack(PT_NONE if last else PT_PROPOSAL, 0, 4 + len(body)) + body


def _body(payload: Payload) -> bytes:
    match payload:
        case SaPayload(proposals):
            return struct.pack("!II", DOI_IPSEC, SIT_IDENTITY_ONLY) + b"".join(
                _proposal_bytes(p, i == len(proposals) - 1) for i, p in enumerate(proposals))
        case KePayload(data) | NoncePayload(data) | HashPayload(data) | VendorIdPayload(data) | NatDPayload(data):
            return data
        case IdPayload(id_type, protocol, port, data):
            return struct.pack("!BBH", id_type, protocol, port) + data
        case NotifyPayload(protocol, spi, message_type, data):
            return struct.pack("!IBBH", DOI_IPSEC, PROTOCOL_IDS[protocol], len(spi), message_type) + spi + data
        case DeletePayload(protocol, spis):
            size = len(spis[0]) if spis else 0
            return struct.pack("!IBBH", DOI_IPSEC, PROTOCOL_IDS[protocol], size, len(spis)) + b"".join(spis)
    raise TypeError(f"not an IKE payload: {payload!r}")


_TYPES: dict[type, int] = {
    SaPayload: PT_SA, KePayload: PT_KE, IdPayload: PT_ID, HashPayload: PT_HASH, NoncePayload: PT_NONCE,
    NotifyPayload: PT_NOTIFY, DeletePayload: PT_DELETE, VendorIdPayload: PT_VENDOR, NatDPayload: PT_NAT_D,
}


def payload_type(payload: Payload) -> int:
    return _TYPES[type(payload)]


def first_type(payloads: tuple[Payload, ...] | list[Payload]) -> int:
    return payload_type(payloads[0]) if payloads else PT_NONE


def payload_bytes(payload: Payload) -> bytes:
    """The body of one payload without its generic header: what RFC 2409 calls SAi_b, IDii_b, ..."""
    return payload.raw or _body(payload)


def encode_payloads(payloads: tuple[Payload, ...] | list[Payload]) -> bytes:
    """The payload chain, generic headers included (also what quick-mode HASH(1)/HASH(2) cover)."""
    out = b""
    for i, payload in enumerate(payloads):
        body = payload_bytes(payload)
        following = payload_type(payloads[i + 1]) if i + 1 < len(payloads) else PT_NONE
        out += GENERIC.pack(following, 0, 4 + len(body)) + body
    return out


def encode(message: IkeMessage) -> bytes:
    if message.encrypted is not None:
        body, first, flags = message.encrypted, message.first_payload, FLAG_ENCRYPTED
    else:
        body, first, flags = encode_payloads(message.payloads), first_type(message.payloads), 0
    header = HEADER.pack(message.icookie, message.rcookie, first, VERSION, message.exchange, flags,
                         message.message_id, HEADER.size + len(body))
    return header + body


# ---------------------------------------------------------------------------- decoding


def _need(condition: bool, what: str) -> None:
    if not condition:
        raise DecodeError(what)


def _chain(data: bytes, first: int, kinds: tuple[int, ...] | None = None) -> tuple[list[tuple[int, bytes]], int]:
    """Walk a chain of generic payloads: [(type, body)] and the offset where the chain ended."""
    items: list[tuple[int, bytes]] = []
    kind, offset = first, 0
    while kind != PT_NONE:
        _need(kinds is None or kind in kinds, f"unexpected payload type {kind}")
        _need(len(items) < 64 and offset + GENERIC.size <= len(data), "truncated payload")
        following, _, length = GENERIC.unpack_from(data, offset)
        _need(GENERIC.size <= length <= len(data) - offset, "bad payload length")
        items.append((kind, data[offset + GENERIC.size:offset + length]))
        kind, offset = following, offset + length
    return items, offset


def _attributes(data: bytes) -> list[tuple[int, int]]:
    out, offset = [], 0
    while offset < len(data):
        _need(offset + 4 <= len(data), "truncated attribute")
        kind, value = struct.unpack_from("!HH", data, offset)
        offset += 4
        if not kind & 0x8000:
            _need(0 < value <= 8 and offset + value <= len(data), "bad attribute length")
            value, offset = int.from_bytes(data[offset:offset + value], "big"), offset + value
        out.append((kind & 0x7FFF, value))
    return out


def _protocol(number: int) -> str:
    name = next((n for n, v in PROTOCOL_IDS.items() if v == number), None)
    _need(name is not None, f"unknown protocol {number}")
    return name  # type: ignore[return-value]


def _transform(protocol: str, body: bytes) -> Transform:
    _need(len(body) >= 4, "short transform")
    number, transform_id = body[0], body[1]
    wire = _attributes(body[4:])
    if protocol == "isakmp":
        return Transform(number, attrs.decode_isakmp(transform_id, wire))
    return Transform(number, attrs.decode_ipsec(protocol, transform_id, wire))


def _proposal(body: bytes) -> Proposal:
    _need(len(body) >= 4, "short proposal")
    number, protocol_id, spi_size, count = struct.unpack_from("!BBBB", body)
    _need(4 + spi_size <= len(body), "short proposal SPI")
    protocol = _protocol(protocol_id)
    items, end = _chain(body[4 + spi_size:], PT_TRANSFORM if count else PT_NONE, (PT_TRANSFORM,))
    _need(len(items) == count and end == len(body) - 4 - spi_size, "bad transform count")
    return Proposal(number, protocol, body[4:4 + spi_size], tuple(_transform(protocol, b) for _, b in items))


def _sa(body: bytes) -> SaPayload:
    _need(len(body) >= 8, "short SA payload")
    doi, situation = struct.unpack_from("!II", body)
    _need(doi == DOI_IPSEC and situation == SIT_IDENTITY_ONLY, "unsupported DOI or situation")
    items, end = _chain(body[8:], PT_PROPOSAL if len(body) > 8 else PT_NONE, (PT_PROPOSAL,))
    _need(end == len(body) - 8, "trailing bytes in SA payload")
    return SaPayload(tuple(_proposal(b) for _, b in items), body)


def _id(body: bytes) -> IdPayload:
    _need(len(body) >= 4, "short ID payload")
    id_type, protocol, port = struct.unpack_from("!BBH", body)
    return IdPayload(id_type, protocol, port, body[4:], body)


def _notify(body: bytes) -> NotifyPayload:
    _need(len(body) >= 8, "short notify payload")
    _, protocol_id, spi_size, message_type = struct.unpack_from("!IBBH", body)
    _need(8 + spi_size <= len(body), "short notify SPI")
    return NotifyPayload(_protocol(protocol_id), body[8:8 + spi_size], message_type, body[8 + spi_size:], body)


def _delete(body: bytes) -> DeletePayload:
    _need(len(body) >= 8, "short delete payload")
    _, protocol_id, spi_size, count = struct.unpack_from("!IBBH", body)
    _need(count > 0 and spi_size > 0 and len(body) == 8 + spi_size * count, "bad delete SPIs")
    spis = tuple(body[8 + i * spi_size:8 + (i + 1) * spi_size] for i in range(count))
    return DeletePayload(_protocol(protocol_id), spis, body)


_DECODERS: dict[int, Callable[[bytes], Payload]] = {
    PT_SA: _sa,
    PT_KE: lambda body: KePayload(body, body),
    PT_ID: _id,
    PT_HASH: lambda body: HashPayload(body, body),
    PT_NONCE: lambda body: NoncePayload(body, body),
    PT_NOTIFY: _notify,
    PT_DELETE: _delete,
    PT_VENDOR: lambda body: VendorIdPayload(body, body),
    PT_NAT_D: lambda body: NatDPayload(body, body),
}


def decode_payloads(block: bytes, first: int, padding: int = MAX_PADDING) -> tuple[Payload, ...]:
    """The chain starting with payload type `first`; up to `padding` trailing bytes (CBC padding) are ignored."""
    items, end = _chain(block, first, tuple(_DECODERS))
    _need(len(block) - end <= padding, "trailing bytes after the last payload")
    return tuple(_DECODERS[kind](body) for kind, body in items)


def decode(data: bytes) -> IkeMessage:
    _need(len(data) >= HEADER.size, "short message")
    icookie, rcookie, first, version, exchange, flags, message_id, length = HEADER.unpack_from(data)
    _need(version >> 4 == 1, "not an IKEv1 message")
    _need(exchange in EXCHANGES, "unknown exchange type")
    _need(length == len(data) <= MAX_MESSAGE, "bad length")
    body = data[HEADER.size:]
    if flags & FLAG_ENCRYPTED:
        _need(len(body) > 0, "empty encrypted body")
        return IkeMessage(icookie, rcookie, exchange, message_id, (), body, first)
    return IkeMessage(icookie, rcookie, exchange, message_id, decode_payloads(body, first, padding=0))

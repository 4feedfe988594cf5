"""IKE message encoding: the one module that knows the bytes on the wire.

Placeholder format (see README.md beside this module) that a later step can replace with RFC 2408:

    "RFIK" | version(1) | icookie(8) | rcookie(8) | exchange(1) | flags(1) | message_id(4) | length(4) | body

The body is the encrypted payload block when `flags & FLAG_ENCRYPTED`, else the payload block. A payload
block is `length(4) | canonical JSON list of payloads`; bytes after the JSON (CBC padding) are ignored.
`decode()` and `decode_payloads()` raise only `DecodeError`.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

MAGIC = b"RFIK"
VERSION = 1
HEADER = struct.Struct("!4sB8s8sBBII")
EXCHANGE_MAIN = 2  # identity protection
EXCHANGE_INFO = 5
EXCHANGE_QUICK = 32
EXCHANGES = (EXCHANGE_MAIN, EXCHANGE_INFO, EXCHANGE_QUICK)
FLAG_ENCRYPTED = 1
MAX_BODY = 65536
MAX_PADDING = 255
MAX_BYTES_FIELD = 1024
PROTOCOLS = ("isakmp", "ah", "esp")

# Notify message types (RFC 2408 §3.14.1) used by the engine.
INVALID_ID_INFORMATION = 18
NO_PROPOSAL_CHOSEN = 14
AUTHENTICATION_FAILED = 24
# ID types (RFC 2407 §4.6.2.1)
ID_IPV4_ADDR = 1
ID_IPV4_ADDR_SUBNET = 4


class DecodeError(ValueError):
    """Malformed IKE message or payload block."""


Attr = int | str


@dataclass(frozen=True)
class Transform:
    number: int
    attributes: dict[str, Attr] = field(default_factory=dict)


@dataclass(frozen=True)
class Proposal:
    number: int
    protocol: str  # isakmp | ah | esp
    spi: bytes
    transforms: tuple[Transform, ...]


@dataclass(frozen=True)
class SaPayload:
    proposals: tuple[Proposal, ...]


@dataclass(frozen=True)
class KePayload:
    data: bytes


@dataclass(frozen=True)
class NoncePayload:
    data: bytes


@dataclass(frozen=True)
class IdPayload:
    id_type: int
    protocol: int
    port: int
    data: bytes


@dataclass(frozen=True)
class HashPayload:
    data: bytes


@dataclass(frozen=True)
class NotifyPayload:
    protocol: str
    spi: bytes
    message_type: int
    data: bytes = b""


@dataclass(frozen=True)
class DeletePayload:
    protocol: str
    spis: tuple[bytes, ...]


Payload = SaPayload | KePayload | NoncePayload | IdPayload | HashPayload | NotifyPayload | DeletePayload


@dataclass(frozen=True)
class IkeMessage:
    icookie: bytes
    rcookie: bytes
    exchange: int
    message_id: int = 0
    payloads: tuple[Payload, ...] = ()
    encrypted: bytes | None = None  # ciphertext of a payload block; payloads is then empty

    def find(self, kind: type) -> Any:
        """The first payload of a type, or None."""
        return next((p for p in self.payloads if isinstance(p, kind)), None)


# ---------------------------------------------------------------------------- encoding


def _payload_json(payload: Payload) -> dict[str, Any]:
    match payload:
        case SaPayload(proposals):
            return {"t": "sa", "proposals": [
                {"n": p.number, "protocol": p.protocol, "spi": p.spi.hex(),
                 "transforms": [{"n": t.number, "attrs": dict(t.attributes)} for t in p.transforms]}
                for p in proposals]}
        case KePayload(data):
            return {"t": "ke", "data": data.hex()}
        case NoncePayload(data):
            return {"t": "nonce", "data": data.hex()}
        case IdPayload(id_type, protocol, port, data):
            return {"t": "id", "type": id_type, "protocol": protocol, "port": port, "data": data.hex()}
        case HashPayload(data):
            return {"t": "hash", "data": data.hex()}
        case NotifyPayload(protocol, spi, message_type, data):
            return {"t": "notify", "protocol": protocol, "spi": spi.hex(), "type": message_type, "data": data.hex()}
        case DeletePayload(protocol, spis):
            return {"t": "delete", "protocol": protocol, "spis": [spi.hex() for spi in spis]}
    raise TypeError(f"not an IKE payload: {payload!r}")


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


def payload_bytes(payload: Payload) -> bytes:
    """Canonical bytes of one payload: what the RFC 2409 hashes cover (SAi_b, IDii_b, ...)."""
    return _canonical(_payload_json(payload))


def encode_payloads(payloads: tuple[Payload, ...] | list[Payload]) -> bytes:
    body = _canonical([_payload_json(p) for p in payloads])
    return struct.pack("!I", len(body)) + body


def encode(message: IkeMessage) -> bytes:
    encrypted = message.encrypted is not None
    body = message.encrypted if message.encrypted is not None else encode_payloads(message.payloads)
    header = HEADER.pack(MAGIC, VERSION, message.icookie, message.rcookie, message.exchange,
                         FLAG_ENCRYPTED if encrypted else 0, message.message_id, len(body))
    return header + body


# ---------------------------------------------------------------------------- decoding


def _need(condition: bool, what: str) -> None:
    if not condition:
        raise DecodeError(what)


def _int(obj: dict[str, Any], key: str, low: int, high: int) -> int:
    value = obj.get(key)
    _need(type(value) is int and low <= value <= high, f"bad {key}")
    return value  # type: ignore[return-value]


def _bytes(obj: dict[str, Any], key: str, max_len: int = MAX_BYTES_FIELD) -> bytes:
    value = obj.get(key)
    _need(isinstance(value, str) and len(value) <= 2 * max_len, f"bad {key}")
    try:
        data = bytes.fromhex(value)  # type: ignore[arg-type]
    except ValueError:
        raise DecodeError(f"bad {key}") from None
    _need(data.hex() == value, f"non-canonical {key}")
    return data


def _keys(obj: Any, *names: str) -> dict[str, Any]:
    _need(isinstance(obj, dict) and set(obj) == set(names), "unexpected fields")
    return cast(dict[str, Any], obj)


def _protocol(obj: dict[str, Any]) -> str:
    _need(obj.get("protocol") in PROTOCOLS, "bad protocol")
    return cast(str, obj["protocol"])


def _attributes(value: Any) -> dict[str, Attr]:
    _need(isinstance(value, dict) and len(value) <= 32, "bad attributes")
    for key, item in value.items():
        _need(len(key) <= 32 and (type(item) is int or (isinstance(item, str) and len(item) <= 64)), "bad attribute")
    return dict(value)


def _transform(obj: Any) -> Transform:
    obj = _keys(obj, "n", "attrs")
    return Transform(_int(obj, "n", 0, 255), _attributes(obj["attrs"]))


def _proposal(obj: Any) -> Proposal:
    obj = _keys(obj, "n", "protocol", "spi", "transforms")
    transforms = obj["transforms"]
    _need(isinstance(transforms, list) and len(transforms) <= 255, "bad transforms")
    return Proposal(_int(obj, "n", 0, 255), _protocol(obj), _bytes(obj, "spi", 16),
                    tuple(_transform(t) for t in transforms))


def _sa(obj: dict[str, Any]) -> SaPayload:
    proposals = _keys(obj, "t", "proposals")["proposals"]
    _need(isinstance(proposals, list) and len(proposals) <= 255, "bad proposals")
    return SaPayload(tuple(_proposal(p) for p in proposals))


def _id(obj: dict[str, Any]) -> IdPayload:
    obj = _keys(obj, "t", "type", "protocol", "port", "data")
    return IdPayload(_int(obj, "type", 0, 255), _int(obj, "protocol", 0, 255), _int(obj, "port", 0, 65535),
                     _bytes(obj, "data", 64))


def _notify(obj: dict[str, Any]) -> NotifyPayload:
    obj = _keys(obj, "t", "protocol", "spi", "type", "data")
    return NotifyPayload(_protocol(obj), _bytes(obj, "spi", 16), _int(obj, "type", 0, 65535), _bytes(obj, "data"))


def _delete(obj: dict[str, Any]) -> DeletePayload:
    obj = _keys(obj, "t", "protocol", "spis")
    spis = obj["spis"]
    _need(isinstance(spis, list) and 0 < len(spis) <= 64, "bad spis")
    return DeletePayload(_protocol(obj), tuple(_bytes({"s": s}, "s", 16) for s in spis))


_DECODERS: dict[str, Callable[[dict[str, Any]], Payload]] = {
    "sa": _sa,
    "ke": lambda obj: KePayload(_bytes(_keys(obj, "t", "data"), "data")),
    "nonce": lambda obj: NoncePayload(_bytes(_keys(obj, "t", "data"), "data", 256)),
    "id": _id,
    "hash": lambda obj: HashPayload(_bytes(_keys(obj, "t", "data"), "data", 64)),
    "notify": _notify,
    "delete": _delete,
}


def _payload(obj: Any) -> Payload:
    _need(isinstance(obj, dict) and obj.get("t") in _DECODERS, "unknown payload")
    return _DECODERS[obj["t"]](obj)


def decode_payloads(block: bytes) -> tuple[Payload, ...]:
    """Inverse of encode_payloads(); tolerates up to MAX_PADDING trailing bytes (CBC padding)."""
    _need(len(block) >= 4, "short payload block")
    (length,) = struct.unpack_from("!I", block)
    _need(length <= len(block) - 4 <= length + MAX_PADDING, "bad payload block length")
    try:
        items = json.loads(block[4:4 + length].decode("utf-8"))
    except (ValueError, RecursionError):
        raise DecodeError("payload block is not JSON") from None
    _need(isinstance(items, list) and len(items) <= 32, "payload block is not a list")
    return tuple(_payload(item) for item in items)


def decode(data: bytes) -> IkeMessage:
    _need(len(data) >= HEADER.size, "short message")
    magic, version, icookie, rcookie, exchange, flags, message_id, length = HEADER.unpack_from(data)
    _need(magic == MAGIC and version == VERSION, "not an IKE message")
    _need(exchange in EXCHANGES and flags in (0, FLAG_ENCRYPTED), "bad header")
    body = data[HEADER.size:]
    _need(len(body) == length <= MAX_BODY, "bad length")
    if flags & FLAG_ENCRYPTED:
        _need(length > 0, "empty encrypted body")
        return IkeMessage(icookie, rcookie, exchange, message_id, (), body)
    return IkeMessage(icookie, rcookie, exchange, message_id, decode_payloads(body))

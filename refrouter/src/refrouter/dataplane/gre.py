"""GRE (RFC 2784, key extension RFC 2890): IPv4 in GRE, the header a `tunnel mode gre ip` interface adds."""

from __future__ import annotations

import struct

GRE = 47  # IP protocol number
ETHERTYPE_IPV4 = 0x0800
CHECKSUM_PRESENT = 0x8000
KEY_PRESENT = 0x2000
SEQUENCE_PRESENT = 0x1000
VERSION_MASK = 0x0007


def encapsulate(inner: bytes, key: int | None = None) -> bytes:
    """The GRE payload for an IPv4 packet (no checksum, no sequence numbers, as IOS by default)."""
    if key is None:
        return struct.pack("!HH", 0, ETHERTYPE_IPV4) + inner
    return struct.pack("!HHI", KEY_PRESENT, ETHERTYPE_IPV4, key) + inner


def decapsulate(payload: bytes) -> tuple[int | None, bytes] | None:
    """(key, inner IPv4 packet); None for what this router does not carry (other versions or protocols)."""
    if len(payload) < 4:
        return None
    flags, protocol = struct.unpack("!HH", payload[:4])
    if flags & VERSION_MASK or protocol != ETHERTYPE_IPV4:
        return None
    offset = 4 + 4 * bool(flags & CHECKSUM_PRESENT)
    key = None
    if flags & KEY_PRESENT:
        if len(payload) < offset + 4:
            return None
        key = struct.unpack("!I", payload[offset:offset + 4])[0]
        offset += 4
    offset += 4 * bool(flags & SEQUENCE_PRESENT)
    return (key, payload[offset:]) if len(payload) >= offset else None

"""GRE headers as RFC 2784/2890 lay them out: the bytes on the wire, and what the router refuses."""

from __future__ import annotations

import struct

import pytest

from refrouter.dataplane.gre import decapsulate, encapsulate

INNER = bytes(range(40))


def test_plain_header_is_four_bytes_with_the_ipv4_ethertype() -> None:
    assert encapsulate(INNER)[:4] == bytes.fromhex("00000800")
    assert decapsulate(encapsulate(INNER)) == (None, INNER)


def test_key_sets_the_k_bit_and_follows_the_header() -> None:
    wire = encapsulate(INNER, key=0x1234)
    assert wire[:8] == bytes.fromhex("2000080000001234")
    assert decapsulate(wire) == (0x1234, INNER)


def test_checksum_and_sequence_fields_are_skipped() -> None:
    wire = struct.pack("!HHHHII", 0xB000, 0x0800, 0xBEEF, 0, 7, 42) + INNER  # C, K, S bits
    assert decapsulate(wire) == (7, INNER)


@pytest.mark.parametrize("wire", [b"\x00\x00\x08", struct.pack("!HH", 1, 0x0800) + INNER,
                                  struct.pack("!HH", 0, 0x86DD) + INNER, struct.pack("!HH", 0x2000, 0x0800)],
                         ids=["short", "version 1", "ipv6 payload", "key missing"])
def test_what_the_router_does_not_carry_is_refused(wire: bytes) -> None:
    assert decapsulate(wire) is None

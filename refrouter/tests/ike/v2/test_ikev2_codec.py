"""RFC 7296 bytes, SK protection, prf+ and AUTH, checked against the RFC's layouts and formulas."""

from __future__ import annotations

import hashlib
import hmac
import os
import random

import pytest
from ikev2_harness import A, B, pair

from refrouter.ike.v2.codec import Header, decode, encode, parse_header
from refrouter.ike.v2.config import KeyringPeer
from refrouter.ike.v2.constants import AUTH_SHARED_KEY_MIC, Exchange, IdType, Notify, Payload, Protocol
from refrouter.ike.v2.datagram import Datagram
from refrouter.ike.v2.keys import prf_plus, psk_auth
from refrouter.ike.v2.payloads import (
    AuthPayload,
    DeletePayload,
    IdPayload,
    KePayload,
    MalformedPayload,
    NoncePayload,
    NotifyPayload,
    Proposal,
    SaPayload,
    TrafficSelector,
    Transform,
    TsPayload,
)
from refrouter.ike.v2.protection import DirectionKeys, IntegrityCheckFailed

SPI_I, SPI_R = bytes.fromhex("0102030405060708"), bytes.fromhex("1112131415161718")
HEADER = Header(SPI_I, SPI_R, Exchange.IKE_AUTH, True, False, 1)
EVERY_PAYLOAD = (
    SaPayload((Proposal(1, Protocol.IKE, b"", (Transform(1, 12, 256), Transform(2, 7), Transform(3, 14),
                                               Transform(4, 19))),
               Proposal(2, Protocol.ESP, b"\x00\x00\x10\x01", (Transform(1, 20, 128), Transform(5, 0))))),
    KePayload(19, bytes(range(64))),
    NoncePayload(b"n" * 32),
    IdPayload(Payload.IDI, IdType.IPV4_ADDR, bytes([192, 0, 2, 1])),
    IdPayload(Payload.IDR, IdType.FQDN, b"hub.example.net"),
    AuthPayload(AUTH_SHARED_KEY_MIC, b"a" * 64),
    NotifyPayload(Notify.REKEY_SA, b"", Protocol.ESP, b"\xca\xfe\xba\xbe"),
    NotifyPayload(Notify.COOKIE, b"c" * 36),
    DeletePayload(Protocol.ESP, (b"\x00\x00\x00\x01", b"\x00\x00\x00\x02")),
    DeletePayload(Protocol.IKE),
    TsPayload(Payload.TSI, (TrafficSelector("10.1.0.0", "10.1.0.255"),
                            TrafficSelector("10.1.1.1", "10.1.1.1", 6, 22, 22))),
    TsPayload(Payload.TSR, (TrafficSelector("10.2.0.0", "10.2.0.255"),)),
)
CBC = DirectionKeys("aes-cbc-256", "sha256", b"k" * 32, b"i" * 32)
GCM = DirectionKeys("aes-gcm-128", None, b"k" * 16 + b"salt", b"")


def test_header_bytes() -> None:
    raw = encode(HEADER, ())
    assert raw == SPI_I + SPI_R + bytes([0, 0x20, 35, 0x08]) + (1).to_bytes(4, "big") + (28).to_bytes(4, "big")
    response = encode(Header(SPI_I, SPI_R, Exchange.INFORMATIONAL, False, True, 7), ())
    assert response[18:20] == bytes([37, 0x20])


def test_transform_with_key_length_attribute() -> None:
    assert Transform(1, 12, 256).to_bytes(last=False) == bytes.fromhex("0300000c0100000c800e0100")
    assert Transform(4, 19).to_bytes(last=True) == bytes.fromhex("0000000804000013")


def test_every_payload_round_trips_in_order() -> None:
    message = decode(encode(HEADER, EVERY_PAYLOAD))
    assert message.payloads == EVERY_PAYLOAD
    assert message.header == Header(SPI_I, SPI_R, Exchange.IKE_AUTH, True, False, 1, message.header.length)


@pytest.mark.parametrize("keys", [CBC, GCM], ids=["aes-cbc+hmac", "aes-gcm"])
def test_sk_payload_round_trip_and_tamper(keys: DirectionKeys) -> None:
    raw = encode(HEADER, EVERY_PAYLOAD, keys)
    assert raw[16] == Payload.SK and raw[28] == Payload.SA  # SK header names the first inner payload
    assert b"hub.example.net" not in raw
    assert decode(raw, keys).payloads == EVERY_PAYLOAD
    for position in (20, 29, 40, len(raw) - 1):  # header, SK header, ciphertext, ICV all covered
        tampered = bytearray(raw)
        tampered[position] ^= 0x01
        with pytest.raises((IntegrityCheckFailed, MalformedPayload)):
            decode(bytes(tampered), keys)
    wrong = DirectionKeys(keys.encryption, keys.integrity, bytes(len(keys.encryption_key)), keys.integrity_key)
    with pytest.raises(IntegrityCheckFailed):
        decode(raw, wrong if keys is GCM else DirectionKeys(keys.encryption, keys.integrity, keys.encryption_key,
                                                            b"x" * 32))


def test_malformed_input_is_rejected() -> None:
    raw = encode(HEADER, EVERY_PAYLOAD)
    with pytest.raises(MalformedPayload):
        parse_header(raw[:20])
    with pytest.raises(MalformedPayload):
        decode(raw[:-3])  # header length no longer matches
    broken = bytearray(raw)
    broken[30:32] = (9999).to_bytes(2, "big")  # first payload claims more bytes than exist
    with pytest.raises(MalformedPayload):
        decode(bytes(broken))


def test_prf_plus_follows_rfc_7296_2_13() -> None:
    key, seed = b"K" * 32, b"seed"
    t1 = hmac.new(key, seed + b"\x01", hashlib.sha256).digest()
    t2 = hmac.new(key, t1 + seed + b"\x02", hashlib.sha256).digest()
    assert prf_plus("sha256", key, seed, 40) == (t1 + t2)[:40]


def test_psk_auth_follows_rfc_7296_2_15() -> None:
    inner = hmac.new(b"secret", b"Key Pad for IKEv2", hashlib.sha256).digest()
    maced_id = hmac.new(b"P" * 32, b"\x01\x00\x00\x00\xc0\x00\x02\x01", hashlib.sha256).digest()
    expected = hmac.new(inner, b"MSG1" + b"NONCE" + maced_id, hashlib.sha256).digest()
    assert psk_auth("sha256", "secret", b"MSG1", b"NONCE", b"P" * 32, b"\x01\x00\x00\x00\xc0\x00\x02\x01") == expected


def test_keys_stay_out_of_reprs() -> None:
    peer = KeyringPeer("P", address=A, pre_shared_key="topsecret", local_key="l0cal", remote_key="rem0te")
    assert not any(s in repr(peer) for s in ("topsecret", "l0cal", "rem0te"))


def _mutants(rng: random.Random, valid: list[bytes], count: int) -> list[bytes]:
    out = []
    for _ in range(count):
        base = bytearray(rng.choice(valid))
        for _ in range(rng.randint(1, 4)):
            base[rng.randrange(len(base))] = rng.randrange(256)
        out += [bytes(base[:rng.randint(0, len(base))]), os.urandom(rng.randint(0, 80))]
    return out


def test_garbage_datagrams_never_crash_the_engine() -> None:
    p = pair()
    sa = p.connect()
    rng = random.Random(15)
    valid = [d.data for d in p.wire]
    for data in _mutants(rng, valid, 300):
        p.b.receive(p.now, Datagram(A, B, data))
        p.a.receive(p.now, Datagram(B, A, data))
    assert p.b.ready(A) is not None and sa.state.value == "READY"
    assert p.a.dropped > 0 and p.b.dropped > 0


def test_forged_answers_to_a_half_open_initiator_are_dropped() -> None:
    """Before the keys exist, an IKE_AUTH 'response' with the right SPI and message ID must not be processed."""
    donor = pair()
    donor.connect()
    p = pair()
    sa = p.a.initiate(p.now, B, p.a_side.profile(), p.a_side.child())
    forged = bytearray(donor.wire[3].data)  # an IKE_AUTH response
    forged[0:8] = sa.spi_i
    forged[20:24] = (0).to_bytes(4, "big")  # message ID of the outstanding IKE_SA_INIT
    p.a.receive(p.now, Datagram(B, A, bytes(forged)))
    rng = random.Random(16)
    for data in _mutants(rng, [d.data for d in donor.wire[2:]], 100):  # encrypted messages only
        p.a.receive(p.now, Datagram(B, A, sa.spi_i + data[8:]))
    assert sa.state.value == "IN-NEG" and p.a.failures == []
    p.deliver()
    assert sa.state.value == "READY"

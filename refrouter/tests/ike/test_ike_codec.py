"""The RFC 2408 codec: byte layout, round trips, and robustness against malformed input."""

import contextlib
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refrouter.ike.codec import (
    EXCHANGE_INFO,
    EXCHANGE_MAIN,
    EXCHANGE_QUICK,
    HEADER,
    PT_KE,
    PT_SA,
    DecodeError,
    DeletePayload,
    HashPayload,
    IdPayload,
    IkeMessage,
    KePayload,
    NatDPayload,
    NoncePayload,
    NotifyPayload,
    Proposal,
    SaPayload,
    Transform,
    VendorIdPayload,
    decode,
    decode_payloads,
    encode,
    encode_payloads,
    payload_bytes,
)

COOKIE_I, COOKIE_R = bytes(range(8)), bytes(range(8, 16))
ESP_OFFER = SaPayload((Proposal(1, "esp", b"\x00\x00\x12\x34", (Transform(1, {
    "mode": "tunnel", "life_seconds": 3600, "life_kilobytes": 4608000, "key_length": 256,
    "transforms": "esp-aes esp-sha256-hmac"}),)),))
IKE_OFFER = SaPayload((Proposal(1, "isakmp", b"", (
    Transform(1, {"encryption": "aes", "key_length": 256, "hash": "sha256", "auth": "pre-share", "group": 14,
                  "life_seconds": 86400}),
    Transform(2, {"encryption": "3des", "hash": "sha", "auth": "pre-share", "group": 2, "life_seconds": 86400}),
)),))
EVERY_PAYLOAD = (
    ESP_OFFER,
    KePayload(b"\x01" * 96),
    NoncePayload(b"\x02" * 20),
    IdPayload(1, 17, 500, bytes([192, 0, 2, 1])),
    HashPayload(b"\x03" * 20),
    NotifyPayload("isakmp", COOKIE_I + COOKIE_R, 14),
    DeletePayload("esp", (b"\x00\x00\x00\x01", b"\x00\x00\x00\x02")),
    VendorIdPayload(bytes.fromhex("afcad71368a1f1c96b8696fc77570100")),
    NatDPayload(b"\x04" * 20),
)


def test_every_payload_round_trips():
    message = IkeMessage(COOKIE_I, COOKIE_R, EXCHANGE_MAIN, 0, EVERY_PAYLOAD)
    assert decode(encode(message)) == message


def test_header_is_rfc2408():
    raw = encode(IkeMessage(COOKIE_I, COOKIE_R, EXCHANGE_QUICK, 0xDEADBEEF, (KePayload(b"\xaa" * 4),)))
    assert raw[:16] == COOKIE_I + COOKIE_R
    assert raw[16:20] == bytes([PT_KE, 0x10, EXCHANGE_QUICK, 0])  # next payload, version 1.0, exchange, flags
    assert struct.unpack("!II", raw[20:28]) == (0xDEADBEEF, len(raw))
    assert raw[28:] == bytes([0, 0, 0, 8]) + b"\xaa" * 4  # last payload: next 0, length 8


def test_isakmp_transform_attributes_use_rfc2409_numbers():
    body = payload_bytes(IKE_OFFER)
    assert body[:8] == struct.pack("!II", 1, 1)  # IPsec DOI, SIT_IDENTITY_ONLY
    first = body[8 + 4 + 4:]  # proposal generic header + proposal fields (no SPI)
    assert first[4:8] == bytes([1, 1, 0, 0])  # transform #1, KEY_IKE
    attributes = [struct.unpack_from("!HH", first, 8 + 4 * i) for i in range(6)]
    assert attributes == [(0x8001, 7), (0x800E, 256), (0x8002, 4), (0x8003, 1), (0x8004, 14), (0x800B, 1)]
    assert decode_payloads(encode_payloads((IKE_OFFER,)), PT_SA) == (IKE_OFFER,)


def test_long_life_duration_is_a_tlv_attribute():
    body = payload_bytes(IKE_OFFER)
    assert struct.pack("!HHI", 12, 4, 86400) in body  # 86400 does not fit a TV attribute


def test_esp_transform_id_and_auth_algorithm():
    body = payload_bytes(ESP_OFFER)
    proposal = body[8:]
    assert proposal[4:8] == bytes([1, 3, 4, 1])  # proposal 1, PROTO_IPSEC_ESP, SPI size 4, one transform
    assert proposal[8:12] == b"\x00\x00\x12\x34"
    transform = proposal[12:]
    assert transform[4:6] == bytes([1, 12])  # ESP_AES
    assert struct.pack("!HH", 0x8005, 5) in transform  # HMAC-SHA2-256
    assert struct.pack("!HH", 0x8004, 1) in transform  # tunnel mode


def test_received_payloads_keep_their_bytes_for_the_hashes():
    block = encode_payloads(EVERY_PAYLOAD)
    decoded = decode_payloads(block, PT_SA)
    assert encode_payloads(decoded) == block
    assert all(payload_bytes(p) == payload_bytes(q) for p, q in zip(decoded, EVERY_PAYLOAD, strict=True))


def test_encrypted_body_is_carried_opaque():
    message = IkeMessage(COOKIE_I, COOKIE_R, EXCHANGE_QUICK, 0xDEADBEEF, (), b"\x99" * 32, first_payload=8)
    decoded = decode(encode(message))
    assert decoded.encrypted == b"\x99" * 32 and decoded.payloads == () and decoded.first_payload == 8


def test_payload_chain_ignores_cbc_padding_but_not_more():
    block = encode_payloads(EVERY_PAYLOAD[:2])
    assert decode_payloads(block + bytes(15), PT_SA) == EVERY_PAYLOAD[:2]
    with pytest.raises(DecodeError):
        decode_payloads(block + bytes(300), PT_SA)


@pytest.mark.parametrize("mutate", [
    lambda raw: raw[:10],  # truncated header
    lambda raw: raw[:17] + b"\x20" + raw[18:],  # IKEv2 version
    lambda raw: raw[:18] + b"\x63" + raw[19:],  # unknown exchange
    lambda raw: raw[:-1],  # length mismatch
    lambda raw: raw[:16] + b"\x63" + raw[17:],  # unknown first payload type
    lambda raw: raw[:30] + b"\xff\xff" + raw[32:],  # payload longer than the message
])
def test_malformed_messages_raise_decode_error(mutate):
    raw = encode(IkeMessage(COOKIE_I, COOKIE_R, EXCHANGE_INFO, 1, EVERY_PAYLOAD))
    with pytest.raises(DecodeError):
        decode(mutate(raw))


def test_header_layout_constant():
    assert HEADER.size == 28


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=400), st.integers(0, 255))
def test_random_bytes_only_ever_raise_decode_error(data, first):
    for call in (lambda: decode(data), lambda: decode_payloads(data, first)):
        with contextlib.suppress(DecodeError):
            call()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.integers(min_value=0, max_value=2**31))
def test_corrupted_messages_only_ever_raise_decode_error(noise, position):
    raw = bytearray(encode(IkeMessage(COOKIE_I, COOKIE_R, EXCHANGE_MAIN, 0, EVERY_PAYLOAD)))
    at = position % len(raw)
    raw[at:at + len(noise)] = noise
    with contextlib.suppress(DecodeError):
        decode(bytes(raw))


phase1_attributes = st.fixed_dictionaries({
    "encryption": st.sampled_from(["des", "3des", "aes"]), "hash": st.sampled_from(["md5", "sha", "sha256"]),
    "auth": st.sampled_from(["pre-share", "rsa-sig"]), "group": st.sampled_from([1, 2, 5, 14, 19, 20]),
    "life_seconds": st.integers(60, 86400)})
phase2_attributes = st.fixed_dictionaries({
    "transforms": st.sampled_from(["esp-aes esp-sha-hmac", "esp-gcm", "esp-3des esp-md5-hmac", "esp-null"]),
    "mode": st.sampled_from(["tunnel", "transport"]), "life_seconds": st.integers(120, 86400),
    "life_kilobytes": st.integers(2560, 4608000)})
proposals = st.one_of(
    st.builds(Proposal, st.integers(0, 255), st.just("isakmp"), st.just(b""),
              st.lists(st.builds(Transform, st.integers(0, 255), phase1_attributes), max_size=3).map(tuple)),
    st.builds(Proposal, st.integers(0, 255), st.sampled_from(["esp"]), st.binary(min_size=4, max_size=4),
              st.lists(st.builds(Transform, st.integers(0, 255), phase2_attributes), max_size=2).map(tuple)),
)
payloads = st.one_of(
    st.builds(SaPayload, st.lists(proposals, max_size=3).map(tuple)),
    st.builds(KePayload, st.binary(max_size=300)),
    st.builds(NoncePayload, st.binary(max_size=64)),
    st.builds(IdPayload, st.integers(0, 255), st.integers(0, 255), st.integers(0, 65535), st.binary(max_size=16)),
    st.builds(HashPayload, st.binary(max_size=64)),
    st.builds(NotifyPayload, st.sampled_from(["isakmp", "esp"]), st.binary(max_size=16), st.integers(0, 65535)),
    st.builds(DeletePayload, st.sampled_from(["isakmp", "esp", "ah"]),
              st.lists(st.binary(min_size=4, max_size=4), min_size=1, max_size=4).map(tuple)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(payloads, max_size=6).map(tuple), st.sampled_from([EXCHANGE_MAIN, EXCHANGE_QUICK, EXCHANGE_INFO]),
       st.integers(0, 2**32 - 1))
def test_generated_messages_round_trip(items, exchange, message_id):
    message = IkeMessage(COOKIE_I, COOKIE_R, exchange, message_id, items)
    assert decode(encode(message)) == message

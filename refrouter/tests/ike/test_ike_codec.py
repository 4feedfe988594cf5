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
    DecodeError,
    DeletePayload,
    HashPayload,
    IdPayload,
    IkeMessage,
    KePayload,
    NoncePayload,
    NotifyPayload,
    Proposal,
    SaPayload,
    Transform,
    decode,
    decode_payloads,
    encode,
    encode_payloads,
    payload_bytes,
)

COOKIE_I, COOKIE_R = bytes(range(8)), bytes(range(8, 16))
EVERY_PAYLOAD = (
    SaPayload((Proposal(1, "esp", b"\x00\x00\x12\x34", (Transform(1, {"transforms": "esp-aes esp-sha-hmac",
                                                                       "key_length": 128}),)),)),
    KePayload(b"\x01" * 96),
    NoncePayload(b"\x02" * 20),
    IdPayload(1, 17, 500, bytes([192, 0, 2, 1])),
    HashPayload(b"\x03" * 20),
    NotifyPayload("isakmp", COOKIE_I + COOKIE_R, 14),
    DeletePayload("esp", (b"\x00\x00\x00\x01", b"\x00\x00\x00\x02")),
)


def test_every_payload_round_trips():
    message = IkeMessage(COOKIE_I, COOKIE_R, EXCHANGE_MAIN, 0, EVERY_PAYLOAD)
    assert decode(encode(message)) == message


def test_encrypted_body_is_carried_opaque():
    message = IkeMessage(COOKIE_I, COOKIE_R, EXCHANGE_QUICK, 0xDEADBEEF, (), b"\x99" * 32)
    decoded = decode(encode(message))
    assert decoded.encrypted == b"\x99" * 32 and decoded.payloads == () and decoded.message_id == 0xDEADBEEF


def test_payload_block_ignores_cbc_padding_but_not_more():
    block = encode_payloads(EVERY_PAYLOAD[:2])
    assert decode_payloads(block + bytes(15)) == EVERY_PAYLOAD[:2]
    with pytest.raises(DecodeError):
        decode_payloads(block + bytes(300))


def test_payload_bytes_are_canonical():
    a = SaPayload((Proposal(1, "isakmp", b"", (Transform(1, {"hash": "sha", "auth": "pre-share"}),)),))
    b = SaPayload((Proposal(1, "isakmp", b"", (Transform(1, {"auth": "pre-share", "hash": "sha"}),)),))
    assert payload_bytes(a) == payload_bytes(b)


@pytest.mark.parametrize("mutate", [
    lambda raw: raw[:10],  # truncated header
    lambda raw: b"XXXX" + raw[4:],  # bad magic
    lambda raw: raw[:4] + b"\x09" + raw[5:],  # unknown version
    lambda raw: raw[:-1],  # length mismatch
    lambda raw: raw.replace(b'"t":"ke"', b'"t":"zz"'),  # unknown payload type
    lambda raw: raw.replace(b'"data":"0101', b'"data":"0X01'),  # not hex
    lambda raw: raw.replace(b'"data":"0101', b'"data":"0A01'),  # non-canonical (upper-case) hex
])
def test_malformed_messages_raise_decode_error(mutate):
    raw = encode(IkeMessage(COOKIE_I, COOKIE_R, EXCHANGE_INFO, 1, EVERY_PAYLOAD))
    with pytest.raises(DecodeError):
        decode(mutate(raw))


def test_wrong_field_types_are_rejected():
    body = b'[{"t":"id","type":"1","protocol":17,"port":500,"data":"c0000201"}]'
    raw = HEADER.pack(b"RFIK", 1, COOKIE_I, COOKIE_R, EXCHANGE_MAIN, 0, 0, len(body) + 4)
    with pytest.raises(DecodeError):
        decode(raw + struct.pack("!I", len(body)) + body)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_only_ever_raise_decode_error(data):
    for function in (decode, decode_payloads):
        with contextlib.suppress(DecodeError):
            function(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.integers(min_value=0, max_value=2**31))
def test_corrupted_messages_only_ever_raise_decode_error(noise, position):
    raw = bytearray(encode(IkeMessage(COOKIE_I, COOKIE_R, EXCHANGE_MAIN, 0, EVERY_PAYLOAD)))
    at = position % len(raw)
    raw[at:at + len(noise)] = noise
    with contextlib.suppress(DecodeError):
        decode(bytes(raw))


attributes = st.dictionaries(st.text(min_size=1, max_size=8),
                             st.one_of(st.integers(-2**40, 2**40), st.text(max_size=20)), max_size=5)
transforms = st.builds(Transform, st.integers(0, 255), attributes)
proposals = st.builds(Proposal, st.integers(0, 255), st.sampled_from(["isakmp", "esp", "ah"]),
                      st.binary(max_size=16), st.lists(transforms, max_size=3).map(tuple))
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

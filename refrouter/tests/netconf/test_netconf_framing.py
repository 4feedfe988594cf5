"""RFC 6242 framing decoders, fed byte by byte and in odd splits."""

from __future__ import annotations

import pytest

from refrouter.transports.netconf.framing import (
    ChunkedDecoder,
    EomDecoder,
    FramingError,
    encode_chunked,
    encode_eom,
)


def drain(decoder: EomDecoder | ChunkedDecoder) -> list[bytes]:
    messages = []
    while (message := decoder.next_message()) is not None:
        messages.append(message)
    return messages


def test_eom_messages_split_anywhere() -> None:
    stream = encode_eom(b"<a/>") + encode_eom(b"<b>]]></b>")
    decoder = EomDecoder()
    received: list[bytes] = []
    for byte in stream:
        decoder.feed(bytes([byte]))
        received += drain(decoder)
    assert received == [b"<a/>", b"<b>]]></b>"]
    assert decoder.buffer == bytearray()


def test_chunked_round_trip_with_many_chunks_and_odd_splits() -> None:
    message = b"<rpc>" + b"x" * 5000 + b"]]>]]></rpc>"
    stream = b"\n#3\n" + message[:3] + b"\n#" + str(len(message) - 3).encode() + b"\n" + message[3:] + b"\n##\n"
    stream += encode_chunked(b"<second/>")
    decoder = ChunkedDecoder()
    received: list[bytes] = []
    for start in range(0, len(stream), 7):
        decoder.feed(stream[start : start + 7])
        received += drain(decoder)
    assert received == [message, b"<second/>"]


@pytest.mark.parametrize(
    "stream",
    [
        b"#4\n<a/>\n##\n",  # no leading LF
        b"\n#04\n<a/>",  # leading zero
        b"\n#0\n",  # zero size
        b"\n#x\n",  # not a number
        b"\n#99999999999\n",  # more than 10 digits
        b"\n#4294967296\n",  # above 2^32-1
        b"\n##\n",  # end of chunks without a chunk
        b"\n#4\n<a/>\n#!",  # garbage after a chunk
    ],
)
def test_chunked_framing_errors(stream: bytes) -> None:
    decoder = ChunkedDecoder()
    decoder.feed(stream)
    with pytest.raises(FramingError):
        drain(decoder)


def test_chunked_waits_for_incomplete_header() -> None:
    decoder = ChunkedDecoder()
    decoder.feed(b"\n#12")
    assert decoder.next_message() is None
    decoder.feed(b"\n<hello-123/>\n##")
    assert decoder.next_message() is None
    decoder.feed(b"\n")
    assert decoder.next_message() == b"<hello-123/>"

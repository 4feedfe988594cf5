"""RFC 6242 framing decoders, fed byte by byte and in odd splits, and held to the message size limit."""

from __future__ import annotations

import pytest

from refrouter.transports.netconf.framing import (
    EOM,
    MAX_MESSAGE,
    ChunkedDecoder,
    EomDecoder,
    FramingError,
    MessageTooBig,
    encode_chunked,
    encode_eom,
)

READ = 65536  # what the server reads from the channel at a time


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


def test_a_chunk_header_over_the_limit_is_refused_before_its_data() -> None:
    decoder = ChunkedDecoder()
    decoder.feed(b"\n#4294967295\n")  # 4 GB announced, nothing sent yet
    with pytest.raises(MessageTooBig):
        decoder.next_message()


def test_chunks_adding_up_past_the_limit_are_refused_at_the_header_that_crosses_it() -> None:
    decoder = ChunkedDecoder()
    decoder.feed(b"\n#%d\n" % (MAX_MESSAGE - 10) + b"x" * (MAX_MESSAGE - 10))
    assert decoder.next_message() is None
    decoder.feed(b"\n#11\n")
    with pytest.raises(MessageTooBig):
        decoder.next_message()


def test_a_message_of_exactly_the_limit_passes() -> None:
    decoder = ChunkedDecoder()
    decoder.feed(b"\n#%d\n" % (MAX_MESSAGE - 1) + b"y" * (MAX_MESSAGE - 1) + b"\n#1\nz\n##\n")
    message = decoder.next_message()
    assert message is not None and len(message) == MAX_MESSAGE and message.endswith(b"yz")


def test_an_eom_message_over_the_limit_is_refused_without_its_end_marker() -> None:
    decoder = EomDecoder()
    decoder.feed(b"<rpc>" + b"x" * (MAX_MESSAGE + 1))
    with pytest.raises(MessageTooBig):
        decoder.next_message()


def test_chunk_data_leaves_the_input_buffer_as_it_arrives() -> None:
    """No read is kept (and copied again) until the whole chunk is in: the buffer holds one read at most."""
    size = 64 * READ
    decoder = ChunkedDecoder()
    decoder.feed(b"\n#%d\n" % size)
    for _ in range(size // READ):
        decoder.feed(b"a" * READ)
        assert decoder.next_message() is None
        assert len(decoder.buffer) == 0
    decoder.feed(b"\n##\n")
    assert decoder.next_message() == b"a" * size


class CountingBuffer(bytearray):
    """A bytearray that counts the bytes its `find` calls look at."""

    looked_at = 0

    def find(self, sub, start=0, *args):  # type: ignore[no-untyped-def, override]
        CountingBuffer.looked_at += len(self) - start
        return super().find(sub, start, *args)


def test_eom_search_does_not_rescan_what_it_has_seen() -> None:
    CountingBuffer.looked_at = 0
    decoder = EomDecoder()
    decoder.buffer = CountingBuffer()
    fed = 0
    for _ in range(256):
        decoder.feed(b"b" * 4096)
        fed += 4096
        assert decoder.next_message() is None
    decoder.feed(EOM)
    assert decoder.next_message() == b"b" * fed
    assert CountingBuffer.looked_at < 2 * fed  # a rescan from the start each time would be ~128 * fed

"""RFC 6242 message framing: end-of-message (`]]>]]>`, base:1.0) and chunked (base:1.1) decoders.

Decoders are incremental: `feed()` bytes as they arrive, then call `next_message()` until it returns None.
Work per call is proportional to the bytes fed since the last call (no rescans, no copies of the whole
buffer). A framing violation raises `FramingError`, a message over `MAX_MESSAGE` raises `MessageTooBig`
(for chunked framing as soon as a chunk header declares too much); the session then ends (RFC 6242 §4.2).
"""

from __future__ import annotations

EOM = b"]]>]]>"
MAX_MESSAGE = 32 * 1024 * 1024  # bytes of one incoming message (hello or rpc); more gets too-big
MAX_CHUNK = 4294967295
MAX_SIZE_DIGITS = 10


class FramingError(Exception):
    pass


class MessageTooBig(FramingError):
    def __init__(self) -> None:
        super().__init__(f"message exceeds the size limit of {MAX_MESSAGE} bytes")


class EomDecoder:
    """base:1.0 framing; also used for both hellos."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.scanned = 0  # buffer[:scanned] holds no complete EOM marker

    def feed(self, data: bytes) -> None:
        self.buffer += data

    def next_message(self) -> bytes | None:
        end = self.buffer.find(EOM, self.scanned)
        if end < 0:
            self.scanned = max(0, len(self.buffer) - len(EOM) + 1)
            if self.scanned > MAX_MESSAGE:
                raise MessageTooBig()
            return None
        if end > MAX_MESSAGE:
            raise MessageTooBig()
        message = bytes(self.buffer[:end])
        del self.buffer[: end + len(EOM)]
        self.scanned = 0
        return message


class ChunkedDecoder:
    """base:1.1 framing: `\\n#<size>\\n<data>` chunks closed by `\\n##\\n`.

    Chunk data moves from `buffer` into `message` as it arrives, so `buffer` only ever holds what one
    read brought in; a chunk header is checked against the size limit before its data is read.
    """

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.message = bytearray()
        self.remaining = 0  # bytes of the current chunk not received yet
        self.chunks = 0  # chunks of the message received so far

    def feed(self, data: bytes) -> None:
        self.buffer += data

    def next_message(self) -> bytes | None:
        while True:
            if self.remaining:
                if not self.buffer:
                    return None
                take = min(self.remaining, len(self.buffer))
                self.message += self.buffer[:take]
                del self.buffer[:take]
                self.remaining -= take
                continue
            header = self._header()
            if header is None:
                return None
            length, size = header
            del self.buffer[:length]
            if size == 0:
                if not self.chunks:
                    raise FramingError("end-of-chunks marker without a chunk")
                message, self.message, self.chunks = bytes(self.message), bytearray(), 0
                return message
            if len(self.message) + size > MAX_MESSAGE:
                raise MessageTooBig()
            self.remaining, self.chunks = size, self.chunks + 1

    def _header(self) -> tuple[int, int] | None:
        """(header length, chunk size) of the header at the buffer start; size 0 = end of chunks."""
        head = bytes(self.buffer[: 3 + MAX_SIZE_DIGITS])
        for index, expected in enumerate(b"\n#"[: len(head)]):
            if head[index] != expected:
                raise FramingError("expected a chunk header")
        if len(head) < 3:
            return None
        if head[2:3] == b"#":
            if len(head) < 4:
                return None
            if head[3:4] != b"\n":
                raise FramingError("bad end-of-chunks marker")
            return 4, 0
        return _size_header(head)


def _size_header(head: bytes) -> tuple[int, int] | None:
    """Parse `\\n#<digits>\\n` from the first bytes of the buffer; None while the header is incomplete."""
    digits = bytearray()
    for byte in head[2:]:
        if byte == 0x0A:
            break
        if not 0x30 <= byte <= 0x39 or (not digits and byte == 0x30):
            raise FramingError("bad chunk size")
        digits.append(byte)
    else:
        if len(digits) > MAX_SIZE_DIGITS:
            raise FramingError("chunk size too long")
        return None
    if not digits or int(digits) > MAX_CHUNK:
        raise FramingError("bad chunk size")
    return 3 + len(digits), int(digits)


def encode_eom(message: bytes) -> bytes:
    return message + EOM


def encode_chunked(message: bytes) -> bytes:
    return b"\n#%d\n" % len(message) + message + b"\n##\n"

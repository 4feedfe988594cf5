"""RFC 6242 message framing: end-of-message (`]]>]]>`, base:1.0) and chunked (base:1.1) decoders.

Decoders are incremental: `feed()` bytes as they arrive, then call `next_message()` until it returns None.
A framing violation raises `FramingError`; the session then ends (RFC 6242 §4.2).
"""

from __future__ import annotations

EOM = b"]]>]]>"
MAX_MESSAGE = 32 * 1024 * 1024
MAX_CHUNK = 4294967295
MAX_SIZE_DIGITS = 10


class FramingError(Exception):
    pass


class EomDecoder:
    """base:1.0 framing; also used for both hellos."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def feed(self, data: bytes) -> None:
        self.buffer += data

    def next_message(self) -> bytes | None:
        end = self.buffer.find(EOM)
        if end < 0:
            if len(self.buffer) > MAX_MESSAGE:
                raise FramingError("message exceeds the size limit")
            return None
        message = bytes(self.buffer[:end])
        del self.buffer[: end + len(EOM)]
        return message


class ChunkedDecoder:
    """base:1.1 framing: `\\n#<size>\\n<data>` chunks closed by `\\n##\\n`."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.parts: list[bytes] = []
        self.size = 0

    def feed(self, data: bytes) -> None:
        self.buffer += data

    def next_message(self) -> bytes | None:
        while True:
            header = self._header()
            if header is None:
                return None
            length, size = header
            if size == 0:
                if not self.parts:
                    raise FramingError("end-of-chunks marker without a chunk")
                del self.buffer[:length]
                message, self.parts, self.size = b"".join(self.parts), [], 0
                return message
            if len(self.buffer) < length + size:
                return None
            self.parts.append(bytes(self.buffer[length : length + size]))
            self.size += size
            del self.buffer[: length + size]
            if self.size > MAX_MESSAGE:
                raise FramingError("message exceeds the size limit")

    def _header(self) -> tuple[int, int] | None:
        """(header length, chunk size) of the header at the buffer start; size 0 = end of chunks."""
        buf = self.buffer
        for index, expected in enumerate(b"\n#"[: len(buf)]):
            if buf[index] != expected:
                raise FramingError("expected a chunk header")
        if len(buf) < 3:
            return None
        if buf[2:3] == b"#":
            if len(buf) < 4:
                return None
            if buf[3:4] != b"\n":
                raise FramingError("bad end-of-chunks marker")
            return 4, 0
        return self._size_header(buf)

    @staticmethod
    def _size_header(buf: bytearray) -> tuple[int, int] | None:
        digits = bytearray()
        for byte in buf[2:]:
            if byte == 0x0A:
                break
            if not 0x30 <= byte <= 0x39 or (not digits and byte == 0x30):
                raise FramingError("bad chunk size")
            digits.append(byte)
            if len(digits) > MAX_SIZE_DIGITS:
                raise FramingError("chunk size too long")
        else:
            return None
        if not digits or int(digits) > MAX_CHUNK:
            raise FramingError("bad chunk size")
        return 3 + len(digits), int(digits)


def encode_eom(message: bytes) -> bytes:
    return message + EOM


def encode_chunked(message: bytes) -> bytes:
    return b"\n#%d\n" % len(message) + message + b"\n##\n"

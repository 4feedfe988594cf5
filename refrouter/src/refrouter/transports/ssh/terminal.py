"""Byte-level terminal line discipline for the CLI: echo, CR/LF handling, editing keys, `?` help."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from ...cli.session import CliSession

CTRL_C = 0x03
CTRL_U = 0x15
CTRL_Z = 0x1A
ESC = 0x1B
BACKSPACES = (0x08, 0x7F)
MAX_LINE = 4096
FLUSH_AT = 16384  # bytes of replies gathered before they are handed to the transport
Reply = bytes | AsyncIterator[bytes]


@dataclass
class LineDiscipline:
    """Turns raw input bytes into executed lines and the bytes to send back.

    With a PTY the router echoes what is typed (except passwords) and answers `?` at once, as IOS does;
    without a PTY nothing is echoed and `?` is handled when the line ends.
    """

    session: CliSession
    pty: bool
    buffer: bytearray = field(default_factory=bytearray)
    last_was_cr: bool = False
    escape: str = ""  # inside an escape sequence typed on a PTY: "esc" after ESC, "csi" after ESC [, "ss3"
    # the last output text and its bytes: a show command that hands back the text it kept (the same object)
    # is not encoded again (`show crypto session` of 1,000 sessions is 250 KB)
    last_text: str | None = None
    last_bytes: bytes = b""

    async def feed(self, data: bytes) -> AsyncIterator[bytes]:
        """Consume input bytes; yield what to send back (echo, output, prompts) as it is produced."""
        out = bytearray()
        for byte in data:
            if self.session.closed:
                break
            reply = self._byte(byte)
            if isinstance(reply, bytes) and not out and len(reply) >= FLUSH_AT:
                yield reply  # a large output goes as it is, without another copy
                continue
            if isinstance(reply, bytes):
                out += reply
                if len(out) >= FLUSH_AT:  # e.g. a burst of `?`: hand over each help text as it is made
                    yield bytes(out)
                    out.clear()
                continue
            if out:
                yield bytes(out)
                out.clear()
            async for chunk in reply:
                yield chunk
        if out:
            yield bytes(out)

    def _byte(self, byte: int) -> Reply:
        if self.escape and byte >= 0x20:  # a control key (line end, Ctrl-C) ends a sequence and acts itself
            self.escape = _next_escape_state(self.escape, byte)
            return b""
        self.escape = ""
        if byte == ESC:
            self.escape = "esc" if self.pty else ""  # without a PTY, ESC is a control character like any other
            return b""
        if byte == 0x0A and self.last_was_cr:
            self.last_was_cr = False
            return b""
        self.last_was_cr = byte == 0x0D
        if byte in (0x0D, 0x0A):
            return self._enter()
        if byte in BACKSPACES:
            if self.buffer:
                self.buffer.pop()
                return b"\x08 \x08" if self._echo else b""
            return b""
        if byte == CTRL_U:
            erased = len(self.buffer)
            self.buffer.clear()
            return b"\x08 \x08" * erased if self._echo else b""
        if byte == CTRL_C:
            self.buffer.clear()
            return b"\r\n" + self._prompt()
        if byte == CTRL_Z:
            self.buffer.clear()
            return self._run("end")
        if byte == ord("?") and self.pty and self.session.pending is None:
            return self._help()
        if byte < 0x20 and byte != 0x09:
            return b""
        if len(self.buffer) >= MAX_LINE:
            return b"\x07"
        self.buffer.append(byte)
        return bytes([byte]) if self._echo else b""

    @property
    def _echo(self) -> bool:
        return self.pty and self.session.echo

    def _prompt(self) -> bytes:
        return encode(self.session.prompt())

    def _enter(self) -> Reply:
        line = self.buffer.decode("utf-8", errors="replace")
        self.buffer.clear()
        if not self.pty and line.endswith("?") and self.session.pending is None:
            return encode(line + "\n" + self.session.help(line[:-1]) + "\n") + self._prompt()
        return self._run(line)

    def _run(self, line: str) -> Reply:
        prefix = b"\r\n" if self.pty else b""
        output = self.session.execute(line)
        if isinstance(output, str):
            if output is not self.last_text:
                self.last_text, self.last_bytes = output, encode(output)
            return b"".join((prefix, self.last_bytes, b"" if self.session.closed else self._prompt()))
        return self._stream(prefix, output)

    async def _stream(self, prefix: bytes, output: AsyncIterator[str]) -> AsyncIterator[bytes]:
        yield prefix
        async for chunk in output:
            yield encode(chunk)
        if not self.session.closed:
            yield self._prompt()

    def _help(self) -> bytes:
        line = self.buffer.decode("utf-8", errors="replace")
        text = self.session.help(line)
        return b"?\r\n" + encode(text + "\n") + self._prompt() + bytes(self.buffer)


def _next_escape_state(state: str, byte: int) -> str:
    """Skip an ANSI key sequence (cursor keys: ESC [ A, ESC O A; ESC + key): the state after `byte`."""
    if state == "esc":
        return {ord("["): "csi", ord("O"): "ss3"}.get(byte, "")
    if state == "csi" and 0x20 <= byte <= 0x3F:  # parameter and intermediate bytes; a final byte ends it
        return "csi"
    return ""


def encode(text: str) -> bytes:
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8", errors="replace")

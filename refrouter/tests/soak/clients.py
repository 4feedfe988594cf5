"""The soak's clients: an interactive CLI shell and a raw NETCONF 1.1 session over asyncssh.

Both time every exchange (monotonic seconds, for the report only) and give up after HANG_GUARD: an answer
that never comes is a stalled session, reported as such, while a slow answer is only counted.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

import asyncssh
from clishell import PASSWORD_PROMPT, connect, prompt_pattern
from lxml import etree
from nchelpers import NC, hello

from refrouter.state.identity import Credentials

HANG_GUARD = 120.0  # seconds without an answer before a session counts as stalled (not a time assertion)
BASE_1_1 = "urn:ietf:params:netconf:base:1.1"
READ_SIZE = 65536


@dataclass(frozen=True)
class Endpoint:
    port: int
    credentials: Credentials


class NoAnswer(Exception):
    """No usable answer: none within HANG_GUARD, the channel closed, or not the answer the request asks for."""


async def _login(port: int, credentials: Credentials) -> asyncssh.SSHClientConnection:
    try:
        return await asyncio.wait_for(connect(port, credentials.username, credentials.password), HANG_GUARD)
    except TimeoutError as exc:
        raise NoAnswer(f"no SSH login on port {port} within {HANG_GUARD:.0f} s") from exc


@dataclass
class CliReply:
    raw: bytes  # the echoed line, the output and the prompt
    prompt: str
    seconds: float

    @property
    def output(self) -> bytes:
        """What follows the echoed line (the router does not wrap the echo)."""
        return self.raw.split(b"\n", 1)[1] if b"\n" in self.raw else b""

    @property
    def has_error(self) -> bool:
        return b"%" in self.output


class CliClient:
    """A PTY shell at `Host#`; `send` types one line and waits for the next prompt."""

    def __init__(self, conn: asyncssh.SSHClientConnection, process: asyncssh.SSHClientProcess) -> None:
        self.conn, self.process = conn, process
        self.prompt_re = prompt_pattern()

    @classmethod
    async def open(cls, port: int, credentials: Credentials) -> CliClient:
        conn = await _login(port, credentials)
        process = await conn.create_process(term_type="vt100", encoding=None)
        client = cls(conn, process)
        await client.read_until(client.prompt_re)
        await client.send("enable", until=PASSWORD_PROMPT)
        await client.send(credentials.enable_secret)
        await client.send("terminal length 0")
        return client

    async def read_until(self, pattern: re.Pattern[bytes]) -> tuple[bytes, str]:
        buffer = b""

        async def collect() -> tuple[bytes, str]:
            nonlocal buffer
            while not (match := pattern.search(buffer)):
                chunk = await self.process.stdout.read(READ_SIZE)
                if not chunk:
                    raise NoAnswer(f"channel closed after {buffer[-300:]!r}")
                buffer += chunk
            return buffer, (match.group(1) if match.groups() else match.group(0)).decode().strip()

        try:
            return await asyncio.wait_for(collect(), HANG_GUARD)
        except TimeoutError as exc:
            raise NoAnswer(f"no prompt within {HANG_GUARD:.0f} s after {buffer[-300:]!r}") from exc

    async def send(self, line: str | bytes, until: re.Pattern[bytes] | None = None) -> CliReply:
        data = line.encode() if isinstance(line, str) else line
        started = time.monotonic()
        self.process.stdin.write(data + b"\r")
        raw, prompt = await self.read_until(until or self.prompt_re)
        return CliReply(raw, prompt, time.monotonic() - started)

    async def logout(self) -> bytes:
        """`exit`, then everything until the router closes the channel."""
        self.process.stdin.write(b"exit\r")
        try:
            return await asyncio.wait_for(self.process.stdout.read(), HANG_GUARD)
        except TimeoutError as exc:
            raise NoAnswer(f"the channel stayed open {HANG_GUARD:.0f} s after exit") from exc

    async def close(self) -> None:
        self.process.close()
        self.conn.close()
        await self.conn.wait_closed()


@dataclass
class NetconfReply:
    root: etree._Element | None  # None: the reply itself was not XML
    seconds: float

    @property
    def ok(self) -> bool:
        return self.root is not None and self.root.find(f"{{{NC}}}ok") is not None

    @property
    def error_tags(self) -> list[str]:
        if self.root is None:
            return []
        return [str(tag) for tag in self.root.xpath("nc:rpc-error/nc:error-tag/text()", namespaces={"nc": NC})]


class NetconfClient:
    """A NETCONF session that negotiates base:1.1 and then sends whatever bytes it is given, chunk-framed."""

    def __init__(self, conn: asyncssh.SSHClientConnection, writer: asyncssh.SSHWriter[bytes],
                 reader: asyncssh.SSHReader[bytes]) -> None:
        self.conn, self.writer, self.reader = conn, writer, reader
        self.buffer = b""

    @classmethod
    async def open(cls, port: int, credentials: Credentials) -> NetconfClient:
        conn = await _login(port, credentials)
        writer, reader, _ = await conn.open_session(subsystem="netconf", encoding=None)
        client = cls(conn, writer, reader)
        await client._guarded(client._read_until(b"]]>]]>"))
        writer.write(hello(BASE_1_1))
        return client

    async def _fill(self) -> None:
        data = await self.reader.read(READ_SIZE)
        if not data:
            raise NoAnswer(f"NETCONF channel closed after {self.buffer[-300:]!r}")
        self.buffer += data

    async def _read_until(self, marker: bytes) -> bytes:
        while marker not in self.buffer:
            await self._fill()
        message, self.buffer = self.buffer.split(marker, 1)
        return message

    async def _read_chunked(self) -> bytes:
        body = b""
        while True:
            if await self._read_until(b"\n") != b"":
                raise NoAnswer(f"bad chunk framing from the server: {self.buffer[:100]!r}")
            header = await self._read_until(b"\n")
            if header == b"##":
                return body
            size = int(header.removeprefix(b"#"))
            while len(self.buffer) < size:
                await self._fill()
            body, self.buffer = body + self.buffer[:size], self.buffer[size:]

    async def _guarded(self, reading: Coroutine[Any, Any, bytes]) -> bytes:
        try:
            return await asyncio.wait_for(reading, HANG_GUARD)
        except TimeoutError as exc:
            raise NoAnswer(f"no NETCONF reply within {HANG_GUARD:.0f} s") from exc

    async def exchange(self, message: bytes) -> NetconfReply:
        """Send one chunk-framed message and read the one reply every well-framed message gets."""
        started = time.monotonic()
        self.writer.write(b"\n#%d\n" % len(message) + message + b"\n##\n")
        return _reply(await self._guarded(self._read_chunked()), started)

    async def break_framing(self) -> NetconfReply | None:
        """Send a bad chunk header. The server must end the session (RFC 6242 §4.2); the reply it may send
        first is returned (None: it closed without one)."""
        started = time.monotonic()
        self.writer.write(b"\n#x\n")
        self.buffer += await self._guarded(self.reader.read())  # everything until the server closes
        if not self.buffer:
            return None
        reply = _reply(await self._guarded(self._read_chunked()), started)
        if self.buffer:
            raise NoAnswer(f"more than one reply to a framing error: {self.buffer[:200]!r}")
        return reply

    async def close(self) -> None:
        self.conn.close()
        await self.conn.wait_closed()


def _reply(body: bytes, started: float) -> NetconfReply:
    try:
        root = etree.fromstring(body)
    except etree.XMLSyntaxError:
        root = None
    return NetconfReply(root, time.monotonic() - started)

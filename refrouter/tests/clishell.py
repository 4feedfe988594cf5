"""A small asyncssh client for driving the router's interactive CLI line by line in tests."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import asyncssh

READ_TIMEOUT = 20.0  # a hang guard only; no test asserts on time


def prompt_pattern(hostname: str = r"[\w.\-]+", pty: bool = True) -> re.Pattern[bytes]:
    """An IOS prompt (`R>`, `R#`, `R(config-if)#`) as the last bytes, at the start of a line."""
    anchor = rb"\n" if pty else rb"(?:^|\n)"
    return re.compile(anchor + rb"(" + hostname.encode() + rb"(?:\([\w\-]+\))?[>#]) ?$")


PASSWORD_PROMPT = re.compile(rb"Password: ?$")


@dataclass
class Reply:
    raw: bytes  # everything received after the line was sent, prompt included
    prompt: str

    @property
    def text(self) -> str:
        """Output without the echoed line and the final prompt, with \\n line ends."""
        body = self.raw.decode("utf-8", "replace").replace("\r\n", "\n")
        return body[: body.rfind(self.prompt)] if self.prompt else body

    def after_echo(self, line: str) -> str:
        """The output of a line typed on a PTY: what follows the echoed line."""
        text = self.text
        assert text.startswith(line + "\n"), f"echo of {line!r} missing in {text!r}"
        return text[len(line) + 1 :]


class Shell:
    """One interactive session. `send` writes a line and reads until the next prompt."""

    def __init__(self, conn: asyncssh.SSHClientConnection, process: asyncssh.SSHClientProcess, pty: bool) -> None:
        self.conn = conn
        self.process = process
        self.pty = pty
        self.prompt_re = prompt_pattern(pty=pty)
        self.greeting = b""
        self.prompt = ""  # the last CLI prompt seen

    @classmethod
    async def open(
        cls, port: int, username: str, password: str, *, pty: bool = True, term_type: str = "vt100"
    ) -> Shell:
        conn = await connect(port, username, password)
        process = await conn.create_process(term_type=term_type if pty else None, encoding=None)
        shell = cls(conn, process, pty)
        shell.greeting = (await shell.read_until(shell.prompt_re)).raw
        return shell

    async def read_until(self, pattern: re.Pattern[bytes]) -> Reply:
        buffer = b""

        async def collect() -> Reply:
            nonlocal buffer
            while True:
                match = pattern.search(buffer)
                if match:
                    prompt = (match.group(1) if match.groups() else match.group(0)).decode().strip()
                    if pattern is self.prompt_re:
                        self.prompt = prompt
                    return Reply(buffer, prompt)
                chunk = await self.process.stdout.read(65536)
                if not chunk:
                    raise EOFError(f"channel closed; received {buffer!r}")
                buffer += chunk

        try:
            return await asyncio.wait_for(collect(), READ_TIMEOUT)
        except TimeoutError as exc:
            raise AssertionError(f"no {pattern.pattern!r} after {buffer[-400:]!r}") from exc

    async def send(self, line: str | bytes, *, eol: bytes = b"\r", until: re.Pattern[bytes] | None = None) -> Reply:
        data = line.encode() if isinstance(line, str) else line
        self.process.stdin.write(data + eol)
        return await self.read_until(until or self.prompt_re)

    async def read_rest(self) -> bytes:
        """Everything until the server closes the channel."""
        return await asyncio.wait_for(self.process.stdout.read(), READ_TIMEOUT)

    async def close(self) -> None:
        self.process.close()
        self.conn.close()
        await self.conn.wait_closed()

    async def enable(self, secret: str) -> Reply:
        await self.send("enable", until=PASSWORD_PROMPT)
        return await self.send(secret)

    async def command(self, line: str) -> str:
        """Run one line and return its output (PTY shells only)."""
        return (await self.send(line)).after_echo(line)


@asynccontextmanager
async def privileged_shell(port: int, username: str, password: str, secret: str) -> AsyncIterator[Shell]:
    """A PTY shell at `#` with `terminal length 0`, closed on exit."""
    shell = await Shell.open(port, username, password)
    try:
        await shell.enable(secret)
        await shell.command("terminal length 0")
        assert shell.prompt.endswith("#"), shell.prompt
        yield shell
    finally:
        await shell.close()


async def connect(port: int, username: str, password: str) -> asyncssh.SSHClientConnection:
    return await asyncssh.connect(
        "127.0.0.1",
        port=port,
        username=username,
        password=password,
        known_hosts=None,
        client_keys=None,
        agent_path=None,
        preferred_auth="password",
    )

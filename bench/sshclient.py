"""A minimal prompt-driven SSH CLI client (asyncssh) for the router figures: send a line, read to the prompt.

It has no screen-scraping delays of its own (netmiko and network_cli add some), so latencies are the
router's and the SSH library's. Only 127.0.0.1 is ever dialled.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass

import asyncssh

PROMPT = re.compile(rb"[\w.-]+[>#]\s*$")
PASSWORD_PROMPT = re.compile(rb"Password:")
HOST = "127.0.0.1"
PROMPT_TAIL = 256  # bytes at the end of the output in which the prompt is looked for
READ_TIMEOUT = 120.0  # seconds one read may wait: a router that stops answering fails the figure


@dataclass
class CliClient:
    conn: asyncssh.SSHClientConnection
    process: asyncssh.SSHClientProcess[bytes]

    @classmethod
    async def login(cls, port: int, user: str = "admin", password: str = "admin") -> tuple[CliClient, float]:
        """Connect, authenticate, open a shell and read the first prompt; returns the client and the seconds."""
        start = time.perf_counter()
        conn = await asyncssh.connect(HOST, port, username=user, password=password, known_hosts=None,
                                      client_keys=None, agent_path=None)
        process = await conn.create_process(encoding=None, term_type=None)
        client = cls(conn, process)
        await client._read_prompt()
        return client, time.perf_counter() - start

    async def _read_prompt(self, prompt: re.Pattern[bytes] = PROMPT) -> bytes:
        """Read until the prompt ends the output. The prompt is looked for in the last PROMPT_TAIL bytes only,
        as network_cli does: searching the whole output after each chunk costs the client milliseconds on a
        large output, which would be counted as the router's."""
        chunks: list[bytes] = []
        tail = b""
        while not prompt.search(tail):
            chunk = await asyncio.wait_for(self.process.stdout.read(65536), READ_TIMEOUT)
            if not chunk:
                raise ConnectionError(f"session closed; got {tail[-200:]!r}")
            chunks.append(chunk)
            tail = (tail + chunk)[-PROMPT_TAIL:]
        return b"".join(chunks)

    async def run(self, line: str) -> bytes:
        self.process.stdin.write(line.encode() + b"\n")
        return await self._read_prompt()

    async def enable(self, secret: str = "admin") -> None:
        self.process.stdin.write(b"enable\n")
        await self._read_prompt(PASSWORD_PROMPT)
        await self.run(secret)
        await self.run("terminal length 0")

    async def timed(self, line: str) -> float:
        start = time.perf_counter()
        await self.run(line)
        return time.perf_counter() - start

    def close(self) -> None:
        self.process.stdin.write_eof()
        self.conn.close()

"""A TCP listener whose connections start SSH once the router's host keys exist.

asyncssh reads a server's host keys when it starts listening, so a lab of 2,000 fresh routers would make
2,000 RSA keys (~30 ms each) before any of them answered. Here the socket listens at once; the first
connection waits for the keys (read, or made on a worker thread) and every connection is then handed to an
`asyncssh.SSHServerConnection` with the same options `asyncssh.listen` would give it. The client sees a short
delay before the server's version line, nothing else.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import asyncssh

log = logging.getLogger(__name__)

OptionsSource = Callable[[], Awaitable[asyncssh.SSHServerConnectionOptions]]


class KeyedListener:
    """Accepts on host:port; `options()` builds the SSH server options (host keys included) once, on demand."""

    def __init__(self, options: OptionsSource) -> None:
        self._make_options = options
        self._options: asyncssh.SSHServerConnectionOptions | None = None
        self._pending: asyncio.Task[asyncssh.SSHServerConnectionOptions] | None = None
        self._server: asyncio.Server | None = None

    async def start(self, host: str, port: int, backlog: int = 100) -> int:
        """Listen; the port bound (the one asked for, or the one the OS chose for 0)."""
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(lambda: _Waiting(self), host, port, backlog=backlog,
                                                reuse_address=True)
        return self.get_port()

    def get_port(self) -> int:
        """The port listened on (as `asyncssh.SSHAcceptor.get_port`)."""
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
        if self._pending is not None:
            self._pending.cancel()

    async def wait_closed(self) -> None:
        if self._server is not None:
            await self._server.wait_closed()

    def accept(self, transport: asyncio.Transport) -> None:
        if self._options is not None:
            _start_ssh(transport, self._options)
            return
        transport.pause_reading()
        if self._pending is None:
            self._pending = asyncio.ensure_future(self._make_options())
        self._pending.add_done_callback(lambda task: self._ready(task, transport))

    def _ready(self, task: asyncio.Task[asyncssh.SSHServerConnectionOptions], transport: asyncio.Transport) -> None:
        if task.cancelled() or task.exception() is not None:
            if not task.cancelled():
                log.error("SSH host keys unavailable: %s", task.exception())
            self._pending = None  # the next connection tries again
            transport.abort()
            return
        self._options = task.result()
        if transport.is_closing():  # the client gave up while the keys were made
            return
        _start_ssh(transport, self._options)
        transport.resume_reading()


class _Waiting(asyncio.Protocol):
    """A connection accepted before SSH takes it over."""

    def __init__(self, listener: KeyedListener) -> None:
        self.listener = listener

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.listener.accept(transport)


def _start_ssh(transport: asyncio.Transport, options: asyncssh.SSHServerConnectionOptions) -> None:
    """What `asyncssh.listen` does with an accepted connection."""
    conn = asyncssh.SSHServerConnection(asyncio.get_running_loop(), options)
    transport.set_protocol(conn)
    conn.connection_made(transport)

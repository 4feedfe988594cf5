"""SSH transport (asyncssh): password login, interactive shells with or without PTY, exec requests."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass

import asyncssh

from ...cli.session import CliSession
from ...state.config.sanitize import input_lines
from ...state.login_guard import Attempt
from ...state.oper.logins import Login
from ...state.router import Router
from .files import sftp_factory
from .hostkeys import host_keys, load_host_keys
from .keyed_listener import KeyedListener
from .terminal import LineDiscipline, encode

__all__ = ["RouterSSHServer", "SshStats", "load_host_keys"]

log = logging.getLogger(__name__)

SubsystemHandler = Callable[[asyncssh.SSHServerProcess], "asyncio.Future[None] | None"]


@dataclass
class SshStats:
    """What one server has carried since it started, counted at the router (read in-process, e.g. by bench/).

    `commands` counts CLI lines executed; `round_trips` counts the reads of a shell's input that start a new
    line, plus one per exec request (a client that waits for the prompt after each line makes one per line;
    one that sends several lines in one write makes one for them all while they fit one 4 KB read).
    The byte counts are CLI payload (what was typed and printed), not SSH framing.
    """

    connections: int = 0
    channels: int = 0
    commands: int = 0
    round_trips: int = 0
    bytes_in: int = 0
    bytes_out: int = 0


class _Auth(asyncssh.SSHServer):
    def __init__(self, router: Router, stats: SshStats, connections: set[asyncssh.SSHServerConnection]) -> None:
        self.router = router
        self.stats = stats
        self.connections = connections
        self.peer = "127.0.0.1"
        self.local_port = 22
        self.conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        self.stats.connections += 1
        peer = conn.get_extra_info("peername")
        self.peer = peer[0] if peer else "127.0.0.1"
        local = conn.get_extra_info("sockname")
        self.local_port = local[1] if local else 22
        conn.set_extra_info(router_peer=self.peer)
        cut = self.router.management_cut()
        if cut is not None:  # the station's packets no longer reach the router (docs/refrouter-files.md)
            log.info("%s: management connection dropped: %s", self.router.name, cut)
            conn.abort()
            return
        self.connections.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.conn is not None:
            self.connections.discard(self.conn)

    def begin_auth(self, username: str) -> bool:
        if self.router.running.banner_login and self.conn is not None:  # shown before the password prompt
            self.conn.send_auth_banner(self.router.running.banner_login.replace("\n", "\r\n") + "\r\n")
        return True

    def password_auth_supported(self) -> bool:
        return True

    async def validate_password(self, username: str, password: str) -> bool:
        """Through the router's login guard: serialised, delayed, refused in quiet mode."""
        return await self.router.login_guard.check(username, password, Attempt(username, self.peer, self.local_port))


class RouterSSHServer:
    """Serves one router's CLI on 127.0.0.1:port; `subsystems` adds e.g. NETCONF."""

    def __init__(self, router: Router, port: int, host: str = "127.0.0.1") -> None:
        self.router = router
        self.port = port
        self.host = host
        self.subsystems: dict[str, SubsystemHandler] = {}
        self._server: KeyedListener | None = None
        self.sessions: set[CliSession] = set()
        self.stats = SshStats()
        self.connections: set[asyncssh.SSHServerConnection] = set()

    def drop_connections(self, reason: str) -> None:
        """Management traffic is cut: every session on this server is lost, as the station's are."""
        for conn in list(self.connections):
            log.info("%s: management session dropped: %s", self.router.name, reason)
            conn.abort()
        self.connections.clear()

    async def start(self) -> None:
        """Listen at once; the host keys are read or made when the first client connects (keyed_listener.py)."""
        self.router.on_management_cut.append(self.drop_connections)
        self._server = KeyedListener(self._options)
        self.port = await self._server.start(self.host, self.port)

    async def _options(self) -> asyncssh.SSHServerConnectionOptions:
        return await asyncssh.SSHServerConnectionOptions.construct(
            server_factory=lambda: _Auth(self.router, self.stats, self.connections),
            server_host_keys=await host_keys(self.router.state_dir),
            process_factory=self._handle,
            encoding=None,
            line_editor=False,
            sftp_factory=sftp_factory(self.router),
            allow_scp=True,
            keepalive_interval=0,
        )

    async def stop(self) -> None:
        if self.drop_connections in self.router.on_management_cut:
            self.router.on_management_cut.remove(self.drop_connections)
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _handle(self, process: asyncssh.SSHServerProcess) -> None:
        self.stats.channels += 1
        try:
            if process.subsystem:
                handler = self.subsystems.get(process.subsystem)
                if handler is None:
                    process.exit(1)
                    return
                result = handler(process)
                if result is not None:
                    await result
                return
            user = process.get_extra_info("username") or "admin"
            peer = process.get_extra_info("router_peer") or "127.0.0.1"
            login = self.router.logins.open(user, peer)
            session = CliSession(self.router, user=user, peer=peer, line=login.tty, stats=self.stats)
            self.sessions.add(session)
            try:
                if process.command is not None:
                    await self._exec(process, session)
                else:
                    await self._shell(process, session, login)
            finally:
                self.sessions.discard(session)
                self.router.logins.close(login)
        except (asyncssh.Error, ConnectionError, BrokenPipeError) as exc:
            log.debug("session ended: %s", exc)
        except Exception:  # a handler bug must never take the router down
            log.exception("session crashed")
        finally:
            if not process.is_closing():
                process.exit(0)

    async def _exec(self, process: asyncssh.SSHServerProcess, session: CliSession) -> None:
        """`ssh router 'show version'`: run each line of the request, then close like IOS does."""
        self.stats.round_trips += 1
        self.stats.bytes_in += len(process.command.encode())
        for line in input_lines(process.command) or [""]:
            output = session.execute(line)
            if isinstance(output, str):
                await self._send(process, encode(output))
            else:
                async for chunk in output:
                    await self._send(process, encode(chunk))
            if session.closed or self.router.check_management() is not None:
                break

    async def _shell(self, process: asyncssh.SSHServerProcess, session: CliSession, login: Login) -> None:
        pty = process.get_terminal_type() is not None
        discipline = LineDiscipline(session, pty=pty)
        banner = self.router.running.banner_motd
        greeting = f"\n{banner}\n\n" if banner else "\n"
        await self._send(process, encode(greeting) + encode(session.prompt()))
        while not session.closed:
            data = await process.stdin.read(4096)
            if not data:
                break
            if not discipline.buffer:  # a new exchange, not the rest of a line or of a batch read in parts
                self.stats.round_trips += 1
            self.stats.bytes_in += len(data)
            login.touch()
            async for reply in discipline.feed(data):
                if self.router.check_management() is not None:
                    return  # the reply would travel the path the change just cut
                await self._send(process, reply)

    async def _send(self, process: asyncssh.SSHServerProcess, data: bytes) -> None:
        """Write and wait until the channel's buffer drains: a client that does not read pauses its own
        session (its input is not read meanwhile, so the SSH window stops it too), never the router."""
        self.stats.bytes_out += len(data)
        process.stdout.write(data)
        await process.stdout.drain()

"""SSH transport (asyncssh): password login, interactive shells with or without PTY, exec requests."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import asyncssh

from ...cli.session import CliSession
from ...state.oper.logins import Login
from ...state.router import Router
from ...state.secrets import check_secret
from .terminal import LineDiscipline, encode

log = logging.getLogger(__name__)

HOST_KEY_ALGORITHMS = ("ecdsa-sha2-nistp256", "ssh-rsa")
SubsystemHandler = Callable[[asyncssh.SSHServerProcess], "asyncio.Future[None] | None"]


def load_host_keys(state_dir: Path | None) -> list[asyncssh.SSHKey]:
    """One key per algorithm, generated once and kept in the router's state dir.

    Each router gets its own ECDSA key, the one every client here negotiates. A new RSA key is generated
    once per process and shared by the routers that start without one: generating 2048-bit RSA takes
    ~150 ms, which was two thirds of the start-up time of a fresh 500-router lab (docs/performance.md).
    """
    keys = []
    for alg in HOST_KEY_ALGORITHMS:
        path = state_dir / f"ssh_host_{alg.split('-')[0]}_key" if state_dir else None
        if path and path.exists():
            keys.append(asyncssh.read_private_key(path))
            continue
        key = _shared_rsa_key() if alg == "ssh-rsa" else asyncssh.generate_private_key(alg)
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            key.write_private_key(path)
            path.chmod(0o600)
        keys.append(key)
    return keys


@cache
def _shared_rsa_key() -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-rsa", key_size=2048)


@dataclass
class SshStats:
    """What one server has carried since it started, counted at the router (read in-process, e.g. by bench/).

    `commands` counts CLI lines executed, so for a client that waits for the prompt after each line it is
    the number of round trips; the byte counts are CLI payload (what was typed and printed), not SSH framing.
    """

    connections: int = 0
    channels: int = 0
    commands: int = 0
    bytes_in: int = 0
    bytes_out: int = 0


class _Auth(asyncssh.SSHServer):
    def __init__(self, router: Router, stats: SshStats) -> None:
        self.router = router
        self.stats = stats
        self.peer = "127.0.0.1"

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.stats.connections += 1
        peer = conn.get_extra_info("peername")
        self.peer = peer[0] if peer else "127.0.0.1"
        conn.set_extra_info(router_peer=self.peer)

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        hashed = self.router.running.users.get(username)
        return hashed is not None and check_secret(password, hashed)


class RouterSSHServer:
    """Serves one router's CLI on 127.0.0.1:port; `subsystems` adds e.g. NETCONF."""

    def __init__(self, router: Router, port: int, host: str = "127.0.0.1") -> None:
        self.router = router
        self.port = port
        self.host = host
        self.subsystems: dict[str, SubsystemHandler] = {}
        self._server: asyncssh.SSHAcceptor | None = None
        self.sessions: set[CliSession] = set()
        self.stats = SshStats()

    async def start(self) -> None:
        self._server = await asyncssh.create_server(
            lambda: _Auth(self.router, self.stats),
            self.host,
            self.port,
            server_host_keys=load_host_keys(self.router.state_dir),
            process_factory=self._handle,
            encoding=None,
            line_editor=False,
            allow_scp=False,
            keepalive_interval=0,
        )

    async def stop(self) -> None:
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
        self.stats.bytes_in += len(process.command.encode())
        for line in process.command.splitlines() or [""]:
            output = session.execute(line)
            if isinstance(output, str):
                self._write(process, encode(output))
            else:
                async for chunk in output:
                    self._write(process, encode(chunk))
            if session.closed:
                break
        await process.stdout.drain()

    async def _shell(self, process: asyncssh.SSHServerProcess, session: CliSession, login: Login) -> None:
        pty = process.get_terminal_type() is not None
        discipline = LineDiscipline(session, pty=pty)
        banner = self.router.running.banner_motd
        greeting = f"\n{banner}\n\n" if banner else "\n"
        self._write(process, encode(greeting) + encode(session.prompt()))
        while not session.closed:
            data = await process.stdin.read(4096)
            if not data:
                break
            self.stats.bytes_in += len(data)
            login.touch()
            async for reply in discipline.feed(data):
                self._write(process, reply)
        await process.stdout.drain()

    def _write(self, process: asyncssh.SSHServerProcess, data: bytes) -> None:
        self.stats.bytes_out += len(data)
        process.stdout.write(data)

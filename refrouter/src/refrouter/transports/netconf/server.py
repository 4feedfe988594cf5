"""Per-router NETCONF service: session registry, the running-datastore lock, the asyncssh subsystem handler.

Register `NetconfServer(router).handle` as the `netconf` subsystem of a RouterSSHServer. Everything runs on
the router's event loop; each `<rpc>` is handled synchronously, hence atomically with CLI commands.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Callable

import asyncssh

from ...netconf.candidate import CandidateStore, session_ended
from ...state.router import Router
from .revert_control import CliRevertTimer
from .session import NetconfSession

log = logging.getLogger(__name__)
READ_SIZE = 65536
NETCONF_PRIVILEGE = 15  # IOS XE: NETCONF-YANG serves only privilege-15 users


class NetconfServer:
    def __init__(self, router: Router, first_session_id: int = 1) -> None:
        self.router = router
        self.sessions: dict[int, NetconfSession] = {}
        self.lock_owner: int | None = None  # session-id holding the running-datastore lock
        self.candidate = CandidateStore()  # shared by the sessions (RFC 6241 :candidate)
        self.revert = CliRevertTimer(router)
        self._session_ids = itertools.count(first_session_id)
        self._transactions = itertools.count(1)
        router.config_lock_owner = lambda: self.lock_owner  # the lock is global: it also blocks CLI config

    def authorized(self, user: str) -> bool:
        """May `user` use NETCONF now? Checked at the hello and again before every RPC."""
        level = self.router.running.user_privilege(user)
        return level is not None and level >= NETCONF_PRIVILEGE

    def next_transaction(self) -> int:
        return next(self._transactions)

    def open_session(self, user: str, write: Callable[[bytes], None], abort: Callable[[], None]) -> NetconfSession:
        session = NetconfSession(self, next(self._session_ids), user, write, abort)
        self.sessions[session.id] = session
        return session

    def end_session(self, session: NetconfSession) -> None:
        """Forget a session and release its locks (RFC 6241: a lock ends with its session); a confirmed commit
        it issued without `persist` is rolled back."""
        if self.sessions.pop(session.id, None) is None:
            return
        if self.lock_owner == session.id:
            self.lock_owner = None
        session_ended(self.router, self.candidate, session.id, self.revert)

    def kill(self, session_id: int) -> bool:
        session = self.sessions.get(session_id)
        if session is None:
            return False
        self.end_session(session)
        session.abort()
        return True

    async def handle(self, process: asyncssh.SSHServerProcess) -> None:
        """asyncssh subsystem handler: one NETCONF session per SSH channel."""
        user = process.get_extra_info("username") or ""
        if not self.authorized(user):
            self._refuse(process)
            return
        session = self.open_session(user, process.stdout.write, process.close)
        try:
            session.start()
            while not session.closed:
                data = await process.stdin.read(READ_SIZE)
                if not data:
                    break
                session.feed(data)
                await process.stdout.drain()
        except (asyncssh.Error, ConnectionError, BrokenPipeError) as exc:
            log.debug("netconf session %d ended: %s", session.id, exc)
        finally:
            self.end_session(session)
            session.closed = True
            await _drain(process)

    def _refuse(self, process: asyncssh.SSHServerProcess) -> None:
        """A user below privilege 15 gets no hello, as IOS XE's dmiauthd refuses the login."""
        host, port = (process.get_extra_info("peername") or ("127.0.0.1", 0))[:2]
        self.router.logs.log(f"%DMI-5-AUTHENTICATION_FAILED: R0/0: dmiauthd: Authentication failure from "
                             f"{host}:{port} for netconf over ssh.")
        process.exit(1)


async def _drain(process: asyncssh.SSHServerProcess) -> None:
    with contextlib.suppress(asyncssh.Error, ConnectionError, BrokenPipeError):
        await process.stdout.drain()

"""Login protection as IOS: `login block-for` (quiet mode), `login delay`, `login quiet-mode access-class`.

Every password check of a router passes here, one at a time. Timers are router seconds (the lab's time_scale
applies, as to SA lifetimes); the check of an unknown user hashes a dummy secret, so it costs what the
check of a known user costs and the user name cannot be told from the time the answer takes.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Protocol

from .config.model import AccessList, RunningConfig
from .oper.clock import ScaledClock
from .oper.syslog import SyslogBuffer
from .secrets import check_secret, hash_secret

DEFAULT_DELAY = 1  # seconds IOS waits between attempts once block-for is set without `login delay`
DEFAULT_QUIET_ACL = "sl_def_acl"  # what IOS names in the log when no quiet-mode access-class is set


@cache
def dummy_hash() -> str:
    """A hash of a random secret, checked for unknown users (same cost as a real check)."""
    import secrets

    return hash_secret(secrets.token_urlsafe(12))


def ios_time(wall: datetime) -> str:
    """`16:17:23 UTC Wed Feb 26 2003`, the time at the end of SEC_LOGIN messages."""
    return f"{wall:%H:%M:%S} UTC {wall:%a %b} {wall.day} {wall:%Y}"


class GuardedRouter(Protocol):
    """What the guard needs of its router (state.router.Router): its clock, log and configuration."""

    clock: ScaledClock
    running: RunningConfig

    @property
    def logs(self) -> SyslogBuffer: ...


@dataclass
class Attempt:
    user: str
    peer: str
    local_port: int


@dataclass
class LoginGuard:
    router: GuardedRouter
    failures: deque[float] = field(default_factory=deque)  # router times of failures in the watch window
    total_failures: int = 0
    quiet_until: float | None = None
    next_attempt: float = 0.0  # router time before which the next check waits (login delay)
    _lock: asyncio.Lock | None = None

    # ---------------------------------------------------------------- state

    def _now(self) -> float:
        return self.router.clock.now()

    @property
    def delay(self) -> int:
        running = self.router.running
        if running.login_delay is not None:
            return running.login_delay
        return DEFAULT_DELAY if running.login_block else 0

    def quiet(self) -> bool:
        """True while logins are blocked; logs QUIET_MODE_OFF when the block period has just ended."""
        if self.quiet_until is not None and self._now() >= self.quiet_until:
            self.quiet_until = None
            self.failures.clear()
            self.router.logs.emit("SEC_LOGIN", 5, "QUIET_MODE_OFF", "Quiet Mode is OFF, because block period timed out "
                                  f"at {ios_time(self.router.clock.wall())}")
        return self.quiet_until is not None

    def admits(self, peer: str) -> bool:
        """Outside quiet mode everyone may try; in quiet mode only sources the access-class permits."""
        if not self.quiet():
            return True
        name = self.router.running.login_quiet_acl
        acl = self.router.running.access_lists.get(name) if name else None
        return acl is not None and _permits(acl, peer)

    # ---------------------------------------------------------------- checks

    async def check(self, username: str, password: str, attempt: Attempt) -> bool:
        """Check one login, after the previous one and the login delay; refused outright in quiet mode."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            wait = self.next_attempt - self._now()
            if wait > 0:
                await asyncio.sleep(wait / self.router.clock.time_scale)
            if not self.admits(attempt.peer):
                return False
            hashed = self.router.running.users.get(username)
            valid = check_secret(password, hashed if hashed is not None else dummy_hash()) and hashed is not None
            if not valid:
                self._failed(attempt)
            self.next_attempt = self._now() + self.delay  # after the failure is logged: logs stay a delay apart
            return valid

    def _failed(self, attempt: Attempt) -> None:
        self.total_failures += 1
        block = self.router.running.login_block
        if block is None:
            return
        now = self._now()
        who = f"[user: {attempt.user}] [Source: {attempt.peer}] [localport: {attempt.local_port}]"
        self.router.logs.emit("SEC_LOGIN", 4, "LOGIN_FAILED", f"Login failed {who} "
                              f"[Reason: Login Authentication Failed] at {ios_time(self.router.clock.wall())}")
        self.failures.append(now)
        while self.failures and self.failures[0] <= now - block.within:
            self.failures.popleft()
        if len(self.failures) >= block.attempts and self.quiet_until is None:
            self.quiet_until = now + block.block_for
            left = int(block.within - (now - self.failures[0]))
            acl = self.router.running.login_quiet_acl or DEFAULT_QUIET_ACL
            self.router.logs.emit("SEC_LOGIN", 1, "QUIET_MODE_ON", f"Still timeleft for watching failures is "
                                  f"{left} secs, {who} [Reason: Login Authentication Failed] [ACL: {acl}] "
                                  f"at {ios_time(self.router.clock.wall())}")
            self._schedule_off(block.block_for)

    def _schedule_off(self, router_seconds: float) -> None:
        """Log QUIET_MODE_OFF when the block period ends, even if nobody tries to log in then."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        loop.call_later(router_seconds / self.router.clock.time_scale + 0.01, self.quiet)


def _permits(acl: AccessList, peer: str) -> bool:
    try:
        address = ipaddress.IPv4Address(peer)
    except ValueError:
        return False
    for entry in acl.entries:
        if entry.ace is not None and entry.ace.source.matches(address):
            return entry.action == "permit"
    return False

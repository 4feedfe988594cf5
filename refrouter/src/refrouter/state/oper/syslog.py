"""The logging buffer: `%FACILITY-SEVERITY-MNEMONIC: text` lines with IOS timestamps.

API-compatible with `refrouter.logbuf.LogBuffer` (`log()`, `entries()`, `clear()`, `listeners`,
`entry.render()`), but the timestamps come from the injectable router clock.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .clock import Clock


def format_timestamp(wall: datetime, synced: bool = False, timezone: str | None = None) -> str:
    """IOS `service timestamps log datetime msec`: `*Nov 28 22:52:59.251` (`*` = clock not synced)."""
    text = f"{wall:%b} {wall.day:>2} {wall:%H:%M:%S}.{wall.microsecond // 1000:03d}"
    if timezone:
        text += f" {timezone}"
    return text if synced else "*" + text


@dataclass(frozen=True)
class LogEntry:
    uptime: float
    wall: datetime
    message: str

    @property
    def mnemonic(self) -> str:
        """`IKMP_POLICY_DEFAULT` for `%CRYPTO-6-IKMP_POLICY_DEFAULT: ...` (empty when not a syslog line)."""
        head = self.message.split(":", 1)[0]
        return head.rsplit("-", 1)[-1] if head.startswith("%") else ""

    def render(self, synced: bool = False, timezone: str | None = None) -> str:
        return f"{format_timestamp(self.wall, synced, timezone)}: {self.message}"


class SyslogBuffer:
    """Bounded buffer, newest last; listeners see every entry (console, `terminal monitor`)."""

    def __init__(self, clock: Clock, size: int = 4096) -> None:
        self._clock = clock
        self._entries: deque[LogEntry] = deque(maxlen=size)
        self.listeners: list[Callable[[LogEntry], None]] = []

    def log(self, message: str) -> LogEntry:
        entry = LogEntry(self._clock.now(), self._clock.wall(), message)
        self._entries.append(entry)
        for listener in list(self.listeners):
            listener(entry)
        return entry

    def emit(self, facility: str, severity: int, mnemonic: str, text: str) -> LogEntry:
        return self.log(f"%{facility}-{severity}-{mnemonic}: {text}")

    def entries(self) -> list[LogEntry]:
        return list(self._entries)

    def messages(self) -> list[str]:
        return [entry.message for entry in self._entries]

    def clear(self) -> None:
        self._entries.clear()

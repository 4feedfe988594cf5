"""The router's logging buffer (`show logging`), IOS timestamp format."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class LogEntry:
    wall_time: float
    message: str

    def render(self) -> str:
        stamp = time.strftime("%b %d %H:%M:%S", time.gmtime(self.wall_time))
        millis = int((self.wall_time % 1) * 1000)
        return f"*{stamp}.{millis:03d}: {self.message}"


class LogBuffer:
    """Bounded in-memory syslog buffer; newest last."""

    def __init__(self, clock: Callable[[], float], size: int = 4096) -> None:
        self._clock = clock
        self._entries: deque[LogEntry] = deque(maxlen=size)
        self.listeners: list[Callable[[LogEntry], None]] = []

    def log(self, message: str) -> LogEntry:
        entry = LogEntry(time.time(), message)
        self._entries.append(entry)
        for listener in list(self.listeners):
            listener(entry)
        return entry

    def entries(self) -> list[LogEntry]:
        return list(self._entries)

    def clear(self) -> None:
        self._entries.clear()

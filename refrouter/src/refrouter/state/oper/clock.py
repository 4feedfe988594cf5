"""Router clocks: monotonic router time since boot, optionally running faster than real time.

`now()` is router seconds since boot. Lifetimes, uptimes and MIB times are measured in router seconds, so
with `time_scale = 60` an SA with a 3600 s lifetime ends after one real minute. Protocol timers that model
network behaviour (retransmits) are specified in real seconds and converted with `real_to_router()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

DEFAULT_BOOT_WALL = datetime(2024, 11, 28, 22, 52, 59)


class Clock(Protocol):
    time_scale: float

    def now(self) -> float:
        """Router seconds since boot; never goes backwards."""
        ...

    def wall(self) -> datetime:
        """Router wall-clock time (boot wall time + router seconds), used for log timestamps."""
        ...


def real_to_router(clock: Clock, real_seconds: float) -> float:
    return real_seconds * clock.time_scale


class ScaledClock:
    """Real monotonic time multiplied by `time_scale`."""

    def __init__(
        self,
        time_scale: float = 1.0,
        boot_wall: datetime | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self.time_scale = time_scale
        self._monotonic = monotonic
        self._start = monotonic()
        self._boot_wall = boot_wall or datetime.now()

    def now(self) -> float:
        return (self._monotonic() - self._start) * self.time_scale

    def wall(self) -> datetime:
        return self._boot_wall + timedelta(seconds=self.now())


class ManualClock:
    """A clock that moves only when told to (tests, deterministic simulations)."""

    def __init__(self, time_scale: float = 1.0, boot_wall: datetime = DEFAULT_BOOT_WALL) -> None:
        self.time_scale = time_scale
        self._now = 0.0
        self._boot_wall = boot_wall

    def now(self) -> float:
        return self._now

    def wall(self) -> datetime:
        return self._boot_wall + timedelta(seconds=self._now)

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("a clock never goes backwards")
        self._now += seconds
        return self._now

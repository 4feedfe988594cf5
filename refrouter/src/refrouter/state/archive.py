"""The configuration archive (`archive`, `show archive`) and the pending confirmed change
(`configure terminal revert timer`, `configure confirm`).

Archived configurations are files on `bootflash:`; the list of them is kept in memory, as IOS keeps it (a
reload starts a new list, the files stay).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from .config.model import ArchiveSettings
from .flash import FlashError, FlashFileSystem, split_path

DEFAULT_MAXIMUM = 10
MAX_TIMER_MINUTES = 120


@dataclass
class PendingRevert:
    """An unconfirmed change: the configuration to go back to, and when."""

    saved_file: str  # the archived configuration on bootflash: (a file name)
    deadline: float  # router seconds since boot
    minutes: int
    user: str
    started: str = ""  # wall-clock stamp for `show archive config rollback timer`
    timer: object | None = None  # the scheduled expiry (an asyncio handle the CLI layer owns)
    idle: bool = False  # `revert timer idle N`: configuration activity pushes the deadline back

    def note_activity(self, now: float) -> None:
        """A configuration line was entered: an idle timer starts its minutes again."""
        if self.idle:
            self.deadline = now + self.minutes * 60


@dataclass
class ArchiveLog:
    files: list[str] = field(default_factory=list)  # oldest first, at most `maximum`
    next_number: int = 1
    pending: PendingRevert | None = None
    periodic: object | None = None  # `archive` / `time-period`: the next automatic archive (an asyncio handle)

    def next_name(self, settings: ArchiveSettings, hostname: str) -> str | None:
        """The file name (on bootflash:) the next archive gets; None without a usable `path`."""
        if settings.path is None:
            return None
        where = split_path(settings.path.replace("$h", hostname).replace("$H", hostname))
        if where is None or not where[1]:
            return None
        return f"{where[1]}-{self.next_number}"

    def archive(self, settings: ArchiveSettings, hostname: str, flash: FlashFileSystem, text: str) -> str | None:
        """Write `text` as the next archive file; the old ones past `maximum` are deleted. The file name."""
        name = self.next_name(settings, hostname)
        if name is None:
            return None
        flash.write(name, text)
        self.next_number += 1
        self.files.append(name)
        maximum = settings.maximum or DEFAULT_MAXIMUM
        while len(self.files) > maximum:
            oldest = self.files.pop(0)
            with contextlib.suppress(FlashError):
                flash.delete(oldest)
        return name

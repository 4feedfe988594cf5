"""`bootflash:`: a router's file system, kept in its state directory (files 0600, the directory 0700).

Paths are IOS paths (`bootflash:name`, `bootflash:/name`, `flash:` is an alias); the file system is flat,
as the files IOS tools put there are. A router without a state directory keeps its files in memory.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from pathlib import Path

from .persistence import atomic_write, private_dir

FILESYSTEM = "bootflash:"
ALIASES = ("bootflash:", "flash:")
TOTAL_BYTES = 6286540800  # a C8000V's bootflash: as `dir` prints it
SYSTEM_BYTES = 1202003968  # what the IOS XE images and packages take
NAME_RE = re.compile(r"[A-Za-z0-9._+\-]{1,128}")


class FlashError(ValueError):
    """A bad path or a missing file; `str()` is the reason IOS prints in parentheses."""


@dataclass(frozen=True)
class FileEntry:
    index: int
    name: str
    size: int
    mtime: float


def split_path(path: str) -> tuple[str, str] | None:
    """`(file system, file name)` of a flash path; None when the path is on another file system.

    The name is "" for the file system itself (`bootflash:`, `bootflash:/`)."""
    lowered = path.lower()
    for alias in ALIASES:
        if lowered.startswith(alias):
            return FILESYSTEM, path[len(alias) :].lstrip("/")
    return None


class FlashFileSystem:
    """The files of `bootflash:`; with `root` None they live in memory only."""

    def __init__(self, root: Path | None) -> None:
        self.root = private_dir(root) if root is not None else None
        self._memory: dict[str, tuple[str, float]] = {}
        self._inodes: dict[str, int] = {}

    def _check(self, name: str) -> str:
        if not NAME_RE.fullmatch(name) or name in (".", ".."):
            raise FlashError("Invalid argument")
        return name

    def names(self) -> list[str]:
        if self.root is None:
            return sorted(self._memory)
        return sorted(p.name for p in self.root.iterdir() if p.is_file() and not p.name.startswith("."))

    def exists(self, name: str) -> bool:
        return name in self.names()

    def read(self, name: str) -> str:
        self._check(name)
        if self.root is None:
            if name not in self._memory:
                raise FlashError("No such file or directory")
            return self._memory[name][0]
        path = self.root / name
        if not path.is_file():
            raise FlashError("No such file or directory")
        return path.read_text(encoding="utf-8", errors="replace")

    def write(self, name: str, text: str) -> int:
        """Create or overwrite a file; the bytes written."""
        self._check(name)
        if len(text.encode()) > self.free_bytes() + self._size(name):
            raise FlashError("No space left on device")
        if self.root is None:
            self._memory[name] = (text, time.time())
        else:
            atomic_write(self.root / name, text)
        return len(text.encode())

    def delete(self, name: str) -> None:
        self._check(name)
        if not self.exists(name):
            raise FlashError("No such file or directory")
        if self.root is None:
            del self._memory[name]
        else:
            (self.root / name).unlink()

    def _size(self, name: str) -> int:
        if self.root is None:
            return len(self._memory[name][0].encode()) if name in self._memory else 0
        path = self.root / name
        return path.stat().st_size if path.is_file() else 0

    def entry(self, name: str) -> FileEntry:
        if not self.exists(name):
            raise FlashError("No such file or directory")
        index = self._inodes.setdefault(name, 12 + len(self._inodes))
        if self.root is None:
            return FileEntry(index, name, self._size(name), self._memory[name][1])
        stat = (self.root / name).stat()
        return FileEntry(index, name, stat.st_size, stat.st_mtime)

    def entries(self) -> list[FileEntry]:
        return [self.entry(name) for name in self.names()]

    def used_bytes(self) -> int:
        return SYSTEM_BYTES + sum(self._size(name) for name in self.names())

    def free_bytes(self) -> int:
        return TOTAL_BYTES - self.used_bytes()

    def md5(self, name: str) -> str:
        return hashlib.md5(self.read(name).encode(), usedforsecurity=False).hexdigest()

    def host_path(self, name: str) -> Path | None:
        """Where a file lives on the host (for the SFTP/SCP server); None for in-memory file systems."""
        return self.root / self._check(name) if self.root is not None else None

"""Durable files in a router's state directory: they hold secrets (PSKs, host keys), so nobody but the owner
reads them.

Directories are created 0700 and files 0600 from the first byte (no chmod after the fact, no window where a
file is world-readable); writes are atomic, and temp files a crash left behind are removed when a router starts.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
TEMP_GLOB = ".*.tmp"  # atomic_write's `.<name>.<pid>.<thread>.tmp`
TEMP_PID = re.compile(r"\.(\d+)(?:\.\d+)?\.tmp$")


def private_dir(path: Path) -> Path:
    """Create `path` and its missing parents 0700; an existing `path` of ours is tightened to 0700 (one a
    container's user owns, e.g. a podman `:U` bind mount, is left to that user)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for directory in reversed(missing):
        with contextlib.suppress(FileExistsError):
            directory.mkdir(mode=PRIVATE_DIR)
        directory.chmod(PRIVATE_DIR)  # mkdir's mode is filtered by the umask
    if path.stat().st_uid == os.getuid():
        path.chmod(PRIVATE_DIR)
    return path


def open_private(path: Path, append: bool = False) -> int:
    """A file descriptor for writing `path`, created 0600 (an existing file is tightened to 0600)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    fd = os.open(path, flags, PRIVATE_FILE)
    os.fchmod(fd, PRIVATE_FILE)
    return fd


def write_private(path: Path, text: str) -> None:
    """Write a small file 0600 (not atomic: for pid files and the like)."""
    with os.fdopen(open_private(path), "w", encoding="utf-8") as handle:
        handle.write(text)


def prepare_state_dir(path: Path) -> list[Path]:
    """At start-up: make `path` private, tighten what an older version left readable, and remove the temp
    files of writes a crash interrupted (another process's: this process may be writing host keys on other
    threads while its routers boot). Returns the temp files removed."""
    private_dir(path)
    removed = []
    for stale in path.glob(TEMP_GLOB):
        pid = TEMP_PID.search(stale.name)
        if pid is not None and int(pid.group(1)) == os.getpid():
            continue
        if stale.is_file():
            stale.unlink(missing_ok=True)
            removed.append(stale)
    for entry in path.iterdir():
        with contextlib.suppress(FileNotFoundError):  # a temp file this process renamed meanwhile
            if entry.is_file() and entry.stat().st_mode & 0o077:
                entry.chmod(PRIVATE_FILE)
    return removed


def temp_path(path: Path) -> Path:
    """Where a write of `path` goes first: one name per process and thread, so concurrent writers never share
    a temp file and start-up recognises this process's own (prepare_state_dir)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def atomic_write(path: Path, text: str) -> None:
    """temp file + fsync + rename, so a crash never leaves a half-written file; 0600 in a 0700 dir from
    creation (the text may hold keys). A temp file a crash left behind is removed at start-up."""
    private_dir(path.parent)
    tmp = temp_path(path)
    with os.fdopen(open_private(tmp), "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)

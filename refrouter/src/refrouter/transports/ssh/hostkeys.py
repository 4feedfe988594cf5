"""SSH host keys: each router its own RSA and ECDSA key, generated once and kept in its state dir (0600)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
from collections.abc import Iterable
from pathlib import Path

import asyncssh

from ...state.persistence import open_private, private_dir, temp_path

HOST_KEY_ALGORITHMS = ("ecdsa-sha2-nistp256", "ssh-rsa")
KEY_FILES = {"ecdsa-sha2-nistp256": "ssh_host_ecdsa_key", "ssh-rsa": "ssh_host_rsa_key"}
SHARED_RSA_FILE = "ssh_host_ssh_key"  # older versions saved one RSA key shared by all routers of a process
RSA_BITS = 2048


def host_key_path(state_dir: Path, algorithm: str) -> Path:
    return state_dir / KEY_FILES[algorithm]


def _generate(algorithm: str) -> asyncssh.SSHKey:
    if algorithm == "ssh-rsa":
        return asyncssh.generate_private_key(algorithm, key_size=RSA_BITS)
    return asyncssh.generate_private_key(algorithm)


# Keys already parsed, by file and its (inode, size, mtime): reading a 2048-bit RSA key costs as much as making
# one (~30 ms, OpenSSL checks it), which a 2,000-router lab would pay again when its SSH servers start.
_parsed: dict[Path, tuple[tuple[int, int, int], asyncssh.SSHKey]] = {}


def _file_identity(path: Path) -> tuple[int, int, int]:
    info = path.stat()
    return info.st_ino, info.st_size, info.st_mtime_ns


def _read(path: Path) -> asyncssh.SSHKey:
    identity = _file_identity(path)
    known = _parsed.get(path)
    if known is not None and known[0] == identity:
        return known[1]
    key = asyncssh.read_private_key(path)
    _parsed[path] = (identity, key)
    return key


def load_host_keys(state_dir: Path | None) -> list[asyncssh.SSHKey]:
    """The router's keys, one per algorithm: read from its state dir, or generated and saved there.

    Without a state dir the keys live as long as the process (a new router, a new identity).
    """
    if state_dir:
        (state_dir / SHARED_RSA_FILE).unlink(missing_ok=True)
    keys = []
    for algorithm in HOST_KEY_ALGORITHMS:
        path = host_key_path(state_dir, algorithm) if state_dir else None
        if path and path.exists():
            keys.append(_read(path))
            continue
        key = _generate(algorithm)
        if path:
            _save(path, key)
            _parsed[path] = (_file_identity(path), key)
        keys.append(key)
    return keys


def _save(path: Path, key: asyncssh.SSHKey) -> None:
    private_dir(path.parent)
    tmp = temp_path(path)
    with os.fdopen(open_private(tmp), "wb") as handle:
        handle.write(key.export_private_key())
    os.replace(tmp, path)


def _missing(state_dirs: Iterable[Path]) -> list[Path]:
    return [d for d in state_dirs if not all(host_key_path(d, a).exists() for a in HOST_KEY_ALGORITHMS)]


async def ensure_host_keys(state_dirs: Iterable[Path]) -> None:
    """Generate the missing keys of many routers on worker threads (RSA key generation releases the GIL),
    so a fresh lab's start-up is not the sum of its routers' key generation times."""
    await asyncio.gather(*(asyncio.to_thread(load_host_keys, d) for d in _missing(state_dirs)))


def host_keys_in_background(state_dirs: Iterable[Path]) -> concurrent.futures.Future[None]:
    """Start generating the missing keys of many routers on one thread per core, and return at once: a lab
    boots its routers' configurations (Python, one core) while OpenSSL makes the keys on the others. Each
    router still gets its own keys, saved in its own state dir; the future is done when all are saved. Keys
    that exist are read here too, so the SSH servers find them parsed."""
    missing = list(state_dirs)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="hostkeys")
    jobs = [pool.submit(load_host_keys, d) for d in missing]
    pool.shutdown(wait=False)
    done: concurrent.futures.Future[None] = concurrent.futures.Future()

    def finish(_: object) -> None:
        if all(job.done() for job in jobs) and not done.done():
            errors = [job.exception() for job in jobs if job.exception() is not None]
            if errors:
                done.set_exception(errors[0])
            else:
                done.set_result(None)

    for job in jobs:
        job.add_done_callback(finish)
    if not jobs:
        done.set_result(None)
    return done

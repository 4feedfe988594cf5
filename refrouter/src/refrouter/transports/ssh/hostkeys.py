"""SSH host keys: each router its own RSA and ECDSA key, generated once and kept in its state dir (0600)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import os
import threading
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


# Keys being made or read, per state dir: two first connections never make one router's keys twice.
_in_flight: dict[Path, concurrent.futures.Future[list[asyncssh.SSHKey]]] = {}
_in_flight_lock = threading.Lock()


@functools.cache
def _on_demand() -> concurrent.futures.ThreadPoolExecutor:
    return concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1, thread_name_prefix="hostkeys")


def _claim(state_dir: Path) -> tuple[concurrent.futures.Future[list[asyncssh.SSHKey]], bool]:
    """The future of this router's keys, and whether the caller must make them (nobody else is)."""
    with _in_flight_lock:
        known = _in_flight.get(state_dir)
        if known is not None:
            return known, False
        future: concurrent.futures.Future[list[asyncssh.SSHKey]] = concurrent.futures.Future()
        _in_flight[state_dir] = future
        return future, True


def _make(state_dir: Path, future: concurrent.futures.Future[list[asyncssh.SSHKey]]) -> None:
    try:
        future.set_result(load_host_keys(state_dir))
    except BaseException as exc:  # handed to whoever waits for the keys
        future.set_exception(exc)
    finally:
        with _in_flight_lock:
            _in_flight.pop(state_dir, None)


async def host_keys(state_dir: Path | None) -> list[asyncssh.SSHKey]:
    """The router's keys when a client first connects: read, or made now, on a worker thread.

    Nothing makes them earlier: a 2,000-router lab would spend a minute of CPU on RSA keys before (or, on a
    background thread, while) it boots, and making an RSA key holds the GIL for much of its ~30 ms, which
    stalls every router's event loop. A router nobody logs in to never needs them."""
    if state_dir is None:
        return await asyncio.to_thread(load_host_keys, None)
    future, mine = _claim(state_dir)
    if mine:
        _on_demand().submit(_make, state_dir, future)
    return await asyncio.wrap_future(future)

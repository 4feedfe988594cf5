# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Can the controller still reach the device? A new SSH connection, opened beside the persistent one."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

IDENTIFICATION_PREFIX = b"SSH-"
PROBE_TIMEOUT = 10.0  # seconds for the TCP connect and the server's identification line


def ssh_problem(host: str, port: int, timeout: float = PROBE_TIMEOUT) -> str | None:
    """None when a new TCP connection gets the device's SSH identification line; otherwise why not.

    A device whose management path is cut either never answers the connect or closes the connection before
    its identification (docs/modules/safe_change.md); a login is not needed to tell."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            received = b""
            while b"\n" not in received and len(received) < 4096:
                chunk = sock.recv(256)
                if not chunk:
                    return "the device closed the new SSH connection before its identification"
                received += chunk
    except OSError as exc:
        return f"new SSH connection to {host}:{port} failed: {exc.strerror or exc}"
    lines = received.split(b"\n")
    if not any(line.startswith(IDENTIFICATION_PREFIX) for line in lines):
        return "the device answered the new connection without an SSH identification"
    return None


def wait_until_reachable(
    host: str,
    port: int,
    deadline: float,
    interval: float = 2.0,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """Probe until the device answers or `deadline` (clock time) passes."""
    while True:
        if ssh_problem(host, port) is None:
            return True
        if clock() >= deadline:
            return False
        sleep(interval)

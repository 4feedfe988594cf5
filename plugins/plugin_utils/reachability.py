# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Can the controller still reach the device? A new SSH connection, opened beside the persistent one, that
gets the device's identification line and then logs in with the connection's own credentials and runs a
harmless command (docs/modules/safe_change.md)."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

IDENTIFICATION_PREFIX = b"SSH-"
PROBE_TIMEOUT = 10.0  # seconds for the TCP connect, the identification line, the login and the command
PROBE_COMMAND = "show privilege"  # changes nothing, allowed at every privilege level


@dataclass(frozen=True)
class Login:
    """The persistent connection's credentials, reused by the probe; never shown (repr) or returned."""

    user: str
    password: str | None = field(default=None, repr=False)
    key_file: str | None = None
    host_key_checking: bool = True  # known_hosts must know the device, as for the persistent connection


def ssh_problem(host: str, port: int, timeout: float = PROBE_TIMEOUT, login: Login | None = None) -> str | None:
    """None when a new SSH connection reaches the device (and, given `login`, logs in and runs a command);
    otherwise why not. A device whose management path is cut either never answers the connect or closes the
    connection first; one that accepts TCP but refuses the login is unreachable too."""
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
    return None if login is None else login_problem(host, port, login, timeout)


def login_problem(host: str, port: int, login: Login, timeout: float = PROBE_TIMEOUT) -> str | None:
    """Log in over a new SSH connection and run PROBE_COMMAND; None when it ran, otherwise why not."""
    try:
        import paramiko
    except ImportError:
        return "cannot log in to check the device: paramiko is not installed on the controller"
    client = paramiko.SSHClient()
    if login.host_key_checking:
        client.load_system_host_keys()
        client.set_missing_host_key_policy(paramiko.RejectPolicy())
    else:
        client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # kept in memory only
    try:
        client.connect(
            host, port, username=login.user, password=login.password, key_filename=login.key_file,
            allow_agent=login.password is None, look_for_keys=login.password is None and login.key_file is None,
            timeout=timeout, auth_timeout=timeout, banner_timeout=timeout,
        )
        _stdin, stdout, _stderr = client.exec_command(PROBE_COMMAND, timeout=timeout)
        output = stdout.read().decode("utf-8", "replace").strip()
    except paramiko.AuthenticationException:
        return f"the device refused the login of {login.user} over a new SSH connection"
    except (paramiko.SSHException, OSError, EOFError) as exc:
        return f"logging in over a new SSH connection failed: {type(exc).__name__}: {exc}"
    finally:
        client.close()
    if not output or output.startswith("%"):
        first = output.splitlines()[0] if output else "no output"
        return f"the device did not run `{PROBE_COMMAND}` after the login: {first}"
    return None


def wait_until_reachable(
    host: str,
    port: int,
    deadline: float,
    interval: float = 2.0,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    login: Login | None = None,
) -> bool:
    """Probe until the device answers (and takes the login) or `deadline` (clock time) passes."""
    while True:
        if ssh_problem(host, port, login=login) is None:
            return True
        if clock() >= deadline:
            return False
        sleep(interval)

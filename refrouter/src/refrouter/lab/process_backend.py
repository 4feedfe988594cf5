"""`refrouter lab up|down|status|inventory`: the lab's background process and its pid file."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import yaml

from ..state.persistence import open_private, private_dir
from .labfile import Lab
from .netns import remove_recorded

START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running_pid(lab: Lab) -> int | None:
    """The lab process's pid, or None; a stale or foreign pid file counts as not running."""
    try:
        pid = int(lab.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    if not _pid_alive(pid):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return pid
    return pid if "refrouter" in cmdline and str(lab.path) in cmdline else None


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def lab_ports(lab: Lab) -> list[int]:
    return [p for r in lab.routers.values() for p in (r.ssh_port, r.netconf_port) if p]


def up(lab: Lab) -> int:
    pid = running_pid(lab)
    if pid is not None:
        print(f"lab {lab.path.stem} already running (pid {pid})")
        return 0
    if lab.namespaces and os.geteuid() != 0:
        print("error: links to network namespaces need root (lab up creates namespaces and TUN devices)",
              file=sys.stderr)
        return 1
    private_dir(lab.state_dir)
    lab.pid_file.unlink(missing_ok=True)
    busy = [p for p in lab_ports(lab) if port_open(p)]
    if busy:
        print(f"error: ports already in use: {busy}", file=sys.stderr)
        return 1
    with os.fdopen(open_private(lab.log_file, append=True), "ab") as log_handle:
        child = subprocess.Popen(
            [sys.executable, "-m", "refrouter", "lab", "run", str(lab.path), "--state-dir", str(lab.state_dir)],
            stdout=log_handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if child.poll() is not None:
            print(f"error: lab process exited with {child.returncode}; see {lab.log_file}", file=sys.stderr)
            print(_tail(lab.log_file), file=sys.stderr)
            return 1
        if all(port_open(p) for p in lab_ports(lab)):
            print(f"lab {lab.path.stem} up (pid {child.pid}): " + ", ".join(
                f"{r.name} ssh 127.0.0.1:{r.ssh_port}" for r in lab.routers.values()))
            return 0
        time.sleep(0.1)
    child.terminate()
    print(f"error: routers did not start within {START_TIMEOUT:.0f}s; see {lab.log_file}", file=sys.stderr)
    return 1


def down(lab: Lab) -> int:
    pid = running_pid(lab)
    if pid is None:
        lab.pid_file.unlink(missing_ok=True)
        print(f"lab {lab.path.stem} is not running")
        return 0
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while _pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _pid_alive(pid):
        os.kill(pid, signal.SIGKILL)
    lab.pid_file.unlink(missing_ok=True)
    remove_recorded(lab.state_dir)
    print(f"lab {lab.path.stem} down")
    return 0


def status(lab: Lab) -> int:
    pid = running_pid(lab)
    print(f"lab {lab.path.stem}: {f'running (pid {pid})' if pid else 'not running'}")
    for router in lab.routers.values():
        state = "up" if pid and port_open(router.ssh_port) else "down"
        netconf = f" netconf 127.0.0.1:{router.netconf_port}" if router.netconf_port else ""
        print(f"  {router.name:<16} {state:<5} ssh 127.0.0.1:{router.ssh_port}{netconf}")
    return 0 if pid else 3


def inventory(lab: Lab) -> dict[str, object]:
    hosts = {
        r.name: {"ansible_host": "127.0.0.1", "ansible_port": r.ssh_port}
        | ({"netconf_port": r.netconf_port} if r.netconf_port else {})
        for r in lab.routers.values()
    }
    return {
        "all": {
            "children": {
                "iosxe": {
                    "hosts": hosts,
                    "vars": {
                        "ansible_connection": "ansible.netcommon.network_cli",
                        "ansible_network_os": "ipsecux.iosxe.iosxe",
                        "ansible_network_cli_ssh_type": "libssh",
                        "ansible_user": lab.credentials.username,
                        "ansible_password": lab.credentials.password,
                        "ansible_become": True,
                        "ansible_become_method": "enable",
                        "ansible_become_password": lab.credentials.enable_secret,
                        "ansible_host_key_checking": False,
                    },
                }
            }
        }
    }


def print_inventory(lab: Lab) -> int:
    print(yaml.safe_dump(inventory(lab), sort_keys=False), end="")
    return 0


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""

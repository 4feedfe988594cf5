"""What a lab's state dir records for later commands: the runtime that started the lab, and the
startup-config lines each router rejected at boot (so `lab up` can print them, whichever runtime ran it)."""

from __future__ import annotations

from pathlib import Path

from ..state.persistence import private_dir, write_private
from .labfile import Lab

RUNTIME_FILE = "runtime"
BOOT_ERRORS_FILE = "boot-errors"
RUNTIMES = ("process", "podman")


def recorded_runtime(lab: Lab) -> str | None:
    """The runtime `lab up` last started this lab with, while the lab has not been brought down."""
    try:
        name = (lab.state_dir / RUNTIME_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return name if name in RUNTIMES else None


def record_runtime(lab: Lab, name: str) -> None:
    write_private(private_dir(lab.state_dir) / RUNTIME_FILE, name + "\n")


def forget_runtime(lab: Lab) -> None:
    (lab.state_dir / RUNTIME_FILE).unlink(missing_ok=True)


def write_boot_errors(router_dir: Path, errors: list[str]) -> None:
    """Written by the router's process at every boot, before it serves (none: the file is removed)."""
    path = router_dir / BOOT_ERRORS_FILE
    if errors:
        write_private(private_dir(router_dir) / BOOT_ERRORS_FILE, "".join(f"{error}\n" for error in errors))
    else:
        path.unlink(missing_ok=True)


def boot_errors(lab: Lab) -> list[str]:
    """`Router: startup-config line rejected: LINE: % error` for every line the lab's routers rejected at
    their last boot."""
    found = []
    for name in lab.routers:
        try:
            lines = (lab.router_dir(name) / BOOT_ERRORS_FILE).read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        found += [f"{name}: startup-config line rejected: {line}" for line in lines if line]
    return found

"""Where `refrouter lab up|down|status|inventory` puts a lab's runtime: one background process or containers.

Both backends answer the same call, `run(action, lab) -> exit status`; the LabRuntime (runtime.py) is what
runs inside the process or each container. `lab up` records the runtime in the state dir, so later commands
find the lab without `--runtime`; it prints the startup-config lines the routers rejected.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Protocol

from . import podman_backend, process_backend
from .labfile import Lab
from .records import boot_errors, forget_runtime, record_runtime, recorded_runtime

DEFAULT_RUNTIME = "process"


class LabBackend(Protocol):
    def __call__(self, action: str, lab: Lab) -> int: ...


def _process(action: str, lab: Lab) -> int:
    actions: dict[str, Callable[[Lab], int]] = {
        "up": process_backend.up, "down": process_backend.down, "status": process_backend.status,
        "inventory": process_backend.print_inventory,
    }
    return actions[action](lab)


BACKENDS: dict[str, LabBackend] = {"process": _process, "podman": podman_backend.run_action}


def choose_runtime(lab: Lab, requested: str | None, action: str) -> str:
    """`--runtime` if given, else the one `lab up` recorded, else one process. Asking up, down or status for
    another runtime than the recorded one is an error (the inventory is the same for both)."""
    recorded = recorded_runtime(lab)
    if requested and recorded and requested != recorded and action != "inventory":
        raise RuntimeClash(f"lab {lab.path.stem} was started with --runtime {recorded}; "
                           f"use that runtime, or `refrouter lab down --runtime {recorded}` it first")
    return requested or recorded or DEFAULT_RUNTIME


class RuntimeClash(Exception):
    pass


def run(action: str, lab: Lab, runtime: str, strict: bool = False) -> int:
    if action == "up":
        return _up(lab, runtime, strict)
    status = BACKENDS[runtime](action, lab)
    if action == "down" and status == 0:
        forget_runtime(lab)
    return status


def _up(lab: Lab, runtime: str, strict: bool) -> int:
    record_runtime(lab, runtime)  # before starting: a half-started podman lab is still found by `lab down`
    status = BACKENDS[runtime]("up", lab)
    rejected = boot_errors(lab) if status == 0 else []
    for line in rejected:
        print(f"warning: {line}", file=sys.stderr)
    if rejected and strict:
        print(f"error: {len(rejected)} startup-config line(s) rejected (--strict); stopping the lab",
              file=sys.stderr)
        run("down", lab, runtime)
        return 1
    return status

"""Where `refrouter lab up|down|status|inventory` puts a lab's runtime: one background process or containers.

Both backends answer the same call, `run(action, lab) -> exit status`; the LabRuntime (runtime.py) is what
runs inside the process or each container.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from . import podman_backend, process_backend
from .labfile import Lab


class LabBackend(Protocol):
    def __call__(self, action: str, lab: Lab) -> int: ...


def _process(action: str, lab: Lab) -> int:
    actions: dict[str, Callable[[Lab], int]] = {
        "up": process_backend.up, "down": process_backend.down, "status": process_backend.status,
        "inventory": process_backend.print_inventory,
    }
    return actions[action](lab)


BACKENDS: dict[str, LabBackend] = {"process": _process, "podman": podman_backend.run_action}

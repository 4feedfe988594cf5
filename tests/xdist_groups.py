"""pytest plugin (loaded from pyproject's addopts): tests that share something outside the process run on one
xdist worker, one after the other (`--dist loadgroup`); everything else spreads over the workers module by
module.

Shared things: the molecule scenarios' fixed SSH ports (extensions/molecule, the example user role), the
podman image, network and container names, the network namespaces and strongSwan's /run/charon.pid, and the
collection tarball the package tests build once per session.

Every worker also gets its own slice of the port range that generated labs use (REFROUTER_PORT_RANGE), so a
port one worker found free is never bound by another before the first one's lab starts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refrouter.lab.ports import RANGE_VARIABLE, port_range

REPO = Path(__file__).resolve().parent.parent
GROUPS = {
    "tests/roles/test_molecule.py": "fixed-ports",
    "refrouter/tests/install/test_molecule_user_role.py": "fixed-ports",
    "refrouter/tests/container/": "podman",
    "refrouter/tests/lab_e2e/test_strongswan": "netns",
    "refrouter/tests/lab_e2e/test_netns_link.py": "netns",
    "tests/package/": "package",
}


def group_of(path: Path) -> str | None:
    try:
        relative = path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        return None
    return next((group for prefix, group in GROUPS.items() if relative.startswith(prefix)), None)


def pytest_configure(config: pytest.Config) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1, ...
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "0") or 0)
    if not worker.startswith("gw") or count < 1 or RANGE_VARIABLE in os.environ:
        return
    low, high = port_range()
    width = (high - low) // count
    start = low + int(worker.removeprefix("gw")) * width
    os.environ[RANGE_VARIABLE] = f"{start}-{start + width}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every other test is grouped by its module, as `--dist loadscope` would: a module's tests share its
    module-scoped fixtures (one lab each, not one per worker) and run in file order, which some rely on (a
    test reading what the one before it left)."""
    for item in items:
        group = group_of(item.path) or item.nodeid.split("::", 1)[0]
        item.add_marker(pytest.mark.xdist_group(group))

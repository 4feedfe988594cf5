"""pytest plugin (loaded from pyproject's addopts): how the suites split over pytest-xdist workers
(`-n N --dist loadgroup`, `make pytest PYTEST_WORKERS=N`). Tests in one group run on one worker, one after the
other; every other test is grouped by its module.

Groups: "ansible" holds every test that runs ansible-playbook, molecule or ansible-test (tests/integration,
tests/roles, tests/package and the example user role's molecule test): the suite's CPU-heavy half (a playbook
keeps most of a core busy), about 13 minutes in one process. It runs on one worker in file order, so no two
playbooks compete for the cores and the fixed things some of these tests share (the molecule scenarios' ports,
the collection tarball the package tests build) are never used twice at once. The router tests, which mostly
wait on timers, peers and pings, fill the other workers. "podman" (the image, network and container names) and
"netns" (network namespaces, strongSwan's /run/charon.pid) keep their tests on one worker each.

Every worker also gets its own slice of the port range that generated labs use (REFROUTER_PORT_RANGE), so a
port one worker found free is never bound by another before the first one's lab starts.

Order: on xdist workers the groups are handed out longest first (seconds per group measured in
tests/group_seconds.json; with --no-loadscope-reorder, which `make pytest` passes, xdist keeps that order), so the
last minutes of a run are short modules rather than one worker finishing a long lab while the others idle.
`PYTEST_GROUP_SECONDS=FILE` makes a run (serial or parallel) write what each group took to FILE, in that
file's format (docs/dev/README.md, "Test workers")."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from refrouter.lab.ports import RANGE_VARIABLE, port_range

REPO = Path(__file__).resolve().parent.parent
GROUPS = {
    "tests/integration/": "ansible",
    "tests/roles/": "ansible",
    "tests/package/": "ansible",
    "refrouter/tests/install/test_molecule_user_role.py": "ansible",
    "refrouter/tests/container/": "podman",
    "refrouter/tests/lab_e2e/test_strongswan": "netns",
    "refrouter/tests/lab_e2e/test_netns_link.py": "netns",
}
SECONDS_FILE = REPO / "tests" / "group_seconds.json"
RECORD_VARIABLE = "PYTEST_GROUP_SECONDS"
UNMEASURED_SECONDS = 1.0  # a group the file does not know yet (a new module) goes with the short ones


def group_of_test(nodeid: str) -> str:
    """The test's group, else its module (as `--dist loadscope` would group it). Node ids start with the
    module's path relative to the repository, pytest's rootdir."""
    module = nodeid.split("::", 1)[0]
    return next((group for prefix, group in GROUPS.items() if module.startswith(prefix)), module)


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get(RECORD_VARIABLE):
        config.pluginmanager.register(GroupClock(Path(os.environ[RECORD_VARIABLE])), "group_clock")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1, ...
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "0") or 0)
    if not worker.startswith("gw") or count < 1 or RANGE_VARIABLE in os.environ:
        return
    low, high = port_range()
    width = (high - low) // count
    start = low + int(worker.removeprefix("gw")) * width
    os.environ[RANGE_VARIABLE] = f"{start}-{start + width}"


@pytest.hookimpl(tryfirst=True)  # before xdist's own, which makes the scheduler `--dist` names
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """For `--dist loadgroup`, a scope per group. xdist's own loadgroup writes `xdist_group` marks into the
    tests' node ids, which pytest 9's node ids no longer take: every test became a scope of its own, and a
    module's tests ran on several workers at once, each with its own copy of the module's lab."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of_test(nodeid)

    return GroupScheduling(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """On xdist workers, the groups longest first (the order within a group is kept: a module's tests run in
    file order, which some rely on, such as a test reading what the one before it left). The scheduler hands
    groups out in this order; a run in one process keeps the collection order."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        seconds = measured_seconds()
        items.sort(key=lambda item: -seconds.get(group_of_test(item.nodeid), UNMEASURED_SECONDS))  # stable


def measured_seconds() -> dict[str, float]:
    try:
        loaded = json.loads(SECONDS_FILE.read_text())
    except (OSError, ValueError):
        return {}
    return {str(group): float(value) for group, value in loaded.items()} if isinstance(loaded, dict) else {}


class GroupClock:
    """Adds up setup, call and teardown time per group and writes it (JSON, seconds) at the end of the run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seconds: defaultdict[str, float] = defaultdict(float)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[group_of_test(report.nodeid)] += report.duration

    def pytest_sessionfinish(self) -> None:
        if os.environ.get("PYTEST_XDIST_WORKER"):
            return  # the controller receives every worker's reports and writes the file
        ordered = {group: round(seconds, 1) for group, seconds in sorted(self.seconds.items())}
        self.path.write_text(json.dumps(ordered, indent=1) + "\n")

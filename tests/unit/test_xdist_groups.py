"""tests/xdist_groups.py: which worker runs what when the suites run on pytest-xdist workers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import xdist_groups
from xdist_groups import GROUPS, REPO, SECONDS_FILE, group_of_test

# Cheap tests of the "ansible" group (two modules), a module of its own and two from the router tests.
SAMPLE = (
    "tests/roles/test_playbooks.py",
    "tests/roles/test_molecule.py::test_labs_use_distinct_ports",
    "tests/roles/test_molecule.py::test_every_role_has_a_scenario",
    "tests/unit/test_collection_meta.py",
    "refrouter/tests/test_lab_ports.py",
    "refrouter/tests/test_labfile_errors.py",
)
PASSED = re.compile(r"^\[(gw\d+)\] \[\s*\d+%\] PASSED (.+?) *$", re.MULTILINE)


@pytest.mark.parametrize(
    ("nodeid", "group"),
    [
        ("tests/integration/test_attach_refrouter.py::test_x", "ansible"),
        ("tests/roles/test_molecule.py::test_molecule_test_passes[site_to_site_vpn]", "ansible"),
        ("tests/package/test_built_collection.py::test_y", "ansible"),
        ("refrouter/tests/install/test_molecule_user_role.py::test_z", "ansible"),
        ("refrouter/tests/lab_e2e/test_strongswan_ikev2.py::test_a", "netns"),
        ("refrouter/tests/container/test_container_lab.py::test_b", "podman"),
        ("refrouter/tests/install/test_install.py::test_c", "refrouter/tests/install/test_install.py"),
        ("tests/unit/parsers/test_records.py::test_d[x::y]", "tests/unit/parsers/test_records.py"),
    ],
)
def test_each_test_belongs_to_its_group_or_its_module(nodeid: str, group: str) -> None:
    assert group_of_test(nodeid) == group


def test_measured_groups_are_groups_or_modules_that_exist() -> None:
    """A renamed or removed module left in tests/group_seconds.json would count for nothing: refresh it."""
    seconds = json.loads(SECONDS_FILE.read_text())
    stale = [key for key in seconds if key not in GROUPS.values() and not (REPO / key).is_file()]
    assert not stale, f"{SECONDS_FILE.name} names what no longer exists: {stale}"
    assert all(isinstance(value, float | int) and value >= 0 for value in seconds.values())
    assert xdist_groups.measured_seconds()["ansible"] == seconds["ansible"]


def test_two_workers_keep_each_group_on_one_worker_in_file_order(tmp_path: Path) -> None:
    """A real `pytest -n 2 --dist loadgroup` run: every test of a group on one worker, a module's tests in
    file order, and the ansible group's tests on one worker although they come from two modules."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTEST_XDIST_", "PYTEST_ADDOPTS", "PYTEST_GROUP_SECONDS"))}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "--no-loadscope-reorder", "-v",
         "-p", "no:randomly", "--basetemp", str(tmp_path / "inner"), *SAMPLE],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    runs = PASSED.findall(done.stdout)
    workers: dict[str, set[str]] = defaultdict(set)
    order: dict[str, list[str]] = defaultdict(list)
    for worker, nodeid in runs:
        workers[group_of_test(nodeid)].add(worker)
        order[nodeid.split("::", 1)[0]].append(nodeid)
    assert {"ansible", "tests/unit/test_collection_meta.py", "refrouter/tests/test_lab_ports.py"} <= set(workers)
    assert all(len(used) == 1 for used in workers.values()), dict(workers)
    assert len({worker for worker, _test in runs}) == 2, "the sample should keep both workers busy"
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:randomly", *SAMPLE],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False,
    ).stdout.splitlines()
    for module, ran in order.items():
        assert ran == [line for line in collected if line in ran], f"{module} ran out of file order"

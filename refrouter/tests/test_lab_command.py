"""`refrouter lab` as a user runs it (issue #16): rejected startup-config lines are printed by `lab up`
(and fail it with --strict), the runtime is recorded so later commands need no --runtime, and state dirs a
podman lab handed to the container's user are given back."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from routerlab import free_port, refrouter_command

from refrouter.lab.labfile import load_lab
from refrouter.lab.podman_backend import reclaim_state_dirs

PSK = "Seed-Psk-77"
SEED = f"hostname R1\nfoo bar\ncrypto isakmp key {PSK} adress 192.0.2.2\ninterface Loopback0\n"
REJECTED = [
    "warning: R1: startup-config line rejected: foo bar: % Invalid input detected at '^' marker.",
    "warning: R1: startup-config line rejected: crypto isakmp key <removed>: % Invalid input detected at '^' marker.",
]
CONTAINER_UID = 10000


def lab_cli(path: Path, action: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*refrouter_command(), "lab", action, str(path), *options], capture_output=True,
                          text=True, timeout=120, check=False)


@pytest.fixture
def seeded_lab(tmp_path: Path) -> Iterator[Path]:
    """A one-router lab whose seed has a typo'd command and a typo'd key line; always brought down."""
    path = tmp_path / "seeded.yml"
    path.write_text(yaml.safe_dump({"routers": {"R1": {"ssh_port": free_port(), "startup_config": SEED}}}))
    yield path
    lab_cli(path, "down")


def test_lab_up_prints_rejected_startup_lines(seeded_lab: Path) -> None:
    started = lab_cli(seeded_lab, "up")
    assert started.returncode == 0, started.stderr
    assert started.stderr.splitlines() == REJECTED
    assert PSK not in started.stdout + started.stderr
    assert lab_cli(seeded_lab, "status").returncode == 0  # without --strict the lab runs


def test_lab_up_strict_fails_and_stops_the_lab(seeded_lab: Path) -> None:
    started = lab_cli(seeded_lab, "up", "--strict")
    assert started.returncode == 1
    assert started.stderr.splitlines() == [
        *REJECTED, "error: 2 startup-config line(s) rejected (--strict); stopping the lab"]
    assert lab_cli(seeded_lab, "status").returncode == 3


def test_lab_up_strict_passes_a_clean_seed(tmp_path: Path) -> None:
    path = tmp_path / "clean.yml"
    path.write_text(yaml.safe_dump({"routers": {"R1": {"ssh_port": free_port(), "startup_config": "hostname R1\n"}}}))
    try:
        started = lab_cli(path, "up", "--strict")
        assert (started.returncode, started.stderr) == (0, "")
    finally:
        lab_cli(path, "down")


def test_runtime_is_recorded_for_later_commands(seeded_lab: Path) -> None:
    record = seeded_lab.parent / ".refrouter" / "seeded" / "runtime"
    assert lab_cli(seeded_lab, "up").returncode == 0
    assert record.read_text() == "process\n"
    clash = lab_cli(seeded_lab, "down", "--runtime", "podman")
    expected = ("error: lab seeded was started with --runtime process; use that runtime, or "
                "`refrouter lab down --runtime process` it first\n")
    assert (clash.returncode, clash.stderr) == (2, expected)
    assert lab_cli(seeded_lab, "down").stdout == "lab seeded down\n"
    assert not record.exists()


def test_recorded_podman_runtime_is_used_without_the_option(tmp_path: Path) -> None:
    """A lab recorded as podman is looked up among podman's containers (read-only: `podman ps`)."""
    path = tmp_path / "pod.yml"
    path.write_text(yaml.safe_dump({"routers": {"R1": {"ssh_port": free_port()}}}))
    (tmp_path / ".refrouter" / "pod").mkdir(parents=True)
    (tmp_path / ".refrouter" / "pod" / "runtime").write_text("podman\n")
    status = lab_cli(path, "status")
    if shutil.which("podman") is None:
        assert (status.returncode, status.stderr) == (1, "error: podman is not installed (see docs/containers.md)\n")
    else:
        assert status.returncode == 3, status.stderr
        assert status.stdout.splitlines()[0] == "lab pod: 0/1 containers running on refrouter-pod"
    inventory = lab_cli(path, "inventory", "--runtime", "process")  # the same for both runtimes: no clash
    assert (
        inventory.returncode,
        list(yaml.safe_load(inventory.stdout)["all"]["children"]["iosxe"]["hosts"]),
    ) == (0, ["R1"])


@pytest.mark.skipif(os.geteuid() != 0, reason="giving files to another uid needs root (rootful podman)")
def test_podman_state_dirs_are_given_back(tmp_path: Path) -> None:
    path = tmp_path / "pod.yml"
    path.write_text(yaml.safe_dump({"routers": {"R1": {"ssh_port": free_port()}, "R2": {"ssh_port": free_port()}}}))
    lab = load_lab(path)
    for name in lab.routers:
        directory = lab.router_dir(name)
        directory.mkdir(parents=True)
        (directory / "startup-config").write_text("hostname X\n")
        for entry in (directory, directory / "startup-config"):
            os.chown(entry, CONTAINER_UID, CONTAINER_UID)
    reclaim_state_dirs(lab)
    owners = {(entry.stat().st_uid, entry.stat().st_gid) for entry in lab.state_dir.rglob("*")}
    assert owners == {(os.getuid(), os.getgid())}

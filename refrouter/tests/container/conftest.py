"""Container tests: the image is built once per session from this tree; labs run one container per router.

Where podman cannot run, every test here is skipped with the reason, and the reason is repeated in the
terminal summary so a CI log shows it. Timings (image build, lab up) are printed there too; no test
asserts on them.
"""

from __future__ import annotations

import hashlib
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from podmanlab import (
    BUILD_SCRIPT,
    IMAGE,
    REFROUTER_DIR,
    ContainerLab,
    environment_for_build,
    podman_unavailable,
)

TIMINGS: dict[str, float] = {}
SKIPPED: list[str] = []
BUILD_TIMEOUT = 1800


def tree_digests() -> dict[str, str]:
    """sha256 of every module of the refrouter package in this tree."""
    package = REFROUTER_DIR / "src" / "refrouter"
    return {str(path.relative_to(package)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(package.rglob("*.py"))}


@pytest.fixture(scope="session")
def podman_ready() -> None:
    reason = podman_unavailable()
    if reason:
        SKIPPED.append(reason)
        pytest.skip(f"container tests need podman: {reason}")


@pytest.fixture(scope="session")
def built_image(podman_ready: None) -> tuple[str, dict[str, str]]:
    """Build the image once for the session; returns its name and the tree's module digests at build time."""
    digests = tree_digests()
    started = time.monotonic()
    result = subprocess.run([str(BUILD_SCRIPT), IMAGE], capture_output=True, text=True, timeout=BUILD_TIMEOUT,
                            env=environment_for_build(), check=False)
    TIMINGS["image build (make image)"] = time.monotonic() - started
    assert result.returncode == 0, f"image build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return IMAGE, digests


@pytest.fixture(scope="module")
def container_labs(built_image: tuple[str, dict[str, str]], tmp_path_factory: pytest.TempPathFactory,
                   ) -> Iterator[Callable[[str, dict[str, Any]], ContainerLab]]:
    """`factory(stem, lab data)`: write the lab with free ports and bring it up as containers; always torn down."""
    labs: list[ContainerLab] = []

    def factory(stem: str, data: dict[str, Any]) -> ContainerLab:
        lab = ContainerLab.write(tmp_path_factory.mktemp(stem), stem, data)
        labs.append(lab)
        started = time.monotonic()
        lab.cli("up")
        TIMINGS[f"lab up --runtime podman: {stem} ({len(data['routers'])} routers)"] = time.monotonic() - started
        return lab

    try:
        yield factory
    finally:
        for lab in labs:
            lab.cli("down", check=False)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SKIPPED:
        terminalreporter.write_sep("-", "container tests skipped")
        terminalreporter.write_line(f"refrouter/tests/container: {SKIPPED[0]}")
    if TIMINGS:
        terminalreporter.write_sep("-", "container timings")
        for what, seconds in TIMINGS.items():
            terminalreporter.write_line(f"{what}: {seconds:.1f} s")

"""The soak runs once per test run (a module-scoped lab and run); its tests read the outcome. Its
report (probe and ping counts, slow answers) is printed in pytest's terminal summary."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from routerlab import LabManager

from .record import SoakOutcome, SoakSettings
from .scenario import run_soak
from .soaklab import HUB, open_to_others, start_soak_lab

REPORT: list[str] = []


@pytest.fixture(scope="module")
def soak(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SoakOutcome]:
    manager = LabManager(tmp_path_factory.mktemp("soak"))
    try:
        lab = start_soak_lab(manager)
        run = asyncio.run(run_soak(lab, SoakSettings.from_env()))
        REPORT.extend(run.report())
        log, saved = lab.state_dir / "lab.log", lab.state_dir / HUB / "startup-config"
        yield SoakOutcome(run, lab.state_dir, open_to_others(lab.state_dir), log.read_text(errors="replace"),
                          saved.read_text(errors="replace") if saved.exists() else "")
    finally:
        manager.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT:
        terminalreporter.section("refrouter soak")
        for line in REPORT:
            terminalreporter.write_line(line)

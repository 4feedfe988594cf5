"""Fixture discovery shared by the parser tests.

A case is ``tests/unit/fixtures/<command with "_" for spaces>/<case>/`` holding ``output.txt`` (recorded from
refrouter or written by us) and ``expected.json`` (``{"data": ..., "warnings": [...]}``). Only folders named
``show_*`` are show-command cases; other fixture folders belong to other test suites. Other people's captures
are not cases: they are read from ../shared (shared_captures.py).
"""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CASE_DIRS = sorted(path for path in FIXTURES.glob("show_*/*") if path.is_dir())


def command_of(case_dir: Path) -> str:
    return case_dir.parent.name.replace("_", " ")


def case_id(case_dir: Path) -> str:
    return f"{case_dir.parent.name}/{case_dir.name}"


def read_output(case_dir: Path) -> str:
    return (case_dir / "output.txt").read_text(encoding="utf-8")


def output_of(command_folder: str, case: str) -> str:
    return read_output(FIXTURES / command_folder / case)

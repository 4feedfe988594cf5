"""Fixture discovery shared by the parser tests.

A case is ``tests/unit/fixtures/<command with "_" for spaces>/<case>/`` holding ``expected.json``
(``{"data": ..., "warnings": [...]}``) and the raw device output: ``output.txt`` for our own cases (recorded
from refrouter or written by us), ``output.txt.shared`` pointing into ``../shared`` for other people's text
(captures of other projects, the seed guide's examples; tests/sharedref.py). Only folders named ``show_*``
are show-command cases; other fixture folders belong to other test suites.
"""

from __future__ import annotations

from pathlib import Path

from sharedref import fixture_text, is_available, pointer_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CASE_DIRS = sorted(path for path in FIXTURES.glob("show_*/*") if path.is_dir())


def command_of(case_dir: Path) -> str:
    return case_dir.parent.name.replace("_", " ")


def case_id(case_dir: Path) -> str:
    return f"{case_dir.parent.name}/{case_dir.name}"


def has_output(case_dir: Path) -> bool:
    """Whether the case names its output at all (a file of ours or a pointer into ../shared)."""
    output = case_dir / "output.txt"
    return output.is_file() or pointer_of(output).is_file()


def output_available(case_dir: Path) -> bool:
    return is_available(case_dir / "output.txt")


def read_output(case_dir: Path) -> str:
    """The case's raw output; skips the test when it lives in an absent ../shared."""
    return fixture_text(case_dir / "output.txt")


def output_of(command_folder: str, case: str) -> str:
    return read_output(FIXTURES / command_folder / case)


OWN_CASE_DIRS = [path for path in CASE_DIRS if (path / "output.txt").is_file()]
AVAILABLE_CASE_DIRS = [path for path in CASE_DIRS if output_available(path)]

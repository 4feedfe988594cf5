"""Every fixture case of ours parses to exactly its expected.json (data and warnings); the commands and
command forms other people's captures use all have cases of ours (those captures: test_shared_captures.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import (
    PARSERS,
    TECH_SUPPORT,
    parse,
    resolve,
)

from .cases import CASE_DIRS, case_id, command_of, read_output
from .shared_captures import SEED_EXCERPTS, indexed_captures


@pytest.mark.parametrize("case_dir", CASE_DIRS, ids=case_id)
def test_fixture_matches_expected(case_dir: Path) -> None:
    expected = case_dir / "expected.json"
    assert (case_dir / "output.txt").is_file(), f"{case_id(case_dir)} has no output.txt"
    assert expected.is_file(), f"{case_id(case_dir)} has no expected.json"
    result = parse(command_of(case_dir), read_output(case_dir))
    assert result.as_dict() == json.loads(expected.read_text())


def test_every_parser_has_a_fixture_of_ours() -> None:
    """Without ../shared every parser is still tested on output we recorded or wrote."""
    covered = {resolved.command for case_dir in CASE_DIRS if (resolved := resolve(command_of(case_dir)))}
    assert covered == {*PARSERS, TECH_SUPPORT}


def test_every_command_form_of_other_people_has_one_of_ours() -> None:
    """Each command with arguments (peer, interface, index ...) that a shared capture uses has an own case."""
    captures = [*indexed_captures(), *SEED_EXCERPTS]
    if len(captures) == len(SEED_EXCERPTS):
        pytest.skip("../shared/reference/samples/INDEX.md not found: the captures' commands are listed there")
    ours = {_form(command_of(case_dir)) for case_dir in CASE_DIRS}
    assert {_form(capture.command) for capture in captures} - ours == set()


def _form(command: str) -> str:
    """The command with its argument values blanked: `show crypto session remote * detail`."""
    words = command.split()
    return " ".join("*" if any(ch.isdigit() for ch in word) or word[:1].isupper() else word for word in words)

"""Every fixture case parses to exactly its expected.json (data and warnings)."""

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

from .cases import CASE_DIRS, FIXTURES, OWN_CASE_DIRS, case_id, command_of, has_output, read_output

SEED_CASES = [
    "show_crypto_isakmp_default_policy/seed",
    "show_crypto_isakmp_default_policy/seed_disabled",
    "show_crypto_ipsec_default_transform-set/seed",
    "show_crypto_ipsec_default_transform-set/seed_disabled",
    "show_crypto_isakmp_sa_detail/seed_include_routera",
    "show_crypto_isakmp_sa_detail/seed_include_routerb",
    "show_crypto_map/seed_routera",
    "show_crypto_map/seed_routerb",
    *(
        f"show_crypto_mib_isakmp_flowmib_{table}/seed"
        for table in ("failure", "global", "history", "peer", "tunnel")
    ),
    *(
        f"show_crypto_mib_ipsec_flowmib_{table}/seed"
        for table in ("endpoint", "failure", "global", "history", "spi", "tunnel")
    ),
]


@pytest.mark.parametrize("case_dir", CASE_DIRS, ids=case_id)
def test_fixture_matches_expected(case_dir: Path) -> None:
    expected = case_dir / "expected.json"
    assert has_output(case_dir), f"{case_id(case_dir)} has neither output.txt nor output.txt.shared"
    assert expected.is_file(), f"{case_id(case_dir)} has no expected.json"
    result = parse(command_of(case_dir), read_output(case_dir))
    assert result.as_dict() == json.loads(expected.read_text())


def test_every_parser_has_a_fixture() -> None:
    covered = {resolved.command for case_dir in CASE_DIRS if (resolved := resolve(command_of(case_dir)))}
    assert covered == {*PARSERS, TECH_SUPPORT}


def test_every_parser_has_a_fixture_of_ours() -> None:
    """Without ../shared every parser is still tested on output we recorded or wrote."""
    covered = {resolved.command for case_dir in OWN_CASE_DIRS if (resolved := resolve(command_of(case_dir)))}
    assert covered == {*PARSERS, TECH_SUPPORT}


def test_every_command_form_of_other_people_has_one_of_ours() -> None:
    """Each command with arguments (peer, interface, index ...) that a shared capture uses has an own case."""
    forms = {_form(case_dir) for case_dir in CASE_DIRS}
    assert forms == {_form(case_dir) for case_dir in OWN_CASE_DIRS}


def _form(case_dir: Path) -> str:
    """The command with its argument values blanked: `show crypto session remote * detail`."""
    words = command_of(case_dir).split()
    return " ".join("*" if any(ch.isdigit() for ch in word) or word[:1].isupper() else word for word in words)


@pytest.mark.parametrize("case", SEED_CASES)
def test_every_seed_sample_is_a_fixture(case: str) -> None:
    assert has_output(FIXTURES / case)

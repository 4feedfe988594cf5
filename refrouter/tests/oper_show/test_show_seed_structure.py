"""The eleven flow-MIB commands print the seed guide's lines: same labels in the same order, per record.

The seed's text went through PDF extraction; whitespace is normalised and blank lines are ignored. Every
place where our output deliberately differs from the seed is listed below and explained in
docs/router-show-fidelity.md. The seed's records of one kind must all agree with each other apart from
the records listed as damaged, which proves the lists below are complete.
"""

from __future__ import annotations

import re

import pytest
from seedtext import seed_lines

from .showlab import ShowLab

COMMANDS = [f"show crypto mib isakmp flowmib {t}" for t in ("failure", "global", "history", "peer", "tunnel")] + [
    f"show crypto mib ipsec flowmib {t}" for t in ("endpoint", "failure", "global", "history", "spi", "tunnel")]
# A record starts at the first label of the seed's block; the SPI table also interleaves one
# `Tunnel Index` line with the `SPI Index` rows of that tunnel.
EXTRA_STARTS = {"SPI Index"}
# Seed label -> the label we print (docs/router-show-fidelity.md, "Deliberate deviations").
LABEL_FIXES = {
    "show crypto mib ipsec flowmib history": {
        "In sa encrypt algorithm aes": "In sa encrypt algorithm",  # the colon was lost in extraction
        "In SA auth algorithm": "In SA AH auth algorithm",  # the real IOS XE capture's label (Genie needs it)
    },
    "show crypto mib ipsec flowmib tunnel": {"In SA auth algorithm": "In SA AH auth algorithm"},
}
# (command, record position in the seed's block) of records the extraction damaged.
DAMAGED_RECORDS = {("show crypto mib isakmp flowmib failure", 2)}  # record 3 lost its `Local value` line


def seed_block(command: str) -> list[str]:
    """The seed's output of `Router# <command>`: up to the next Japanese text, fences and notes skipped."""
    lines = seed_lines()
    start = next(i for i, text in enumerate(lines) if text.strip() == f"Router# {command}")
    block = []
    for text in lines[start + 1:]:
        stripped = " ".join(text.split())
        if not stripped.isascii():
            break
        if stripped and not stripped.startswith(("```", "!")):
            block.append(stripped)
    return block


def label_of(line: str, fixes: dict[str, str]) -> str:
    label = line.split(":", 1)[0].strip() if ":" in line else line
    return fixes.get(label, label)


def records(lines: list[str], starts: set[str], fixes: dict[str, str]) -> tuple[str, list[list[str]]]:
    """(VRF header, records as label lists)."""
    header, body = lines[0], lines[1:]
    result: list[list[str]] = []
    for line in body:
        label = label_of(line, fixes)
        if label in starts or not result:
            result.append([])
        result[-1].append(label)
    return header, result


def record_starts(command: str) -> set[str]:
    block = seed_block(command)
    return {label_of(block[1], {}), *EXTRA_STARTS}


def canonical(command: str) -> dict[str, list[str]]:
    """First record of each kind in the seed, after checking the other seed records agree with it."""
    header, seed_records = records(seed_block(command), record_starts(command), LABEL_FIXES.get(command, {}))
    assert header == "vrf Global"
    kinds: dict[str, list[str]] = {}
    for position, record in enumerate(seed_records):
        first = kinds.setdefault(record[0], record)
        if (command, position) not in DAMAGED_RECORDS:
            assert record == first, f"seed record {position + 1} differs: not listed as damaged"
        else:
            assert record != first, "a record listed as damaged matches: remove it from DAMAGED_RECORDS"
    return kinds


@pytest.mark.parametrize("command", COMMANDS)
def test_line_structure_matches_the_seed(history_lab: ShowLab, command: str) -> None:
    expected = canonical(command)
    [output] = history_lab.shows("RouterA", command)
    lines = [" ".join(line.split()) for line in output.splitlines() if line.strip()]
    header, ours = records(lines, record_starts(command), {})
    assert header == "vrf Global"
    assert ours, "the lab should leave rows in every table"
    assert {record[0] for record in ours} == set(expected)
    for record in ours:
        assert record == expected[record[0]]


def test_every_seed_label_has_the_form_label_colon_value() -> None:
    """Outside the listed fixes, every seed line of these blocks is `Label: value` (nothing else was lost)."""
    for command in COMMANDS:
        fixes = LABEL_FIXES.get(command, {})
        for line in seed_block(command)[1:]:
            assert re.fullmatch(r"[A-Za-z0-9 ()#]+: \S.*", line) or line in fixes, (command, line)

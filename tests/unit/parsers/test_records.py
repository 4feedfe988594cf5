"""Records (several lines matched at once, parsers/common.py ``Record``) are a shortcut, never a new meaning:
a parser gives the same result, warnings and key order included, with and without its records, on every fixture and
capture of its commands and on damaged copies of them (lines dropped, repeated, swapped, re-indented,
with odd whitespace, blank lines inserted)."""

from __future__ import annotations

import dataclasses
import json
import random
from types import ModuleType

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers import (
    flowmib,
    ipsec_sa,
    isakmp_sa,
    session,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.common import RuleSet
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import parse

from .cases import CASE_DIRS, read_output
from .shared_captures import SHARED_CAPTURES

# (module, rule set holding records, commands it parses, fixture/capture folder prefix)
WITH_RECORDS: list[tuple[ModuleType, str, tuple[str, ...], str]] = [
    (session, "_RULES", ("show crypto session detail", "show crypto session"), "show_crypto_session"),
    (ipsec_sa, "_SA_RULES", ("show crypto ipsec sa detail",), "show_crypto_ipsec_sa"),
    (isakmp_sa, "_SA_RULES", ("show crypto isakmp sa",), "show_crypto_isakmp_sa"),
    (
        flowmib,
        "_RULES",
        tuple(f"show crypto mib {proto} flowmib {table}" for proto, table in flowmib.SPECS),
        "show_crypto_mib",
    ),
]
DAMAGED_COPIES = 40


def _texts(prefix: str) -> list[str]:
    """Outputs of the commands whose folder name starts with ``prefix``: ours and, where ../shared is
    present, other people's captures."""
    command = prefix.replace("_", " ")
    texts = [read_output(case) for case in CASE_DIRS if case.parent.name.startswith(prefix)]
    texts += [c.text() for c in SHARED_CAPTURES if c.command.startswith(command) and c.available()]
    return texts


def _damaged(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _change in range(rng.randint(1, 4)):
        if not lines:
            break
        index = rng.randrange(len(lines))
        action = rng.randrange(8)
        if action == 0:
            del lines[index]
        elif action == 1:
            lines.insert(index, lines[index])
        elif action == 2 and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        elif action == 3:
            lines[index] = "    " + lines[index].lstrip()
        elif action == 4:
            lines[index] += rng.choice(("  ", "\t", "\xa0", " x"))
        elif action == 6:
            lines.insert(index, rng.choice(("", "  ", "\t", "\xa0")))
        elif action == 5:
            lines[index] = lines[index].replace(" ", rng.choice(("  ", "\t", "\xa0")), 1)
        else:
            lines[index] = lines[index][: rng.randrange(len(lines[index]) + 1)]
    return "\n".join(lines) + rng.choice(("", "\n", "\n\n"))


@pytest.mark.parametrize(
    ("module", "name", "commands", "prefix"), WITH_RECORDS, ids=lambda value: getattr(value, "__name__", None)
)
def test_records_change_nothing(
    module: ModuleType, name: str, commands: tuple[str, ...], prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules: RuleSet = getattr(module, name)
    assert rules.records, f"{module.__name__}.{name} has no records"
    texts = _texts(prefix)
    assert any(item.pattern.search(text) for item in rules.records for text in texts), (
        "no record ever matches"
    )
    rng = random.Random(18)
    texts += [_damaged(text, rng) for text in texts for _copy in range(DAMAGED_COPIES)]
    for command in commands:
        with_records = [parse(command, text).as_dict() for text in texts]
        monkeypatch.setattr(module, name, dataclasses.replace(rules, records=()))
        without = [parse(command, text).as_dict() for text in texts]
        monkeypatch.setattr(module, name, rules)
        for text, fast, slow in zip(texts, with_records, without, strict=True):
            assert fast == slow, text
            assert json.dumps(fast) == json.dumps(slow), f"key order differs: {text}"

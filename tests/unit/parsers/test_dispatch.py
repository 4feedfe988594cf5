"""The rule engine's dispatch: a line goes to the first rule, in priority order, whose pattern matches it.

The engine only tries the rules whose literal prefix a line starts with (parsers/prefix.py); these tests
hold it to the plain definition (try every pattern in order) on every line of every fixture, including
the public captures in ../shared when present.
"""

from __future__ import annotations

import re
from types import ModuleType

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers import (
    crypto_map,
    flowmib,
    ipsec_sa,
    isakmp_sa,
    policy,
    session,
    transform_set,
    version,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.common import (
    Log,
    RuleSet,
    compile_rules,
    content_lines,
    run_rules,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.prefix import literal_prefixes

from .cases import CASE_DIRS, read_output
from .shared_captures import SHARED_CAPTURES

MODULES = (crypto_map, flowmib, ipsec_sa, isakmp_sa, policy, session, transform_set, version)
RULE_SETS = {
    f"{module.__name__.rsplit('.', 1)[1]}.{name}": value
    for module in MODULES
    for name, value in vars(module).items()
    if isinstance(value, RuleSet)
}


@pytest.mark.parametrize(
    ("pattern", "prefixes"),
    [
        (r"\s*Interface:\s*(\S+)\s*$", ("Interface:",)),
        (r"\s*(Inbound|Outbound):\s*#", ("Inbound", "Outbound")),
        (r"\s*(?:local|remote) crypto endpt\.:", ("local", "remote")),
        (r"\s*(IKE(?:v\d)?) SA:", ("IKE",)),
        (r"\s*Codes?:", ("Code",)),
        (r"\s*#+\s*(.+?)", ("",)),
        (r"\s*PFS \(Y/N\):.*\S", ("PFS (Y/N):",)),
        (r"\s*(?:Codes?:\s*)?[A-Za-z]{1,4}\s+-", ("",)),
        (r"\s*(?P<dst>\S+)\s+(?P<src>\S+)", ("",)),
        (r"a|\s*b", ("a", "b")),
        (r"a|\s*\S", ("",)),
        (r"(?i)abc", ("",)),
        (r"\s*(abc)?def", ("",)),
        (r"\s*x[|]y", ("x",)),
        (r"[ \t]*+Interface:[ \t]*+(\S+)", ("Interface:",)),
        (r"[ \t]++(?:local|remote) crypto", ("local", "remote")),
        (r"\s*+(?P<version>IKE(?:v\d)?) SA:", ("IKE",)),
        (r" ++x", ("x",)),
        (r"[ \t]*+(?:a|b)*+c", ("",)),
    ],
)
def test_literal_prefixes(pattern: str, prefixes: tuple[str, ...]) -> None:
    assert literal_prefixes(pattern) == prefixes


@pytest.mark.parametrize("module", [ipsec_sa, session], ids=lambda module: module.__name__.rsplit(".", 1)[1])
def test_records_of_block_parsers_dispatch_on_their_first_words(module: ModuleType) -> None:
    """A record without a literal prefix is tried on every line: right, but several times slower."""
    records = [item for value in vars(module).values() if isinstance(value, RuleSet) for item in value.records]
    assert records
    assert [item.handler for item in records if "" in item.prefixes] == []


def _texts() -> list[str]:
    """Our recorded outputs and the other people's captures in ../shared, where present."""
    texts = [read_output(case) for case in CASE_DIRS]
    texts += [capture.text() for capture in SHARED_CAPTURES if capture.available()]
    return texts


def _mutations(line: str) -> list[str]:
    """The line and near misses of it: the dispatch must agree on those too."""
    stripped = line.strip()
    return [line, f"  {stripped}", stripped[:-1], stripped.upper(), stripped.lower(), f"{stripped} x"]


class _Recorder:
    """A parser state whose every handler records which rule got the line."""

    def __init__(self) -> None:
        self.hits: list[tuple[int, int]] = []

    def __getattr__(self, name: str) -> object:
        index = int(name.removeprefix("rule"))
        return lambda _match, lineno, _line: self.hits.append((lineno, index))


@pytest.mark.parametrize("name", sorted(RULE_SETS))
def test_dispatch_picks_the_first_matching_rule(name: str) -> None:
    rules = RULE_SETS[name]
    flags = rules.rules[0][0].flags & ~re.UNICODE
    numbered = compile_rules(
        *((pattern.pattern, f"rule{index}") for index, (pattern, _name) in enumerate(rules.rules)),
        flags=flags,
    )
    text = "\n".join(
        mutation for source in _texts() for line in source.splitlines() for mutation in _mutations(line)
    )
    recorder, log = _Recorder(), Log()
    run_rules(text, numbered, recorder, log)
    expected = []
    for lineno, line in content_lines(text):
        first = next(
            (index for index, (pattern, _name) in enumerate(rules.rules) if pattern.match(line)), None
        )
        if first is not None:
            expected.append((lineno, first))
    assert recorder.hits == expected
    assert len(expected) > 0
    assert len(log.warnings) == sum(1 for _line in content_lines(text)) - len(expected)


def test_the_corpus_is_not_empty() -> None:
    """The dispatch tests above run over every text of _texts(): a broken discovery must not make them
    pass vacuously (ours alone are 57 cases)."""
    assert len(_texts()) >= len(CASE_DIRS) >= 50

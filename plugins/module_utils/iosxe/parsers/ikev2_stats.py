# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parser for ``show crypto ikev2 stats`` -> ``{"ikev2_stats": {key: int, ...}}``.

Each line holds ``Label: value`` pairs.  The first label of a line names its counter; the labels after it
are parts of that counter and get its key as a prefix (``Total incoming IKEv2 SA Count: 0  active: 0`` ->
``total_incoming_ikev2_sa_count``, ``total_incoming_ikev2_sa_count_active``), except the labels in
:data:`_OWN_COUNTERS`, which are counters of their own.  A first label with a `` - `` part
(``SA Strength Enforcement Rejects - incoming``) gives the part before the dash as the prefix, and an
indented line without a counter of its own (``accepted: 0  rejected: 0``) continues the line above.
A label ending in ``(in/out)`` with a ``40/400`` value gives ``<key>_in`` and ``<key>_out``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .common import Log, ParseResult, compile_rules, run_rules, snake_case

_OWN_COUNTERS = frozenset({"max_ikev2_sas", "max_in_nego"})
_PAIR = re.compile(r"([A-Za-z][A-Za-z0-9 ()/_-]*?)\s*:\s*(\d+(?:/\d+)?)(?=\s|$)")
_SPLIT = re.compile(r"\((\w+)/(\w+)\)$")


class _StatsState:
    def __init__(self) -> None:
        self.counters: dict[str, Any] = {}
        self.prefix: str | None = None

    def ignore(self, *_: object) -> None:
        return None

    def on_pairs(self, match: re.Match[str], _lineno: int, line: str) -> bool | None:
        pairs = _PAIR.findall(line)
        if " ".join(f"{label}:{value}" for label, value in pairs).replace(" ", "") != line.replace(" ", ""):
            return False  # something between the pairs that is not a pair
        continuation = line[:1].isspace() and self.prefix is not None and pairs[0][0][:1].islower()
        prefix = self.prefix if continuation else None
        for index, (raw_label, value) in enumerate(pairs):
            label = " ".join(raw_label.split())
            base, _dash, part = label.partition(" - ") if index == 0 and " - " in label else ("", "", "")
            if base:
                prefix = snake_case(base)
                label = part
            key = snake_case(_SPLIT.sub("", label))
            if prefix is not None and key not in _OWN_COUNTERS:
                key = f"{prefix}_{key}"
            elif index == 0:
                prefix = key
            self._store(key, label, value)
        if not continuation:
            self.prefix = prefix
        return None

    def _store(self, key: str, label: str, value: str) -> None:
        split = _SPLIT.search(label)
        if split and "/" in value:
            first, second = value.split("/", 1)
            self.counters[f"{key}_{split.group(1).lower()}"] = int(first)
            self.counters[f"{key}_{split.group(2).lower()}"] = int(second)
        else:
            self.counters[key] = int(value) if value.isdigit() else value


_RULES = compile_rules(
    (r"\s*-{10,}\s*$", "ignore"),
    (r"\s*Crypto IKEv2 SA Statistics\s*$", "ignore"),
    (r"\s*[A-Za-z][A-Za-z0-9 ()/_-]*?\s*:\s*\d+(?:/\d+)?(?:\s|$)", "on_pairs"),
)


def parse_ikev2_stats(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _StatsState()
    run_rules(text, _RULES, state, log)
    return ParseResult({"ikev2_stats": state.counters}, log.warnings)

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared building blocks of the show-output parsers.

Key naming rule (all parsers)
-----------------------------
A key is the snake_case of the CLI label it comes from: apostrophes are dropped, the label is
lower-cased, every run of characters other than ``a-z0-9`` becomes one ``_`` and leading/trailing
``_`` are trimmed.  So ``In P2 exchg invalids`` -> ``in_p2_exchg_invalids``, ``Lifetime (Sec)`` ->
``lifetime_sec``, ``Active ISAKMP SA's`` -> ``active_isakmp_sas``, ``#pkts compr. failed`` ->
``pkts_compr_failed``.

Value rule
----------
* digits only -> ``int`` (except keys listed in :data:`STRING_KEYS`, e.g. SPIs and hex flags);
* a label ending in ``(Y/N)`` loses that suffix and its value becomes a ``bool``;
* ``True``/``False`` -> ``bool``;
* a duration (``00:07:27``, ``1d02h``, ``2w3d``, ``1 hours, 10 mins``, ``900 seconds``) keeps its text
  under the key and adds ``<key>_seconds`` as an ``int``;
* everything else (addresses, algorithm names, hex SPIs) stays the printed string, stripped.

Honesty rule
------------
Every non-blank line is either understood or reported as a warning that quotes it.  Lines that are
never data are skipped by :func:`content_lines`: blank lines, ``!`` comment lines, a router prompt
(optionally followed by the echoed ``show`` command) and an echoed ``show ...`` command line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..mask import mask_line

STRING_KEYS = frozenset({"spi", "spi_value", "sibling_flags", "current_outbound_spi", "flow_id"})

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_YES_NO = re.compile(r"\s*\(Y/N\)\s*$", re.IGNORECASE)
_INT = re.compile(r"\d+")
_CLOCK = re.compile(r"(?:(\d+):)?(\d+):(\d{2})")
_COMPACT = re.compile(r"(?=\d)(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")
_WORD_UNIT = re.compile(r"(\d+)\s*([a-z]+)")
_WORDS = re.compile(r"\d+\s*[a-z]+(?:\s*,?\s*\d+\s*[a-z]+)*")

_UNIT_SECONDS = {
    unit: seconds
    for units, seconds in (
        (("year", "years"), 365 * 86400),
        (("week", "weeks"), 7 * 86400),
        (("day", "days"), 86400),
        (("hour", "hours", "hr", "hrs"), 3600),
        (("minute", "minutes", "min", "mins"), 60),
        (("second", "seconds", "sec", "secs"), 1),
    )
    for unit in units
}
_COMPACT_SECONDS = (365 * 86400, 7 * 86400, 86400, 3600, 60, 1)

# Blank line, "!" comment, echoed "show ..." command, or a prompt optionally followed by a show command.
_NOT_DATA = re.compile(r"\s*(?:$|!|show\s+\S|[\w.\-]+(?:\([\w\-]+\))?[#>]\s*(?:(?:sh|show)\s.*)?$)")
LEGEND = r"\s*(?:Codes?:\s*)?[A-Za-z]{1,4}\s+-\s+[^,]+(?:,\s*[A-Za-z]{1,4}\s+-\s+[^,]+)*,?\s*$"


@dataclass
class ParseResult:
    """What every parser returns: plain data plus human-readable warnings."""

    data: dict[str, Any]
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"data": self.data, "warnings": list(self.warnings)}


class Log:
    """Collects warnings; every message names the line number and quotes the line (secrets masked)."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def unrecognised(self, lineno: int, line: str) -> None:
        self.note(lineno, line, "unrecognised line")

    def note(self, lineno: int, line: str, message: str) -> None:
        self.warnings.append(f'line {lineno}: {message}: "{mask_line(line.strip())}"')


@lru_cache(maxsize=4096)
def snake_case(label: str) -> str:
    return _NON_ALNUM.sub("_", label.replace("'", "").lower()).strip("_")


def duration_seconds(text: str) -> int | None:
    """Seconds in an IOS duration (``00:07:27``, ``1d02h``, ``4 weeks, 2 hours``, ``86400``) or None."""
    value = text.strip().lower()
    if _INT.fullmatch(value):
        return int(value)
    clock = _CLOCK.fullmatch(value)
    if clock:
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return hours * 3600 + minutes * 60 + seconds
    compact = _COMPACT.fullmatch(value)
    if compact and any(compact.groups()):
        return sum(int(n or 0) * unit for n, unit in zip(compact.groups(), _COMPACT_SECONDS))
    if _WORDS.fullmatch(value):
        total = 0
        for number, unit in _WORD_UNIT.findall(value):
            if unit not in _UNIT_SECONDS:
                return None
            total += int(number) * _UNIT_SECONDS[unit]
        return total
    return None


def typed_fields(label: str, raw: str) -> dict[str, Any]:
    """Apply the key and value rules of this module to one ``label: value`` pair."""
    value = raw.strip()
    if _YES_NO.search(label):
        return {snake_case(_YES_NO.sub("", label)): value[:1].upper() == "Y"}
    key = snake_case(label)
    return {key: _typed_value(key, value)} | _seconds_field(key, value)


def _typed_value(key: str, value: str) -> Any:
    if key in STRING_KEYS:
        return value
    if _INT.fullmatch(value):
        return int(value)
    if value in ("True", "False"):
        return value == "True"
    return value


def _seconds_field(key: str, value: str) -> dict[str, int]:
    if _INT.fullmatch(value) or key in STRING_KEYS:
        return {}
    seconds = duration_seconds(value)
    return {} if seconds is None else {f"{key}_seconds": seconds}


def unique_key(record: dict[str, Any], key: str, template: str = "{}_{}") -> str:
    """``key`` if free in ``record``, else ``key_2``, ``key_3``, ... (repeated labels keep every value)."""
    if key not in record:
        return key
    number = 2
    while template.format(key, number) in record:
        number += 1
    return template.format(key, number)


def content_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` for every line that may carry data (see the honesty rule)."""
    for lineno, line in enumerate(text.splitlines(), 1):
        if not _NOT_DATA.match(line):
            yield lineno, line.rstrip()


Handler = Callable[[re.Match[str], int, str], Any]


@dataclass(frozen=True)
class RuleSet:
    """Line rules ``(pattern, handler name)`` in priority order, plus all patterns as one alternation
    so that a line costs one regex scan to find its rule (alternation keeps the first-match order)."""

    rules: tuple[tuple[re.Pattern[str], str], ...]
    combined: re.Pattern[str]


def compile_rules(*rules: tuple[str, str], flags: int = 0) -> RuleSet:
    compiled = tuple((re.compile(pattern, flags), name) for pattern, name in rules)
    combined = "|".join(f"(?P<rule{index}>{pattern})" for index, (pattern, _handler) in enumerate(rules))
    return RuleSet(compiled, re.compile(combined, flags))


def run_rules(text: str, rules: RuleSet, state: object, log: Log) -> None:
    """Single pass: the first rule whose pattern matches a line gets it; unmatched lines are warned.

    A handler (a method of ``state`` named in the rule) may return ``False`` to reject the line,
    which then becomes a warning as well.
    """
    for lineno, line in content_lines(text):
        hit = rules.combined.match(line)
        if hit is None or hit.lastgroup is None:
            log.unrecognised(lineno, line)
            continue
        pattern, name = rules.rules[int(hit.lastgroup.removeprefix("rule"))]
        handler: Handler = getattr(state, name)
        match = pattern.match(line)
        if match is None or handler(match, lineno, line) is False:
            log.unrecognised(lineno, line)


def split_items(text: str) -> list[str]:
    """Items of ``{a, b, }`` style lists: split on commas, strip, drop empties."""
    return [item.strip() for item in text.split(",") if item.strip()]


def join_numbers(tokens: list[str]) -> list[str]:
    """A bare number belongs to the token before it: ``esp-gcm 256`` stays one transform."""
    joined: list[str] = []
    for token in tokens:
        if token.isdigit() and joined:
            joined[-1] = f"{joined[-1]} {token}"
        else:
            joined.append(token)
    return joined


def pairs(text: str) -> dict[str, Any]:
    """Typed fields of a comma-separated line such as ``conn id: 5, flow_id: SW:5, sibling_flags 80``.

    An item with a colon is ``label: value``; an item without one is ``label value`` (last word).
    """
    result: dict[str, Any] = {}
    for item in split_items(text):
        if ":" in item:
            label, value = item.split(":", 1)
        else:
            label, _space, value = item.rpartition(" ")
        if label.strip():
            result.update(typed_fields(label, value))
    return result

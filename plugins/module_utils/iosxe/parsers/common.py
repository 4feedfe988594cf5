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
from .prefix import literal_prefixes

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


@lru_cache(maxsize=4096)
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
        return sum(int(n or 0) * unit for n, unit in zip(compact.groups(), _COMPACT_SECONDS, strict=True))
    if _WORDS.fullmatch(value):
        total = 0
        for number, unit in _WORD_UNIT.findall(value):
            if unit not in _UNIT_SECONDS:
                return None
            total += int(number) * _UNIT_SECONDS[unit]
        return total
    return None


@lru_cache(maxsize=4096)
def label_key(label: str) -> tuple[str, bool]:
    """The key of ``label`` and whether it is a ``(Y/N)`` label (computed once per label)."""
    if _YES_NO.search(label):
        return snake_case(_YES_NO.sub("", label)), True
    return snake_case(label), False


def typed_fields(label: str, raw: str) -> dict[str, Any]:
    """Apply the key and value rules of this module to one ``label: value`` pair."""
    fields: dict[str, Any] = {}
    put_typed(fields, label, raw)
    return fields


def put_typed(target: dict[str, Any], label: str, raw: str) -> None:
    """Store the typed fields of ``label: value`` in ``target`` (as ``target.update(typed_fields(...))``
    without the intermediate dict)."""
    key, yes_no = label_key(label)
    value, seconds = typed_value(key, yes_no, raw)
    target[key] = value
    if seconds is not None:
        target[f"{key}_seconds"] = seconds


def typed_value(key: str, yes_no: bool, raw: str) -> tuple[Any, int | None]:
    """The typed value of ``raw`` under ``key`` (see :func:`label_key`) and, for a duration, its seconds."""
    value = raw.strip()
    if yes_no:
        return value[:1].upper() == "Y", None
    if key in STRING_KEYS:
        return value, None
    if value.isdecimal():  # what ``\d+`` matches: Unicode category Nd
        return int(value), None
    if value in ("True", "False"):
        return value == "True", None
    if not may_be_duration(value):
        return value, None
    return value, duration_seconds(value)


def stays_text(value: str) -> bool:
    """Whether :func:`typed_value` keeps ``value`` (stripped; its key has no ``(Y/N)`` and no string rule) as
    the text: no number, boolean or duration."""
    return value not in ("True", "False") and not may_be_duration(value)


def may_be_duration(value: str) -> bool:
    """False where ``value`` (stripped) is surely no duration: every duration form starts with a digit and
    none has a dot, which addresses (``172.16.0.2``) have."""
    return value[:1].isdecimal() and "." not in value


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
        if not _is_not_data(line, line.lstrip()):
            yield lineno, line.rstrip()


def _is_not_data(line: str, stripped: str) -> bool:
    """Whether ``line`` (``stripped`` is its ``lstrip()``) is never data; the regex runs only where it can
    match: a blank line, ``!``, ``show`` or a prompt character."""
    if stripped and stripped[0] not in "!s" and "#" not in stripped and ">" not in stripped:
        return False
    return _NOT_DATA.match(line) is not None


Handler = Callable[[re.Match[str], int, str], Any]
RecordHandler = Callable[[re.Match[str], int], Any]
Candidate = tuple[tuple[str, ...], Callable[[str], "re.Match[str] | None"], int]

# Line breaks other than "\n" that str.splitlines() honours (the first six are ASCII): a text holding one
# is read line by line only.
_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


@dataclass(frozen=True)
class Record:
    """Several consecutive lines in their usual layout as one regex (``re.MULTILINE``; it matches whole
    lines, each with its ``"\n"``), taken by one state method ``handler(match, first line number)``.

    A record is a shortcut, never a new meaning: the handler must leave the state exactly as the line
    rules would leave it after those lines, and returns ``False`` (having changed nothing) when it
    cannot, e.g. because the lines arrive out of context; the line rules then take them one by one.
    A line is tried only against the records whose first line's literal text (after indentation) it
    starts with; a record without such a text is tried on every line.
    """

    pattern: re.Pattern[str]
    handler: str
    prefixes: tuple[str, ...]


def record(pattern: str, handler: str) -> Record:
    return Record(re.compile(pattern, re.MULTILINE), handler, literal_prefixes(pattern))


@dataclass(frozen=True)
class RuleSet:
    """Line rules ``(pattern, handler name)`` in priority order, indexed for dispatch: a line is tried
    only against the rules whose literal prefix it starts with (after indentation), in priority order,
    so most lines cost one regex match (see :mod:`.prefix`).  Optional :class:`Record` shortcuts take
    several lines of a usual layout in one match."""

    rules: tuple[tuple[re.Pattern[str], str], ...]
    by_initial: dict[str, tuple[Candidate, ...]]
    unkeyed: tuple[Candidate, ...]
    records: tuple[Record, ...] = ()


def compile_rules(*rules: tuple[str, str], flags: int = 0, records: tuple[Record, ...] = ()) -> RuleSet:
    compiled = tuple((re.compile(pattern, flags), name) for pattern, name in rules)
    # A case-insensitive rule set cannot be dispatched on case-sensitive prefixes.
    prefixes = [literal_prefixes(pattern) if not flags & re.IGNORECASE else ("",) for pattern, _name in rules]
    candidates: list[Candidate] = [
        (prefix, compiled[index][0].match, index) for index, prefix in enumerate(prefixes)
    ]
    unkeyed = tuple(candidate for candidate in candidates if "" in candidate[0])
    initials = {prefix[0] for alternatives in prefixes for prefix in alternatives if prefix}
    by_initial = {
        initial: tuple(
            candidate
            for candidate in candidates
            if any(prefix[:1] in ("", initial) for prefix in candidate[0])
        )
        for initial in initials
    }
    return RuleSet(compiled, by_initial, unkeyed, records)


def run_rules(text: str, rules: RuleSet, state: object, log: Log) -> None:
    """Single pass: the first rule whose pattern matches a line gets it; unmatched lines are warned.

    A handler (a method of ``state`` named in the rule) may return ``False`` to reject the line,
    which then becomes a warning as well.  Where the rule set has records, a record that matches at
    the start of a line takes its lines first (:class:`Record`).
    """
    take = _LineTaker(rules, state, log)
    if rules.records and not _has_other_breaks(text):
        _run_with_records(text if text.endswith("\n") else text + "\n", rules, state, take)
        return
    for lineno, raw in enumerate(text.splitlines(), 1):
        take(lineno, raw)


class _LineTaker:
    """One line through the honesty rule and the rule dispatch (the inner loop of every parser)."""

    def __init__(self, rules: RuleSet, state: object, log: Log) -> None:
        self.handlers: list[Handler] = [getattr(state, name) for _pattern, name in rules.rules]
        self.by_initial, self.unkeyed, self.log = rules.by_initial, rules.unkeyed, log

    def __call__(self, lineno: int, raw: str) -> None:
        stripped = raw.lstrip()
        if _is_not_data(raw, stripped):
            return
        line = raw.rstrip()
        for prefixes, match, index in self.by_initial.get(stripped[:1], self.unkeyed):
            if stripped.startswith(prefixes):
                hit = match(line)
                if hit is not None:
                    if self.handlers[index](hit, lineno, line) is False:
                        self.log.unrecognised(lineno, line)
                    return
        self.log.unrecognised(lineno, line)


def _has_other_breaks(text: str) -> bool:
    """Whether ``text`` holds a line break other than "\n" (one ``in`` per break: a memchr-speed scan,
    several times faster than a character-class regex)."""
    breaks = _OTHER_BREAKS[:6] if text.isascii() else _OTHER_BREAKS
    return any(brk in text for brk in breaks)


_RecordEntry = tuple[tuple[str, ...], Callable[[str, int], "re.Match[str] | None"], RecordHandler]


def _run_with_records(text: str, rules: RuleSet, state: object, take: _LineTaker) -> None:
    """The line loop over ``text`` (which ends with "\n" and has no other line breaks), where a line
    starting with a record's prefix first tries that record."""
    entries: list[_RecordEntry] = [
        (item.prefixes, item.pattern.match, getattr(state, item.handler)) for item in rules.records
    ]
    by_initial, unkeyed = _records_by_initial(entries)
    position, lineno, end = 0, 1, len(text)
    while position < end:
        newline = text.find("\n", position)
        raw = text[position:newline]
        stripped = raw.lstrip()
        taken = 0
        for prefixes, match, handler in by_initial.get(stripped[:1], unkeyed):
            if stripped.startswith(prefixes):
                hit = match(text, position)
                if hit is not None and hit.end() > position and handler(hit, lineno) is not False:
                    taken = hit.end()
                    break
        if taken:
            lineno += text.count("\n", position, taken)
            position = taken
            continue
        take(lineno, raw)
        lineno += 1
        position = newline + 1


def _records_by_initial(
    entries: list[_RecordEntry],
) -> tuple[dict[str, tuple[_RecordEntry, ...]], tuple[_RecordEntry, ...]]:
    """The records a line may start, by the line's first character after indentation (in their order),
    and those without a literal prefix (tried on every other line)."""
    unkeyed = tuple(entry for entry in entries if "" in entry[0])
    initials = {prefix[0] for entry in entries for prefix in entry[0] if prefix}
    by_initial = {
        initial: tuple(entry for entry in entries if any(prefix[:1] in ("", initial) for prefix in entry[0]))
        for initial in initials
    }
    return by_initial, unkeyed


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
    for item in text.split(","):
        item = item.strip()
        label, colon, value = item.partition(":")
        if not colon:
            label, _space, value = item.rpartition(" ")
        if not label.strip():
            continue  # an empty item, or one word
        key, yes_no = label_key(label)
        value = value.strip()
        if value.isdecimal() and not yes_no and key not in STRING_KEYS:
            result[key] = int(value)  # the usual case of put_typed
        else:
            put_typed(result, label, value)
    return result

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsers for the 11 ``show crypto mib {isakmp|ike|ipsec} flowmib ...`` commands.

Output shape (one command fills one leaf; deep-merge the results of several commands)::

    {"flowmib": {"isakmp": {"global": {VRF: {...}}, "tunnels": [...], "peers": [...],
                            "history": [...], "failures": [...]},
                 "ipsec":  {"global": {VRF: {...}}, "tunnels": [...], "endpoints": [...],
                            "spis": [...], "history": [...], "failures": [...]}}}

``global`` is keyed by VRF name (``vrf Global`` -> ``"Global"``); a repeated VRF block is kept under
``"<name>#2"`` (with a warning).  Table rows are dicts whose first key is ``vrf``; rows printed before
any ``vrf`` header belong to the VRF named in the command (``... vrf X``) or ``"Global"``.
Keys and values follow the rules in :mod:`.common`.

Record boundaries: a row starts at a *start label* (``Index`` or ``Reason``; ``SPI Index`` for the SPI
table) unless the current row holds nothing but other start labels, so ``Index, Reason, ...``
(failure tables) and ``Reason, Index, ...`` (history tables) both work.  ``Tunnel Index`` in the SPI
table is context copied into the SPI rows that follow it.  A label repeated inside one row keeps
every value: the repeat gets a ``_2`` suffix (the IPsec tunnel table prints ``Decompressed octets``
and ``Out uncompressed octets`` twice -> ``decompressed_octets_2``, ``out_uncompressed_octets_2``).
A line whose ``:`` was lost (``In sa encrypt algorithm aes``) is read when it starts with a known
label, and a warning records the repair.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .common import (
    STRING_KEYS,
    Log,
    ParseResult,
    compile_rules,
    label_key,
    record,
    run_rules,
    snake_case,
    stays_text,
    typed_value,
    unique_key,
)


@dataclass(frozen=True)
class TableSpec:
    dest: str
    start_keys: frozenset[str] = frozenset({"index", "reason"})
    context_keys: frozenset[str] = frozenset()


GLOBAL = TableSpec(dest="global")

SPECS: dict[tuple[str, str], TableSpec] = {
    ("isakmp", "global"): GLOBAL,
    ("isakmp", "tunnel"): TableSpec("tunnels"),
    ("isakmp", "peer"): TableSpec("peers"),
    ("isakmp", "history"): TableSpec("history"),
    ("isakmp", "failure"): TableSpec("failures"),
    ("ipsec", "global"): GLOBAL,
    ("ipsec", "tunnel"): TableSpec("tunnels"),
    ("ipsec", "endpoint"): TableSpec("endpoints"),
    ("ipsec", "spi"): TableSpec("spis", frozenset({"spi_index"}), frozenset({"tunnel_index"})),
    ("ipsec", "history"): TableSpec("history"),
    ("ipsec", "failure"): TableSpec("failures"),
}

# Labels printed by these commands (seed guide and real captures); used only to repair a line
# whose colon was lost.  Longest first so that "in p2 exchg invalids" wins over "in p2 exchg".
KNOWN_LABELS: tuple[str, ...] = tuple(
    sorted(
        (
            "active time",
            "active tunnels",
            "auth method",
            "authentication failures",
            "compressed bytes",
            "compressed octets",
            "current sa instances",
            "decompressed octets",
            "decrypt failures",
            "destination address",
            "diffie hellman grp",
            "encapsulation mode",
            "encryption algo",
            "expired sa instances",
            "failure time since reset",
            "hash algo",
            "hash failures",
            "in authentication failures",
            "in authentications",
            "in decrypt failures",
            "in decrypts",
            "in drops",
            "in ipsec delete",
            "in notifys",
            "in octets",
            "in p2 exchanges",
            "in p2 exchg",
            "in p2 exchg invalids",
            "in p2 exchg rejected",
            "in p2 exchg rejects",
            "in p2 sa delete reqs",
            "in packets",
            "in packets drop",
            "in packets drops",
            "in replay drops",
            "in sa ah auth algorithm",
            "in sa auth algorithm",
            "in sa dh group",
            "in sa encrypt algorithm",
            "in sa esp auth algo",
            "in sa uncompress algorithm",
            "in uncompressed bytes",
            "index",
            "invalid spi",
            "ipsec keying",
            "keepalive enabled",
            "lifetime",
            "lifetime (kb)",
            "lifetime (sec)",
            "lifetime threshold (kb)",
            "lifetime threshold (sec)",
            "local address",
            "local port",
            "local type",
            "local value",
            "negotiation mode",
            "no sa failures",
            "out authentication failures",
            "out authentications",
            "out drops",
            "out encrypt failures",
            "out encryption failures",
            "out encryptions",
            "out encrypts",
            "out ipsec delete",
            "out notifys",
            "out octets",
            "out p2 exchg",
            "out p2 exchg invalids",
            "out p2 exchg rejects",
            "out p2 exchgs",
            "out p2 sa delete requests",
            "out packets",
            "out packets drop",
            "out packets drops",
            "out sa auth algorithm",
            "out sa dh group",
            "out sa encryption algorithm",
            "out sa esp auth algorithm",
            "out sa uncompress algorithm",
            "out uncompressed bytes",
            "out uncompressed octets",
            "policy priority",
            "previous tunnels",
            "protocol",
            "protocol use failures",
            "reason",
            "remote address",
            "remote port",
            "remote type",
            "remote value",
            "sas locally initiated",
            "sas locally initiated failed",
            "sas remotely initiated failed",
            "spi",
            "spi direction",
            "spi index",
            "spi protocol",
            "spi status",
            "spi value",
            "src address",
            "system capacity failures",
            "total number of refreshes",
            "tunnel index",
            "uncompressed bytes",
            "uncompressed encrypted bytes",
        ),
        key=len,
        reverse=True,
    )
)

_VRF = re.compile(r"\s*vrf\s+(\S+)\s*$")
_LABEL_VALUE = re.compile(r"\s*([A-Za-z][^:]*?)\s*:\s*(.*?)\s*$")
_SPACES = re.compile(r"\s+")


class _FlowmibState:
    def __init__(self, spec: TableSpec, default_vrf: str, log: Log) -> None:
        self.spec = spec
        self.vrf = default_vrf
        self.log = log
        self.global_blocks: dict[str, dict[str, Any]] = {}
        self.rows: list[dict[str, Any]] = []
        self.row: dict[str, Any] | None = None
        self.row_labels: set[str] = set()
        self.context: dict[str, Any] = {}
        self.labels: dict[str, tuple[str, str, bool]] = {}  # label -> (row key, field key, is "(Y/N)")
        self.row_fields: dict[str, str | None] = {}  # label -> its key where it only adds a row field

    def on_vrf(self, match: re.Match[str], lineno: int, line: str) -> None:
        self.start_vrf(match.group(1), lineno, line)

    def on_pair(self, match: re.Match[str], lineno: int, line: str) -> bool | None:
        if not match.group(2):
            return self.on_other(match, lineno, line)
        self.add(match.group(1), match.group(2))
        return None

    def on_other(self, _match: re.Match[str], lineno: int, line: str) -> bool | None:
        repaired = _repair(line)
        if repaired is None:
            return False
        self.log.note(lineno, line, f"missing ':' after label, read as {repaired[0]!r}")
        self.add(*repaired)
        return None

    def on_pairs_record(self, match: re.Match[str], _lineno: int) -> None:
        """Each line of the record is ``label: value`` (_PAIR), so splitting at the first colon and stripping
        reads it as on_pair's regex does, without a second regex pass.

        A label that only adds a field to the current row (:meth:`_row_field`) is typed and stored here as
        :meth:`add` would; any other line goes through :meth:`add`."""
        add, row_fields = self.add, self.row_fields
        row, row_labels = self.row, self.row_labels
        for line in match.group(0).splitlines():
            label, _colon, value = line.partition(":")
            key = row_fields.get(label)
            if key is None and label not in row_fields:
                key = self._row_field(label)
            value = value.strip()
            if key is None or row is None or (key in row and not value.isdecimal()):
                add(label, value)
                row, row_labels = self.row, self.row_labels
                continue
            if key in row:  # a repeated label's number under a new key, as _add_fields stores it
                row[unique_key(row, key)] = int(value)
            elif value.isdecimal():  # the usual values, typed as typed_value types them
                row[key] = int(value)
            elif stays_text(value):
                row[key] = value
            else:
                row[key], seconds = typed_value(key, False, value)
                if seconds is not None:
                    row[f"{key}_seconds"] = seconds
            row_labels.add(key)

    def _row_field(self, label: str) -> str | None:
        """The key of ``label`` where the label only adds a field to the current row: a table's label that
        neither starts a row nor is context, with no ``(Y/N)`` and no string-only value; else None.  The
        answer is kept in ``row_fields``."""
        key, field_key, yes_no = self._label(label)
        plain = (
            self.spec is not GLOBAL
            and key not in self.spec.context_keys
            and key not in self.spec.start_keys
            and not yes_no
            and key == field_key
            and key not in STRING_KEYS
        )
        self.row_fields[label] = key if plain else None
        return self.row_fields[label]

    def _label(self, label: str) -> tuple[str, str, bool]:
        """(row key, field key, is "(Y/N)") of ``label`` (either may have spaces around it; cached)."""
        labels = self.labels.get(label)
        if labels is None:
            labels = self.labels[label] = (snake_case(label.strip()), *label_key(label.strip()))
        return labels

    def start_vrf(self, name: str, lineno: int, line: str) -> None:
        self.vrf, self.row, self.context = name, None, {}
        if self.spec is GLOBAL:
            key = unique_key(self.global_blocks, name, "{}#{}")
            if key != name:
                self.log.note(lineno, line, f"repeated vrf block kept as {key!r}")
            self.global_blocks[key] = {}
            self.vrf = key

    def add(self, label: str, value: str) -> None:
        """One ``label: value`` line (either may still have spaces around it)."""
        key, field_key, yes_no = self._label(label)  # key differs from field_key for a "(Y/N)" label
        typed, seconds = typed_value(field_key, yes_no, value)
        if self.spec is GLOBAL:
            target = self.global_blocks.setdefault(self.vrf, {})
        elif key in self.spec.context_keys:
            self.context[field_key] = typed
            if seconds is not None:
                self.context[f"{field_key}_seconds"] = seconds
            self.row = None
            return
        else:
            row, row_labels, start_keys = self.row, self.row_labels, self.spec.start_keys
            starts_row = key in start_keys and (key in row_labels or not row_labels <= start_keys)
            target = row if row is not None and not starts_row else self._new_row()
            self.row_labels.add(key)
        if seconds is None and key == field_key and key not in target:
            target[key] = typed  # the usual case of _add_fields, without its loop
        else:
            fields = {field_key: typed} if seconds is None else {field_key: typed, f"{field_key}_seconds": seconds}
            self._add_fields(target, fields)

    def _new_row(self) -> dict[str, Any]:
        self.row = {"vrf": self.vrf, **self.context}
        self.row_labels = set()
        self.rows.append(self.row)
        return self.row

    @staticmethod
    def _add_fields(target: dict[str, Any], fields: dict[str, Any]) -> None:
        first = next(iter(fields))
        key = unique_key(target, first) if first in target else first
        if len(fields) == 1:
            target[key] = fields[first]
            return
        for name, value in fields.items():  # the derived "<key>_seconds" field follows its key's suffix
            target[key + name[len(first) :]] = value


def _repair(line: str) -> tuple[str, str] | None:
    """``(label, value)`` for a line that lost its colon, unless it is just a truncated label."""
    text = _SPACES.sub(" ", line.strip())
    lowered = text.lower()
    for label in KNOWN_LABELS:
        if lowered.startswith(label + " ") and len(text) > len(label) + 1:
            value = text[len(label) + 1 :]
            head = f"{label} {value.split()[0].lower()}"
            if any(known.startswith(head) for known in KNOWN_LABELS):
                return None
            return text[: len(label)], value
    return None


# A record: consecutive "label: value" lines, each one that the line rules would give to on_pair with a
# non-empty value: indented by spaces and tabs ("[ \t]" for "\s"), a label that starts with a letter, the first
# colon, a value that starts with a non-space; no "vrf" line and none skipped as a prompt, comment or echoed
# command (no "#", ">", leading "show").  The handler splits each line at its first colon and strips both
# sides, which reads them as on_pair's regex does.  Possessive repeats and no groups: nothing is given back,
# and a group in a repeat costs the regex engine a save per line.  A record ends at a blank line: one long
# match of many blocks is slower than one match per block.
_PAIR = r"[ \t]*+(?!vrf\s|show\s)[A-Za-z][^:\n#>]*+:[ \t]*+[^\s#>][^\n#>]*+\n"
_RULES = compile_rules(
    (_VRF.pattern, "on_vrf"),
    (_LABEL_VALUE.pattern, "on_pair"),
    (r"\s*\S", "on_other"),
    records=(record(rf"(?:{_PAIR})++", "on_pairs_record"),),  # possessive: nothing follows the run
)


def parse_flowmib(protocol: str, table: str, text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    """Parse ``show crypto mib <protocol> flowmib <table>`` output."""
    spec = SPECS[(protocol, table)]
    log = Log()
    state = _FlowmibState(spec, (args or {}).get("vrf") or "Global", log)
    run_rules(text, _RULES, state, log)
    leaf: Any = state.global_blocks if spec is GLOBAL else state.rows
    return ParseResult({"flowmib": {protocol: {spec.dest: leaf}}}, log.warnings)

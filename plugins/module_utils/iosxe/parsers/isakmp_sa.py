# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsers for ``show crypto isakmp sa [detail|count]`` and ``show crypto isakmp peers``.

* ``show crypto isakmp sa`` -> ``{"isakmp_sa": [{address_family, dst, src, state, conn_id, [slot],
  status, deleted}]}``
* ``show crypto isakmp sa detail`` -> ``{"isakmp_sa": [{address_family, c_id, local, remote, i_vrf,
  status, encr, hash, auth, dh, lifetime, lifetime_seconds, cap, [engine_id, engine_conn_id]}]}``
  (``i_vrf``/``cap`` are None when the column is blank; works on ``| include`` output too)
* ``show crypto isakmp sa count`` -> ``{"isakmp_sa_count": {"active_isakmp_sas": 0, ...}}``
* ``show crypto isakmp peers`` -> ``{"isakmp_peers": [{peer, port, local, phase1_id}]}``

``address_family`` is ``IPv4``/``IPv6`` from the section header, or guessed from the address when
no header was printed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .common import LEGEND, Log, ParseResult, compile_rules, duration_seconds, record, run_rules, typed_fields

_SECTION = r"\s*(IPv4|IPv6) Crypto (?:ISAKMP|IKEv1) SA\s*$"
_SA_ROW = re.compile(
    r"\s*(?P<dst>\S+)\s+(?P<src>\S+)\s+(?P<state>[A-Z][A-Z0-9_]*)\s+(?P<conn_id>\d+)"
    r"(?:\s+(?P<slot>\d+))?\s+(?P<status>[A-Z]+)(?:\s+\((?P<note>[^)]*)\))?\s*$"
)
_DETAIL_ROW = re.compile(
    r"\s*(?P<c_id>\d+)\s+(?P<local>\S+)\s+(?P<remote>\S+)\s+(?:(?P<i_vrf>\S+)\s+)??(?P<status>[A-Z]+)\s+"
    r"(?P<encr>\S+)\s+(?P<hash>\S+)\s+(?P<auth>\S+)\s+(?P<dh>\d+)\s+(?P<lifetime>[\d:]+)"
    r"(?:\s+(?P<cap>\S+))?\s*$"
)


def _family(section: str | None, address: str) -> str:
    return section or ("IPv6" if ":" in address else "IPv4")


class _SaState:
    def __init__(self, log: Log) -> None:
        self.log = log
        self.section: str | None = None
        self.rows: list[dict[str, Any]] = []

    def on_section(self, match: re.Match[str], *_: object) -> None:
        self.section = match.group(1)

    def on_header(self, *_: object) -> None:
        return None

    def on_row(self, match: re.Match[str], *_: object) -> None:
        row: dict[str, Any] = {"address_family": _family(self.section, match["dst"])}
        row.update(dst=match["dst"], src=match["src"], state=match["state"], conn_id=int(match["conn_id"]))
        if match["slot"] is not None:
            row["slot"] = int(match["slot"])
        row.update(status=match["status"], deleted=match["note"] == "deleted")
        self.rows.append(row)

    def on_rows_record(self, match: re.Match[str], _lineno: int) -> None:
        """The column header and the rows under it (as on_header and on_row, line by line).

        The record has checked every row against _ROW, whose fields hold no whitespace but a note's; so a
        row of five words is dst, src, state, conn-id and status, a sixth word is a one-word note where it
        starts with "(" (the status never does) and else the status after a slot, and any other row is read
        by the regex."""
        section, append = self.section, self.rows.append
        for line in match["rows"].splitlines():
            words = line.split()
            if len(words) == 5 or (len(words) == 6 and words[5][:1] == "("):
                dst, src, state, conn_id, status = words[:5]
                append(
                    {
                        "address_family": section or ("IPv6" if ":" in dst else "IPv4"),
                        "dst": dst,
                        "src": src,
                        "state": state,
                        "conn_id": int(conn_id),
                        "status": status,
                        "deleted": len(words) == 6 and words[5] == "(deleted)",
                    }
                )
            elif words:
                row = _ROW_LINE.match(line)
                if row is None:  # cannot happen: the record matched this line with the same pattern
                    raise AssertionError(line)
                self.on_row(row)

    def on_detail_row(self, match: re.Match[str], *_: object) -> None:
        row: dict[str, Any] = {"address_family": _family(self.section, match["local"])}
        row.update(c_id=int(match["c_id"]), local=match["local"], remote=match["remote"])
        row.update(i_vrf=match["i_vrf"], status=match["status"], encr=match["encr"], hash=match["hash"])
        row.update(auth=match["auth"], dh=int(match["dh"]), lifetime=match["lifetime"])
        row.update(lifetime_seconds=duration_seconds(match["lifetime"]), cap=match["cap"])
        self.rows.append(row)

    def on_engine(self, match: re.Match[str], lineno: int, line: str) -> bool | None:
        engine = re.fullmatch(r"(\w+):(\d+)", match.group(1))
        if not self.rows or engine is None:
            return False
        self.rows[-1].update(engine_id=engine.group(1), engine_conn_id=int(engine.group(2)))
        return None


# Records: the column header and the rows under it, or rows alone.  A row line of the record is one _SA_ROW reads
# the same way ("[ \t]" for "\s") and that is never skipped as a prompt, comment or echoed command
# (no "#", ">", leading "!" or "show"), so the line rules would give it to on_row as well.
_ROW = (
    r"[ \t]*(?!show[ \t])(?P<dst>[^\s!#>][^\s#>]*)[ \t]+(?P<src>[^\s#>]+)[ \t]+(?P<state>[A-Z][A-Z0-9_]*)"
    r"[ \t]+(?P<conn_id>\d+)(?:[ \t]+(?P<slot>\d+))?[ \t]+(?P<status>[A-Z]+)"
    r"(?:[ \t]+\((?P<note>[^)\n#>]*)\))?[ \t]*$"
)
_ROW_LINE = re.compile(_ROW, re.MULTILINE)
# The same rows without their groups, for the records, whose run of rows is possessive ("*+": nothing follows
# it, so giving rows back could not help a match): a group inside a repeat, and a repeat that keeps its
# backtracking points, cost the regex engine a save per row (the record matched at half the speed).
_ROW_SHAPE = re.sub(r"\(\?P<\w+>", "(?:", _ROW)
_NL = r"\n(?:[ \t]*\n)*"  # a newline and the blank lines after it, which the line rules skip too
_SA_RULES = compile_rules(
    (_SECTION, "on_section"),
    (r"\s*dst\s+src\s+state\s+conn-id", "on_header"),
    (_SA_ROW.pattern, "on_row"),
    records=(
        record(
            rf"[ \t]*dst[ \t]+src[ \t]+state[ \t]+conn-id[^\n]*{_NL}(?P<rows>(?:{_ROW_SHAPE}{_NL})*+)",
            "on_rows_record",
        ),
        record(rf"(?P<rows>(?:{_ROW_SHAPE}{_NL})++)", "on_rows_record"),  # rows without a header above them
    ),
)
_DETAIL_RULES = compile_rules(
    (_SECTION, "on_section"),
    (r"\s*C-id\s+Local\s+Remote\s+I-VRF", "on_header"),
    (LEGEND, "on_header"),
    (r"\s*Engine-id:Conn-id\s*=\s*(\S+)\s*$", "on_engine"),
    (_DETAIL_ROW.pattern, "on_detail_row"),
)


def parse_isakmp_sa(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _SaState(log)
    run_rules(text, _SA_RULES, state, log)
    return ParseResult({"isakmp_sa": state.rows}, log.warnings)


def parse_isakmp_sa_detail(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _SaState(log)
    run_rules(text, _DETAIL_RULES, state, log)
    return ParseResult({"isakmp_sa": state.rows}, log.warnings)


class _CountState:
    def __init__(self) -> None:
        self.counts: dict[str, Any] = {}

    def on_count(self, match: re.Match[str], *_: object) -> None:
        self.counts.update(typed_fields(match.group(1), match.group(2)))


_COUNT_RULES = compile_rules((r"\s*([A-Za-z][^:]*?)\s*:\s*(\d+)\s*$", "on_count"))


def parse_isakmp_sa_count(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _CountState()
    run_rules(text, _COUNT_RULES, state, log)
    return ParseResult({"isakmp_sa_count": state.counts}, log.warnings)


class _PeersState:
    def __init__(self) -> None:
        self.peers: list[dict[str, Any]] = []

    def on_peer(self, match: re.Match[str], *_: object) -> None:
        self.peers.append({"peer": match[1], "port": int(match[2]), "local": match[3], "phase1_id": None})

    def on_phase1(self, match: re.Match[str], *_: object) -> bool | None:
        if not self.peers or self.peers[-1]["phase1_id"] is not None:
            return False
        self.peers[-1]["phase1_id"] = match.group(1)
        return None


_PEERS_RULES = compile_rules(
    (r"\s*Peer:\s*(\S+)\s+Port:\s*(\d+)\s+Local:\s*(\S+)\s*$", "on_peer"),
    (r"\s*Phase1 id:\s*(\S+)\s*$", "on_phase1"),
)


def parse_isakmp_peers(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _PeersState()
    run_rules(text, _PEERS_RULES, state, log)
    return ParseResult({"isakmp_peers": state.peers}, log.warnings)

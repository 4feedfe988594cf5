# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsers for ``show crypto ipsec sa [detail]`` (also ``peer X``/``interface X``/``vrf X``) and
``show crypto ipsec sa count``.

``show crypto ipsec sa [detail]`` -> ``{"ipsec_sa": [ENTRY, ...]}``, one ENTRY per (interface, crypto
map tag)::

    {"interface", "crypto_map_tag", "local_addr", ["ipsecv6_policy_name"], "idents": [IDENT, ...]}

IDENT (one per ``protected vrf:`` block)::

    {"protected_vrf", "local_ident": {addr, mask, prot, port}, "remote_ident": {...},
     "current_peer", "current_peer_port", "action", "flags": [..],
     <counters: pkts_encaps, pkts_encrypt, ..., send_errors, recv_errors (detail adds more)>,
     "local_crypto_endpt", "remote_crypto_endpt", "plaintext_mtu", "path_mtu", "ip_mtu", "ip_mtu_idb",
     "current_outbound_spi", "pfs", "dh_group", ["pqc_key_exchange"],
     "inbound_esp_sas", "inbound_ah_sas", "inbound_pcp_sas",
     "outbound_esp_sas", "outbound_ah_sas", "outbound_pcp_sas"}      # lists of SA

SA::

    {"spi": "0x658F7C11", "transform": ["esp-256-aes", "esp-sha256-hmac"], "in_use_settings": ["Tunnel"],
     "conn_id", "flow_id", "sibling_flags", "crypto_map", ["initiator"],
     "remaining_key_lifetime_kb" / "remaining_key_lifetime_sec" (or "remaining_key_lifetime" text with
     "remaining_key_lifetime_seconds"), ["kilobyte_volume_rekey_disabled"], "iv_size_bytes",
     "replay_detection_support", ["replay_window_size"], "status"}

SPIs are kept in hex; the decimal IOS prints in brackets is checked and a mismatch is warned.
``show crypto ipsec sa count`` -> ``{"ipsec_sa_count": {"ipsec_sa_total": 8, "active": 8, ...}}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .common import (
    Log,
    ParseResult,
    compile_rules,
    join_numbers,
    pairs,
    record,
    run_rules,
    snake_case,
    split_items,
    typed_fields,
)

SA_SECTIONS = tuple(f"{d}_{p}_sas" for d in ("inbound", "outbound") for p in ("esp", "ah", "pcp"))

_COUNTER = re.compile(r"#+\s*(.+?):?\s+(\d+)")
_ENDPOINT = re.compile(r"(local|remote) crypto endpt\.:\s*([^,\s]+)")
_KB_SEC = re.compile(r"\(k/sec\):\s*\((\d+)/(\d+)\)")
_SEC = re.compile(r"\(sec\):\s*(\d+)")


class _IpsecSaState:
    def __init__(self, log: Log) -> None:
        self.log = log
        self.entries: list[dict[str, Any]] = []
        self.ident: dict[str, Any] | None = None
        self.section: list[dict[str, Any]] | None = None
        self.sa: dict[str, Any] | None = None
        self.counter_layout = NO_LAYOUT

    def _check_spi(self, hex_text: str, decimal: str | None, lineno: int, line: str) -> str:
        if decimal is not None and int(decimal) != int(hex_text, 16):
            self.log.note(lineno, line, f"decimal SPI {decimal} does not match {hex_text}")
        return hex_text

    def on_interface(self, match: re.Match[str], *_: object) -> None:
        self.entries.append(
            {"interface": match.group(1), "crypto_map_tag": None, "local_addr": None, "idents": []}
        )
        self.ident = self.section = self.sa = None

    def on_map_tag(self, match: re.Match[str], *_: object) -> None:
        if not self.entries or self.entries[-1]["crypto_map_tag"] is not None:
            interface = self.entries[-1]["interface"] if self.entries else None
            self.entries.append(
                {"interface": interface, "crypto_map_tag": None, "local_addr": None, "idents": []}
            )
        self.entries[-1].update(crypto_map_tag=match.group(1).strip(), local_addr=match.group(2))
        self.ident = self.section = self.sa = None

    def on_policy_name(self, match: re.Match[str], *_: object) -> bool | None:
        if not self.entries:
            return False
        self.entries[-1]["ipsecv6_policy_name"] = match.group(1)
        return None

    def on_protected_vrf(self, match: re.Match[str], *_: object) -> None:
        if not self.entries:
            self.entries.append({"interface": None, "crypto_map_tag": None, "local_addr": None, "idents": []})
        self.ident = {"protected_vrf": match.group(1).strip()}
        self.entries[-1]["idents"].append(self.ident)
        self.section = self.sa = None

    def _ident_update(self, values: dict[str, Any]) -> bool | None:
        if self.ident is None:
            return False
        self.ident.update(values)
        return None

    def on_ident(self, match: re.Match[str], *_: object) -> bool | None:
        value = _ident(match.group(2))
        if value is None:
            return False
        return self._ident_update({f"{match.group(1)}_ident": value})

    def on_current_peer(self, match: re.Match[str], *_: object) -> bool | None:
        return self._ident_update({"current_peer": match.group(1), "current_peer_port": int(match.group(2))})

    def on_action(self, match: re.Match[str], *_: object) -> bool | None:
        return self._ident_update({"action": match.group(1), "flags": list(_items(match.group(2)))})

    def on_counters(self, match: re.Match[str], *_: object) -> bool | None:
        counters: dict[str, int] = {}
        if not _add_counters(counters, match.group(0)):
            return False
        return self._ident_update(counters)

    def on_endpoints(self, _match: re.Match[str], _lineno: int, line: str) -> bool | None:
        found = {f"{side}_crypto_endpt": addr for side, addr in _ENDPOINT.findall(line)}
        return self._ident_update(found)

    def on_pairs(self, match: re.Match[str], *_: object) -> bool | None:
        return self._ident_update(pairs(match.group(0)))

    def on_outbound_spi(self, match: re.Match[str], lineno: int, line: str) -> bool | None:
        spi = self._check_spi(match.group(1), match.group(2), lineno, line)
        return self._ident_update({"current_outbound_spi": spi})

    def on_section(self, match: re.Match[str], *_: object) -> bool | None:
        if self.ident is None:
            return False
        self.section = self.ident.setdefault(f"{match.group(1)}_{match.group(2)}_sas", [])
        self.sa = None
        return None

    def on_spi(self, match: re.Match[str], lineno: int, line: str) -> bool | None:
        if self.section is None:
            return False
        self.sa = {"spi": self._check_spi(match.group(1), match.group(2), lineno, line)}
        self.section.append(self.sa)
        return None

    def _sa_update(self, values: dict[str, Any]) -> bool | None:
        if self.sa is None:
            return False
        self.sa.update(values)
        return None

    def on_transform(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_update({"transform": list(_transforms(match.group(1)))})

    def on_settings(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_update({"in_use_settings": list(_items(match.group(1)))})

    def on_sa_pairs(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_update(pairs(match.group(0)))

    def on_timing(self, match: re.Match[str], *_: object) -> bool | None:
        values = _timing(match.group(1))
        if values is None:
            return False
        return self._sa_update(values)

    def on_rekey_disabled(self, *_: object) -> bool | None:
        return self._sa_update({"kilobyte_volume_rekey_disabled": True})

    def on_iv_size(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_update({"iv_size_bytes": int(match.group(1))})

    def on_replay(self, match: re.Match[str], *_: object) -> bool | None:
        values: dict[str, Any] = {"replay_detection_support": match.group(1) == "Y"}
        if match.group(2):
            values["replay_window_size"] = int(match.group(2))
        return self._sa_update(values)

    def on_status(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_update({"status": match.group(1)})

    def on_ident_record(self, match: re.Match[str], _lineno: int) -> bool | None:
        """``protected vrf:``, both idents, ``current_peer``, ``PERMIT, flags=`` (as the line handlers)."""
        local, remote = _ident(match["local"]), _ident(match["remote"])
        if local is None or remote is None:
            return False
        if not self.entries:
            self.entries.append({"interface": None, "crypto_map_tag": None, "local_addr": None, "idents": []})
        self.ident = {
            "protected_vrf": match["vrf"],
            "local_ident": local,
            "remote_ident": remote,
            "current_peer": match["peer"],
            "current_peer_port": int(match["port"]),
            "action": match["action"],
            "flags": list(_items(match["flags"])),
        }
        self.entries[-1]["idents"].append(self.ident)
        self.section = self.sa = None
        return None

    def on_counters_record(self, match: re.Match[str], _lineno: int) -> bool | None:
        """Consecutive ``#pkts`` lines (as on_counters, line by line)."""
        if self.ident is None:
            return False
        counters, self.counter_layout = _counter_block(match["counters"], self.counter_layout)
        if counters is None:
            return False
        self.ident.update(counters)
        return None

    def on_crypto_record(self, match: re.Match[str], _lineno: int) -> bool | None:
        """Endpoints, MTUs, ``current outbound spi:`` and ``PFS`` (as the line handlers)."""
        if self.ident is None or not _spi_matches(match["spi"], match["decimal"]):
            return False
        self.ident.update(
            {f"{side}_crypto_endpt": addr for side, addr in _ENDPOINT.findall(match["endpoints"])}
        )
        self.ident.update(_line_pairs(match["mtu"].rstrip()))
        self.ident["current_outbound_spi"] = match["spi"]
        self.ident.update(_line_pairs(match["pfs"].rstrip()))
        return None

    def on_sa_record(self, match: re.Match[str], _lineno: int) -> bool | None:
        """One SA from ``spi:`` to ``Status:`` (as the line handlers)."""
        sa = _sa_values(match)
        if self.section is None or sa is None:
            return False
        self.sa = sa
        self.section.append(sa)
        return None

    def on_section_record(self, match: re.Match[str], _lineno: int) -> bool | None:
        """Section headers (``inbound esp sas:``) with the blank lines after them, the last one with its
        first SA where it has one (as on_section for each, then on_sa_record)."""
        sa = None if match["spi"] is None else _sa_values(match)
        if self.ident is None or (sa is None and match["spi"] is not None):
            return False
        ident = self.ident
        for direction, protocol in _SECTION_HEADER.findall(match["headers"]):
            self.section = ident.setdefault(f"{direction}_{protocol}_sas", [])
        self.sa = sa
        if sa is not None and self.section is not None:
            self.section.append(sa)
        return None


@lru_cache(maxsize=256)
def _transforms(text: str) -> tuple[str, ...]:
    """The transforms of a ``transform:`` value (``esp-gcm 256`` stays one), read once per distinct text."""
    return tuple(join_numbers(text.replace(",", " ").split()))


@lru_cache(maxsize=256)
def _items(text: str) -> tuple[str, ...]:
    """``split_items(text)``, read once per distinct text: flags and settings repeat from SA to SA."""
    return tuple(split_items(text))


@lru_cache(maxsize=256)
def _line_pairs(line: str) -> tuple[tuple[str, Any], ...]:
    """``pairs(line)`` as immutable items, read once per distinct line: the MTU and PFS lines of an
    interface's idents are usually the same text."""
    return tuple(pairs(line).items())


def _spi_matches(spi: str, decimal: str | None) -> bool:
    """Whether the decimal SPI IOS prints in brackets (if any) is the hex one (else the line rules warn)."""
    return decimal is None or int(decimal) == int(spi, 16)


def _sa_values(match: re.Match[str]) -> dict[str, Any] | None:
    """The SA a record matched (_SA_BODY), or None where the line rules would warn about a line of it."""
    spi = match["spi"]
    if match["kb"] is not None:
        timing: dict[str, Any] | None = {
            "remaining_key_lifetime_kb": int(match["kb"]),
            "remaining_key_lifetime_sec": int(match["sec"]),
        }
    else:
        timing = _timing(match["timing"])
    if timing is None or not _spi_matches(spi, match["decimal"]):
        return None
    sa = {
        "spi": spi,
        "transform": list(_transforms(match["transform"])),
        "in_use_settings": list(_items(match["settings"])),
        **pairs(match["conn"].rstrip()),
        **timing,
    }
    if match["rekey_disabled"]:
        sa["kilobyte_volume_rekey_disabled"] = True
    sa["iv_size_bytes"] = int(match["iv"])
    sa["replay_detection_support"] = match["replay"] == "Y"
    if match["window"]:
        sa["replay_window_size"] = int(match["window"])
    sa["status"] = match["status"]
    return sa


def _add_counters(counters: dict[str, int], line: str) -> bool:
    """Add the ``#pkts <label>[:] <n>`` items of ``line`` to ``counters``; False if one is not such an item."""
    found: dict[str, int] = {}
    for item in line.split(","):
        item = item.strip()
        head, _space, number = item.rpartition(" ")
        key = _counter_key(head) if number.isdecimal() else None
        if key is not None:
            found[key] = int(number)
            continue
        counter = _COUNTER.fullmatch(item)
        if counter is None:
            return False
        found[snake_case(counter.group(1))] = int(counter.group(2))
    counters.update(found)
    return True


CounterLayout = tuple[re.Pattern[str], tuple[str, ...]]  # a counters block layout's regex and keys


def _counter_block(block: str, last: CounterLayout) -> tuple[dict[str, int] | None, CounterLayout]:
    """The counters of consecutive ``#pkts`` lines (as _add_counters, line by line), or None if a line
    holds something else, and the layout to try first on the next block.  The keys depend only on the
    text around the numbers, so they are read once per layout and the numbers are converted in bulk; a
    block in the ``last`` block's layout is read by that layout's regex, which finds the same numbers as
    the split."""
    numbers = last[0].fullmatch(block)
    if numbers is not None:
        return dict(zip(last[1], map(int, numbers.groups()), strict=True)), last
    parts = _ITEM_NUMBER.split(block)
    if "\0" not in block:
        layout = _counter_layout(tuple(parts[0::2]))
        if layout is not None:
            return dict(zip(layout[1], map(int, parts[1::2]), strict=True)), layout
    counters: dict[str, int] = {}
    for line in block.splitlines():
        if line.strip() and not _add_counters(counters, line.rstrip()):
            return None, last
    return counters, last


# A space and the digits after it (a literal first character makes the split fast); _counter_layout
# accepts a block only where each of them is the number that ends an item.
_ITEM_NUMBER = re.compile(r" (\d+)")


@lru_cache(maxsize=256)
def _counter_layout(texts: tuple[str, ...]) -> CounterLayout | None:
    """The regex and keys, in order, of a counters block whose texts around its item numbers (the split's
    even parts) are ``texts``; None unless every item is ``<label> <number>`` whose label _add_counters
    reads the same way for any number.  The regex matches the blocks of that layout: the texts literally
    with ``" (\\d+)"`` between them, so a text never starts with a digit and the split cuts at the same places."""
    keys: list[str] = []
    for line in " \0".join(texts).splitlines():
        for item in line.rstrip().split(",") if line.strip() else ():
            head, _space, number = item.strip().rpartition(" ")
            key = _counter_key(head) if number == "\0" and "\0" not in head else None
            if key is None:
                return None
            keys.append(key)
    return re.compile(r" (\d+)".join(map(re.escape, texts))), tuple(keys)


# the layout tried first on a parse's first block: none matches it (the text around numbers is never a NUL)
NO_LAYOUT: CounterLayout = (re.compile("\0"), ())


@lru_cache(maxsize=1024)
def _counter_key(head: str) -> str | None:
    """The key of the item ``<head> <digits>``: the label depends on ``head`` only, so it is read once."""
    counter = _COUNTER.fullmatch(f"{head} 0")
    return None if counter is None else snake_case(counter.group(1))


def _ident(text: str) -> dict[str, Any] | None:
    parts = text.rsplit("/", 3)
    if len(parts) != 4:
        return None
    addr, mask, prot, port = parts
    return {
        "addr": addr,
        "mask": mask,
        "prot": int(prot) if prot.isdigit() else prot,
        "port": int(port) if port.isdigit() else port,
    }


def _timing(text: str) -> dict[str, Any] | None:
    rest = text.strip()
    kb_sec, sec = _KB_SEC.fullmatch(rest), _SEC.fullmatch(rest)
    if kb_sec:
        return {"remaining_key_lifetime_kb": int(kb_sec[1]), "remaining_key_lifetime_sec": int(kb_sec[2])}
    if sec:
        return {"remaining_key_lifetime_sec": int(sec[1])}
    values = typed_fields("remaining key lifetime", rest)
    return values if "remaining_key_lifetime_seconds" in values else None


# Records: the usual layouts of an ident's head, its counters, its crypto lines and one SA, each matched
# at once.  Every line of a record is one the line rules below give to the handler the record stands
# for (no earlier rule can match it); "[ \t]" where the rules say "\s" and values that start and end
# with a non-space keep a record to lines whose values the rules read the same way.  Runs of blanks are
# possessive ("*+", "++"): what follows them never starts with a space or tab, so giving one back could not
# help a match, and the regex engine keeps no backtracking point for them.
_VALUE = r"\S(?:[^\n]*\S)?"
_END = r"[ \t]*+\n(?:[ \t]*+\n)*+"  # the line rules skip blank lines too
_IDENT = r"[ \t]*+{0}[ \t]++ident \(addr/mask/prot/port\):[ \t]*+\((?P<{0}>[^\n]*)\)" + _END
_SA_BODY = (
    rf"[ \t]*+spi:[ \t]*+(?P<spi>0x[0-9A-Fa-f]+)(?:\((?P<decimal>\d+)\))?{_END}"
    rf"[ \t]*+transform:[ \t]*+(?P<transform>[^\n]*)\n(?:[ \t]*+\n)*+"
    rf"[ \t]*+in use settings[ \t]*+=[ \t]*+\{{(?P<settings>[^\n]*)\}}{_END}"
    rf"(?P<conn>[ \t]*+conn id:[^\n]*\S)[ \t]*+\n(?:[ \t]*+\n)*+"
    rf"[ \t]*+sa timing:[ \t]*+remaining key lifetime"  # the usual (k/sec) pair as _timing reads it, or any text
    rf"(?:[ \t]*+\(k/sec\):[ \t]*+\((?P<kb>\d+)/(?P<sec>\d+)\)[ \t]*+|(?P<timing>[^\n]*))\n(?:[ \t]*+\n)*+"
    rf"(?P<rekey_disabled>[ \t]*+Kilobyte Volume Rekey has been disabled{_END})?"
    rf"[ \t]*+IV size:[ \t]*+(?P<iv>\d+) bytes{_END}"
    rf"[ \t]*+replay detection support:[ \t]*+(?P<replay>[YN])"
    rf"(?:[ \t]++replay window size:[ \t]*+(?P<window>\d+))?{_END}"
    rf"[ \t]*+Status:[ \t]*+(?P<status>{_VALUE}){_END}"
)
_IDENT_HEAD = (
    rf"[ \t]*+protected vrf:[ \t]*+(?P<vrf>(?:{_VALUE})?){_END}"
    + _IDENT.format("local")
    + _IDENT.format("remote")
    + rf"[ \t]*+current_peer[ \t]++(?P<peer>\S+)[ \t]++port[ \t]++(?P<port>\d+){_END}"
    + rf"[ \t]*+(?P<action>PERMIT|DENY),[ \t]*+flags=\{{(?P<flags>[^\n]*)\}}{_END}"
)
_COUNTERS = rf"(?P<counters>[ \t]*+#[^\n]*{_END}(?:[ \t]*+#[^\n]*{_END})*+)"
_CRYPTO = (
    rf"(?P<endpoints>[ \t]*+local crypto endpt\.:[^\n]*)\n(?:[ \t]*+\n)*+"
    rf"(?P<mtu>[ \t]*+plaintext mtu[ \t]++\d[^\n]*\S)[ \t]*+\n(?:[ \t]*+\n)*+"
    rf"[ \t]*+current outbound spi:[ \t]*+(?P<spi>0x[0-9A-Fa-f]+)(?:\((?P<decimal>\d+)\))?{_END}"
    rf"(?P<pfs>[ \t]*+PFS \(Y/N\):[^\n]*\S)[ \t]*+\n(?:[ \t]*+\n)*+"
)
_SECTION_HEADER = re.compile(r"[ \t]*+(inbound|outbound) (esp|ah|pcp) sas:")
_HEADER = r"[ \t]*+(?:inbound|outbound) (?:esp|ah|pcp) sas:" + _END
# one or more section headers (usually the empty ah and pcp sections, then the next esp section), the last with
# its first SA where it has one
_SECTION = rf"(?P<headers>{_HEADER}(?:{_HEADER})*+)(?:{_SA_BODY})?"
_SA_RECORDS = (
    record(_IDENT_HEAD, "on_ident_record"),
    record(_COUNTERS, "on_counters_record"),
    record(_CRYPTO, "on_crypto_record"),
    record(_SA_BODY, "on_sa_record"),
    record(_SECTION, "on_section_record"),
)

_SA_RULES = compile_rules(
    (r"\s*interface:\s*(\S+)\s*$", "on_interface"),
    (r"\s*Crypto map tag:\s*([^,]+),\s*local addr\s+(\S+)\s*$", "on_map_tag"),
    (r"\s*IPsecv6 policy name:\s*(\S+)\s*$", "on_policy_name"),
    (r"\s*protected vrf:\s*(.*?)\s*$", "on_protected_vrf"),
    (r"\s*(local|remote)\s+ident \(addr/mask/prot/port\):\s*\((.*)\)\s*$", "on_ident"),
    (r"\s*current_peer\s+(\S+)\s+port\s+(\d+)\s*$", "on_current_peer"),
    (r"\s*(PERMIT|DENY),\s*flags=\{(.*)\}\s*$", "on_action"),
    (r"\s*#.*\S", "on_counters"),
    (r"\s*(?:local|remote) crypto endpt\.:", "on_endpoints"),
    (r"\s*(?:plaintext mtu|path mtu)\s+\d.*\S", "on_pairs"),
    (r"\s*current outbound spi:\s*(0x[0-9A-Fa-f]+)(?:\((\d+)\))?\s*$", "on_outbound_spi"),
    (r"\s*PFS \(Y/N\):.*\S", "on_pairs"),
    (r"\s*(inbound|outbound) (esp|ah|pcp) sas:\s*$", "on_section"),
    (r"\s*spi:\s*(0x[0-9A-Fa-f]+)(?:\((\d+)\))?\s*$", "on_spi"),
    (r"\s*transform:\s*(.*?)\s*$", "on_transform"),
    (r"\s*in use settings\s*=\s*\{(.*)\}\s*$", "on_settings"),
    (r"\s*conn id:.*\S", "on_sa_pairs"),
    (r"\s*sa timing:\s*remaining key lifetime(.*)$", "on_timing"),
    (r"\s*Kilobyte Volume Rekey has been disabled\s*$", "on_rekey_disabled"),
    (r"\s*IV size:\s*(\d+) bytes\s*$", "on_iv_size"),
    (r"\s*replay detection support:\s*([YN])(?:\s+replay window size:\s*(\d+))?\s*$", "on_replay"),
    (r"\s*Status:\s*(\S.*?)\s*$", "on_status"),
    records=_SA_RECORDS,
)


def parse_ipsec_sa(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _IpsecSaState(log)
    run_rules(text, _SA_RULES, state, log)
    for entry in state.entries:
        for ident in entry["idents"]:
            for name in SA_SECTIONS:
                ident.setdefault(name, [])
    return ParseResult({"ipsec_sa": state.entries}, log.warnings)


class _CountState:
    def __init__(self) -> None:
        self.counts: dict[str, Any] = {}

    def on_counts(self, match: re.Match[str], *_: object) -> None:
        self.counts.update(pairs(match.group(0)))


_COUNT_RULES = compile_rules((r"\s*IPsec SA total:\s*\d+(?:,\s*[a-z ]+:\s*\d+)*\s*$", "on_counts"))


def parse_ipsec_sa_count(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _CountState()
    run_rules(text, _COUNT_RULES, state, log)
    return ParseResult({"ipsec_sa_count": state.counts}, log.warnings)

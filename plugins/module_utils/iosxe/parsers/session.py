# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parser for ``show crypto session [detail]`` (also ``remote X``, ``local X``, ``interface X``,
``ivrf X``, ``fvrf X`` variants).

-> ``{"sessions": [SESSION, ...]}``, one SESSION per ``Interface:``/``Peer:`` block::

    {"interface", ["profile"], ["uptime", "uptime_seconds"], "session_status", ["username", "group",
     "assigned_address"], "peer", "peer_port", ["fvrf", "ivrf", "phase1_id", "desc", "system_ip",
     "system_ip_interface"],
     "ike_sas": [{["session_id"], "version": "IKEv1"|"IKEv2"|"IKE", "local", "local_port", "remote",
                  "remote_port", "status", ["capabilities", "connid", "lifetime", "lifetime_seconds"]}],
     "ipsec_flows": [{"flow": "permit 47 host 10.1.1.4 host 10.1.1.3", "active_sas", "origin",
                      ["inbound": {"pkts_deced", "drop", "life_kb", "life_sec", "kb_vol_rekey_disabled"},
                       "outbound": {"pkts_enced", ...}]}]}

Keys in brackets appear only when printed (``detail`` prints more).  ``life_kb`` is None when IOS
prints ``KB Vol Rekey Disabled`` (then ``kb_vol_rekey_disabled`` is True).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .common import (
    LEGEND,
    Log,
    ParseResult,
    compile_rules,
    duration_seconds,
    label_key,
    put_typed,
    record,
    run_rules,
    snake_case,
    stays_text,
    typed_fields,
)

_INTERFACE_LEVEL = ("interface", "profile")
_ALWAYS_SCALARS = ("session_status", "peer", "peer_port")  # None when not printed
_ALWAYS_LISTS = ("ike_sas", "ipsec_flows")


class _SessionState:
    def __init__(self) -> None:
        self.sessions: list[dict[str, Any]] = []
        self.session: dict[str, Any] | None = None
        self.ike_sa: dict[str, Any] | None = None
        self.flow: dict[str, Any] | None = None

    def _new_session(self, session: dict[str, Any]) -> dict[str, Any]:
        """Start ``session`` (a new dict holding the interface-level fields it inherits)."""
        self.session = session
        self.sessions.append(session)
        self.ike_sa = self.flow = None
        return self.session

    def ignore(self, *_: object) -> None:
        return None

    def on_interface(self, match: re.Match[str], *_: object) -> None:
        self._new_session({"interface": match.group(1)})

    def on_field(self, match: re.Match[str], *_: object) -> None:
        session = self.session if self.session is not None else self._new_session({"interface": None})
        session.update(typed_fields(match.group(1), match.group(2)))

    def on_peer(self, match: re.Match[str], *_: object) -> None:
        session = self.session
        if session is None or session.get("peer") is not None:
            previous = session or {}
            session = self._new_session({key: previous[key] for key in _INTERFACE_LEVEL if key in previous})
        session.update(peer=match.group(1), peer_port=int(match.group(2)))
        if match.group(3) is not None:
            session.update(fvrf=match.group(3), ivrf=match.group(4))

    def on_system_ip(self, match: re.Match[str], *_: object) -> bool | None:
        if self.session is None:
            return False
        self.session["system_ip"] = match.group(1)
        if match.group(2):
            self.session["system_ip_interface"] = match.group(2)
        return None

    def on_session_id(self, match: re.Match[str], *_: object) -> bool | None:
        if self.session is None:
            return False
        self.ike_sa = {"session_id": int(match.group(1))}
        self.session.setdefault("ike_sas", []).append(self.ike_sa)
        return None

    def on_ike_sa(self, match: re.Match[str], *_: object) -> bool | None:
        if self.session is None:
            return False
        if self.ike_sa is None or "version" in self.ike_sa:
            self.ike_sa = {}
            self.session.setdefault("ike_sas", []).append(self.ike_sa)
        self.ike_sa.update(version=match.group(1), local=match.group(2), local_port=int(match.group(3)))
        if match.group(4) is not None:
            self.ike_sa.update(remote=match.group(4), remote_port=int(match.group(5)), status=match.group(6))
        return None

    def on_ike_remote(self, match: re.Match[str], *_: object) -> bool | None:
        if self.ike_sa is None or "remote" in self.ike_sa or "local" not in self.ike_sa:
            return False
        self.ike_sa.update(remote=match.group(1), remote_port=int(match.group(2)), status=match.group(3))
        return None

    def on_capabilities(self, match: re.Match[str], *_: object) -> bool | None:
        if self.ike_sa is None:
            return False
        lifetime = match.group(3)
        self.ike_sa.update(
            capabilities=match.group(1),
            connid=int(match.group(2)),
            lifetime=lifetime,
            lifetime_seconds=duration_seconds(lifetime),
        )
        return None

    def on_flow(self, match: re.Match[str], *_: object) -> bool | None:
        if self.session is None:
            return False
        self.flow = {"flow": " ".join(match.group(1).split())}
        self.session.setdefault("ipsec_flows", []).append(self.flow)
        return None

    def on_active_sas(self, match: re.Match[str], *_: object) -> bool | None:
        if self.flow is None:
            return False
        self.flow.update(active_sas=int(match.group(1)), origin=match.group(2))
        return None

    def on_head_record(self, match: re.Match[str], _lineno: int) -> None:
        """``Interface:``, its fields, ``Peer:`` and its fields (lines of on_interface, on_field, on_peer)."""
        session = self._new_session({"interface": match["interface"]})
        before, peer, port, fvrf, ivrf, after = match.group("before", "peer", "port", "fvrf", "ivrf", "after")
        if before:
            _put_fields(session, before)
        session["peer"] = peer
        session["peer_port"] = int(port)
        if fvrf is not None:
            session["fvrf"] = fvrf
            session["ivrf"] = ivrf
        if after:
            _put_fields(session, after)

    def on_session_record(self, match: re.Match[str], lineno: int) -> None:
        """A session with its IKE SAs and one flow: the three records below in one match (after the head,
        neither of the others can refuse)."""
        self.on_head_record(match, lineno)
        self.on_ike_record(match, lineno)
        if match["more_ike"]:  # the session's further IKE SAs, each as the on_ike_record records read it
            for ike_sa in _MORE_IKE.finditer(match["more_ike"]):
                self.on_ike_record(ike_sa, lineno)
        self.on_flow_record(match, lineno)

    def on_ike_record(self, match: re.Match[str], _lineno: int) -> bool | None:
        """[``Session ID:``], ``IKE SA:`` with its remote end, ``Capabilities:`` (as the line handlers)."""
        session_id = match["session_id"] if "session_id" in match.re.groupindex else None
        if self.session is None or (
            session_id is None and self.ike_sa is not None and "version" not in self.ike_sa
        ):
            return False
        version, local, local_port, remote, remote_port, status, capabilities, connid, lifetime = match.group(
            "version", "local", "local_port", "remote", "remote_port", "status", "capabilities", "connid", "lifetime"
        )
        ike_sa: dict[str, Any] = {} if session_id is None else {"session_id": int(session_id)}
        ike_sa |= {
            "version": version,
            "local": local,
            "local_port": int(local_port),
            "remote": remote,
            "remote_port": int(remote_port),
            "status": status,
            "capabilities": capabilities,
            "connid": int(connid),
            "lifetime": lifetime,
            "lifetime_seconds": duration_seconds(lifetime),
        }
        self.ike_sa = ike_sa
        self.session.setdefault("ike_sas", []).append(ike_sa)
        return None

    def on_flow_record(self, match: re.Match[str], _lineno: int) -> bool | None:
        """``IPSEC FLOW:``, ``Active SAs:``, ``Inbound:`` and ``Outbound:`` (as the line handlers)."""
        if self.session is None:
            return False
        flow, active_sas, origin, in_pkts, in_drop, in_kb, in_sec, out_pkts, out_drop, out_kb, out_sec = match.group(
            "flow", "active_sas", "origin", "in_pkts", "in_drop", "in_kb", "in_sec", "out_pkts", "out_drop", "out_kb",
            "out_sec",
        )
        self.flow = {
            "flow": " ".join(flow.split()),
            "active_sas": int(active_sas),
            "origin": origin,
            "inbound": _traffic("pkts_deced", in_pkts, in_drop, in_kb, in_sec),
            "outbound": _traffic("pkts_enced", out_pkts, out_drop, out_kb, out_sec),
        }
        self.session.setdefault("ipsec_flows", []).append(self.flow)
        return None

    def on_traffic(self, match: re.Match[str], *_: object) -> bool | None:
        if self.flow is None:
            return False
        self.flow[match.group(1).lower()] = _traffic(
            snake_case(match.group(2)), match.group(3), match.group(4), match.group(5), match.group(6)
        )
        return None


def _put_fields(session: dict[str, Any], text: str) -> None:
    """The ``label: value`` lines of a record's _FIELDS (as on_field reads them: a label has no colon and
    both are stripped; blank lines have no colon)."""
    for line in text.splitlines():
        label, colon, value = line.partition(":")
        if colon:
            key, yes_no = label_key(label.strip())
            value = value.strip()
            if not yes_no and stays_text(value):
                session[key] = value  # as put_typed stores it
            else:
                put_typed(session, label.strip(), value)


def _traffic(counter: str, packets: str, drop: str, life_kb: str, life_sec: str) -> dict[str, Any]:
    return {
        counter: int(packets),
        "drop": int(drop),
        "life_kb": int(life_kb) if life_kb.isdigit() else None,
        "life_sec": int(life_sec),
        "kb_vol_rekey_disabled": life_kb == "KB Vol Rekey Disabled",
    }


# Records: the usual layouts of a session's head, an IKE SA and an IPsec flow, each matched at once.
# Every line of a record is one that the line rules below give to the handler the record stands for
# (none of them can match an earlier rule); "[ \t]" where the rules say "\s" and values that start
# and end with a non-space keep a record to lines whose values the rules read the same way.  Runs of blanks
# are possessive ("*+", "++"): what follows them never starts with a space or tab, so giving one back could
# not help a match, and the regex engine keeps no backtracking point for them.
_FIELD_LABELS = r"(?:Profile|Uptime|Session status|Username|Group|Assigned address|Phase1_id|Desc)"
_FIELDS = rf"(?:[ \t]*+{_FIELD_LABELS}:[^\n]*\n(?:[ \t]*+\n)*+)*+"  # no field line is a Peer, Session or IKE line
_VALUE = r"\S(?:[^\n]*\S)?"
_TRAFFIC = (
    r"[ \t]++(?P<{0}_pkts>\d+)[ \t]++drop[ \t]++(?P<{0}_drop>\d+)[ \t]++life \(KB/Sec\)[ \t]++"
    r"(?P<{0}_kb>\d+|KB Vol Rekey Disabled)/(?P<{0}_sec>\d+)[ \t]*+\n(?:[ \t]*+\n)*+"
)
_IKE_SA = (
    r"[ \t]*+(?P<version>IKE(?:v\d)?) SA:[ \t]*+local[ \t]++(?P<local>\S+)/(?P<local_port>\d+)"
    r"[ \t]++remote[ \t]++(?P<remote>\S+)/(?P<remote_port>\d+)[ \t]++(?P<status>\S+)[ \t]*+\n(?:[ \t]*+\n)*+"
    r"[ \t]*+Capabilities:[ \t]*+(?P<capabilities>\S+)[ \t]++connid:[ \t]*+(?P<connid>\d+)"
    r"[ \t]++lifetime:[ \t]*+(?P<lifetime>\S+)[ \t]*+\n(?:[ \t]*+\n)*+"
)
_HEAD = (
    rf"[ \t]*+Interface:[ \t]*+(?P<interface>\S+)[ \t]*+\n(?:[ \t]*+\n)*+(?P<before>{_FIELDS})"
    r"[ \t]*+Peer:[ \t]*+(?P<peer>\S+)[ \t]++port[ \t]++(?P<port>\d+)"
    r"(?:[ \t]++fvrf:[ \t]*+(?P<fvrf>\S+)[ \t]++ivrf:[ \t]*+(?P<ivrf>\S+))?[ \t]*+\n(?:[ \t]*+\n)*+"
    rf"(?P<after>{_FIELDS})"
)
_SESSION_ID = r"[ \t]*+Session ID:[ \t]*+(?P<session_id>\d+)[ \t]*+\n(?:[ \t]*+\n)*+"
_FLOW = (
    rf"[ \t]*+IPSEC FLOW:[ \t]*+(?P<flow>[^\n]*)\n(?:[ \t]*+\n)*+"
    rf"[ \t]*+Active SAs:[ \t]*+(?P<active_sas>\d+),[ \t]*+origin:[ \t]*+(?P<origin>(?:{_VALUE})?)[ \t]*+\n"
    r"(?:[ \t]*+\n)*+"
    r"[ \t]*+Inbound:[ \t]*+#pkts dec'ed"
    + _TRAFFIC.format("in")
    + r"[ \t]*+Outbound:[ \t]*+#pkts enc'ed"
    + _TRAFFIC.format("out")
)
_MORE_IKE = re.compile(rf"(?:{_SESSION_ID})?{_IKE_SA}", re.MULTILINE)
_UNNAMED_MORE_IKE = re.sub(r"\(\?P<\w+>", "(?:", _MORE_IKE.pattern)  # the same, its groups unnamed to repeat
_RECORDS = (
    # the most usual: all in one
    record(rf"{_HEAD}(?:{_SESSION_ID})?{_IKE_SA}(?P<more_ike>(?:{_UNNAMED_MORE_IKE})*+){_FLOW}", "on_session_record"),
    record(_HEAD, "on_head_record"),
    record(_SESSION_ID + _IKE_SA, "on_ike_record"),
    record(_IKE_SA, "on_ike_record"),
    record(_FLOW, "on_flow_record"),
)

_RULES = compile_rules(
    (r"\s*Crypto session current status\s*$", "ignore"),
    (LEGEND, "ignore"),
    (r"\s*Interface:\s*(\S+)\s*$", "on_interface"),
    (r"\s*Peer:\s*(\S+)\s+port\s+(\d+)(?:\s+fvrf:\s*(\S+)\s+ivrf:\s*(\S+))?\s*$", "on_peer"),
    (r"\s*System IP:\s*(\S+)(?:\s+Interface:\s*(\S+))?\s*$", "on_system_ip"),
    (r"\s*Session ID:\s*(\d+)\s*$", "on_session_id"),
    (r"\s*(IKE(?:v\d)?) SA:\s*local\s+(\S+)/(\d+)(?:\s+remote\s+(\S+)/(\d+)\s+(\S+))?\s*$", "on_ike_sa"),
    (r"\s*remote\s+(\S+)/(\d+)\s+(\S+)\s*$", "on_ike_remote"),
    (r"\s*Capabilities:\s*(\S+)\s+connid:\s*(\d+)\s+lifetime:\s*(\S+)\s*$", "on_capabilities"),
    (r"\s*IPSEC FLOW:\s*(.*?)\s*$", "on_flow"),
    (r"\s*Active SAs:\s*(\d+),\s*origin:\s*(.*?)\s*$", "on_active_sas"),
    (
        (
            r"\s*(Inbound|Outbound):\s*#(pkts (?:dec|enc)'ed)\s+(\d+)\s+drop\s+(\d+)\s+life \(KB/Sec\)\s+"
            r"(\d+|KB Vol Rekey Disabled)/(\d+)\s*$"
        ),
        "on_traffic",
    ),
    (
        r"\s*(Profile|Uptime|Session status|Username|Group|Assigned address|Phase1_id|Desc):\s*(.*?)\s*$",
        "on_field",
    ),
    records=_RECORDS,
)


def parse_session(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _SessionState()
    run_rules(text, _RULES, state, log)
    for item in state.sessions:
        for key in _ALWAYS_SCALARS:
            if key not in item:
                item[key] = None
        for key in _ALWAYS_LISTS:
            if key not in item:
                item[key] = []
    return ParseResult({"sessions": state.sessions}, log.warnings)

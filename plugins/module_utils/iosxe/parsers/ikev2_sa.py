# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsers for ``show crypto ikev2 sa [detail]`` and ``show crypto ikev2 session [detail]``.

* ``show crypto ikev2 sa [detail]`` -> ``{"ikev2_sa": [SA, ...]}``
* ``show crypto ikev2 session [detail]`` -> ``{"ikev2_session": [{session_id, status, ike_count,
  child_count, address_family, tunnels: [SA, ...], children: [CHILD, ...]}]}``

SA (keys fixed for the roles; the algorithm line's labels are shortened: ``Encr`` -> ``encryption``,
``DH Grp`` -> ``dh_group``, ``Life/Active Time`` -> ``lifetime``/``active_time``)::

    {"address_family": "IPv4"|"IPv6", "tunnel_id": int, "local": str, "local_port": int, "remote": str,
     "remote_port": int, "fvrf": str, "ivrf": str, "status": "READY"|"IN-NEG"|"DELETE"|...,
     "encryption": "AES-CBC", "keysize": int|None, "prf": str|None, "hash": str, "dh_group": int,
     "auth_sign": "PSK", "auth_verify": "PSK", "lifetime": int, "active_time": int}

plus, where printed (``detail``, and newer releases in the brief form too): ``ce_id``, ``session_id``,
``pqc_key_exchange``, ``status_description``, ``local_spi``, ``remote_spi``, ``local_id``,
``remote_id``, ``local_req_msg_id``, ``remote_req_msg_id``, ``local_next_msg_id``,
``remote_next_msg_id``, ``local_req_queued``, ``remote_req_queued``, ``local_window``,
``remote_window``, ``dpd_interval``, ``dpd_retry`` (both None for ``DPD disabled``),
``fragmentation``, ``dynamic_route_update``, ``extended_authentication``, ``nat_t``, ``cts_sgt``
(the printed state words, e.g. ``"not configured"``, ``"detected outside"``), ``initiator`` (bool),
``pushed_ip_address``, ``remote_subnets`` (``["10.0.0.0 255.0.0.0", ...]``), ``peer_type``.
``prf`` is None on releases that print no PRF; ``keysize`` is None where no key size is printed; every key of
:data:`SA_KEYS` is present (None where its line was not printed). An IN-NEG SA keeps IOS's words
(``Encr: Unknown - 0`` -> ``"Unknown - 0"``, ``dh_group`` 0).
``fvrf``/``ivrf`` are the printed words (``none``, or a name IOS may cut to fit the column).

CHILD::

    {"local_selectors": ["0.0.0.0/0 - 255.255.255.255/65535", ...], "remote_selectors": [...],
     "esp_spi_in": "0x1A2B3C4D", "esp_spi_out": "0x...",
     ["ah_spi_in", "ah_spi_out", "cpi_in", "cpi_out", "encryption", "keysize", "esp_hmac", "ah_hmac",
      "comp", "mode"]}  (detail)

Both child layouts are read: ``Child sa: local selector A`` / ``remote selector B`` lines, and the
newer ``Child sa:`` / ``local selector -> remote_selector`` header with ``A -> B`` rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .common import Log, ParseResult, compile_rules, run_rules

_ADDR_PORT = r"(\S+)/(\d+)"
_ALGORITHMS = re.compile(
    r"\s*Encr:\s*(?P<encryption>[^,]+?)\s*,(?:\s*keysize:\s*(?P<keysize>\d+)\s*,)?"
    r"(?:\s*PRF:\s*(?P<prf>[^,]+?)\s*,)?\s*Hash:\s*(?P<hash>[^,]+?)\s*,\s*DH Grp:\s*(?P<dh_group>\d+)\s*,"
    r"\s*Auth sign:\s*(?P<auth_sign>[^,]+?)\s*,\s*Auth verify:\s*(?P<auth_verify>[^,]+?)\s*$"
)
# Keys every SA has (None where its line was not printed, e.g. in a truncated output).
SA_KEYS = (
    "tunnel_id", "local", "local_port", "remote", "remote_port", "fvrf", "ivrf", "status", "encryption",
    "keysize", "prf", "hash", "dh_group", "auth_sign", "auth_verify", "lifetime", "active_time",
)  # fmt: skip
# Two-column detail lines: "Local req msg id:  2     Remote req msg id:  0"
_PAIRED = ("req msg id", "next msg id", "req queued", "window")
# "Label <state words>." lines of the detail block -> key
_STATE_LINES = {
    "Fragmentation": "fragmentation",
    "Extended Authentication": "extended_authentication",
}


def _words(text: str) -> str:
    return " ".join(text.split()).rstrip(".")


class _Ikev2State:
    def __init__(self, sessions: bool) -> None:
        self.with_sessions = sessions
        self.family = "IPv4"
        self.sas: list[dict[str, Any]] = []
        self.sessions: list[dict[str, Any]] = []
        self.session: dict[str, Any] | None = None
        self.sa: dict[str, Any] | None = None
        self.child: dict[str, Any] | None = None
        self.in_subnets = False
        self.in_child_pairs = False

    # ------------------------------------------------------------------ structure
    def on_family(self, match: re.Match[str], *_: object) -> None:
        self.family = match.group(1)
        self.session = self.sa = self.child = None
        self.in_subnets = self.in_child_pairs = False

    def ignore(self, *_: object) -> None:
        return None

    def on_session(self, match: re.Match[str], *_: object) -> bool | None:
        if not self.with_sessions:
            return False
        self.session = {
            "session_id": int(match["id"]),
            "status": match["status"],
            "ike_count": int(match["ike"]),
            "child_count": int(match["child"]),
            "address_family": self.family,
            "tunnels": [],
            "children": [],
        }
        self.sessions.append(self.session)
        self.sa = self.child = None
        self.in_subnets = self.in_child_pairs = False
        return None

    def _new_sa(self, tunnel_id: str) -> dict[str, Any] | None:
        if self.with_sessions and self.session is None:
            return None
        sa: dict[str, Any] = {"address_family": self.family, "tunnel_id": int(tunnel_id)}
        self.sa, self.child = sa, None
        self.in_subnets = self.in_child_pairs = False
        if self.session is not None:
            self.session["tunnels"].append(sa)
        else:
            self.sas.append(sa)
        return sa

    def on_row(self, match: re.Match[str], *_: object) -> bool | None:
        sa = self._new_sa(match["id"])
        if sa is None:
            return False
        sa.update(local=match["local"], local_port=int(match["lport"]))
        sa.update(remote=match["remote"], remote_port=int(match["rport"]))
        sa.update(fvrf=match["fvrf"], ivrf=match["ivrf"], status=match["status"])
        return None

    def on_short_row(self, match: re.Match[str], *_: object) -> bool | None:
        """Newer IPv6 layout: ``1  none/none  READY``; ``Local``/``Remote`` follow on their own lines."""
        sa = self._new_sa(match["id"])
        if sa is None:
            return False
        sa.update(local=None, local_port=None, remote=None, remote_port=None)
        sa.update(fvrf=match["fvrf"], ivrf=match["ivrf"], status=match["status"])
        return None

    def on_endpoint(self, match: re.Match[str], *_: object) -> bool | None:
        side = match.group(1).lower()
        if self.sa is None or self.sa.get(side) is not None:
            return False
        self.sa.update({side: match.group(2), f"{side}_port": int(match.group(3))})
        return None

    # ------------------------------------------------------------------ SA lines
    def _sa_fields(self, **fields: Any) -> bool | None:
        if self.sa is None or self.child is not None:
            return False
        self.sa.update(fields)
        return None

    def on_algorithms(self, match: re.Match[str], *_: object) -> bool | None:
        keysize = match["keysize"]
        return self._sa_fields(
            encryption=match["encryption"],
            keysize=int(keysize) if keysize else None,
            prf=match["prf"],
            hash=match["hash"],
            dh_group=int(match["dh_group"]),
            auth_sign=match["auth_sign"],
            auth_verify=match["auth_verify"],
        )

    def on_life(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(lifetime=int(match.group(1)), active_time=int(match.group(2)))

    def on_pqc(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(pqc_key_exchange=match.group(1))

    def on_ce_id(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(ce_id=int(match.group(1)), session_id=int(match.group(2)))

    def on_status_description(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(status_description=match.group(1))

    def on_spis(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(local_spi=match.group(1), remote_spi=match.group(2))

    def on_identity(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(**{f"{match.group(1).lower()}_id": match.group(2)})

    def on_paired(self, match: re.Match[str], *_: object) -> bool | None:
        key = match.group(1).replace(" ", "_")
        return self._sa_fields(**{f"local_{key}": int(match.group(2)), f"remote_{key}": int(match.group(4))})

    def on_dpd(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(dpd_interval=int(match.group(1)), dpd_retry=int(match.group(2)))

    def on_dpd_disabled(self, *_: object) -> bool | None:
        return self._sa_fields(dpd_interval=None, dpd_retry=None)

    def on_state_line(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(**{_STATE_LINES[match.group(1)]: _words(match.group(2))})

    def on_route_update(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(dynamic_route_update=_words(match.group(1)))

    def on_nat_t(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(nat_t=_words(match.group(1)))

    def on_sgt(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(cts_sgt=_words(match.group(1)))

    def on_initiator(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(initiator=match.group(1).lower() == "yes")

    def on_pushed(self, match: re.Match[str], *_: object) -> bool | None:
        return self._sa_fields(pushed_ip_address=match.group(1))

    def on_subnets(self, *_: object) -> bool | None:
        refused = self._sa_fields(remote_subnets=[])
        self.in_subnets = refused is None
        return refused

    def on_subnet(self, match: re.Match[str], *_: object) -> bool | None:
        if not self.in_subnets or self.sa is None:
            return False
        self.sa["remote_subnets"].append(f"{match.group(1)} {match.group(2)}")
        return None

    def on_peer_type(self, match: re.Match[str], *_: object) -> bool | None:
        self.in_subnets = False
        return self._sa_fields(peer_type=match.group(1))

    # ------------------------------------------------------------------ child SAs
    def _new_child(self) -> dict[str, Any] | None:
        if self.session is None:
            return None
        self.child = {"local_selectors": [], "remote_selectors": []}
        self.session["children"].append(self.child)
        self.in_subnets = self.in_child_pairs = False
        return self.child

    def on_child(self, match: re.Match[str], *_: object) -> bool | None:
        child = self._new_child()
        if child is None:
            return False
        if match.group(1) is not None:
            child["local_selectors"].append(_words(match.group(1)))
        return None

    def on_selector(self, match: re.Match[str], *_: object) -> bool | None:
        if self.child is None or self.in_child_pairs:
            return False
        self.child[f"{match.group(1)}_selectors"].append(_words(match.group(2)))
        return None

    def on_selector_header(self, *_: object) -> bool | None:
        if self.child is None:
            return False
        self.in_child_pairs = True
        return None

    def on_selector_pair(self, match: re.Match[str], *_: object) -> bool | None:
        if self.child is None or not self.in_child_pairs:
            return False
        self.child["local_selectors"].append(_words(match.group(1)))
        self.child["remote_selectors"].append(_words(match.group(2)))
        return None

    def on_child_spis(self, match: re.Match[str], *_: object) -> bool | None:
        if self.child is None:
            return False
        kind = {"ESP spi": "esp_spi", "AH spi": "ah_spi", "CPI": "cpi"}[match.group(1)]
        self.child.update({f"{kind}_in": match.group(2), f"{kind}_out": match.group(3)})
        self.in_child_pairs = False
        return None

    def on_child_cipher(self, match: re.Match[str], *_: object) -> bool | None:
        if self.child is None:
            return False
        keysize = match.group(2)
        self.child.update(
            encryption=match.group(1), keysize=int(keysize) if keysize else None, esp_hmac=match.group(3)
        )
        return None

    def on_child_mode(self, match: re.Match[str], *_: object) -> bool | None:
        if self.child is None:
            return False
        self.child.update(ah_hmac=match.group(1), comp=match.group(2), mode=match.group(3))
        return None


_RULES = compile_rules(
    (r"\s*(IPv4|IPv6) Crypto IKEv2\s+(?:SA|Session)\s*$", "on_family"),
    (r"\s*Tunnel-id\s+(?:Local\s+Remote\s+)?fvrf/ivrf\s+Status(?:\s+Role)?\s*$", "ignore"),
    (
        r"\s*Session-id:\s*(?P<id>\d+),\s*Status:\s*(?P<status>[^,]+?),\s*IKE count:\s*(?P<ike>\d+),"
        r"\s*CHILD count:\s*(?P<child>\d+)\s*$",
        "on_session",
    ),
    (r"\s*(Local|Remote)\s+" + _ADDR_PORT + r"\s*$", "on_endpoint"),
    (
        r"\s*(?P<id>\d+)\s+(?P<local>\S+)/(?P<lport>\d+)\s+(?P<remote>\S+)/(?P<rport>\d+)\s+"
        r"(?P<fvrf>[^\s/]+)/(?P<ivrf>\S+)\s+(?P<status>[A-Z][A-Z-]*)\s*$",
        "on_row",
    ),
    (r"\s*(?P<id>\d+)\s+(?P<fvrf>[^\s/]+)/(?P<ivrf>\S+)\s+(?P<status>[A-Z][A-Z-]*)\s*$", "on_short_row"),
    (_ALGORITHMS.pattern, "on_algorithms"),
    (r"\s*PQC Key Exchange:\s*(\S+)\s*$", "on_pqc"),
    (r"\s*Life/Active Time:\s*(\d+)/(\d+) sec\s*$", "on_life"),
    (r"\s*CE id:\s*(\d+),\s*Session-id:\s*(\d+)\s*$", "on_ce_id"),
    (r"\s*Status Description:\s*(.*?)\s*$", "on_status_description"),
    (r"\s*Local spi:\s*([0-9A-Fa-f]+)\s+Remote spi:\s*([0-9A-Fa-f]+)\s*$", "on_spis"),
    (r"\s*(Local|Remote) id:\s*(\S+)\s*$", "on_identity"),
    (
        rf"\s*Local ({'|'.join(_PAIRED)}):\s*(\d+)\s+Remote ({'|'.join(_PAIRED)}):\s*(\d+)\s*$",
        "on_paired",
    ),
    (r"\s*DPD configured for (\d+) seconds, retry (\d+)\s*$", "on_dpd"),
    (r"\s*DPD disabled\s*$", "on_dpd_disabled"),
    (r"\s*(Fragmentation|Extended Authentication)\s+((?:not\s+)?configured)\.?\s*$", "on_state_line"),
    (r"\s*Dynamic Route Update:\s*(\S+)\s*$", "on_route_update"),
    (r"\s*NAT-T is\s+(.*?)\s*$", "on_nat_t"),
    (r"\s*Cisco Trust Security SGT is\s+(\S+)\s*$", "on_sgt"),
    (r"\s*Initiator of SA\s*:\s*(Yes|No)\s*$", "on_initiator"),
    (r"\s*Pushed IP address:\s*(\S+)\s*$", "on_pushed"),
    (r"\s*Remote subnets:\s*$", "on_subnets"),
    (r"\s*PEER TYPE:\s*(.*?)\s*$", "on_peer_type"),
    (r"\s*Child sa:(?:\s*local selector\s+(.+?))?\s*$", "on_child"),
    (r"\s*local selector\s+->\s+remote_selector\s*$", "on_selector_header"),
    (r"\s*(local|remote) selector\s+(.+?)\s*$", "on_selector"),
    (r"\s*(ESP spi|AH spi|CPI) in/out:\s*(0x[0-9A-Fa-f]+)/(0x[0-9A-Fa-f]+)\s*$", "on_child_spis"),
    (r"\s*Encr:\s*([^,]+?)\s*,\s*(?:keysize:\s*(\d+)\s*,\s*)?esp_hmac:\s*(\S+)\s*$", "on_child_cipher"),
    (r"\s*ah_hmac:\s*([^,]+?)\s*,\s*comp:\s*([^,]+?)\s*,\s*mode\s+(\S+)\s*$", "on_child_mode"),
    (r"\s*(\S+\s+-\s+\S+)\s+->\s+(\S+\s+-\s+\S+)\s*$", "on_selector_pair"),
    (r"\s*(\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]+:[0-9A-Fa-f:]*)\s+(\S+)\s*$", "on_subnet"),
)


def _complete(sa: dict[str, Any]) -> dict[str, Any]:
    """``sa`` with every key of :data:`SA_KEYS`, in that order first."""
    return {**{key: sa.get(key) for key in ("address_family", *SA_KEYS)}, **sa}


def parse_ikev2_sa(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _Ikev2State(sessions=False)
    run_rules(text, _RULES, state, log)
    return ParseResult({"ikev2_sa": [_complete(sa) for sa in state.sas]}, log.warnings)


def parse_ikev2_session(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _Ikev2State(sessions=True)
    run_rules(text, _RULES, state, log)
    for session in state.sessions:
        session["tunnels"] = [_complete(sa) for sa in session["tunnels"]]
    return ParseResult({"ikev2_session": state.sessions}, log.warnings)

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Why a site_to_site_vpn tunnel is down: the evidence both ends show, matched against the role's causes.

Evidence per end comes from the second attempt: ISAKMP SA states between the two ends, flow-MIB failure rows
newer than the baseline (the first attempt) that name the other end, and new CRYPTO syslog lines that name
it. The first cause (in the role's order) whose indicators are seen and whose required facts hold wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.ikev2_causes import (
    concerns,
    ikev2_cause,
)

Obj = Mapping[str, Any]
HostVars = Callable[[str, str], Any]  # (host, variable) -> value, None when the host lacks it
SEEN_SHOWN = 6  # evidence lines quoted in a message
INDICATORS = ("states", "isakmp_failures", "ipsec_failures", "logs", "ikev2", "facts")
CRYPTO_MESSAGE_RE = re.compile(r"^.*?(%CRYPTO|%IKEV2)")  # a syslog line is quoted from its tag on


@dataclass
class Evidence:
    initiator_states: list[str] = field(default_factory=list)
    responder_states: list[str] = field(default_factory=list)  # still negotiating (not QM_IDLE)
    isakmp_reasons: list[str] = field(default_factory=list)
    ipsec_reasons: list[str] = field(default_factory=list)
    logs: list[str] = field(default_factory=list)
    ikev2_causes: list[str] = field(default_factory=list)  # ikev2_causes ids reported by IKEv2 lines
    seen: list[str] = field(default_factory=list)
    responder_noise: int = 0  # failures and log lines at the responder


@dataclass(frozen=True)
class Causes:
    """The role's causes in order, the cause used when none matches, and failure reasons to ignore."""

    known: list[Obj]
    unknown: Obj
    ignored_reasons: Collection[str]


def diagnose(
    status: list[Obj], tunnels: list[Obj], host_var: HostVars, causes: Causes
) -> list[dict[str, Any]]:
    """The status list with `cause`, `title` and `message` added to every tunnel that is down."""
    result: list[dict[str, Any]] = []
    for tunnel_status in status:
        if tunnel_status["state"] != "down":
            result.append(dict(tunnel_status))
            continue
        tunnel = next(item for item in tunnels if item["name"] == tunnel_status["name"])
        evidence = gather(tunnel, host_var, causes.ignored_reasons)
        cause = match_cause(causes, evidence, true_facts(tunnel_status, tunnel, evidence, host_var))
        message = describe(tunnel_status, cause, evidence, host_var)
        result.append({**tunnel_status, "cause": cause["id"], "title": cause["title"], "message": message})
    return result


def gather(tunnel: Obj, host_var: HostVars, ignored: Collection[str]) -> Evidence:
    evidence = Evidence()
    ends = (
        ("initiator", tunnel["initiator"], tunnel["responder"]),
        ("responder", tunnel["responder"], tunnel["initiator"]),
    )
    for role, end, other in ends:
        host, peer = end["host"], other["address"]
        _isakmp_states(
            evidence,
            role,
            host,
            end["address"],
            peer,
            host_var(host, "__site_to_site_vpn_isakmp_states") or [],
        )
        now = (host_var(host, "__site_to_site_vpn_ipsec") or {}).get("flowmib") or {}
        before = (host_var(host, "__site_to_site_vpn_baseline") or {}).get("flowmib") or {}
        _failures(evidence, role, host, peer, now, before, ignored)
        _ikev2_states(evidence, role, host, peer, host_var(host, "__site_to_site_vpn_ipsec") or {})
        for line in host_var(host, "__site_to_site_vpn_new_logs") or []:
            cause = ikev2_cause(line)
            if peer in line or (cause and concerns(line, peer)):
                evidence.logs.append(line.lower())
                evidence.ikev2_causes += [cause] if cause else []
                quoted = CRYPTO_MESSAGE_RE.sub(r"\1", line)
                evidence.seen.append(f"{host}: {quoted}")
                evidence.responder_noise += role == "responder"
    return evidence


def _ikev2_states(evidence: Evidence, role: str, host: str, peer: str, ipsec: Obj) -> None:
    """IKEv2 SAs with the peer (ipsec_facts subset ikev2_sa): READY on the initiator means IKE_AUTH passed;
    one on the responder that is not READY shows that it hears the initiator."""
    for row in ipsec.get("ikev2_sa") or []:
        if row.get("remote") != peer:
            continue
        status = str(row.get("status", ""))
        evidence.seen.append(f"{host}: IKEv2 SA with {peer} in {status}")
        if role == "initiator":
            evidence.initiator_states.append(f"IKEV2_{status}")
        elif status != "READY":
            evidence.responder_states.append(f"IKEV2_{status}")


def _isakmp_states(
    evidence: Evidence, role: str, host: str, address: str, peer: str, rows: list[Obj]
) -> None:
    for row in rows:
        route = (row.get("src"), row.get("dst"))
        if row.get("deleted") or route not in ((address, peer), (peer, address)):
            continue
        evidence.seen.append(f"{host}: ISAKMP SA with {peer} in {row['state']}")
        if role == "initiator":
            evidence.initiator_states.append(row["state"])
        elif row["state"] != "QM_IDLE":
            # A responder SA in QM_IDLE can be left from before the fault; only one still negotiating
            # shows that the responder hears the initiator now.
            evidence.responder_states.append(row["state"])


def _failures(
    evidence: Evidence, role: str, host: str, peer: str, now: Obj, before: Obj, ignored: Collection[str]
) -> None:
    for proto, label, reasons in (
        ("isakmp", "IKE", evidence.isakmp_reasons),
        ("ipsec", "IPsec", evidence.ipsec_reasons),
    ):
        newest_before = max(
            (row["index"] for row in (before.get(proto) or {}).get("failures") or []), default=0
        )
        for row in (now.get(proto) or {}).get("failures") or []:
            if (
                row["index"] <= newest_before
                or row["reason"].lower() in ignored
                or not _names(row, proto, peer)
            ):
                continue
            reasons.append(row["reason"].lower())
            evidence.seen.append(f"{host}: flow-MIB {label} failure '{row['reason']}' with {peer}")
            evidence.responder_noise += role == "responder"


def _names(row: Obj, proto: str, peer: str) -> bool:
    if proto == "isakmp":
        return bool(row.get("remote_address", "") == peer)
    return peer in (row.get("src_address", ""), row.get("destination_address", ""))


def true_facts(status: Obj, tunnel: Obj, evidence: Evidence, host_var: HostVars) -> list[str]:
    """Names of the facts that hold: replies, peer_silent, no_sa, phase1_only."""
    flowmib = (host_var(tunnel["initiator"]["host"], "__site_to_site_vpn_ipsec") or {}).get("flowmib") or {}
    ipsec_tunnels = (flowmib.get("ipsec") or {}).get("tunnels") or []
    facts = {
        "replies": status["replies"] > 0,
        "peer_silent": not evidence.responder_states and evidence.responder_noise == 0,
        "no_sa": not evidence.initiator_states,
        "phase1_only": bool({"QM_IDLE", "IKEV2_READY"} & set(evidence.initiator_states))
        and not [row for row in ipsec_tunnels if row.get("remote_address") == tunnel["responder"]["address"]],
    }
    return [name for name, holds in facts.items() if holds]


def match_cause(causes: Causes, evidence: Evidence, facts: list[str]) -> Obj:
    """The first cause with an indicator seen (or none to see) whose required facts all hold."""
    states = evidence.initiator_states + evidence.responder_states
    seen_in = {
        "states": lambda indicator: indicator in states,
        "isakmp_failures": lambda indicator: indicator in "|".join(evidence.isakmp_reasons),
        "ipsec_failures": lambda indicator: indicator in "|".join(evidence.ipsec_reasons),
        "logs": lambda indicator: indicator in "|".join(evidence.logs),
        "ikev2": lambda indicator: indicator in evidence.ikev2_causes,
        "facts": lambda indicator: indicator in facts,
    }
    for cause in causes.known:
        indicators = {kind: cause.get(kind) or [] for kind in INDICATORS}
        hit = any(seen_in[kind](item) for kind, items in indicators.items() for item in items)
        wanted = not any(indicators.values()) or hit
        if wanted and all(fact in facts for fact in cause.get("requires") or []):
            return cause
    return causes.unknown


def describe(status: Obj, cause: Obj, evidence: Evidence, host_var: HostVars) -> str:
    seen = list(dict.fromkeys(evidence.seen))
    shown = "; ".join(seen[:SEEN_SHOWN]) if seen else "nothing from either end"
    configured = ""
    if cause.get("configured") in ("policies", "transform_sets"):
        show = policies_text if cause["configured"] == "policies" else transform_sets_text
        ends = [
            f"{host}: {show(host_var(host, '__site_to_site_vpn_ipsec') or {})}"
            for host in (status["initiator"], status["responder"])
        ]
        configured = f". Configured {cause['configured'].replace('_', ' ')}: {'; '.join(ends)}"
    return (
        f"tunnel {status['name']} ({status['initiator']} {status['local']} -> {status['responder']} "
        f"{status['peer']}): {cause['title']}: {str(cause['advice']).strip()}. Seen: {shown}{configured}"
    )


def policies_text(ipsec: Obj) -> str:
    """`10 aes-256/sha256/pre-share/group 14, ...`: own ISAKMP policies, else the default ones."""
    rows = ipsec.get("isakmp_policies") or ipsec.get("default_policies") or []
    shown = []
    for policy in rows:
        suite = (policy["encryption"], policy["hash"], policy["authentication"], f"group {policy['group']}")
        shown.append(f"{policy['priority']} {'/'.join(str(value) for value in suite)}")
    return ", ".join(shown) or "none"


def transform_sets_text(ipsec: Obj) -> str:
    """`T1 [esp-aes esp-sha-hmac tunnel], ...`; internal sets (`#$!...`) are left out."""
    shown = [
        f"{ts['name']} [{' '.join(str(word) for word in ts['transforms'])}{_mode(ts)}]"
        for ts in ipsec.get("transform_sets") or []
        if not ts["name"].startswith("#$!")
    ]
    return ", ".join(shown) or "none"


def _mode(transform_set: Obj) -> str:
    return f" {transform_set['mode']}" if transform_set.get("mode") else ""

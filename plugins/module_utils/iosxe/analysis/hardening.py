# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""crypto_hardening review of one router: the algorithms in use with their NGE status, and the default
suites that can be disabled (or why one is kept). The IKEv2 uses and the smart default proposal toggle are in
hardening_ikev2.py."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from .hardening_ikev2 import default_proposal_toggle, ikev2_uses

Obj = Mapping[str, Any]
Use = tuple[str, str, Any]  # where, NGE table, value
UNRATED = {"status": "unknown", "note": "not in the NGE table"}


@dataclass(frozen=True)
class Settings:
    """The role's options that shape the review."""

    host: str
    nge: Obj  # table -> value -> {status, note, blocked}
    report_statuses: Collection[str]
    disable_default_policies: bool
    disable_default_transform_sets: bool
    disable_ikev2_default_proposal: bool = True


def review(resources: Obj, ipsec: Obj, settings: Settings) -> dict[str, Any]:
    """`findings` (algorithms in use with a reported status), `defaults` (crypto_defaults config to send),
    `ikev2_defaults` (ikev2_defaults config to send) and `kept` (why a default suite stays enabled)."""
    toggles = resources.get("crypto_defaults") or {}
    policies_enabled = toggles.get("isakmp_default_policy", True)
    sets_enabled = toggles.get("ipsec_default_transform_set", True)
    bare = entries_without_transform_sets(resources)
    uses = (
        policy_uses(resources, ipsec, policies_enabled)
        + transform_set_uses(resources)
        + pfs_uses(resources)
        + default_transform_set_uses(ipsec, bare, sets_enabled)
        + negotiated_uses(ipsec)
        + ikev2_uses(resources, ipsec)
    )
    findings = [finding for use in uses if (finding := rate(use, settings)) is not None]
    defaults: dict[str, bool] = {}
    kept: list[str] = []
    if settings.disable_default_policies and resources.get("isakmp_policies") and policies_enabled:
        defaults["isakmp_default_policy"] = False
    if settings.disable_default_transform_sets and resources.get("transform_sets") and sets_enabled:
        if bare:
            kept.append(
                f"default transform sets kept: these entries name no transform set: {', '.join(bare)}"
            )
        else:
            defaults["ipsec_default_transform_set"] = False
    ikev2_defaults = default_proposal_toggle(resources) if settings.disable_ikev2_default_proposal else {}
    return {"findings": findings, "defaults": defaults, "ikev2_defaults": ikev2_defaults, "kept": kept}


def policy_uses(resources: Obj, ipsec: Obj, defaults_enabled: bool) -> list[Use]:
    """Own ISAKMP policies; the default ones when there is none and they are enabled."""
    uses: list[Use] = []
    for policy in resources.get("isakmp_policies") or []:
        uses += _suite(f"isakmp policy {policy['priority']}", policy)
    if not resources.get("isakmp_policies") and defaults_enabled:
        for policy in ipsec.get("default_policies") or []:
            uses += _suite(
                f"default isakmp policy {policy['priority']} (in use: no own ISAKMP policy)", policy
            )
    return uses


def _suite(where: str, policy: Obj) -> list[Use]:
    return [
        (where, "ike_encryption", policy["encryption"]),
        (where, "ike_hash", policy["hash"]),
        (where, "dh_group", policy["group"]),
    ]


def transform_set_uses(resources: Obj) -> list[Use]:
    return [
        (f"transform-set {ts['name']}", field, ts[field])
        for ts in resources.get("transform_sets") or []
        for field in ("esp_encryption", "esp_integrity", "ah_integrity")
        if ts.get(field)
    ]


def _entries(resources: Obj) -> list[tuple[str, Obj]]:
    return [
        (
            f"{'crypto dynamic-map' if crypto_map.get('dynamic') else 'crypto map'} "
            f"{crypto_map['name']} {entry['seq']}",
            entry,
        )
        for crypto_map in resources.get("crypto_maps") or []
        for entry in crypto_map.get("entries") or []
    ]


def pfs_uses(resources: Obj) -> list[Use]:
    return [
        (where, "dh_group", entry["pfs"].replace("group", ""))
        for where, entry in _entries(resources)
        if entry.get("pfs")
    ]


def entries_without_transform_sets(resources: Obj) -> list[str]:
    """Map entries that use the default transform sets (no own set, no dynamic map reference)."""
    return [
        where
        for where, entry in _entries(resources)
        if not entry.get("dynamic_map") and not entry.get("transform_sets")
    ]


def default_transform_set_uses(ipsec: Obj, bare: list[str], enabled: bool) -> list[Use]:
    if not bare or not enabled:
        return []
    return [
        (f"default transform-set {ts['name']} (in use: {bare[0]} names none)", field, ts[field])
        for ts in ipsec.get("default_transform_sets") or []
        for field in ("esp_encryption", "esp_integrity")
        if ts.get(field)
    ]


def negotiated_uses(ipsec: Obj) -> list[Use]:
    tunnels = ((ipsec.get("flowmib") or {}).get("isakmp") or {}).get("tunnels") or []
    return [
        use
        for sa in tunnels
        for use in (
            (f"IKE SA with {sa['remote_address']} (negotiated)", "ike_encryption", sa["encryption_algo"]),
            (f"IKE SA with {sa['remote_address']} (negotiated)", "ike_hash", sa["hash_algo"]),
            (f"IKE SA with {sa['remote_address']} (negotiated)", "dh_group", sa["diffie_hellman_grp"]),
        )
    ]


def rate(use: Use, settings: Settings) -> dict[str, Any] | None:
    """The finding for one use, None when its status is not reported."""
    where, table, value = use
    rating = (settings.nge.get(table) or {}).get(str(value)) or UNRATED
    if rating["status"] not in settings.report_statuses:
        return None
    label = f"group {value}" if table == "dh_group" else str(value)
    blocked = rating.get("blocked", False)
    notes = ([rating["note"]] if rating.get("note") else []) + (
        ["blocked by default on IOS XE 17.11+"] if blocked else []
    )
    detail = f"{label} ({'; '.join([rating['status'], *notes])})"
    return {
        "host": settings.host,
        "where": where,
        "algorithm": label,
        "status": rating["status"],
        "blocked_17_11": blocked,
        "note": "; ".join(notes),
        "detail": detail,
        "text": f"{where}: {detail}",
    }

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Crypto maps and dynamic maps: target resolution and the checks that run before any command is sent.

Maps are keyed by (name, dynamic); entries by seq. merged adds peers and interfaces to the existing ones
and replaces `transform_sets` (one `set transform-set` line sets the whole ordered list). deleted removes
whole maps, or only the listed `entries` (by seq) and `interfaces` when those are given.
"""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import (
    ListRules,
    ResourceError,
    resolve_list,
    specified,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps import (
    commands as crypto_map_commands,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps.spec import (
    ENTRY_FIELDS,
    POLICY_FIELDS,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import (
    MAX_CRYPTO_MAP_PEERS,
    interface_name,
)

Obj = dict[str, Any]


def map_key(crypto_map: Obj) -> tuple[str, bool]:
    return crypto_map["name"], crypto_map["dynamic"]


def clean_entry(entry: Obj) -> Obj:
    """Drop unset and empty fields; keep the field order of the facts."""
    result = specified(entry)
    if "sa_lifetime" in result:
        result["sa_lifetime"] = specified(result["sa_lifetime"])
    return {key: result[key] for key in ENTRY_FIELDS if result.get(key) not in (None, [], {})}


def merge_entry(have: Obj | None, want: Obj) -> Obj:
    given = clean_entry(want)
    if have is None:
        return given
    if "dynamic_map" in given:  # the entry becomes (or stays) a reference to a dynamic map
        return given
    base = {} if have.get("dynamic_map") and any(f in given for f in POLICY_FIELDS) else dict(have)
    merged = {**base, **given, "seq": have["seq"]}
    merged["peers"] = base.get("peers", []) + [
        p for p in given.get("peers", []) if p not in base.get("peers", [])
    ]
    merged["sa_lifetime"] = {**base.get("sa_lifetime", {}), **given.get("sa_lifetime", {})}
    return clean_entry(merged)


def _ordered_entries(entries: list[Obj]) -> list[Obj]:
    return sorted(entries, key=lambda entry: entry["seq"])


def _finish(crypto_map: Obj, entries: list[Obj], interfaces: list[str]) -> Obj:
    result: Obj = {"name": crypto_map["name"], "dynamic": crypto_map["dynamic"]}
    if entries:
        result["entries"] = _ordered_entries(entries)
    if interfaces:
        result["interfaces"] = interfaces
    return result


def merge_map(have: Obj | None, want: Obj) -> Obj:
    have = have or {}
    existing = {entry["seq"]: entry for entry in have.get("entries", [])}
    wanted = {entry["seq"]: entry for entry in want.get("entries") or []}
    entries = [merge_entry(entry, wanted[seq]) if seq in wanted else entry for seq, entry in existing.items()]
    entries += [clean_entry(entry) for seq, entry in wanted.items() if seq not in existing]
    interfaces = list(have.get("interfaces", []))
    interfaces += [name for name in want.get("interfaces") or [] if name not in interfaces]
    return _finish(want, entries, interfaces)


def replace_map(have: Obj | None, want: Obj) -> Obj:
    return _finish(
        want, [clean_entry(entry) for entry in want.get("entries") or []], want.get("interfaces") or []
    )


def delete_from_map(have: Obj, want: Obj) -> Obj | None:
    """Remove the listed entries/interfaces; the whole map when neither is listed or nothing remains."""
    seqs = {entry["seq"] for entry in want.get("entries") or []}
    unbind = set(want.get("interfaces") or [])
    if not seqs and not unbind:
        return None
    entries = [entry for entry in have.get("entries", []) if entry["seq"] not in seqs]
    if not entries:
        return None
    return _finish(have, entries, [name for name in have.get("interfaces", []) if name not in unbind])


RULES = ListRules(key=map_key, merge=merge_map, replace=replace_map, delete=delete_from_map)


def normalise(want: list[Obj]) -> list[Obj]:
    """Expand interface abbreviations to the names IOS prints (gi1 -> GigabitEthernet1)."""
    return [
        {
            **item,
            "interfaces": [interface_name(n) for n in item["interfaces"]] if item.get("interfaces") else None,
        }
        for item in want
    ]


def resolve(want: list[Obj], have: list[Obj], state: str, context: PlanContext) -> list[Obj]:
    want = normalise(want)
    target = resolve_list(RULES, want, have, state)
    if state != "deleted":
        target = _move_claimed_interfaces(target, want)
    _check_target(target, context)
    return target


def _move_claimed_interfaces(target: list[Obj], want: list[Obj]) -> list[Obj]:
    """An interface holds one crypto map: binding it to a wanted map unbinds it from any other map."""
    claimed: dict[str, str] = {}
    for item in want:
        for interface in item.get("interfaces") or []:
            if claimed.setdefault(interface, item["name"]) != item["name"]:
                raise ResourceError(
                    f"interface {interface} is given to crypto maps {claimed[interface]} and "
                    f"{item['name']}; an interface holds one crypto map"
                )
    result = []
    for crypto_map in target:
        interfaces = [
            i
            for i in crypto_map.get("interfaces", [])
            if claimed.get(i, crypto_map["name"]) == crypto_map["name"]
        ]
        result.append(_finish(crypto_map, crypto_map.get("entries", []), interfaces))
    return result


def _check_target(target: list[Obj], context: PlanContext) -> None:
    errors = []
    for crypto_map in target:
        if crypto_map.get("interfaces") and not crypto_map.get("entries"):
            errors.append(f"crypto map {crypto_map['name']}: applied to interfaces but has no entries")
        errors += [
            f"crypto map {crypto_map['name']} {entry['seq']}: {len(entry['peers'])} peers, but IOS allows at "
            f"most {MAX_CRYPTO_MAP_PEERS} per entry"
            for entry in crypto_map.get("entries", [])
            if len(entry.get("peers", [])) > MAX_CRYPTO_MAP_PEERS
        ]
    if not context.offline:
        removed, absent = _missing_dynamic_maps(target, context)
        errors += removed + context.unresolved_references(absent + _missing_transform_sets(target, context))
    if errors:
        raise ResourceError("; ".join(errors))


def _missing_dynamic_maps(target: list[Obj], context: PlanContext) -> tuple[list[str], list[str]]:
    """(references to dynamic maps the task removes, references to dynamic maps the device lacks)."""
    dynamic = {item["name"] for item in target if item["dynamic"] and item.get("entries")}
    on_device = {item["name"] for item in context.device.crypto_maps if item["dynamic"]}
    removed: list[str] = []
    absent: list[str] = []
    for item in target:
        for entry in item.get("entries", []) if not item["dynamic"] else []:
            name = entry.get("dynamic_map")
            if name and name not in dynamic:
                (removed if name in on_device else absent).append(
                    f"crypto map {item['name']} {entry['seq']} references dynamic map {name}, "
                    "which would not exist"
                )
    return removed, absent


def _missing_transform_sets(target: list[Obj], context: PlanContext) -> list[str]:
    """Only entries whose transform sets change are checked, so unrelated changes are never blocked."""
    known = {item["name"] for item in context.device.transform_sets}
    before = {
        (m["name"], m["dynamic"], e["seq"]): e.get("transform_sets")
        for m in context.device.crypto_maps
        for e in m.get("entries", [])
    }
    errors = []
    for item in target:
        for entry in item.get("entries", []):
            names = entry.get("transform_sets", [])
            if names == before.get((item["name"], item["dynamic"], entry["seq"])):
                continue
            missing = [name for name in names if name not in known]
            if missing:
                errors.append(
                    f"crypto map {item['name']} {entry['seq']}: transform set(s) {', '.join(missing)} "
                    "do not exist on the device; create them with ipsecux.iosxe.transform_sets first"
                )
    return errors


def transition(have: list[Obj], target: list[Obj]) -> list[str]:
    return crypto_map_commands.transition(have, target)


def plan(have: list[Obj], target: list[Obj], context: PlanContext) -> list[str]:
    return crypto_map_commands.transition(have, target)

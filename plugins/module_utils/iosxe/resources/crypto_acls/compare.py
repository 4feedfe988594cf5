# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Crypto ACLs: target resolution and ordered commands.

An ACL is keyed by name; its `entries` are one ordered unit, so merged and replaced both make a given ACL
hold exactly the given entries (they differ only when `entries` is omitted: merged keeps the device's,
replaced empties the ACL). Entries are compared by their canonical text (ace.py). Without sequence numbers,
a named ACL that already holds the entries in that order is left as it is, whatever its numbers; changed
entries keep the numbers of the entries around them and new ones are numbered in the gaps (10, 20, ...
when there is no room). Removing an ACL that a crypto map still matches fails before anything is sent.
"""

from __future__ import annotations

import difflib
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import (
    ListRules,
    ResourceError,
    index,
    resolve_list,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_acls import lines as render
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_acls.ace import (
    Entry,
    parse_entry,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_acls.spec import (
    is_numbered,
)

Obj = dict[str, Any]
SEQ_STEP = 10


def _key(acl: Obj) -> str:
    return str(acl["name"])


def _entries(acl: Obj | None) -> list[Entry]:
    return [parse_entry(text) for text in (acl or {}).get("entries") or []]


def _merge(have: Obj | None, want: Obj) -> Obj:
    if want.get("entries") is None:
        return have or {"name": want["name"], "entries": []}
    return _replace(have, want)


def _replace(have: Obj | None, want: Obj) -> Obj:
    wanted = _entries(want)
    if is_numbered(want["name"]):
        return {"name": want["name"], "entries": [entry.text for entry in wanted]}
    return {"name": want["name"], "entries": [entry.line() for entry in numbered(_entries(have), wanted)]}


RULES = ListRules(key=_key, merge=_merge, replace=_replace)


def numbered(have: list[Entry], wanted: list[Entry]) -> list[Entry]:
    """The wanted entries of a named ACL with sequence numbers: as given, else reused from the device."""
    if any(entry.seq is not None for entry in wanted):
        return wanted
    matcher = difflib.SequenceMatcher(a=[e.text for e in have], b=[e.text for e in wanted], autojunk=False)
    seqs: list[int | None] = [None] * len(wanted)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            seqs[block.b + offset] = have[block.a + offset].seq
    filled = _fill_gaps(seqs)
    return [Entry(seq, entry.text) for seq, entry in zip(filled, wanted, strict=True)]


def _fill_gaps(seqs: list[int | None]) -> list[int]:
    """Numbers for the entries without one, between their neighbours; 10, 20, ... when a gap is too small."""
    result: list[int] = []
    for position, seq in enumerate(seqs):
        if seq is not None:
            result.append(seq)
            continue
        low = result[-1] if result else 0
        following = next((s for s in seqs[position + 1 :] if s is not None), None)
        waiting = next((i for i, s in enumerate(seqs[position:]) if s is not None), len(seqs) - position)
        step = SEQ_STEP if following is None else (following - low) // (waiting + 1)
        if step < 1:
            return [SEQ_STEP * (i + 1) for i in range(len(seqs))]
        result.append(low + min(step, SEQ_STEP))
    return result


def resolve(want: list[Obj], have: list[Obj], state: str, context: PlanContext) -> list[Obj]:
    target = resolve_list(RULES, want, have, state)
    if not context.offline:
        _check_removals(have, target, context)
    return target


def _check_removals(have: list[Obj], target: list[Obj], context: PlanContext) -> None:
    """An ACL a crypto map matches stays until the map stops matching it (crypto_maps first)."""
    kept = {_key(acl) for acl in target}
    users = [
        f"{'dynamic map' if crypto_map['dynamic'] else 'crypto map'} {crypto_map['name']} {entry['seq']} "
        f"matches {entry['match_address']}"
        for crypto_map in context.device.crypto_maps
        for entry in crypto_map.get("entries", [])
        if entry.get("match_address")
        and entry["match_address"] not in kept
        and any(_key(acl) == entry["match_address"] for acl in have)
    ]
    message = (
        f"cannot remove ACLs still matched by crypto maps: {', '.join(users)}; change the match address "
        "with ipsecux.iosxe.crypto_maps first"
    )
    problems = context.unresolved_references([message] if users else [])
    if problems:
        raise ResourceError(problems[0])


def acl_commands(have: Obj | None, target: Obj) -> list[str]:
    name = target["name"]
    if is_numbered(name):
        return _numbered_commands(have, target)
    before, after = _entries(have), _entries(target)
    removed = [entry for entry in before if entry not in after]
    added = [entry for entry in after if entry not in before]
    if have is not None and not removed and not added:
        return []
    removals = [f"no {entry.seq}" if entry.seq is not None else f"no {entry.text}" for entry in removed]
    return [render.named_header(name), *removals, *(entry.line() for entry in added), "exit"]


def _numbered_commands(have: Obj | None, target: Obj) -> list[str]:
    """Numbered ACLs have no numbers to edit by: entries are appended, or the ACL is written anew."""
    name = target["name"]
    before, after = _entries(have), _entries(target)
    if before == after[: len(before)]:
        return [render.numbered_line(name, entry) for entry in after[len(before) :]]
    return [f"no access-list {name}", *(render.numbered_line(name, entry) for entry in after)]


def _removal(acl: Obj) -> str:
    if is_numbered(acl["name"]):
        return f"no access-list {acl['name']}"
    return f"no {render.named_header(acl['name'])}"


def transition(have: list[Obj], target: list[Obj]) -> list[str]:
    """Create and change ACLs in the order given, then remove the ones not wanted."""
    existing, wanted = index(have, _key), index(target, _key)
    commands = []
    for acl in target:
        commands += acl_commands(existing.get(_key(acl)), acl)
    return commands + [_removal(acl) for acl in have if _key(acl) not in wanted]


def plan(have: list[Obj], target: list[Obj], context: PlanContext) -> list[str]:
    return transition(have, target)

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ISAKMP profiles: target resolution and ordered commands.

A profile is changed in place, field by field; in a list field (keyrings, trust points, identities) new items
are added before dropped ones are removed, and items the device already has keep the device's order. New and
changed profiles are configured before unwanted ones are removed (docs/modules/ordering.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import (
    ListRules,
    Params,
    index,
    resolve_list,
    specified,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_profiles import (
    lines as render,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_profiles.spec import (
    FIELDS,
    LIST_FIELDS,
    IsakmpProfileFact,
    normal_identity,
)


def _key(profile: Mapping[str, Any]) -> str:
    return str(profile["name"])


def _in_device_order(current: list[str], wanted: list[str]) -> list[str]:
    """The wanted items, those the device has in its order first (IOS appends new items)."""
    return [item for item in current if item in wanted] + [item for item in wanted if item not in current]


def _build(have: Mapping[str, Any], base: Mapping[str, Any], want: Params) -> IsakmpProfileFact:
    given = specified(want)
    if "match_identities" in given:
        given["match_identities"] = [normal_identity(words) for words in given["match_identities"]]
    for field in LIST_FIELDS:
        if field in given:
            given[field] = _in_device_order(have.get(field, []), list(dict.fromkeys(given[field])))
    merged = {**base, **given}
    return cast(IsakmpProfileFact, {key: merged[key] for key in ("name", *FIELDS) if merged.get(key)})


def _merge(have: IsakmpProfileFact | None, want: Params) -> IsakmpProfileFact:
    """Unset fields keep the device value; a given list replaces the device's list."""
    current: Mapping[str, Any] = have or {"name": want["name"]}
    return _build(current, current, want)


def _replace(have: IsakmpProfileFact | None, want: Params) -> IsakmpProfileFact:
    """Unset fields are removed."""
    return _build(have or {}, {"name": want["name"]}, want)


RULES = ListRules(key=_key, merge=_merge, replace=_replace)


def resolve(
    want: list[Params], have: list[IsakmpProfileFact], state: str, context: PlanContext
) -> list[IsakmpProfileFact]:
    return resolve_list(RULES, want, have, state)


def _field_commands(field: str, old: Any, new: Any) -> list[str]:
    if old == new:
        return []
    if field in LIST_FIELDS:
        old_items, new_items = old or [], new or []
        return [render.set_line(field, item) for item in new_items if item not in old_items] + [
            render.unset_line(field, item) for item in old_items if item not in new_items
        ]
    return [render.set_line(field, new) if new else render.unset_line(field, old)]


def profile_commands(have: IsakmpProfileFact | None, target: IsakmpProfileFact) -> list[str]:
    """Enter the profile and set the fields that differ; nothing when it is already as wanted."""
    base: Mapping[str, Any] = have or {}
    changes = [
        command for field in FIELDS for command in _field_commands(field, base.get(field), target.get(field))
    ]
    if have is not None and not changes:
        return []
    return [render.header(target["name"]), *changes]


def transition(have: list[IsakmpProfileFact], target: list[IsakmpProfileFact]) -> list[str]:
    """Create and change profiles first (in the order given), then remove the ones not wanted."""
    existing, wanted = index(have, _key), index(target, _key)
    commands = []
    for profile in target:
        commands += profile_commands(existing.get(_key(profile)), profile)
    for profile in have:
        if _key(profile) not in wanted:
            commands.append("no " + render.header(profile["name"]))
    return commands


def plan(have: list[IsakmpProfileFact], target: list[IsakmpProfileFact], context: PlanContext) -> list[str]:
    return transition(have, target)

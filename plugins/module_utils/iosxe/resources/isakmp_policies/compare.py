# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ISAKMP policies: target resolution and ordered commands."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import (
    ListRules,
    index,
    resolve_list,
    specified,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_policies import (
    lines as render,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_policies.spec import (
    DEFAULTS,
    FIELDS,
)

Obj = dict[str, Any]


def _key(policy: Obj) -> int:
    return int(policy["priority"])


def _merge(have: Obj | None, want: Obj) -> Obj:
    """Unset fields keep the device value (IOS defaults for a new policy)."""
    base = have or {"priority": want["priority"], **DEFAULTS}
    return {**base, **specified(want)}


def _replace(have: Obj | None, want: Obj) -> Obj:
    """Unset fields return to the IOS defaults."""
    return {"priority": want["priority"], **DEFAULTS, **specified(want)}


RULES = ListRules(key=_key, merge=_merge, replace=_replace)


def policy_commands(have: Obj | None, target: Obj) -> list[str]:
    """Enter the policy and set the fields that differ (a new policy starts with IOS defaults)."""
    base = have or {**DEFAULTS}
    changes = [render.attribute(field, target[field]) for field in FIELDS if target[field] != base[field]]
    if have is not None and not changes:
        return []
    return [render.header(target), *changes]


def transition(have: list[Obj], target: list[Obj]) -> list[str]:
    """Create and change policies first (lowest priority number first), then remove the ones not wanted."""
    existing, wanted = index(have, _key), index(target, _key)
    commands = []
    for policy in sorted(target, key=_key):
        commands += policy_commands(existing.get(_key(policy)), policy)
    for policy in have:
        if _key(policy) not in wanted:
            commands.append(f"no {render.header(policy)}")
    return commands


def plan(have: list[Obj], target: list[Obj], context: PlanContext) -> list[str]:
    return transition(have, target)


def resolve(want: list[Obj], have: list[Obj], state: str, context: PlanContext) -> list[Obj]:
    return resolve_list(RULES, want, have, state)

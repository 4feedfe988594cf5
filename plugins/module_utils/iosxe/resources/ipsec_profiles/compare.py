# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IPsec profiles: target resolution and ordered commands.

A profile is changed in place, field by field; new and changed profiles are configured before unwanted ones
are removed (docs/modules/ordering.md).
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
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ipsec_profiles import (
    lines as render,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ipsec_profiles.spec import (
    FIELDS,
    LIFETIME_UNITS,
    IpsecProfileFact,
)


def _key(profile: Mapping[str, Any]) -> str:
    return str(profile["name"])


def _build(base: Mapping[str, Any], want: Params) -> IpsecProfileFact:
    """`base` with the given fields of `want`; empty values (no transform sets) leave the field out."""
    given = specified(want)
    lifetime = {**base.get("sa_lifetime", {}), **specified(given.pop("sa_lifetime", None) or {})}
    merged: dict[str, Any] = {**base, **given, "sa_lifetime": lifetime}
    merged["sa_lifetime"] = {unit: lifetime[unit] for unit in LIFETIME_UNITS if unit in lifetime}
    return cast(IpsecProfileFact, {key: merged[key] for key in ("name", *FIELDS) if merged.get(key)})


def _merge(have: IpsecProfileFact | None, want: Params) -> IpsecProfileFact:
    """Unset fields keep the device value."""
    return _build(have or {"name": want["name"]}, want)


def _replace(have: IpsecProfileFact | None, want: Params) -> IpsecProfileFact:
    """Unset fields are removed."""
    return _build({"name": want["name"]}, want)


RULES = ListRules(key=_key, merge=_merge, replace=_replace)


def resolve(
    want: list[Params], have: list[IpsecProfileFact], state: str, context: PlanContext
) -> list[IpsecProfileFact]:
    return resolve_list(RULES, want, have, state)


def _lifetime_commands(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    return [
        render.lifetime_line(unit, new.get(unit)) for unit in LIFETIME_UNITS if old.get(unit) != new.get(unit)
    ]


def profile_commands(have: IpsecProfileFact | None, target: IpsecProfileFact) -> list[str]:
    """Enter the profile and set the fields that differ; nothing when it is already as wanted."""
    base: Mapping[str, Any] = have or {}
    changes = _lifetime_commands(base.get("sa_lifetime", {}), target.get("sa_lifetime", {}))
    for field in FIELDS[1:]:
        if base.get(field) != target.get(field):
            changes += render.field_lines(field, target.get(field))
    if have is not None and not changes:
        return []
    return [render.header(target["name"]), *changes]


def transition(have: list[IpsecProfileFact], target: list[IpsecProfileFact]) -> list[str]:
    """Create and change profiles first (in the order given), then remove the ones not wanted."""
    existing, wanted = index(have, _key), index(target, _key)
    commands = []
    for profile in target:
        commands += profile_commands(existing.get(_key(profile)), profile)
    for profile in have:
        if _key(profile) not in wanted:
            commands.append("no " + render.header(profile["name"]))
    return commands


def plan(have: list[IpsecProfileFact], target: list[IpsecProfileFact], context: PlanContext) -> list[str]:
    return transition(have, target)

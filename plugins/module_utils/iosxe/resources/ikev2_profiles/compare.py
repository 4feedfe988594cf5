# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 profiles: target resolution and ordered commands."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import (
    ListRules,
    Params,
    ResourceError,
    index,
    resolve_list,
    specified,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_lines import (
    line_list_commands,
    name_of,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_profiles import lines
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_profiles.spec import (
    Ikev2ProfileFact,
    normal_identity,
)

# IOS removes every value of these with one `no` line; a change rewrites the whole list.
RESET_LISTS = ("match_address_local", "pki_trustpoints")


def _given(want: Params) -> dict[str, Any]:
    given = specified(want)
    if "match_identity_remote" in given:
        given["match_identity_remote"] = [normal_identity(i) for i in given["match_identity_remote"]]
    return given


def _merge(have: Ikev2ProfileFact | None, want: Params) -> Ikev2ProfileFact:
    """Given options replace the device's values (lists included); unset ones are kept."""
    return cast(Ikev2ProfileFact, {**(have or lines.empty(want["name"])), **_given(want)})  # profile fields


def _replace(have: Ikev2ProfileFact | None, want: Params) -> Ikev2ProfileFact:
    return cast(Ikev2ProfileFact, {**lines.empty(want["name"]), **_given(want)})


RULES = ListRules(key=name_of, merge=_merge, replace=_replace)


def _field_commands(field: str, have: Mapping[str, Any], target: Mapping[str, Any]) -> list[str]:
    keyword = lines.KEYWORDS[field]
    if have[field] == target[field]:
        return []
    if field in RESET_LISTS:
        kept = list(have[field])
        if target[field][: len(kept)] == kept:
            return lines.field_lines({field: target[field][len(kept) :]}, field)
        return [f"no {keyword}", *lines.field_lines(target, field)]
    if field in lines.LIST_FIELDS:
        return line_list_commands(keyword, have[field], target[field])
    return lines.field_lines(target, field) or [f"no {keyword}"]


def profile_commands(have: Ikev2ProfileFact | None, target: Ikev2ProfileFact) -> list[str]:
    base = have or lines.empty(target["name"])
    changes = [cmd for field in lines.KEYWORDS for cmd in _field_commands(field, base, target)]
    if have is not None and not changes:
        return []
    return [lines.header(target), *changes]


def transition(have: list[Ikev2ProfileFact], target: list[Ikev2ProfileFact]) -> list[str]:
    existing, wanted = index(have, name_of), index(target, name_of)
    commands = []
    for profile in target:
        commands += profile_commands(existing.get(name_of(profile)), profile)
    return commands + [f"no {lines.header(p)}" for p in have if name_of(p) not in wanted]


def plan(have: list[Ikev2ProfileFact], target: list[Ikev2ProfileFact], context: PlanContext) -> list[str]:
    """The keyring a profile names must exist on the device."""
    if not context.offline:
        keyrings = {k["name"] for k in context.device.ikev2_keyrings}
        missing = [
            f"IKEv2 profile {p['name']} names IKEv2 keyring {p['keyring_local']}, which the device does not have"
            for p in target
            if p["keyring_local"] and p["keyring_local"] not in keyrings
        ]
        problems = context.unresolved_references(missing)
        if problems:
            raise ResourceError("; ".join(problems))
    return transition(have, target)


def resolve(
    want: list[Params], have: list[Ikev2ProfileFact], state: str, context: PlanContext
) -> list[Ikev2ProfileFact]:
    return resolve_list(RULES, want, have, state)

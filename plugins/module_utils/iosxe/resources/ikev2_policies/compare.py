# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 policies: target resolution and ordered commands."""

from __future__ import annotations

from typing import cast

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
    scalar_commands,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_policies import lines
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_policies.spec import (
    Ikev2PolicyFact,
)

SMART_DEFAULT_PROPOSAL = "default"


def _empty(name: str) -> Ikev2PolicyFact:
    return {"name": name, "match_fvrf": None, "match_address_local": [], "proposals": []}


def _merge(have: Ikev2PolicyFact | None, want: Params) -> Ikev2PolicyFact:
    """Given options replace the device's values (lists are ordered); unset ones are kept."""
    return cast(Ikev2PolicyFact, {**(have or _empty(want["name"])), **specified(want)})  # policy fields only


def _replace(have: Ikev2PolicyFact | None, want: Params) -> Ikev2PolicyFact:
    return cast(Ikev2PolicyFact, {**_empty(want["name"]), **specified(want)})


RULES = ListRules(key=name_of, merge=_merge, replace=_replace)


def policy_commands(have: Ikev2PolicyFact | None, target: Ikev2PolicyFact) -> list[str]:
    """Proposals are added before the old ones go (make before break)."""
    base = have or _empty(target["name"])
    changes = [
        *scalar_commands(lines.FVRF, base["match_fvrf"], target["match_fvrf"]),
        *line_list_commands(lines.LOCAL, base["match_address_local"], target["match_address_local"]),
        *_proposal_commands(base["proposals"], target["proposals"]),
    ]
    if have is not None and not changes:
        return []
    return [lines.header(target), *changes]


def _proposal_commands(have: list[str], target: list[str]) -> list[str]:
    if [name for name in have if name in target] == target[: len([n for n in have if n in target])]:
        added = [f"{lines.PROPOSAL} {name}" for name in target if name not in have]
        return added + [f"no {lines.PROPOSAL} {name}" for name in have if name not in target]
    return line_list_commands(lines.PROPOSAL, have, target)


def transition(have: list[Ikev2PolicyFact], target: list[Ikev2PolicyFact]) -> list[str]:
    existing, wanted = index(have, name_of), index(target, name_of)
    commands = []
    for policy in target:
        commands += policy_commands(existing.get(name_of(policy)), policy)
    return commands + [f"no {lines.header(p)}" for p in have if name_of(p) not in wanted]


def plan(have: list[Ikev2PolicyFact], target: list[Ikev2PolicyFact], context: PlanContext) -> list[str]:
    """Every proposal a policy names must exist on the device or be the smart default `default` (IOS
    refuses the line when that is turned off)."""
    if not context.offline:
        known = {p["name"] for p in context.device.ikev2_proposals} | {SMART_DEFAULT_PROPOSAL}
        missing = [
            f"IKEv2 policy {policy['name']} names IKEv2 proposal {name}, which the device does not have"
            for policy in target
            for name in policy["proposals"]
            if name not in known
        ]
        problems = context.unresolved_references(missing)
        if problems:
            raise ResourceError("; ".join(problems))
    return transition(have, target)


def resolve(
    want: list[Params], have: list[Ikev2PolicyFact], state: str, context: PlanContext
) -> list[Ikev2PolicyFact]:
    return resolve_list(RULES, want, have, state)

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 proposals: target resolution and ordered commands."""

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
    name_of,
    word_list_commands,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_proposals import lines
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_proposals.spec import (
    FIELDS,
    Ikev2ProposalFact,
)


def _empty(name: str) -> Ikev2ProposalFact:
    return {"name": name, "encryption": [], "integrity": [], "prf": [], "group": []}


def _merge(have: Ikev2ProposalFact | None, want: Params) -> Ikev2ProposalFact:
    """A given list replaces the device's list (it is an order of preference); unset lists are kept."""
    base = have or _empty(want["name"])
    return cast(Ikev2ProposalFact, {**base, **specified(want)})  # the given options are proposal fields


def _replace(have: Ikev2ProposalFact | None, want: Params) -> Ikev2ProposalFact:
    return cast(Ikev2ProposalFact, {**_empty(want["name"]), **specified(want)})


RULES = ListRules(key=name_of, merge=_merge, replace=_replace)


def proposal_commands(have: Ikev2ProposalFact | None, target: Ikev2ProposalFact) -> list[str]:
    base = have or _empty(target["name"])
    changes = [cmd for field in FIELDS for cmd in word_list_commands(field, base[field], target[field])]
    if have is not None and not changes:
        return []
    return [lines.header(target), *changes]


def transition(have: list[Ikev2ProposalFact], target: list[Ikev2ProposalFact]) -> list[str]:
    """Create and change proposals first (a policy may move to a new one), then remove the unwanted ones."""
    existing, wanted = index(have, name_of), index(target, name_of)
    commands = []
    for proposal in target:
        commands += proposal_commands(existing.get(name_of(proposal)), proposal)
    return commands + [f"no {lines.header(p)}" for p in have if name_of(p) not in wanted]


def plan(have: list[Ikev2ProposalFact], target: list[Ikev2ProposalFact], context: PlanContext) -> list[str]:
    """A proposal that an IKEv2 policy names is not removed (IOS refuses; remove it from the policy first)."""
    wanted = {name_of(p) for p in target}
    policies = [] if context.offline else context.device.ikev2_policies
    in_use = [
        f"IKEv2 proposal {p['name']} is used by IKEv2 policy {policy['name']}"
        for p in have
        if p["name"] not in wanted
        for policy in policies
        if p["name"] in policy.get("proposals", [])
    ]
    problems = context.unresolved_references(in_use)
    if problems:
        raise ResourceError("; ".join(problems))
    return transition(have, target)


def resolve(
    want: list[Params], have: list[Ikev2ProposalFact], state: str, context: PlanContext
) -> list[Ikev2ProposalFact]:
    return resolve_list(RULES, want, have, state)

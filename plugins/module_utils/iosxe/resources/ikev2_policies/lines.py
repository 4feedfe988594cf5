# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of IKEv2 policies (`crypto ikev2 policy NAME` blocks): parse rule and render of each line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_policies.spec import (
    Ikev2PolicyFact,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.rules import (
    apply_rules,
    rule,
    setter,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

NAMESPACES = ("crypto ikev2 policy",)
FVRF = "match fvrf"
LOCAL = "match address local"
PROPOSAL = "proposal"

# `crypto ikev2 policy POL1` (`no crypto ikev2 policy default` is ikev2_defaults')
HEADER_RE = re.compile(r"crypto ikev2 policy (\S+)")


def header(policy: Ikev2PolicyFact) -> str:
    return f"crypto ikev2 policy {policy['name']}"


def _append(field: str) -> Any:
    def store(target: dict[str, Any], match: re.Match[str]) -> None:
        target[field].append(match.group(1))

    return store


# ` match fvrf any`, ` match address local 192.0.2.1`, ` proposal PROP1`
LINE_RULES = (
    rule(r"match fvrf (\S+)", setter("match_fvrf")),
    rule(r"match address local (\d+\.\d+\.\d+\.\d+)", _append("match_address_local")),
    rule(r"proposal (\S+)", _append("proposals")),
)


def _policy_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    fields: dict[str, Any] = {
        "name": match.group(1),
        "match_fvrf": None,
        "match_address_local": [],
        "proposals": [],
    }
    unmatched = apply_rules(block.children, LINE_RULES, fields)
    config.ikev2_policies.append(cast(Ikev2PolicyFact, fields))  # the rules set policy fields only
    config.report(unmatched, block.header, "ikev2_policies")


BLOCKS = ((HEADER_RE, _policy_block),)


def config_lines(policy: Ikev2PolicyFact) -> list[str]:
    fvrf = [f" {FVRF} {policy['match_fvrf']}"] if policy["match_fvrf"] else []
    local = [f" {LOCAL} {address}" for address in policy["match_address_local"]]
    return [header(policy), *fvrf, *local, *(f" {PROPOSAL} {name}" for name in policy["proposals"])]


def config_text(policies: list[Ikev2PolicyFact]) -> list[str]:
    return [text for policy in policies for text in config_lines(policy)]

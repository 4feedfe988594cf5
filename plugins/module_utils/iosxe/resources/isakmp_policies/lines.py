# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of ISAKMP policies (`crypto isakmp policy N` blocks): parse rule and render of each line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_policies.spec import (
    DEFAULTS,
    FIELDS,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.rules import (
    apply_rules,
    rule,
    setter,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import ISAKMP_ENCRYPTION_CLI

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

NAMESPACES = ("crypto isakmp policy",)
# The running config abbreviates `encryption` to `encr`; commands use the full keyword.
SHOWN_KEYWORDS = {"encryption": "encr"}
_ENCRYPTION_BY_CLI = {cli: name for name, cli in ISAKMP_ENCRYPTION_CLI.items()} | {"aes 128": "aes"}


# `crypto isakmp policy 10`
HEADER_RE = re.compile(r"crypto isakmp policy (\d+)")


def header(policy: dict[str, Any]) -> str:
    return f"crypto isakmp policy {policy['priority']}"


# ` encr aes 256`, ` hash sha256`, ` authentication pre-share`, ` group 14`, ` lifetime 3600`
def _encryption(target: dict[str, Any], match: re.Match[str]) -> None:
    target["encryption"] = _ENCRYPTION_BY_CLI[" ".join(filter(None, match.groups()))]


ATTRIBUTE_RULES = (
    rule(r"encr(?:yption)? (des|3des|aes)(?: (128|192|256))?", _encryption),
    rule(r"hash (md5|sha|sha256|sha384|sha512)", setter("hash")),
    rule(r"authentication (pre-share|rsa-sig|rsa-encr)", setter("authentication")),
    rule(r"group (\d+)", setter("group", int)),
    rule(r"lifetime (\d+)", setter("lifetime", int)),
)


def attribute(field: str, value: Any, keyword: str | None = None) -> str:
    """`encryption aes 256`, `hash sha256`, `group 14`, ..."""
    shown = ISAKMP_ENCRYPTION_CLI[value] if field == "encryption" else value
    return f"{keyword or field} {shown}"


def _policy_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    """A policy with every field filled (IOS omits default values); child lines not understood are reported."""
    policy: dict[str, Any] = {"priority": int(match.group(1)), **DEFAULTS}
    unmatched = apply_rules(block.children, ATTRIBUTE_RULES, policy)
    config.isakmp_policies.append(policy)
    config.report(unmatched, block.header, "isakmp_policies")


BLOCKS = ((HEADER_RE, _policy_block),)


def config_lines(policy: dict[str, Any]) -> list[str]:
    """The block as `show running-config` prints it: defaults omitted."""
    return [header(policy)] + [
        " " + attribute(field, policy[field], SHOWN_KEYWORDS.get(field))
        for field in FIELDS
        if policy[field] != DEFAULTS[field]
    ]


def config_text(policies: list[dict[str, Any]]) -> list[str]:
    return [line for policy in sorted(policies, key=lambda p: p["priority"]) for line in config_lines(policy)]

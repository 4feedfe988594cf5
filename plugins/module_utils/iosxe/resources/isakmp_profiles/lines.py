# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of ISAKMP profiles (`crypto isakmp profile NAME` blocks): parse rule and render of each line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_profiles.spec import (
    FIELDS,
    IsakmpProfileFact,
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

NAMESPACES = ("crypto isakmp profile",)

# `crypto isakmp profile NAME`
HEADER_RE = re.compile(r"crypto isakmp profile (\S+)")

# The keyword of each field's line; list fields give one line per item.
KEYWORDS: dict[str, str] = {
    "description": "description",
    "vrf": "vrf",
    "keyrings": "keyring",
    "ca_trust_points": "ca trust-point",
    "self_identity": "self-identity",
    "match_identities": "match identity",
    "local_address": "local-address",
    "keepalive": "keepalive",
    "initiate_aggressive": "initiate mode aggressive",
    "virtual_template": "virtual-template",
}


def header(name: str) -> str:
    return f"crypto isakmp profile {name}"


def _append(field: str) -> Any:
    def store(profile: dict[str, Any], match: re.Match[str]) -> None:
        profile.setdefault(field, []).append(" ".join(match.group(1).split()))

    return store


# `   keepalive 10 retry 3`
def _keepalive(profile: dict[str, Any], match: re.Match[str]) -> None:
    profile["keepalive"] = {"interval": int(match.group(1)), "retry": int(match.group(2))}


# `   initiate mode aggressive`
def _aggressive(profile: dict[str, Any], match: re.Match[str]) -> None:
    profile["initiate_aggressive"] = True


RULES = (
    rule(r"description (.+)", setter("description")),
    rule(r"vrf (\S+)", setter("vrf")),
    rule(r"keyring (\S+)", _append("keyrings")),
    rule(r"ca trust-point (\S+)", _append("ca_trust_points")),
    rule(r"self-identity (.+)", setter("self_identity")),
    rule(r"match identity (.+)", _append("match_identities")),
    rule(r"local-address (\S+)", setter("local_address")),
    rule(r"keepalive (\d+) retry (\d+)", _keepalive),
    rule(r"initiate mode aggressive", _aggressive),
    rule(r"virtual-template (\d+)", setter("virtual_template", int)),
)


def set_line(field: str, value: Any) -> str:
    """The line that sets one value of a field (one item of a list field)."""
    if field == "keepalive":
        return f"keepalive {value['interval']} retry {value['retry']}"
    if field == "initiate_aggressive":
        return KEYWORDS[field]
    return f"{KEYWORDS[field]} {value}"


def unset_line(field: str, value: Any) -> str:
    """The line that removes a field (or one item of a list field, `value`)."""
    if field in ("keyrings", "ca_trust_points", "match_identities"):
        return f"no {KEYWORDS[field]} {value}"
    return f"no {KEYWORDS[field]}"


def _profile_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    fields: dict[str, Any] = {"name": match.group(1)}  # the rules set profile fields by name
    unmatched = apply_rules(block.children, RULES, fields)
    profile = {key: fields[key] for key in ("name", *FIELDS) if key in fields}
    config.isakmp_profiles.append(cast(IsakmpProfileFact, profile))
    config.report(unmatched, block.header, "isakmp_profiles")


BLOCKS = ((HEADER_RE, _profile_block),)


def config_lines(profile: IsakmpProfileFact) -> list[str]:
    """The block as `show running-config` prints it."""
    lines = [header(profile["name"])]
    for field in FIELDS:
        value = profile.get(field)
        if not value:
            continue
        values = value if isinstance(value, list) else [value]
        lines += ["   " + set_line(field, item) for item in values]
    return lines


def config_text(profiles: list[IsakmpProfileFact]) -> list[str]:
    return [line for profile in profiles for line in config_lines(profile)]

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of IKEv2 profiles (`crypto ikev2 profile NAME` blocks): parse rule and render of each line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_profiles.spec import (
    DEFAULT_LIFETIME,
    Ikev2ProfileFact,
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

NAMESPACES = ("crypto ikev2 profile",)
HEADER_RE = re.compile(r"crypto ikev2 profile (\S+)")

# Field -> keyword, in the order IOS prints the lines.
KEYWORDS: dict[str, str] = {
    "description": "description",
    "match_fvrf": "match fvrf",
    "match_address_local": "match address local",
    "match_identity_remote": "match identity remote",
    "identity_local": "identity local",
    "authentication_remote": "authentication remote",
    "authentication_local": "authentication local",
    "keyring_local": "keyring local",
    "pki_trustpoints": "pki trustpoint",
    "lifetime": "lifetime",
    "dpd": "dpd",
    "nat_keepalive": "nat keepalive",
    "virtual_template": "virtual-template",
    "ivrf": "ivrf",
}
LIST_FIELDS = ("match_address_local", "match_identity_remote", "authentication_remote", "pki_trustpoints")


def header(profile: Ikev2ProfileFact) -> str:
    return f"crypto ikev2 profile {profile['name']}"


def empty(name: str) -> Ikev2ProfileFact:
    fields: dict[str, Any] = {"name": name, **dict.fromkeys(KEYWORDS), "lifetime": DEFAULT_LIFETIME}
    fields.update({field: [] for field in LIST_FIELDS})
    return cast(Ikev2ProfileFact, fields)


def _append(field: str) -> Any:
    def store(target: dict[str, Any], match: re.Match[str]) -> None:
        target[field].append(match.group(1))

    return store


def _dpd(target: dict[str, Any], match: re.Match[str]) -> None:
    target["dpd"] = {"interval": int(match.group(1)), "retry": int(match.group(2)), "mode": match.group(3)}


LINE_RULES = (
    rule(r"description (.+)", setter("description")),
    rule(r"match fvrf (\S+)", setter("match_fvrf")),
    rule(r"match address local (\d+\.\d+\.\d+\.\d+)", _append("match_address_local")),
    rule(r"match identity remote (.+)", _append("match_identity_remote")),
    rule(r"identity local (.+)", setter("identity_local")),
    rule(r"authentication remote (\S+)", _append("authentication_remote")),
    rule(r"authentication local (\S+)", setter("authentication_local")),
    rule(r"keyring local (\S+)", setter("keyring_local")),
    rule(r"pki trustpoint (.+)", _append("pki_trustpoints")),
    rule(r"lifetime (\d+)", setter("lifetime", int)),
    rule(r"dpd (\d+) (\d+) (on-demand|periodic)", _dpd),
    rule(r"nat keepalive (\d+)", setter("nat_keepalive", int)),
    rule(r"virtual-template (\d+)", setter("virtual_template", int)),
    rule(r"ivrf (\S+)", setter("ivrf")),
)


def value_text(field: str, value: Any) -> str:
    if field == "dpd":
        return f"{value['interval']} {value['retry']} {value['mode']}"
    return str(value)


def field_lines(profile: Mapping[str, Any], field: str) -> list[str]:
    value = profile[field]
    if field in LIST_FIELDS:
        return [f"{KEYWORDS[field]} {item}" for item in value]
    if value is None or (field == "lifetime" and value == DEFAULT_LIFETIME):
        return []
    return [f"{KEYWORDS[field]} {value_text(field, value)}"]


def _profile_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    fields: dict[str, Any] = dict(empty(match.group(1)))
    unmatched = apply_rules(block.children, LINE_RULES, fields)
    config.ikev2_profiles.append(cast(Ikev2ProfileFact, fields))  # the rules set profile fields only
    config.report(unmatched, block.header, "ikev2_profiles")


BLOCKS = ((HEADER_RE, _profile_block),)


def config_text(profiles: list[Ikev2ProfileFact]) -> list[str]:
    return [
        text
        for profile in profiles
        for text in [
            header(profile),
            *(" " + line for field in KEYWORDS for line in field_lines(profile, field)),
        ]
    ]

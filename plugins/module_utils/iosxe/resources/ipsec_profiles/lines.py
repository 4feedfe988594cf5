# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of IPsec profiles (`crypto ipsec profile NAME` blocks): parse rule and render of each line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ipsec_profiles.spec import (
    FIELDS,
    LIFETIME_UNITS,
    IpsecProfileFact,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.rules import (
    apply_rules,
    rule,
    setter,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import DEFAULT_PFS_GROUP

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

NAMESPACES = ("crypto ipsec profile",)

# `crypto ipsec profile NAME`
HEADER_RE = re.compile(r"crypto ipsec profile (\S+)")


def header(name: str) -> str:
    return f"crypto ipsec profile {name}"


# ` set security-association lifetime seconds|kilobytes N`
def _lifetime(profile: dict[str, Any], match: re.Match[str]) -> None:
    profile.setdefault("sa_lifetime", {})[match.group(1)] = int(match.group(2))


def lifetime_line(unit: str, value: int | None) -> str:
    if value is None:
        return f"no set security-association lifetime {unit}"
    return f"set security-association lifetime {unit} {value}"


# ` set transform-set T1 T2`
def _transform_sets(profile: dict[str, Any], match: re.Match[str]) -> None:
    profile["transform_sets"] = match.group(1).split()


def transform_sets_line(names: list[str] | None) -> str:
    return f"set transform-set {' '.join(names)}" if names else "no set transform-set"


# ` set pfs [groupN]`
def _pfs(profile: dict[str, Any], match: re.Match[str]) -> None:
    profile["pfs"] = match.group(1) or DEFAULT_PFS_GROUP


def pfs_line(group: str | None) -> str:
    return f"set pfs {group}" if group else "no set pfs"


# ` set isakmp-profile NAME` / ` set ikev2-profile NAME`
def reference_line(field: str, name: str | None) -> str:
    keyword = "isakmp-profile" if field == "isakmp_profile" else "ikev2-profile"
    return f"set {keyword} {name}" if name else f"no set {keyword}"


RULES = (
    rule(r"set security-association lifetime (seconds|kilobytes) (\d+)", _lifetime),
    rule(r"set transform-set ((?:\S+ ?)+)", _transform_sets),
    rule(r"set pfs(?: (group\d+))?", _pfs),
    rule(r"set isakmp-profile (\S+)", setter("isakmp_profile")),
    rule(r"set ikev2-profile (\S+)", setter("ikev2_profile")),
)


def field_lines(field: str, value: Any) -> list[str]:
    """The commands that set one field (`value` None: remove it); a lifetime gives one line per unit."""
    if field == "sa_lifetime":
        lifetime = value or {}
        return [lifetime_line(unit, lifetime.get(unit)) for unit in LIFETIME_UNITS]
    if field == "transform_sets":
        return [transform_sets_line(value)]
    if field == "pfs":
        return [pfs_line(value)]
    return [reference_line(field, value)]


def _profile_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    fields: dict[str, Any] = {"name": match.group(1)}  # the rules set profile fields by name
    unmatched = apply_rules(block.children, RULES, fields)
    if "sa_lifetime" in fields:
        lifetime = fields["sa_lifetime"]
        fields["sa_lifetime"] = {unit: lifetime[unit] for unit in LIFETIME_UNITS if unit in lifetime}
    profile = {key: fields[key] for key in ("name", *FIELDS) if key in fields}
    config.ipsec_profiles.append(cast(IpsecProfileFact, profile))
    config.report(unmatched, block.header, "ipsec_profiles")


BLOCKS = ((HEADER_RE, _profile_block),)


def config_lines(profile: IpsecProfileFact) -> list[str]:
    """The block as `show running-config` prints it."""
    lines = [header(profile["name"])]
    lifetime: Mapping[str, Any] = profile.get("sa_lifetime", {})
    lines += [" " + lifetime_line(unit, lifetime[unit]) for unit in LIFETIME_UNITS if unit in lifetime]
    for field in FIELDS[1:]:
        if profile.get(field):
            lines += [" " + line for line in field_lines(field, profile.get(field))]
    return lines


def config_text(profiles: list[IpsecProfileFact]) -> list[str]:
    return [line for profile in profiles for line in config_lines(profile)]

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IPsec profiles (`crypto ipsec profile NAME`): facts, fields in IOS order, argument spec and checks."""

from __future__ import annotations

from typing import Any, Literal, Required, TypedDict

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import (
    cli_word,
    collect,
    duplicates,
    in_range,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import PFS_GROUPS, SA_LIFETIME_RANGES


class SaLifetimeFact(TypedDict, total=False):
    seconds: int
    kilobytes: int


class IpsecProfileFact(TypedDict, total=False):
    """One profile (an item of the module's `config`); only the fields the device sets are present."""

    name: Required[str]
    sa_lifetime: SaLifetimeFact
    transform_sets: list[str]
    pfs: str
    isakmp_profile: str
    ikev2_profile: str


Field = Literal["sa_lifetime", "transform_sets", "pfs", "isakmp_profile", "ikev2_profile"]
KEY = "name"
FIELDS: tuple[Field, ...] = ("sa_lifetime", "transform_sets", "pfs", "isakmp_profile", "ikev2_profile")
LIFETIME_UNITS = ("seconds", "kilobytes")
MAX_TRANSFORM_SETS = 6

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "name": {"type": "str", "required": True},
            "sa_lifetime": {
                "type": "dict",
                "options": {"seconds": {"type": "int"}, "kilobytes": {"type": "int"}},
            },
            "transform_sets": {"type": "list", "elements": "str"},
            "pfs": {"type": "str", "choices": list(PFS_GROUPS)},
            "isakmp_profile": {"type": "str"},
            "ikev2_profile": {"type": "str"},
        },
    }
)


def check(params: dict[str, Any]) -> list[str]:
    profiles = params.get("config") or []
    errors = duplicates("config", profiles, lambda item: f"profile {item['name']}")
    for index, profile in enumerate(profiles):
        path = f"config[{index}]"
        errors += collect(
            cli_word(f"{path}.name", profile["name"], 64),
            cli_word(f"{path}.isakmp_profile", profile.get("isakmp_profile"), 64),
            cli_word(f"{path}.ikev2_profile", profile.get("ikev2_profile"), 64),
        )
        if profile.get("isakmp_profile") and profile.get("ikev2_profile"):
            errors.append(f"{path}: an IPsec profile takes an isakmp_profile or an ikev2_profile, not both")
        names = profile.get("transform_sets") or []
        for position, name in enumerate(names):
            errors += collect(cli_word(f"{path}.transform_sets[{position}]", name, 64))
        if len(names) > MAX_TRANSFORM_SETS:
            errors.append(f"{path}.transform_sets: IOS accepts at most {MAX_TRANSFORM_SETS} transform sets")
        lifetime = profile.get("sa_lifetime") or {}
        for unit, bounds in SA_LIFETIME_RANGES.items():
            errors += collect(in_range(f"{path}.sa_lifetime.{unit}", lifetime.get(unit), bounds))
    return errors

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 policies: key, fields in IOS order, argument spec and value checks."""

from __future__ import annotations

from typing import Any, TypedDict

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import (
    cli_word,
    collect,
    duplicates,
    ipv4_address,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec


class Ikev2PolicyFact(TypedDict):
    """One item of the module's `config`: which proposals a local address / front-door VRF offers."""

    name: str
    match_fvrf: str | None  # a VRF name or `any`; None = the global routing table
    match_address_local: list[str]
    proposals: list[str]  # in preference order


KEY = "name"
FIELDS = ("match_fvrf", "match_address_local", "proposals")  # IOS order of the lines

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "name": {"type": "str", "required": True},
            "match_fvrf": {"type": "str"},
            "match_address_local": {"type": "list", "elements": "str"},
            "proposals": {"type": "list", "elements": "str"},
        },
    }
)


def check(params: dict[str, Any]) -> list[str]:
    policies = params.get("config") or []
    errors = duplicates("config", policies, lambda item: f"policy {item['name']}")
    for index, policy in enumerate(policies):
        path = f"config[{index}]"
        errors += collect(
            cli_word(f"{path}.name", policy["name"]), cli_word(f"{path}.match_fvrf", policy.get("match_fvrf"))
        )
        if policy["name"] == "default":
            errors.append(
                f"{path}.name: 'default' is the smart default policy; use ipsecux.iosxe.ikev2_defaults"
            )
        for i, address in enumerate(policy.get("match_address_local") or []):
            errors += collect(ipv4_address(f"{path}.match_address_local[{i}]", address))
        for i, name in enumerate(policy.get("proposals") or []):
            errors += collect(cli_word(f"{path}.proposals[{i}]", name))
    return errors

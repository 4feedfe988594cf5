# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ISAKMP policies: key, fields in IOS order, IOS defaults, argument spec and value checks."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import (
    collect,
    duplicates,
    in_range,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import (
    DH_GROUPS,
    ISAKMP_AUTHENTICATIONS,
    ISAKMP_ENCRYPTION_CLI,
    ISAKMP_HASHES,
    ISAKMP_LIFETIME_RANGE,
    ISAKMP_PRIORITY_RANGE,
)

KEY = "priority"
# What IOS assumes for a field the policy does not set; also the IOS order of the policy's lines.
DEFAULTS: dict[str, Any] = {
    "encryption": "des",
    "hash": "sha",
    "authentication": "rsa-sig",
    "group": 1,
    "lifetime": 86400,
}
FIELDS = tuple(DEFAULTS)

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "priority": {"type": "int", "required": True},
            "encryption": {"type": "str", "choices": list(ISAKMP_ENCRYPTION_CLI)},
            "hash": {"type": "str", "choices": list(ISAKMP_HASHES)},
            "authentication": {"type": "str", "choices": list(ISAKMP_AUTHENTICATIONS)},
            "group": {"type": "int", "choices": list(DH_GROUPS)},
            "lifetime": {"type": "int"},
        },
    }
)


def check(params: dict[str, Any]) -> list[str]:
    policies = params.get("config") or []
    errors = duplicates("config", policies, lambda item: f"priority {item['priority']}")
    for index, policy in enumerate(policies):
        path = f"config[{index}]"
        errors += collect(
            in_range(f"{path}.priority", policy["priority"], ISAKMP_PRIORITY_RANGE),
            in_range(f"{path}.lifetime", policy.get("lifetime"), ISAKMP_LIFETIME_RANGE),
        )
    return errors

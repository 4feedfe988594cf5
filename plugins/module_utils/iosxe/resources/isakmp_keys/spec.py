# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument spec and value checks of ipsecux.iosxe.isakmp_keys."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import (
    collect,
    duplicates,
    ipv4_address,
    ipv4_netmask,
    secret_word,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import KEY_TYPES, MAX_KEY_LENGTH

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "address": {"type": "str", "required": True},
            "mask": {"type": "str"},
            "key": {"type": "str", "no_log": True},
            "key_type": {"type": "int", "choices": list(KEY_TYPES)},
            "no_xauth": {"type": "bool"},
        },
    }
)


def check(params: dict[str, Any]) -> list[str]:
    keys = params.get("config") or []
    errors = duplicates("config", keys, lambda item: f"address {item['address']} mask {item.get('mask')}")
    for index, entry in enumerate(keys):
        path = f"config[{index}]"
        errors += collect(
            ipv4_address(f"{path}.address", entry["address"]),
            ipv4_netmask(f"{path}.mask", entry.get("mask")),
            secret_word(f"{path}.key", entry.get("key"), MAX_KEY_LENGTH),
        )
    return errors

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IPsec transform sets: key, fields in IOS order, argument spec and value checks."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import (
    cli_word,
    collect,
    duplicates,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import (
    AH_INTEGRITIES,
    COMBINED_MODE_TRANSFORMS,
    ESP_ENCRYPTIONS,
    ESP_INTEGRITIES,
    KEY_SIZE_TRANSFORMS,
    KEY_SIZES,
    TRANSFORM_MODES,
)

KEY = "name"
FIELDS = ("name", "esp_encryption", "key_size", "esp_integrity", "ah_integrity", "mode")  # facts order
TRANSFORM_FIELDS = ("esp_encryption", "key_size", "esp_integrity", "ah_integrity")  # the header's words

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "name": {"type": "str", "required": True},
            "esp_encryption": {"type": "str", "choices": list(ESP_ENCRYPTIONS)},
            "key_size": {"type": "int", "choices": list(KEY_SIZES)},
            "esp_integrity": {"type": "str", "choices": list(ESP_INTEGRITIES)},
            "ah_integrity": {"type": "str", "choices": list(AH_INTEGRITIES)},
            "mode": {"type": "str", "choices": list(TRANSFORM_MODES)},
        },
    },
    remove_references={"type": "bool", "default": False},
)


def check(params: dict[str, Any]) -> list[str]:
    sets = params.get("config") or []
    errors = duplicates("config", sets, lambda item: f"name {item['name']}")
    for index, item in enumerate(sets):
        errors += check_transform_set(f"config[{index}]", item)
    return errors


def check_transform_set(path: str, item: dict[str, Any]) -> list[str]:
    """Name and transform combination rules; also applied to merged results, where a key size given
    without a cipher meets the device's cipher."""
    encryption = item.get("esp_encryption")
    errors = collect(cli_word(f"{path}.name", item.get("name"), 64) if "name" in item else None)
    if item.get("key_size") is not None and encryption and encryption not in KEY_SIZE_TRANSFORMS:
        errors.append(
            f"{path}.key_size: only valid with esp_encryption {', '.join(KEY_SIZE_TRANSFORMS)} "
            f"(got {encryption})"
        )
    if encryption in COMBINED_MODE_TRANSFORMS and item.get("esp_integrity"):
        errors.append(
            f"{path}.esp_integrity: {encryption} already provides integrity and cannot be combined "
            f"with {item['esp_integrity']}"
        )
    return errors

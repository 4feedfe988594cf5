# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Running-config lines of IPsec transform sets (`crypto ipsec transform-set NAME transforms` blocks)."""

from __future__ import annotations

import re
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.blocks import Block, Line
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.rules import (
    apply_rules,
    rule,
    setter,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import (
    AH_INTEGRITIES,
    DEFAULT_KEY_SIZE,
    DEFAULT_TRANSFORM_MODE,
    ESP_ENCRYPTIONS,
    ESP_INTEGRITIES,
    KEY_SIZE_TRANSFORMS,
    KEY_SIZES,
)

HEADER_RE = re.compile(r"crypto ipsec transform-set (\S+) (.+)")
TRANSFORM_ROLES = (
    ("esp_encryption", ESP_ENCRYPTIONS),
    ("esp_integrity", ESP_INTEGRITIES),
    ("ah_integrity", AH_INTEGRITIES),
)
FIELD_ORDER = ("name", "esp_encryption", "key_size", "esp_integrity", "ah_integrity", "mode")
CHILD_RULES = (rule(r"mode (tunnel|transport)", setter("mode")),)


def parse_transforms(words: str) -> dict[str, Any] | None:
    """`esp-aes 256 esp-sha-hmac` -> fields; None when a word is unknown or repeats a role."""
    fields: dict[str, Any] = {}
    previous = None
    for word in words.split():
        if (
            word.isdigit()
            and previous in KEY_SIZE_TRANSFORMS
            and int(word) in KEY_SIZES
            and "key_size" not in fields
        ):
            fields["key_size"] = int(word)
            continue
        role = next((role for role, names in TRANSFORM_ROLES if word in names), None)
        if role is None or role in fields:
            return None
        fields[role] = previous = word
    if fields.get("esp_encryption") in KEY_SIZE_TRANSFORMS:
        fields.setdefault("key_size", DEFAULT_KEY_SIZE)
    return fields


def parse_transform_set(block: Block, match: re.Match[str]) -> tuple[dict[str, Any] | None, list[Line]]:
    """A transform set with `mode` filled in, or None when the transforms are not understood."""
    transforms = parse_transforms(match.group(2))
    if transforms is None:
        return None, block.children
    transform_set: dict[str, Any] = {"name": match.group(1), **transforms, "mode": DEFAULT_TRANSFORM_MODE}
    unmatched = apply_rules(block.children, CHILD_RULES, transform_set)
    return {key: transform_set[key] for key in FIELD_ORDER if key in transform_set}, unmatched

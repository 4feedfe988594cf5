# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of IPsec transform sets (`crypto ipsec transform-set NAME transforms` blocks): parse rule and
render of each line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.transform_sets.spec import FIELDS
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block, Line
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.rules import (
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

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

NAMESPACES = ("crypto ipsec transform-set",)
TRANSFORM_ROLES = (
    ("esp_encryption", ESP_ENCRYPTIONS),
    ("esp_integrity", ESP_INTEGRITIES),
    ("ah_integrity", AH_INTEGRITIES),
)

# `crypto ipsec transform-set NAME ah-sha-hmac esp-aes 256 esp-sha256-hmac`
HEADER_RE = re.compile(r"crypto ipsec transform-set (\S+) (.+)")


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


def transforms(transform_set: dict[str, Any]) -> str:
    """`esp-aes 256 esp-sha256-hmac`; AH first, key size after its cipher, 128 (the default) omitted."""
    words = []
    if transform_set.get("ah_integrity"):
        words.append(transform_set["ah_integrity"])
    if transform_set.get("esp_encryption"):
        words.append(transform_set["esp_encryption"])
        if transform_set.get("key_size") not in (None, DEFAULT_KEY_SIZE):
            words.append(str(transform_set["key_size"]))
    if transform_set.get("esp_integrity"):
        words.append(transform_set["esp_integrity"])
    return " ".join(words)


def header(transform_set: dict[str, Any]) -> str:
    return f"crypto ipsec transform-set {transform_set['name']} {transforms(transform_set)}"


def delete_line(name: str) -> str:
    return f"no crypto ipsec transform-set {name}"


# ` mode tunnel` / ` mode transport`
CHILD_RULES = (rule(r"mode (tunnel|transport)", setter("mode")),)


def mode_line(transform_set: dict[str, Any]) -> str:
    return f"mode {transform_set['mode']}"


def parse_transform_set(block: Block, match: re.Match[str]) -> tuple[dict[str, Any] | None, list[Line]]:
    """A transform set with `mode` filled in, or None when the transforms are not understood."""
    found = parse_transforms(match.group(2))
    if found is None:
        return None, block.children
    transform_set: dict[str, Any] = {"name": match.group(1), **found, "mode": DEFAULT_TRANSFORM_MODE}
    unmatched = apply_rules(block.children, CHILD_RULES, transform_set)
    return {key: transform_set[key] for key in FIELDS if key in transform_set}, unmatched


def _transform_set_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    transform_set, unmatched = parse_transform_set(block, match)
    if transform_set is None:
        config.report_block(block, "transform_sets")
        return
    config.transform_sets.append(transform_set)
    config.report(unmatched, block.header, "transform_sets")


BLOCKS = ((HEADER_RE, _transform_set_block),)


def config_text(transform_sets: list[dict[str, Any]]) -> list[str]:
    return [line for item in transform_sets for line in (header(item), " " + mode_line(item))]

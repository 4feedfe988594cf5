# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of IPsec transform sets."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import DEFAULT_KEY_SIZE


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


def mode_line(transform_set: dict[str, Any]) -> str:
    return f"mode {transform_set['mode']}"


def delete_line(name: str) -> str:
    return f"no crypto ipsec transform-set {name}"


def config_text(transform_sets: list[dict[str, Any]]) -> list[str]:
    return [line for item in transform_sets for line in (header(item), " " + mode_line(item))]

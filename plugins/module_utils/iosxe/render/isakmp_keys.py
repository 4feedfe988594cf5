# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of ISAKMP pre-shared keys (the caller masks keys before anything is returned)."""

from __future__ import annotations

from typing import Any


def _key_and_peer(entry: dict[str, Any]) -> str:
    key_type = f"{entry['key_type']} " if entry.get("key_type") else ""
    mask = f" {entry['mask']}" if entry.get("mask") else ""
    return f"crypto isakmp key {key_type}{entry['key']} address {entry['address']}{mask}"


def key_line(entry: dict[str, Any]) -> str:
    """Creates the key, or replaces the key of the same address and mask."""
    return _key_and_peer(entry) + (" no-xauth" if entry.get("no_xauth") else "")


def delete_line(entry: dict[str, Any]) -> str:
    return "no " + _key_and_peer(entry)


def config_text(keys: list[dict[str, Any]]) -> list[str]:
    return [key_line(entry) for entry in keys]

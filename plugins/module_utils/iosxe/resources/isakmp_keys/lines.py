# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The CLI line of an ISAKMP pre-shared key: parse rule and render (the caller masks keys on output)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

NAMESPACES = ("crypto isakmp key",)
# `crypto isakmp key [0|6] KEY address A.B.C.D [MASK] [no-xauth]`
KEY_LINE_RE = re.compile(
    r"crypto isakmp key (?:(?P<key_type>[06]) (?=\S+ address ))?(?P<key>\S+) address "
    r"(?P<address>\d+\.\d+\.\d+\.\d+)(?: (?P<mask>\d+\.\d+\.\d+\.\d+))?(?P<no_xauth> no-xauth)?"
)


def parse_key(match: re.Match[str]) -> dict[str, Any]:
    """A pre-shared key entry; the key stays in clear text here and is masked on output."""
    entry: dict[str, Any] = {"address": match["address"]}
    if match["mask"]:
        entry["mask"] = match["mask"]
    entry["key"] = match["key"]
    if match["key_type"] == "6":
        entry["key_type"] = 6
    if match["no_xauth"]:
        entry["no_xauth"] = True
    return entry


def _key_and_peer(entry: dict[str, Any]) -> str:
    key_type = f"{entry['key_type']} " if entry.get("key_type") else ""
    mask = f" {entry['mask']}" if entry.get("mask") else ""
    return f"crypto isakmp key {key_type}{entry['key']} address {entry['address']}{mask}"


def key_line(entry: dict[str, Any]) -> str:
    """Creates the key, or replaces the key of the same address and mask."""
    return _key_and_peer(entry) + (" no-xauth" if entry.get("no_xauth") else "")


def delete_line(entry: dict[str, Any]) -> str:
    return "no " + _key_and_peer(entry)


def _key_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    config.isakmp_keys.append(parse_key(match))
    config.report(block.children, block.header, "isakmp_keys")


BLOCKS = ((KEY_LINE_RE, _key_block),)


def config_text(keys: list[dict[str, Any]]) -> list[str]:
    return [key_line(entry) for entry in keys]

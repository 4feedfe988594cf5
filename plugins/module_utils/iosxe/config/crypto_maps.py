# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Running-config lines of crypto maps: static and dynamic map entries and interface bindings."""

from __future__ import annotations

import re
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.blocks import Block, Line
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.rules import apply_rules, rule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import DEFAULT_PFS_GROUP

STATIC_ENTRY_RE = re.compile(r"crypto map (\S+) (\d+) ipsec-isakmp(?: dynamic (\S+))?")
DYNAMIC_ENTRY_RE = re.compile(r"crypto dynamic-map (\S+) (\d+)")
INTERFACE_RE = re.compile(r"interface (\S+)")
INTERFACE_BINDING_RE = re.compile(r"crypto map (\S+)")
ENTRY_FIELD_ORDER = ("seq", "dynamic_map", "peers", "match_address", "transform_sets", "pfs", "sa_lifetime")


def _add_peer(entry: dict[str, Any], match: re.Match[str]) -> None:
    entry.setdefault("peers", []).append(match.group(1))


def _transform_sets(entry: dict[str, Any], match: re.Match[str]) -> None:
    entry["transform_sets"] = match.group(1).split()


def _pfs(entry: dict[str, Any], match: re.Match[str]) -> None:
    entry["pfs"] = match.group(1) or DEFAULT_PFS_GROUP


def _lifetime(entry: dict[str, Any], match: re.Match[str]) -> None:
    entry.setdefault("sa_lifetime", {})[match.group(1)] = int(match.group(2))


def _match_address(entry: dict[str, Any], match: re.Match[str]) -> None:
    entry["match_address"] = match.group(1)


ENTRY_RULES = (
    rule(r"set peer (\d+\.\d+\.\d+\.\d+)", _add_peer),
    rule(r"set transform-set ((?:\S+ ?)+)", _transform_sets),
    rule(r"set pfs(?: (group\d+))?", _pfs),
    rule(r"set security-association lifetime (seconds|kilobytes) (\d+)", _lifetime),
    rule(r"match address (\S+)", _match_address),
)


def parse_entry(block: Block, match: re.Match[str], dynamic: bool) -> tuple[str, dict[str, Any], list[Line]]:
    """(map name, entry, child lines not understood).

    An entry that references a dynamic map has no children of its own."""
    entry: dict[str, Any] = {"seq": int(match.group(2))}
    if not dynamic and match.group(3):
        entry["dynamic_map"] = match.group(3)
        return match.group(1), entry, list(block.children)
    unmatched = apply_rules(block.children, ENTRY_RULES, entry)
    if "sa_lifetime" in entry:
        entry["sa_lifetime"] = {
            unit: entry["sa_lifetime"][unit]
            for unit in ("seconds", "kilobytes")
            if unit in entry["sa_lifetime"]
        }
    return match.group(1), {key: entry[key] for key in ENTRY_FIELD_ORDER if key in entry}, unmatched


def interface_bindings(block: Block) -> tuple[list[str], list[Line]]:
    """Map names bound by an interface block; and the crypto lines under it that are not bindings."""
    names, other_crypto = [], []
    for line in block.children:
        match = INTERFACE_BINDING_RE.fullmatch(line.words)
        if match:
            names.append(match.group(1))
        elif "crypto" in line.words:
            other_crypto.append(line)
    return names, other_crypto


def add_entry(maps: list[dict[str, Any]], name: str, dynamic: bool, entry: dict[str, Any]) -> None:
    """Append an entry to its map (created on first use), keeping device order."""
    crypto_map = find_map(maps, name, dynamic)
    if crypto_map is None:
        crypto_map = {"name": name, "dynamic": dynamic, "entries": []}
        maps.append(crypto_map)
    crypto_map.setdefault("entries", []).append(entry)


def bind_interface(maps: list[dict[str, Any]], name: str, interface: str) -> None:
    crypto_map = find_map(maps, name, False)
    if crypto_map is None:
        crypto_map = {"name": name, "dynamic": False}
        maps.append(crypto_map)
    crypto_map.setdefault("interfaces", []).append(interface)


def find_map(maps: list[dict[str, Any]], name: str, dynamic: bool) -> dict[str, Any] | None:
    return next((item for item in maps if item["name"] == name and item["dynamic"] == dynamic), None)

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of crypto maps, dynamic maps and their interface bindings: parse rule and render of each line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps.spec import (
    ENTRY_FIELDS,
    LIFETIME_UNITS,
    CryptoMapEntryFact,
    CryptoMapFact,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block, Line
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.rules import (
    apply_rules,
    rule,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import DEFAULT_PFS_GROUP

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

NAMESPACES = ("crypto map", "crypto dynamic-map")

# `crypto map NAME SEQ ipsec-isakmp [dynamic DYN]` / `crypto dynamic-map NAME SEQ`
STATIC_ENTRY_RE = re.compile(r"crypto map (\S+) (\d+) ipsec-isakmp(?: dynamic (\S+))?")
DYNAMIC_ENTRY_RE = re.compile(r"crypto dynamic-map (\S+) (\d+)")


def entry_header(crypto_map: CryptoMapFact, entry: CryptoMapEntryFact) -> str:
    if crypto_map["dynamic"]:
        return f"crypto dynamic-map {crypto_map['name']} {entry['seq']}"
    reference = f" dynamic {entry['dynamic_map']}" if entry.get("dynamic_map") else ""
    return f"crypto map {crypto_map['name']} {entry['seq']} ipsec-isakmp{reference}"


def delete_entry(crypto_map: CryptoMapFact, seq: int) -> str:
    kind = "dynamic-map" if crypto_map["dynamic"] else "map"
    return f"no crypto {kind} {crypto_map['name']} {seq}"


# ` set peer A.B.C.D` (one line per peer, in failover order)
def _add_peer(entry: dict[str, Any], match: re.Match[str]) -> None:
    entry.setdefault("peers", []).append(match.group(1))


def peer_line(peer: str) -> str:
    return f"set peer {peer}"


# ` set transform-set T1 T2`
def _transform_sets(entry: dict[str, Any], match: re.Match[str]) -> None:
    entry["transform_sets"] = match.group(1).split()


def transform_sets_line(names: list[str]) -> str:
    return f"set transform-set {' '.join(names)}" if names else "no set transform-set"


# ` set pfs [groupN]`
def _pfs(entry: dict[str, Any], match: re.Match[str]) -> None:
    entry["pfs"] = match.group(1) or DEFAULT_PFS_GROUP


def pfs_line(group: str | None) -> str:
    return f"set pfs {group}" if group else "no set pfs"


# ` set ikev2-profile NAME`
def _ikev2_profile(entry: dict[str, Any], match: re.Match[str]) -> None:
    entry["ikev2_profile"] = match.group(1)


def ikev2_profile_line(name: str | None) -> str:
    return f"set ikev2-profile {name}" if name else "no set ikev2-profile"


# ` set security-association lifetime seconds|kilobytes N`
def _lifetime(entry: dict[str, Any], match: re.Match[str]) -> None:
    entry.setdefault("sa_lifetime", {})[match.group(1)] = int(match.group(2))


def lifetime_line(unit: str, value: int | None) -> str:
    if value is None:
        return f"no set security-association lifetime {unit}"
    return f"set security-association lifetime {unit} {value}"


# ` match address ACL`
def _match_address(entry: dict[str, Any], match: re.Match[str]) -> None:
    entry["match_address"] = match.group(1)


def match_address_line(acl: str | None) -> str:
    return f"match address {acl}" if acl else "no match address"


ENTRY_RULES = (
    rule(r"set peer (\d+\.\d+\.\d+\.\d+)", _add_peer),
    rule(r"set transform-set ((?:\S+ ?)+)", _transform_sets),
    rule(r"set pfs(?: (group\d+))?", _pfs),
    rule(r"set ikev2-profile (\S+)", _ikev2_profile),
    rule(r"set security-association lifetime (seconds|kilobytes) (\d+)", _lifetime),
    rule(r"match address (\S+)", _match_address),
)


def entry_lines(entry: CryptoMapEntryFact) -> list[str]:
    """Sub-commands of an entry in running-config order; `match address` last."""
    lines = [peer_line(peer) for peer in entry.get("peers", [])]
    lifetime: Mapping[str, Any] = entry.get("sa_lifetime", {})
    lines += [lifetime_line(unit, lifetime[unit]) for unit in LIFETIME_UNITS if unit in lifetime]
    if entry.get("transform_sets"):
        lines.append(transform_sets_line(entry["transform_sets"]))
    if entry.get("pfs"):
        lines.append(pfs_line(entry["pfs"]))
    if entry.get("ikev2_profile"):
        lines.append(ikev2_profile_line(entry["ikev2_profile"]))
    if entry.get("match_address"):
        lines.append(match_address_line(entry["match_address"]))
    return lines


def parse_entry(
    block: Block, match: re.Match[str], dynamic: bool
) -> tuple[str, CryptoMapEntryFact, list[Line]]:
    """(map name, entry, child lines not understood).

    An entry that references a dynamic map has no children of its own."""
    entry: dict[str, Any] = {"seq": int(match.group(2))}  # the rules set entry fields by name
    if not dynamic and match.group(3):
        return match.group(1), {"seq": entry["seq"], "dynamic_map": match.group(3)}, list(block.children)
    unmatched = apply_rules(block.children, ENTRY_RULES, entry)
    if "sa_lifetime" in entry:
        entry["sa_lifetime"] = {
            unit: entry["sa_lifetime"][unit] for unit in LIFETIME_UNITS if unit in entry["sa_lifetime"]
        }
    return (
        match.group(1),
        cast(CryptoMapEntryFact, {key: entry[key] for key in ENTRY_FIELDS if key in entry}),
        unmatched,
    )


# `interface NAME` / ` crypto map NAME`
INTERFACE_RE = re.compile(r"interface (\S+)")
INTERFACE_BINDING_RE = re.compile(r"crypto map (\S+)")


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


def interface_block(interface: str, line: str) -> list[str]:
    """Interface sub-commands end with `exit`, so a following global `crypto map` line is not taken
    as the interface command of the same name."""
    return [f"interface {interface}", line, "exit"]


def add_entry(maps: list[CryptoMapFact], name: str, dynamic: bool, entry: CryptoMapEntryFact) -> None:
    """Append an entry to its map (created on first use), keeping device order."""
    crypto_map = find_map(maps, name, dynamic)
    if crypto_map is None:
        crypto_map = {"name": name, "dynamic": dynamic, "entries": []}
        maps.append(crypto_map)
    crypto_map.setdefault("entries", []).append(entry)


def bind_interface(maps: list[CryptoMapFact], name: str, interface: str) -> None:
    crypto_map = find_map(maps, name, False)
    if crypto_map is None:
        crypto_map = {"name": name, "dynamic": False}
        maps.append(crypto_map)
    crypto_map.setdefault("interfaces", []).append(interface)


def find_map(maps: list[CryptoMapFact], name: str, dynamic: bool) -> CryptoMapFact | None:
    return next((item for item in maps if item["name"] == name and item["dynamic"] == dynamic), None)


def _static_entry_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    name, entry, unmatched = parse_entry(block, match, False)
    add_entry(config.crypto_maps, name, False, entry)
    config.report(unmatched, block.header, "crypto_maps")


def _dynamic_entry_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    name, entry, unmatched = parse_entry(block, match, True)
    add_entry(config.crypto_maps, name, True, entry)
    config.report(unmatched, block.header, "crypto_maps")


def _interface_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    names, other_crypto = interface_bindings(block)
    for name in names:
        bind_interface(config.crypto_maps, name, match.group(1))
    config.report_crypto_lines(other_crypto, block.header)


BLOCKS = (
    (STATIC_ENTRY_RE, _static_entry_block),
    (DYNAMIC_ENTRY_RE, _dynamic_entry_block),
    (INTERFACE_RE, _interface_block),
)


def config_text(maps: list[CryptoMapFact]) -> list[str]:
    ordered = [m for m in maps if m["dynamic"]] + [m for m in maps if not m["dynamic"]]
    lines = []
    for crypto_map in ordered:
        for entry in crypto_map.get("entries", []):
            lines.append(entry_header(crypto_map, entry))
            lines += [" " + line for line in entry_lines(entry)]
    for crypto_map in ordered:
        for interface in crypto_map.get("interfaces", []):
            lines += [f"interface {interface}", f" crypto map {crypto_map['name']}"]
    return lines

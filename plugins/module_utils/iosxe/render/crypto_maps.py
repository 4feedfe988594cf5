# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of crypto maps, dynamic maps and their interface bindings."""

from __future__ import annotations

from typing import Any

LIFETIME_UNITS = ("seconds", "kilobytes")


def entry_header(crypto_map: dict[str, Any], entry: dict[str, Any]) -> str:
    if crypto_map["dynamic"]:
        return f"crypto dynamic-map {crypto_map['name']} {entry['seq']}"
    reference = f" dynamic {entry['dynamic_map']}" if entry.get("dynamic_map") else ""
    return f"crypto map {crypto_map['name']} {entry['seq']} ipsec-isakmp{reference}"


def delete_entry(crypto_map: dict[str, Any], seq: int) -> str:
    kind = "dynamic-map" if crypto_map["dynamic"] else "map"
    return f"no crypto {kind} {crypto_map['name']} {seq}"


def peer_line(peer: str) -> str:
    return f"set peer {peer}"


def lifetime_line(unit: str, value: int | None) -> str:
    if value is None:
        return f"no set security-association lifetime {unit}"
    return f"set security-association lifetime {unit} {value}"


def transform_sets_line(names: list[str]) -> str:
    return f"set transform-set {' '.join(names)}" if names else "no set transform-set"


def pfs_line(group: str | None) -> str:
    return f"set pfs {group}" if group else "no set pfs"


def match_address_line(acl: str | None) -> str:
    return f"match address {acl}" if acl else "no match address"


def entry_lines(entry: dict[str, Any]) -> list[str]:
    """Sub-commands of an entry in running-config order; `match address` last."""
    lines = [peer_line(peer) for peer in entry.get("peers", [])]
    lifetime = entry.get("sa_lifetime", {})
    lines += [lifetime_line(unit, lifetime[unit]) for unit in LIFETIME_UNITS if unit in lifetime]
    if entry.get("transform_sets"):
        lines.append(transform_sets_line(entry["transform_sets"]))
    if entry.get("pfs"):
        lines.append(pfs_line(entry["pfs"]))
    if entry.get("match_address"):
        lines.append(match_address_line(entry["match_address"]))
    return lines


def interface_block(interface: str, line: str) -> list[str]:
    """Interface sub-commands end with `exit`, so a following global `crypto map` line is not taken
    as the interface command of the same name."""
    return [f"interface {interface}", line, "exit"]


def config_text(maps: list[dict[str, Any]]) -> list[str]:
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

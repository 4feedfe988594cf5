# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parser for ``show crypto map``.

-> ``{"crypto_maps": [MAP, ...]}`` in order of first appearance, MAP =
``{"name", "entries": [ENTRY, ...], "interfaces": [name, ...]}`` (the shape of the ``crypto_maps``
module's config).  A map named only by an ``Interfaces using crypto map X:`` line gets no entries.

ENTRY::

    {"seq", "address_family": "ipv4"|"ipv6"|None, "type": "ipsec-isakmp", "peers": [..],
     "transform_sets": [{"name", "transforms": [..]}],
     ["dynamic_map_template_tag", "created_from_dynamic_map", "incomplete", "ikev2_profile", "isakmp_profile",
      "access_list_ss_dynamic", "access_list": {"name", "entries": [..]} | None, "access_check_in",
      "current_peer", "sa_lifetime": {"kilobytes", "seconds"}, "sa_idletime_seconds", "dualstack",
      "responder_only", "pfs", "pfs_group", "mixed_mode"]}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .common import Log, ParseResult, compile_rules, run_rules, snake_case, typed_fields


class _MapState:
    def __init__(self) -> None:
        self.maps: dict[str, dict[str, Any]] = {}
        self.entry: dict[str, Any] | None = None
        self.mode: str | None = None
        self.interfaces: list[str] | None = None

    def _map(self, name: str) -> dict[str, Any]:
        return self.maps.setdefault(name, {"name": name, "entries": [], "interfaces": []})

    def _set(self, values: dict[str, Any]) -> bool | None:
        if self.entry is None:
            return False
        self.entry.update(values)
        self.mode = None
        return None

    def on_map(self, match: re.Match[str], *_: object) -> None:
        family = match.group(1)
        self.entry = {
            "seq": int(match.group(3)),
            "address_family": family.lower() if family else None,
            "type": match.group(4),
            "peers": [],
            "transform_sets": [],
        }
        self._map(match.group(2))["entries"].append(self.entry)
        self.mode = self.interfaces = None

    def on_interfaces_header(self, match: re.Match[str], *_: object) -> None:
        self.entry, self.mode = None, "interfaces"
        self.interfaces = self._map(match.group(1))["interfaces"]

    def on_interface(self, match: re.Match[str], *_: object) -> bool | None:
        if self.mode != "interfaces" or self.interfaces is None:
            return False
        self.interfaces.append(match.group(1))
        return None

    def on_peer(self, match: re.Match[str], *_: object) -> bool | None:
        if self.entry is None:
            return False
        self.entry["peers"].append(match.group(1))
        self.mode = None
        return None

    def on_incomplete(self, *_: object) -> bool | None:
        return self._set({"incomplete": True})

    def on_incomplete_reason(self, *_: object) -> bool | None:
        if self.entry is None or not self.entry.get("incomplete"):
            return False
        return None

    def on_field(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(typed_fields(match.group(1), match.group(2)))

    def on_acl(self, match: re.Match[str], *_: object) -> bool | None:
        result = self._set({"access_list": {"name": match.group(1), "entries": []}})
        self.mode = "acl"
        return result

    def on_acl_entry(self, match: re.Match[str], *_: object) -> bool | None:
        if self.entry is None or self.mode != "acl":
            return False
        self.entry["access_list"]["entries"].append(" ".join(match.group(0).split()))
        return None

    def on_no_acl(self, *_: object) -> bool | None:
        return self._set({"access_list": None})

    def on_access_check(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set({f"access_check_{match.group(1).lower()}": match.group(2)})

    def on_created_from(self, match: re.Match[str], *_: object) -> bool | None:
        mode = self.mode
        result = self._set({"created_from_dynamic_map": match.group(1)})
        self.mode = mode
        return result

    def on_lifetime(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set({"sa_lifetime": {"kilobytes": int(match.group(1)), "seconds": int(match.group(2))}})

    def on_idletime(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set({"sa_idletime_seconds": int(match.group(1))})

    def on_pfs_group(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set({"pfs_group": match.group(1)})

    def on_profile(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set({f"{snake_case(match.group(1))}_profile": match.group(2)})

    def on_transforms_start(self, *_: object) -> bool | None:
        result = self._set({})
        self.mode = "transforms"
        return result

    def on_transform_set(self, match: re.Match[str], *_: object) -> bool | None:
        if self.entry is None or self.mode != "transforms":
            return False
        self.entry["transform_sets"].append({"name": match.group(1), "transforms": match.group(2).split()})
        return None

    def on_transforms_end(self, *_: object) -> bool | None:
        if self.mode != "transforms":
            return False
        self.mode = None
        return None


_RULES = compile_rules(
    (r'\s*Crypto Map(?:\s+(IPv4|IPv6))?\s+"([^"]+)"\s+(\d+)(?:\s+(\S+))?\s*$', "on_map"),
    (r"\s*Interfaces using crypto map\s+(\S+?):?\s*$", "on_interfaces_header"),
    (r"\s*Peer\s*=\s*(\S+)\s*$", "on_peer"),
    (r"\s*WARNING: This crypto map is in an incomplete state!\s*$", "on_incomplete"),
    (r"\s*\(missing peer or access-list definitions\)\s*$", "on_incomplete_reason"),
    (
        (
            r"\s*(Dynamic map template tag|Access-List SS dynamic|Current peer|Mixed-mode|"
            r"(?:Dualstack|Responder-Only|PFS) \(Y/N\))\s*:\s*(\S+)\s*$"
        ),
        "on_field",
    ),
    (r"\s*(?:Extended |Standard )?IP(?:v6)? access list(?:\s+(\S+))?\s*$", "on_acl"),
    (r"\s*(?:access-list\s|(?:permit|deny)\s).*\S", "on_acl_entry"),
    (r"\s*No matching address list set\.?\s*$", "on_no_acl"),
    (r"\s*Extended IP access check (IN|OUT) list\s+(\S+)\s*$", "on_access_check"),
    (r"\s*dynamic \(created from dynamic map (\S+)\)\s*$", "on_created_from"),
    (r"\s*Security association lifetime:\s*(\d+) kilobytes/(\d+) seconds\s*$", "on_lifetime"),
    (r"\s*Security association idletime:\s*(\d+) seconds\s*$", "on_idletime"),
    (r"\s*DH group:\s*(\S+)\s*$", "on_pfs_group"),
    (r"\s*(IKEv2|ISAKMP) Profile:\s*(\S+)\s*$", "on_profile"),
    (r"\s*Transform sets\s*=\s*\{\s*$", "on_transforms_start"),
    (r"\s*([^\s:{}]+):\s*\{\s*([^}]*?)\s*\}\s*,?\s*$", "on_transform_set"),
    (r"\s*\}\s*$", "on_transforms_end"),
    (r"\s*([A-Za-z][\w.:/-]*\d)\s*$", "on_interface"),
)


def parse_crypto_map(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _MapState()
    run_rules(text, _RULES, state, log)
    return ParseResult({"crypto_maps": list(state.maps.values())}, log.warnings)

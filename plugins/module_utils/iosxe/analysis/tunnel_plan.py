# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One router's part of `site_to_site_vpn_tunnels`: its ends and the configuration they need.

Pre-shared keys are not in the plan; the role's configure tasks take them from the tunnel list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnels import (
    Obj,
    acl_address,
    flag,
    given,
    seq,
    transform_set,
    transform_set_name,
)


@dataclass(frozen=True)
class Names:
    """The role's names for what it configures."""

    acl_prefix: str
    crypto_map: str
    dynamic_map: str
    dynamic_map_seq: int


def plan(tunnels: list[Obj], host: str, names: Names) -> dict[str, Any]:
    ends: list[dict[str, Any]] = []
    acls: list[dict[str, Any]] = []
    policies: list[dict[str, Any]] = []
    transform_sets: list[dict[str, Any]] = []
    dynamic: list[dict[str, Any]] = []
    static: list[dict[str, Any]] = []
    interfaces: list[str] = []
    for index, tunnel in enumerate(tunnels):
        for side, other_side in (("a", "b"), ("b", "a")):
            if tunnel[side]["host"] != host:
                continue
            local, remote = tunnel[side], tunnel[other_side]
            number = seq(tunnel, index)
            acl = names.acl_prefix + str(tunnel["name"])
            ends.append(
                {
                    "tunnel": tunnel["name"],
                    "index": index,
                    "side": side,
                    "seq": number,
                    "interface": local["interface"],
                    "address": local["address"],
                    "peer": remote["address"],
                    "peer_host": remote["host"],
                    "acl": acl,
                }
            )
            acls.append({"name": acl, "aces": aces(local["subnets"], remote["subnets"])})
            if tunnel.get("ike"):
                policies.append(isakmp_policy(tunnel["ike"]))
            entry: dict[str, Any] = {"seq": number, "match_address": acl}
            if transform_set(tunnel):
                transform_sets.append(own_transform_set(tunnel))
                entry["transform_sets"] = [transform_set_name(tunnel)]
            ipsec = tunnel.get("ipsec") or {}
            if ipsec.get("pfs"):
                entry["pfs"] = ipsec["pfs"]
            if ipsec.get("sa_lifetime"):
                entry["sa_lifetime"] = given(ipsec["sa_lifetime"])
            entry["peers"] = [remote["address"]]
            (dynamic if flag(local.get("dynamic", False)) else static).append(entry)
            interfaces.append(local["interface"])
    return {
        "ends": ends,
        "policies": sorted(_unique(policies), key=lambda policy: policy["priority"]),
        "transform_sets": _unique(transform_sets),
        "acls": acls,
        "crypto_maps": crypto_maps(dynamic, static, interfaces, names),
    }


def aces(local_subnets: list[str], remote_subnets: list[str]) -> list[str]:
    """One `permit ip` line per pair of local and remote subnet."""
    return [
        f"permit ip {acl_address(mine)} {acl_address(theirs)}"
        for mine in local_subnets
        for theirs in remote_subnets
    ]


def isakmp_policy(ike: Obj) -> dict[str, Any]:
    """The tunnel's ISAKMP policy: its given fields, priority 10 unless given, always pre-shared keys."""
    policy = given(ike)
    return {**policy, "priority": policy.get("priority", 10), "authentication": "pre-share"}


def own_transform_set(tunnel: Obj) -> dict[str, Any]:
    fields = given(transform_set(tunnel) or {})
    return {**fields, "name": transform_set_name(tunnel), "mode": fields.get("mode", "tunnel")}


def crypto_maps(
    dynamic: list[dict[str, Any]], static: list[dict[str, Any]], interfaces: list[str], names: Names
) -> list[dict[str, Any]]:
    """The dynamic map (when an end is dynamic) and the static map bound to the ends' interfaces."""
    maps: list[dict[str, Any]] = []
    if dynamic:
        maps.append({"name": names.dynamic_map, "dynamic": True, "entries": _by_seq(dynamic)})
        static = [*static, {"seq": names.dynamic_map_seq, "dynamic_map": names.dynamic_map}]
    if static:
        maps.append(
            {
                "name": names.crypto_map,
                "dynamic": False,
                "entries": _by_seq(static),
                "interfaces": _unique(interfaces),
            }
        )
    return maps


def _by_seq(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entries, key=lambda entry: entry["seq"])


def _unique(items: list[Any]) -> list[Any]:
    """Drop repeats, keep the first of each (the `unique` filter)."""
    kept: list[Any] = []
    for item in items:
        if item not in kept:
            kept.append(item)
    return kept

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One router's part of `site_to_site_vpn_tunnels`: its ends and the configuration they need.

`ike_version` 1 or 2 and `topology` crypto_map or vti choose the objects (docs/roles.md). Pre-shared keys are
not in the plan; the role's configure tasks take them from the tunnel list by each end's `index`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis import tunnel_vti as vti
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnel_ike import (
    ikev1_profile_objects,
    ikev2_objects,
    profile_name,
)
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
    ike_version: int = 1
    topology: str = "crypto_map"
    ikev2_suite: str = "smart_defaults"
    virtual_template: int = 1


def plan(tunnels: list[Obj], host: str, names: Names) -> dict[str, Any]:
    """The crypto-map plan (the ACLs and maps are left out for VTIs), plus the IKE and VTI objects."""
    result = crypto_map_plan(tunnels, host, names)
    ends = result["ends"]
    dynamic_vti = names.virtual_template if names.topology == "vti" else None
    if names.topology == "vti":
        result.update(acls=[], crypto_maps=[], **vti_objects(tunnels, ends, names))
    else:
        result.update(ipsec_profiles=[], tunnel_interfaces=[], interface_lines={}, routes=[])
    if names.ike_version == 2:
        result.update(**ikev2_objects(ends, names.acl_prefix, names.ikev2_suite, dynamic_vti))
    else:
        result.update(ikev2_proposals=[], ikev2_policies=[], ikev2_keyring={"peers": []}, ikev2_profiles=[])
    if names.ike_version == 1 and names.topology == "vti":
        result.update(ikev1_profile_objects(ends, names.acl_prefix, dynamic_vti))
    else:
        result.update(keyring={"keys": []}, isakmp_profiles=[])
    result["global_keys"] = names.ike_version == 1 and names.topology == "crypto_map"
    return result


def vti_objects(tunnels: list[Obj], ends: list[dict[str, Any]], names: Names) -> dict[str, Any]:
    """IPsec profiles, Tunnel interfaces, the virtual template's lines and the static routes of VTI ends."""
    profiles: list[dict[str, Any]] = []
    interfaces: list[dict[str, Any]] = []
    lines: dict[str, list[str]] = {}
    routes: list[dict[str, Any]] = []
    profile_key = "ikev2_profile" if names.ike_version == 2 else "isakmp_profile"
    for end in ends:
        tunnel = tunnels[end["index"]]
        remote_subnets = tunnel["b" if end["side"] == "a" else "a"]["subnets"]
        if end["dynamic"]:
            if not any(header.startswith("interface Virtual-Template") for header in lines):
                template = dynamic_template(tunnel, end, names)
                profiles.append(template["profile"])
                lines[template["header"]] = template["lines"]
            continue
        name = profile_name(names.acl_prefix, end["tunnel"])
        profiles.append(vti.ipsec_profile(name, tunnel, {profile_key: name}))
        interface = static_tunnel(tunnel, end, name)
        if "address" not in interface:
            lines[f"interface {interface['name']}"] = [f" ip unnumbered {end['interface']}"]
        interfaces.append(interface)
        routes += vti.routes(remote_subnets, interface["name"])
    return {
        "ipsec_profiles": profiles,
        "tunnel_interfaces": interfaces,
        "interface_lines": lines,
        "routes": routes,
    }


def static_tunnel(tunnel: Obj, end: dict[str, Any], profile: str) -> dict[str, Any]:
    interface: dict[str, Any] = {
        "name": vti.tunnel_interface_name(end["seq"]),
        "source": end["interface"],
        "mode": "ipsec ipv4",
        "destination": end["peer"],
        "protection": {"profile": profile},
    }
    if tunnel.get("tunnel_subnet"):
        interface["address"], interface["mask"] = vti.tunnel_address(tunnel["tunnel_subnet"], end["side"])
    return interface


def dynamic_template(tunnel: Obj, end: dict[str, Any], names: Names) -> dict[str, Any]:
    """The router's one virtual template for its dynamic ends, and its IPsec profile (phase-2 settings of
    the first such tunnel; tunnel_problems refuses hub tunnels that differ). Spokes are told apart by
    their IKE profiles, so the IPsec profile names none."""
    profile = vti.ipsec_profile(f"{names.acl_prefix}DVTI", tunnel, {})
    return {
        "profile": profile,
        "header": f"interface {vti.template_name(names.virtual_template)} type tunnel",
        "lines": [
            f" ip unnumbered {end['interface']}",
            f" tunnel source {end['interface']}",
            " tunnel mode ipsec ipv4",
            f" tunnel protection ipsec profile {profile['name']}",
        ],
    }


def crypto_map_plan(tunnels: list[Obj], host: str, names: Names) -> dict[str, Any]:
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
                    "dynamic": flag(local.get("dynamic", False)),
                }
            )
            acls.append({"name": acl, "entries": aces(local["subnets"], remote["subnets"])})
            if tunnel.get("ike") and names.ike_version == 1:
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
            if names.ike_version == 2:
                entry["ikev2_profile"] = profile_name(names.acl_prefix, str(tunnel["name"]))
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

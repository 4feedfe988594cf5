# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Problems of `site_to_site_vpn_tunnels` that the role's argument_specs cannot see (one rule per function)."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.topology_problems import (
    topology_problems,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnels import (
    Obj,
    flag,
    given,
    seq,
    transform_set,
    transform_set_name,
)

NAME_RE = re.compile(r"^[A-Za-z0-9_-]+$")
OCTET = r"(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])"
IPV4_RE = re.compile(rf"^{OCTET}(\.{OCTET}){{3}}$")
PREFIX_RE = re.compile(r"^([0-9]|[12][0-9]|3[0-2])$")


def problems(
    tunnels: list[Obj],
    play_hosts: Collection[str],
    dynamic_map_seq: int,
    ike_version: int = 1,
    topology: str = "crypto_map",
) -> list[str]:
    """Every problem, tunnel by tunnel, then the clashes between tunnels that share a router, then those of
    the IKE version and topology."""
    found: list[str] = []
    names: list[Any] = []
    per_router: dict[str, list[dict[str, Any]]] = {}
    for index, tunnel in enumerate(tunnels):
        label = f"tunnel {tunnel.get('name', index + 1)}"
        found += name_problems(label, tunnel.get("name"), names)
        names.append(tunnel.get("name"))
        number = seq(tunnel, index)
        found += seq_problems(label, number, dynamic_map_seq)
        found += ends_problems(label, tunnel)
        for side, other in (("a", "b"), ("b", "a")):
            end = tunnel[side]
            found += end_problems(f"{label}.{side}", end, play_hosts)
            per_router.setdefault(end["host"], []).append(
                {
                    "label": label,
                    "seq": number,
                    "peer": tunnel[other]["address"],
                    "policy": tunnel.get("ike"),
                    "ts_name": transform_set_name(tunnel),
                    "ts": transform_set(tunnel),
                }
            )
    for router, ends in per_router.items():
        found += router_problems(router, ends)
    return found + topology_problems(tunnels, ike_version, topology)


def name_problems(label: str, name: Any, earlier: list[Any]) -> list[str]:
    found = []
    if name is None or not NAME_RE.match(str(name)):
        found.append(f"{label}: name may hold only letters, digits, - and _")
    if name in earlier:
        found.append(f"{label}: name used twice")
    return found


def seq_problems(label: str, number: int, dynamic_map_seq: int) -> list[str]:
    if number < 1 or number >= dynamic_map_seq:
        return [f"{label}: seq {number} is outside 1-{dynamic_map_seq - 1}"]
    return []


def ends_problems(label: str, tunnel: Obj) -> list[str]:
    found = []
    if tunnel["a"]["host"] == tunnel["b"]["host"]:
        found.append(f"{label}: both ends are on {tunnel['a']['host']}")
    if flag(tunnel["a"].get("dynamic", False)) and flag(tunnel["b"].get("dynamic", False)):
        found.append(f"{label}: both ends are dynamic, so neither can start the tunnel")
    return found


def end_problems(label: str, end: Obj, play_hosts: Collection[str]) -> list[str]:
    found = []
    probe = end.get("probe")
    hosts = [end["host"]] + ([probe["host"]] if probe and probe.get("host") else [])
    found += [f"{label}: host {host} is not in this play" for host in hosts if host not in play_hosts]
    if not IPV4_RE.match(str(end["address"])):
        found.append(f"{label}: address {end['address']} is not an IPv4 address")
    for subnet in end["subnets"]:
        parts = subnet.split("/")
        if not IPV4_RE.match(parts[0]) or not PREFIX_RE.match(parts[1] if len(parts) > 1 else "32"):
            found.append(f"{label}: subnet {subnet} is not address/prefix")
    if not end["subnets"]:
        found.append(f"{label}: subnets is empty")
    return found


def router_problems(router: str, ends: list[dict[str, Any]]) -> list[str]:
    """Two ends on one router must not share a seq or a peer, nor define one policy or set two ways."""
    found = []
    for position, end in enumerate(ends):
        for earlier in ends[:position]:
            pair = f"{router}: {earlier['label']} and {end['label']}"
            if earlier["seq"] == end["seq"]:
                found.append(f"{pair} share crypto map seq {end['seq']}")
            if earlier["peer"] == end["peer"]:
                found.append(f"{pair} have the same peer {end['peer']} (put all subnets into one tunnel)")
            if _policies_clash(end["policy"], earlier["policy"]):
                priority = end["policy"].get("priority", 10)
                found.append(f"{pair} define different ISAKMP policies with priority {priority}")
            if (
                end["ts_name"]
                and end["ts_name"] == earlier["ts_name"]
                and _sets_clash(end["ts"], earlier["ts"])
            ):
                found.append(f"{pair} define transform set {end['ts_name']} differently")
    return found


def _policies_clash(policy: Obj | None, other: Obj | None) -> bool:
    if not policy or not other or policy.get("priority", 10) != other.get("priority", 10):
        return False
    return {**given(policy), "priority": 0} != {**given(other), "priority": 0}


def _sets_clash(transform_set: Obj, other: Obj) -> bool:
    return {**given(transform_set), "name": ""} != {**given(other), "name": ""}

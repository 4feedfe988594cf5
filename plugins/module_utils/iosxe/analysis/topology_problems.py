# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Problems of `site_to_site_vpn_tunnels` that depend on the role's IKE version and topology."""

from __future__ import annotations

import ipaddress
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnels import Obj, flag, given


def topology_problems(tunnels: list[Obj], ike_version: int, topology: str) -> list[str]:
    found: list[str] = []
    hub_ends: dict[str, list[tuple[str, Any]]] = {}
    for index, tunnel in enumerate(tunnels):
        label = f"tunnel {tunnel.get('name', index + 1)}"
        if ike_version == 2 and tunnel.get("ike"):
            found.append(
                f"{label}: ike is an ISAKMP (IKEv1) policy; with site_to_site_vpn_ike_version 2 "
                "choose the IKEv2 proposal with site_to_site_vpn_ikev2_suite"
            )
        found += subnet_problems(label, tunnel.get("tunnel_subnet"), topology)
        for side in ("a", "b"):
            if topology == "vti" and flag(tunnel[side].get("dynamic", False)):
                settings = (tunnel[side]["interface"], _phase2(tunnel))
                hub_ends.setdefault(tunnel[side]["host"], []).append((label, settings))
    for router, ends in hub_ends.items():
        first_label, first = ends[0]
        found += [
            f"{router}: {first_label} and {label} are dynamic VTI ends of one virtual template, so their "
            "interface and ipsec settings must be the same"
            for label, settings in ends[1:]
            if settings != first
        ]
    return found


def subnet_problems(label: str, subnet: Any, topology: str) -> list[str]:
    if subnet is None:
        return []
    if topology != "vti":
        return [
            f"{label}: tunnel_subnet addresses tunnel interfaces, so it needs site_to_site_vpn_topology vti"
        ]
    try:
        network = ipaddress.IPv4Network(str(subnet), strict=False)
    except ValueError:
        return [f"{label}: tunnel_subnet {subnet} is not address/prefix"]
    if network.prefixlen > 31:
        return [f"{label}: tunnel_subnet {subnet} holds no two addresses for the two ends (use /30 or /31)"]
    return []


def _phase2(tunnel: Obj) -> dict[str, Any]:
    ipsec = tunnel.get("ipsec") or {}
    return {key: given(value) if isinstance(value, dict) else value for key, value in given(ipsec).items()}

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The route-based (VTI) part of one router's site_to_site_vpn ends.

A static end gets `interface Tunnel<seq>` (source: the end's interface, destination: the peer, mode ipsec
ipv4, protected by its own IPsec profile), an address from the tunnel's `tunnel_subnet` (end `a` the first
host, `b` the second) or `ip unnumbered` of the end's interface, and one static route per subnet of the
other end over that tunnel. All dynamic (hub) ends of a router share one `interface Virtual-Template N type
tunnel` and its IPsec profile; IOS clones a Virtual-Access interface per spoke from it.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnels import (
    Obj,
    given,
    transform_set_name,
)


def tunnel_interface_name(number: int) -> str:
    return f"Tunnel{number}"


def template_name(number: int) -> str:
    return f"Virtual-Template{number}"


def tunnel_address(subnet: str, side: str) -> tuple[str, str]:
    """(address, mask) of end `side` in `subnet`: `a` the first host, `b` the second."""
    network = ipaddress.IPv4Network(subnet, strict=False)
    hosts = list(network.hosts()) if network.prefixlen < 31 else list(network)
    return str(hosts[0 if side == "a" else 1]), str(network.netmask)


def ipsec_profile(name: str, tunnel: Obj, ike_profile: dict[str, str]) -> dict[str, Any]:
    """An IPsec profile with the tunnel's phase-2 settings and (static ends) the IKE profile to use."""
    ipsec = tunnel.get("ipsec") or {}
    profile: dict[str, Any] = {"name": name, **ike_profile}
    if transform_set_name(tunnel):
        profile["transform_sets"] = [transform_set_name(tunnel)]
    if ipsec.get("pfs"):
        profile["pfs"] = ipsec["pfs"]
    if ipsec.get("sa_lifetime") and given(ipsec["sa_lifetime"]):
        profile["sa_lifetime"] = given(ipsec["sa_lifetime"])
    return profile


def routes(subnets: list[str], interface: str) -> list[dict[str, Any]]:
    """Static routes of `subnets` over `interface`, in the shape of cisco.ios.ios_static_routes."""
    return [
        {"dest": str(ipaddress.IPv4Network(subnet, strict=False)), "next_hops": [{"interface": interface}]}
        for subnet in subnets
    ]


def interface_changes(wanted: dict[str, list[str]], running: str) -> list[str]:
    """Config lines that add what `wanted` (interface header -> its lines) lacks in `running`
    (`show running-config` text with those interface blocks), unindented as cli_config wants them; nothing
    when all are there."""
    blocks = _blocks(running)
    changes: list[str] = []
    for header, lines in wanted.items():
        have = blocks.get(_interface_of(header), [])
        missing = [line.strip() for line in lines if line.strip() not in have]
        if missing:
            changes += [header, *missing, "exit"]
    return changes


def _interface_of(header: str) -> str:
    return header.split()[1]


def _blocks(running: str) -> dict[str, list[str]]:
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in running.splitlines():
        match = re.match(r"^interface (\S+)", line)
        if match:
            current = blocks.setdefault(match.group(1), [])
        elif current is not None and line.startswith(" "):
            current.append(line.strip())
        else:
            current = None
    return blocks

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`tunnel_interfaces` facts: the tunnel interfaces of a parsed `show interfaces`, in device order.

A tunnel is an interface named `Tunnel*` or one that prints tunnel lines (a `Virtual-Access*` cloned from
a virtual template by dynamic VTI). Each becomes::

    {"name", "status", "line_protocol", "address", "source", "source_interface", "destination", "mode",
     "protection_profile"}

`address` is the interface's own prefix (`10.0.0.1/30`, None when unnumbered or unset); `source` is the
transport address IOS prints and `source_interface` the interface it belongs to; `mode` is spelled as
`tunnel mode` takes it (`ipsec ipv4`, `gre ip`, ...). A field is None when the device printed no such line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_TUNNEL_FIELDS = ("source", "source_interface", "destination", "mode", "protection_profile")


def is_tunnel(interface: Mapping[str, Any]) -> bool:
    return str(interface.get("name", "")).startswith("Tunnel") or "tunnel" in interface


def tunnel_interfaces(interfaces: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    facts = []
    for interface in interfaces:
        if not is_tunnel(interface):
            continue
        tunnel = interface.get("tunnel") or {}
        fact: dict[str, Any] = {
            "name": interface["name"],
            "status": interface["status"],
            "line_protocol": interface["line_protocol"],
            "address": interface.get("address"),
        }
        fact.update({field: tunnel.get(field) for field in _TUNNEL_FIELDS})
        facts.append(fact)
    return facts

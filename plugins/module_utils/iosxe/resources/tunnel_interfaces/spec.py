# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tunnel interfaces (`interface TunnelN`): facts, fields in IOS order, argument spec and value checks."""

from __future__ import annotations

import re
from typing import Any, Literal, Required, TypedDict

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import (
    cli_word,
    collect,
    duplicates,
    ipv4_address,
    ipv4_netmask,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec


class ProtectionFact(TypedDict, total=False):
    """`tunnel protection ipsec profile PROFILE [ikev2-profile IKEV2] [shared]`."""

    profile: Required[str]
    ikev2_profile: str
    shared: bool  # present (True) only with `shared`


class TunnelInterfaceFact(TypedDict, total=False):
    """One tunnel interface (an item of the module's `config`); `mode` is always present."""

    name: Required[str]
    address: str
    mask: str
    source: str  # an interface name or an IPv4 address
    mode: Required[str]
    destination: str  # an IPv4 address, a hostname or `dynamic`
    protection: ProtectionFact


Field = Literal["address", "mask", "source", "mode", "destination", "protection"]
KEY = "name"
FIELDS: tuple[Field, ...] = ("address", "mask", "source", "mode", "destination", "protection")
DEFAULT_MODE = "gre ip"
TUNNEL_MODES = ("gre ip", "gre multipoint", "gre ipv6", "ipsec ipv4", "ipsec ipv6")
NAME_RE = re.compile(r"Tunnel\d+")

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "name": {"type": "str", "required": True},
            "address": {"type": "str"},
            "mask": {"type": "str"},
            "source": {"type": "str"},
            "mode": {"type": "str", "choices": list(TUNNEL_MODES)},
            "destination": {"type": "str"},
            "protection": {
                "type": "dict",
                "options": {
                    "profile": {"type": "str", "required": True},
                    "ikev2_profile": {"type": "str"},
                    "shared": {"type": "bool"},
                },
            },
        },
    }
)


def check(params: dict[str, Any]) -> list[str]:
    tunnels = params.get("config") or []
    errors = duplicates("config", tunnels, lambda item: f"interface {item['name']}")
    for index, tunnel in enumerate(tunnels):
        path = f"config[{index}]"
        if not NAME_RE.fullmatch(tunnel["name"]):
            errors.append(f"{path}.name: {tunnel['name']!r} is not a tunnel interface name (TunnelN)")
        if (tunnel.get("address") is None) != (tunnel.get("mask") is None):
            errors.append(f"{path}: address and mask are given together")
        protection = tunnel.get("protection") or {}
        errors += collect(
            ipv4_address(f"{path}.address", tunnel.get("address")),
            ipv4_netmask(f"{path}.mask", tunnel.get("mask")),
            cli_word(f"{path}.source", tunnel.get("source"), 64),
            cli_word(f"{path}.destination", tunnel.get("destination"), 64),
            cli_word(f"{path}.protection.profile", protection.get("profile"), 64),
            cli_word(f"{path}.protection.ikev2_profile", protection.get("ikev2_profile"), 64),
        )
    return errors

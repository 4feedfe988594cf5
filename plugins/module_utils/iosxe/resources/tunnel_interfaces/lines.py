# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of tunnel interfaces (`interface TunnelN` blocks): parse rule and render of each line.

The block also carries lines of other resources (` crypto map NAME` goes to crypto_maps) and interface
settings the collection does not manage (description, NHRP, MTU, ...), which are left alone; `tunnel ...`
lines the module does not manage (`tunnel key`, `tunnel vrf`, ...) are its warnings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps import (
    lines as crypto_maps_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.tunnel_interfaces.spec import (
    DEFAULT_MODE,
    FIELDS,
    TunnelInterfaceFact,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.rules import (
    apply_rules,
    rule,
    setter,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

NAMESPACES = ("interface Tunnel",)

# `interface Tunnel1`
HEADER_RE = re.compile(r"interface (Tunnel\d+)")


def header(name: str) -> str:
    return f"interface {name}"


# ` ip address A.B.C.D M.M.M.M`
def _address(tunnel: dict[str, Any], match: re.Match[str]) -> None:
    tunnel["address"], tunnel["mask"] = match.group(1), match.group(2)


def address_line(address: str | None, mask: str | None) -> str:
    return f"ip address {address} {mask}" if address else "no ip address"


# ` tunnel protection ipsec profile P [ikev2-profile I] [shared]`
def _protection(tunnel: dict[str, Any], match: re.Match[str]) -> None:
    protection: dict[str, Any] = {"profile": match.group(1)}
    if match.group(2):
        protection["ikev2_profile"] = match.group(2)
    if match.group(3):
        protection["shared"] = True
    tunnel["protection"] = protection


def protection_line(protection: Mapping[str, Any] | None) -> str:
    if not protection:
        return "no tunnel protection"
    ikev2 = f" ikev2-profile {protection['ikev2_profile']}" if protection.get("ikev2_profile") else ""
    shared = " shared" if protection.get("shared") else ""
    return f"tunnel protection ipsec profile {protection['profile']}{ikev2}{shared}"


RULES = (
    rule(r"ip address (\d+\.\d+\.\d+\.\d+) (\d+\.\d+\.\d+\.\d+)", _address),
    rule(r"tunnel source (\S+)", setter("source")),
    rule(r"tunnel mode (gre (?:ip|multipoint|ipv6)|ipsec ipv[46])", setter("mode")),
    rule(r"tunnel destination (\S+)", setter("destination")),
    rule(r"tunnel protection ipsec profile (\S+)(?: ikev2-profile (\S+))?( shared)?", _protection),
)


def field_line(field: str, tunnel: Mapping[str, Any]) -> str:
    """The line that sets a field to its value in `tunnel`, or removes it when absent."""
    if field == "protection":
        return protection_line(tunnel.get("protection"))
    if field == "mode":
        return f"tunnel mode {tunnel['mode']}" if tunnel["mode"] != DEFAULT_MODE else "no tunnel mode"
    value = tunnel.get(field)
    return f"tunnel {field} {value}" if value else f"no tunnel {field}"


def _tunnel_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    name = match.group(1)
    fields: dict[str, Any] = {"name": name, "mode": DEFAULT_MODE}  # the rules set fields by name
    unmatched = apply_rules(block.children, RULES, fields)
    config.tunnel_interfaces.append(
        cast(TunnelInterfaceFact, {k: fields[k] for k in ("name", *FIELDS) if k in fields})
    )
    other_crypto = []
    for line in unmatched:
        binding = crypto_maps_lines.INTERFACE_BINDING_RE.fullmatch(line.words)
        if binding:
            crypto_maps_lines.bind_interface(config.crypto_maps, binding.group(1), name)
        elif line.words.startswith("tunnel "):
            config.report([line], block.header, "tunnel_interfaces")
        elif "crypto" in line.words:
            other_crypto.append(line)
    config.report_crypto_lines(other_crypto, block.header)


BLOCKS = ((HEADER_RE, _tunnel_block),)


def config_lines(tunnel: TunnelInterfaceFact) -> list[str]:
    """The managed lines of the block as `show running-config` prints them."""
    lines = [header(tunnel["name"])]
    if tunnel.get("address"):
        lines.append(" " + address_line(tunnel.get("address"), tunnel.get("mask")))
    for field in ("source", "mode", "destination", "protection"):
        if field == "mode" and tunnel["mode"] == DEFAULT_MODE:
            continue
        if tunnel.get(field):
            lines.append(" " + field_line(field, tunnel))
    return lines


def config_text(tunnels: list[TunnelInterfaceFact]) -> list[str]:
    return [line for tunnel in tunnels for line in config_lines(tunnel)]

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of IKEv1 keyrings (`crypto keyring NAME [vrf VRF]` blocks): parse rule and render of each line
(the caller masks keys on output)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.keyrings.spec import (
    FIELDS,
    HOST_MASK,
    KeyringFact,
    KeyringKeyFact,
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

NAMESPACES = ("crypto keyring",)

# `crypto keyring NAME [vrf VRF]`
HEADER_RE = re.compile(r"crypto keyring (\S+)(?: vrf (\S+))?")


def header(keyring: Mapping[str, Any]) -> str:
    vrf = f" vrf {keyring['vrf']}" if keyring.get("vrf") else ""
    return f"crypto keyring {keyring['name']}{vrf}"


# `  pre-shared-key address A [M] key [6] K` / `  pre-shared-key hostname H key [6] K`
def _key(keyring: dict[str, Any], match: re.Match[str]) -> None:
    key: dict[str, Any] = {}  # built in facts order: address, mask, hostname, key, key_type
    if match["address"]:
        key["address"] = match["address"]
        if match["mask"] and match["mask"] != HOST_MASK:
            key["mask"] = match["mask"]
    else:
        key["hostname"] = match["hostname"]
    key["key"] = match["key"]
    if match["key_type"] == "6":
        key["key_type"] = 6
    keyring.setdefault("keys", []).append(key)


def _peer(key: Mapping[str, Any]) -> str:
    if key.get("hostname"):
        return f"hostname {key['hostname']}"
    mask = f" {key['mask']}" if key.get("mask") else ""
    return f"address {key['address']}{mask}"


def key_line(key: KeyringKeyFact) -> str:
    """Creates the key, or replaces the key of the same peer."""
    key_type = f"{key['key_type']} " if key.get("key_type") else ""
    return f"pre-shared-key {_peer(key)} key {key_type}{key['key']}"


def delete_key_line(key: KeyringKeyFact) -> str:
    return f"no pre-shared-key {_peer(key)}"


RULES = (
    rule(r"description (.+)", setter("description")),
    rule(r"local-address (\S+)", setter("local_address")),
    rule(
        r"pre-shared-key (?:address (?P<address>\d+\.\d+\.\d+\.\d+)(?: (?P<mask>\d+\.\d+\.\d+\.\d+))?"
        r"|hostname (?P<hostname>\S+)) key (?:(?P<key_type>[06]) (?=\S))?(?P<key>\S+)",
        _key,
    ),
)


def _keyring_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    fields: dict[str, Any] = {"name": match.group(1)}  # the rules set keyring fields by name
    if match.group(2):
        fields["vrf"] = match.group(2)
    unmatched = apply_rules(block.children, RULES, fields)
    keyring = {key: fields[key] for key in ("name", *FIELDS) if key in fields}
    config.keyrings.append(cast(KeyringFact, keyring))
    config.report(unmatched, block.header, "keyrings")


BLOCKS = ((HEADER_RE, _keyring_block),)


def config_lines(keyring: KeyringFact) -> list[str]:
    """The block as `show running-config` prints it."""
    lines = [header(keyring)]
    if keyring.get("description"):
        lines.append(f"  description {keyring['description']}")
    if keyring.get("local_address"):
        lines.append(f"  local-address {keyring['local_address']}")
    lines += ["  " + key_line(key) for key in keyring.get("keys", [])]
    return lines


def config_text(keyrings: list[KeyringFact]) -> list[str]:
    return [line for keyring in keyrings for line in config_lines(keyring)]

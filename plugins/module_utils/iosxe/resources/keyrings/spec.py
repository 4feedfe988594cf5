# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv1 keyrings (`crypto keyring NAME`): facts, fields in IOS order, argument spec and value checks."""

from __future__ import annotations

from typing import Any, Required, TypedDict

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import (
    cli_word,
    collect,
    duplicates,
    ipv4_address,
    ipv4_netmask,
    secret_word,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import KEY_TYPES, MAX_KEY_LENGTH


class KeyringKeyFact(TypedDict, total=False):
    """One pre-shared key of a keyring: for an address (with an optional mask) or a hostname."""

    address: str
    mask: str  # absent for a host (IOS prints no mask for 255.255.255.255)
    hostname: str
    key: Required[str]  # clear text until masked on output
    key_type: int  # 6 when the device stores the key encrypted; absent for clear text


class KeyringFact(TypedDict, total=False):
    """One keyring (an item of the module's `config`); only the fields the device sets are present."""

    name: Required[str]
    vrf: str
    description: str
    local_address: str  # an IPv4 address or an interface name
    keys: list[KeyringKeyFact]  # in device order


KEY = "name"
FIELDS = ("vrf", "description", "local_address", "keys")
HOST_MASK = "255.255.255.255"

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "name": {"type": "str", "required": True},
            "vrf": {"type": "str"},
            "description": {"type": "str"},
            "local_address": {"type": "str"},
            "keys": {
                "type": "list",
                "elements": "dict",
                "no_log": False,  # the peers; each `key` below is no_log
                "options": {
                    "address": {"type": "str"},
                    "mask": {"type": "str"},
                    "hostname": {"type": "str"},
                    "key": {"type": "str", "no_log": True},
                    "key_type": {"type": "int", "choices": list(KEY_TYPES)},
                },
            },
        },
    }
)


def peer_of(key: Any) -> tuple[str, str, str | None]:
    """What identifies a key in its keyring: (kind, peer, mask)."""
    if key.get("hostname"):
        return "hostname", key["hostname"], None
    mask = key.get("mask")
    return "address", key.get("address") or "", None if mask in (None, HOST_MASK) else mask


def describe_peer(key: Any) -> str:
    kind, peer, mask = peer_of(key)
    return " ".join(filter(None, (kind, peer, mask)))


def check(params: dict[str, Any]) -> list[str]:
    keyrings = params.get("config") or []
    errors = duplicates("config", keyrings, lambda item: f"keyring {item['name']}")
    for index, keyring in enumerate(keyrings):
        path = f"config[{index}]"
        errors += collect(
            cli_word(f"{path}.name", keyring["name"], 64),
            cli_word(f"{path}.vrf", keyring.get("vrf"), 32),
            cli_word(f"{path}.local_address", keyring.get("local_address"), 64),
        )
        keys = keyring.get("keys") or []
        errors += duplicates(f"{path}.keys", keys, describe_peer)
        for position, key in enumerate(keys):
            errors += _check_key(f"{path}.keys[{position}]", key)
    return errors


def _check_key(path: str, key: dict[str, Any]) -> list[str]:
    if bool(key.get("address")) == bool(key.get("hostname")):
        return [f"{path}: give either address or hostname"]
    if key.get("hostname") and key.get("mask"):
        return [f"{path}.mask: only an address key takes a mask"]
    return collect(
        ipv4_address(f"{path}.address", key.get("address")),
        ipv4_netmask(f"{path}.mask", key.get("mask")),
        cli_word(f"{path}.hostname", key.get("hostname"), 64),
        secret_word(f"{path}.key", key.get("key"), MAX_KEY_LENGTH),
    )

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 keyrings: keyrings of peers with their pre-shared keys; fields in IOS order, argument spec, checks."""

from __future__ import annotations

import re
from typing import Any, Literal, TypedDict

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import (
    cli_word,
    collect,
    duplicates,
    ipv4_address,
    ipv4_netmask,
    secret_word,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec


class Ikev2PeerFact(TypedDict):
    """A `peer NAME` of a keyring; None where the line is absent."""

    name: str
    description: str | None
    address: str | None
    mask: str | None
    hostname: str | None
    identity: str | None  # as IOS prints it: `address 192.0.2.1`, `fqdn r1.example`, `key-id K1`, ...
    pre_shared_key: str | None
    pre_shared_key_local: str | None
    pre_shared_key_remote: str | None


class Ikev2KeyringFact(TypedDict):
    name: str
    peers: list[Ikev2PeerFact]


PeerField = Literal[
    "description", "address", "mask", "hostname", "identity",
    "pre_shared_key", "pre_shared_key_local", "pre_shared_key_remote",
]  # fmt: skip
KEY = "name"
PEER_FIELDS: tuple[PeerField, ...] = (
    "description", "address", "mask", "hostname", "identity",
    "pre_shared_key", "pre_shared_key_local", "pre_shared_key_remote",
)  # fmt: skip
SECRET_FIELDS = ("peers.pre_shared_key", "peers.pre_shared_key_local", "peers.pre_shared_key_remote")
MAX_KEY_LENGTH = 128
IDENTITY_RE = re.compile(r"(address \d+\.\d+\.\d+\.\d+|(fqdn|email)( domain)? \S+|key-id \S+)")

_SECRET = {"type": "str", "no_log": True}
ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "name": {"type": "str", "required": True},
            "peers": {
                "type": "list",
                "elements": "dict",
                "options": {
                    "name": {"type": "str", "required": True},
                    "description": {"type": "str"},
                    "address": {"type": "str"},
                    "mask": {"type": "str"},
                    "hostname": {"type": "str"},
                    "identity": {"type": "str"},
                    "pre_shared_key": _SECRET,
                    "pre_shared_key_local": _SECRET,
                    "pre_shared_key_remote": _SECRET,
                },
            },
        },
    }
)


def check(params: dict[str, Any]) -> list[str]:
    keyrings = params.get("config") or []
    errors = duplicates("config", keyrings, lambda item: f"keyring {item['name']}")
    for index, keyring in enumerate(keyrings):
        path = f"config[{index}]"
        errors += collect(cli_word(f"{path}.name", keyring["name"]))
        peers = keyring.get("peers") or []
        errors += duplicates(f"{path}.peers", peers, lambda item: f"peer {item['name']}")
        for number, peer in enumerate(peers):
            errors += _peer_errors(f"{path}.peers[{number}]", peer)
    return errors


def _peer_errors(path: str, peer: dict[str, Any]) -> list[str]:
    errors = collect(
        cli_word(f"{path}.name", peer["name"]),
        ipv4_address(f"{path}.address", peer.get("address")),
        ipv4_netmask(f"{path}.mask", peer.get("mask")),
        cli_word(f"{path}.hostname", peer.get("hostname")),
        *(secret_word(f"{path}.{field}", peer.get(field), MAX_KEY_LENGTH) for field in SECRET_FIELDS_OF_PEER),
    )
    if peer.get("mask") and not peer.get("address"):
        errors.append(f"{path}.mask: needs address")
    if peer.get("identity") and not IDENTITY_RE.fullmatch(peer["identity"]):
        errors.append(
            f"{path}.identity: {peer['identity']!r} is not one of 'address A.B.C.D', 'fqdn [domain] NAME', "
            "'email [domain] NAME', 'key-id ID'"
        )
    if peer.get("pre_shared_key") and (peer.get("pre_shared_key_local") or peer.get("pre_shared_key_remote")):
        errors.append(f"{path}: pre_shared_key excludes pre_shared_key_local and pre_shared_key_remote")
    return errors


SECRET_FIELDS_OF_PEER = tuple(field.removeprefix("peers.") for field in SECRET_FIELDS)

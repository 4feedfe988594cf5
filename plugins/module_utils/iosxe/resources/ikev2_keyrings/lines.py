# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of IKEv2 keyrings (`crypto ikev2 keyring NAME`, its ` peer NAME` sub-blocks and their lines)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_keyrings.spec import (
    PEER_FIELDS,
    Ikev2KeyringFact,
    Ikev2PeerFact,
    PeerField,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block, Line
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.rules import (
    apply_rules,
    rule,
    setter,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

NAMESPACES = ("crypto ikev2 keyring",)

# `crypto ikev2 keyring KR1`
HEADER_RE = re.compile(r"crypto ikev2 keyring (\S+)")
PEER_RE = re.compile(r"peer (\S+)")
# The keyword of each peer line (the mask shares the `address` line).
KEYWORDS: dict[PeerField, str] = {
    "description": "description",
    "address": "address",
    "hostname": "hostname",
    "identity": "identity",
    "pre_shared_key": "pre-shared-key",
    "pre_shared_key_local": "pre-shared-key local",
    "pre_shared_key_remote": "pre-shared-key remote",
}


def header(keyring: Ikev2KeyringFact) -> str:
    return f"crypto ikev2 keyring {keyring['name']}"


def _address(target: dict[str, Any], match: re.Match[str]) -> None:
    target["address"], target["mask"] = match.group(1), match.group(2)


# `  description HUB`, `  address 192.0.2.1 [255.255.255.0]`, `  hostname r2`, `  identity fqdn r2.example`,
# `  pre-shared-key [0 ]KEY`, `  pre-shared-key local [0 ]KEY`, `  pre-shared-key remote [0 ]KEY`
PEER_RULES = (
    rule(r"description (.+)", setter("description")),
    rule(r"address (\d+\.\d+\.\d+\.\d+)(?: (\d+\.\d+\.\d+\.\d+))?", _address),
    rule(r"hostname (\S+)", setter("hostname")),
    rule(r"identity (.+)", setter("identity")),
    rule(r"pre-shared-key local (?:0 )?(\S+)", setter("pre_shared_key_local")),
    rule(r"pre-shared-key remote (?:0 )?(\S+)", setter("pre_shared_key_remote")),
    rule(r"pre-shared-key (?:0 )?(\S+)", setter("pre_shared_key")),
)


def peer_line(peer: Ikev2PeerFact, field: PeerField) -> str:
    """The line that sets `field` (the mask goes with the address)."""
    if field == "address":
        return f"address {peer['address']}" + (f" {peer['mask']}" if peer["mask"] else "")
    return f"{KEYWORDS[field]} {peer[field]}"


def empty_peer(name: str) -> Ikev2PeerFact:
    return cast(Ikev2PeerFact, {"name": name, **dict.fromkeys(PEER_FIELDS)})


def _keyring_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    keyring: Ikev2KeyringFact = {"name": match.group(1), "peers": []}
    unmatched: list[Line] = []
    peer: dict[str, Any] | None = None
    for child in block.children:
        found = PEER_RE.fullmatch(child.words)
        if found and child.text.startswith(" ") and not child.text.startswith("  "):
            peer = dict(empty_peer(found.group(1)))
            keyring["peers"].append(cast(Ikev2PeerFact, peer))  # filled by the peer rules below
        elif peer is not None and child.text.startswith("  "):
            unmatched += apply_rules([child], PEER_RULES, peer)
        else:
            unmatched.append(child)
    config.ikev2_keyrings.append(keyring)
    config.report(unmatched, block.header, "ikev2_keyrings")


BLOCKS = ((HEADER_RE, _keyring_block),)


def peer_lines(peer: Ikev2PeerFact) -> list[str]:
    return [peer_line(peer, field) for field in PEER_FIELDS if field != "mask" and peer[field]]


def config_text(keyrings: list[Ikev2KeyringFact]) -> list[str]:
    text: list[str] = []
    for keyring in keyrings:
        text.append(header(keyring))
        for peer in keyring["peers"]:
            text += [f" peer {peer['name']}", *(f"  {line}" for line in peer_lines(peer))]
    return text

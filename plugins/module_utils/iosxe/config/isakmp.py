# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Running-config lines of ISAKMP policies (`crypto isakmp policy N` blocks) and pre-shared keys."""

from __future__ import annotations

import re
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.blocks import Block, Line
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.rules import (
    apply_rules,
    rule,
    setter,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import (
    ISAKMP_ENCRYPTION_CLI,
    ISAKMP_POLICY_DEFAULTS,
)

POLICY_HEADER_RE = re.compile(r"crypto isakmp policy (\d+)")
KEY_LINE_RE = re.compile(
    r"crypto isakmp key (?:(?P<key_type>[06]) (?=\S+ address ))?(?P<key>\S+) address "
    r"(?P<address>\d+\.\d+\.\d+\.\d+)(?: (?P<mask>\d+\.\d+\.\d+\.\d+))?(?P<no_xauth> no-xauth)?"
)
_ENCRYPTION_BY_CLI = {cli: name for name, cli in ISAKMP_ENCRYPTION_CLI.items()} | {"aes 128": "aes"}


def _encryption(target: dict[str, Any], match: re.Match[str]) -> None:
    target["encryption"] = _ENCRYPTION_BY_CLI[" ".join(filter(None, match.groups()))]


POLICY_RULES = (
    rule(r"encr(?:yption)? (des|3des|aes)(?: (128|192|256))?", _encryption),
    rule(r"hash (md5|sha|sha256|sha384|sha512)", setter("hash")),
    rule(r"authentication (pre-share|rsa-sig|rsa-encr)", setter("authentication")),
    rule(r"group (\d+)", setter("group", int)),
    rule(r"lifetime (\d+)", setter("lifetime", int)),
)


def parse_policy(block: Block, match: re.Match[str]) -> tuple[dict[str, Any], list[Line]]:
    """A policy with every field filled (IOS omits default values); plus the child lines not understood."""
    policy: dict[str, Any] = {"priority": int(match.group(1)), **ISAKMP_POLICY_DEFAULTS}
    return policy, apply_rules(block.children, POLICY_RULES, policy)


def parse_key(match: re.Match[str]) -> dict[str, Any]:
    """A pre-shared key entry; the key stays in clear text here and is masked on output."""
    entry: dict[str, Any] = {"address": match["address"]}
    if match["mask"]:
        entry["mask"] = match["mask"]
    entry["key"] = match["key"]
    if match["key_type"] == "6":
        entry["key_type"] = 6
    if match["no_xauth"]:
        entry["no_xauth"] = True
    return entry

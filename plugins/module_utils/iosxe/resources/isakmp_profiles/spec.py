# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ISAKMP (IKEv1) profiles (`crypto isakmp profile NAME`): facts, fields in IOS order, argument spec, checks."""

from __future__ import annotations

import re
from typing import Any, Literal, Required, TypedDict

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import (
    cli_word,
    collect,
    duplicates,
    in_range,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec


class KeepaliveFact(TypedDict):
    interval: int
    retry: int


class IsakmpProfileFact(TypedDict, total=False):
    """One profile (an item of the module's `config`); only the fields the device sets are present."""

    name: Required[str]
    description: str
    vrf: str
    keyrings: list[str]
    ca_trust_points: list[str]
    self_identity: str  # address | fqdn | user-fqdn NAME | an IPv4 address
    match_identities: list[str]  # IOS words after `match identity`, addresses with their mask
    local_address: str  # an IPv4 address or an interface name
    keepalive: KeepaliveFact
    initiate_aggressive: bool  # present (True) only with `initiate mode aggressive`
    virtual_template: int


Field = Literal[
    "description",
    "vrf",
    "keyrings",
    "ca_trust_points",
    "self_identity",
    "match_identities",
    "local_address",
    "keepalive",
    "initiate_aggressive",
    "virtual_template",
]
KEY = "name"
FIELDS: tuple[Field, ...] = (
    "description",
    "vrf",
    "keyrings",
    "ca_trust_points",
    "self_identity",
    "match_identities",
    "local_address",
    "keepalive",
    "initiate_aggressive",
    "virtual_template",
)
LIST_FIELDS: tuple[Field, ...] = ("keyrings", "ca_trust_points", "match_identities")
HOST_MASK = "255.255.255.255"
IPV4 = r"\d+\.\d+\.\d+\.\d+"
IDENTITY_RE = re.compile(rf"address {IPV4}(?: {IPV4}(?: \S+)?)?|(?:host|user-fqdn) (?:domain )?\S+|group \S+")
SELF_IDENTITY_RE = re.compile(rf"address|fqdn|user-fqdn \S+|{IPV4}")
KEEPALIVE_RANGES = {"interval": (10, 3600), "retry": (2, 60)}
VIRTUAL_TEMPLATE_RANGE = (1, 4095)

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "name": {"type": "str", "required": True},
            "description": {"type": "str"},
            "vrf": {"type": "str"},
            "keyrings": {"type": "list", "elements": "str", "no_log": False},  # keyring names
            "ca_trust_points": {"type": "list", "elements": "str"},
            "self_identity": {"type": "str"},
            "match_identities": {"type": "list", "elements": "str"},
            "local_address": {"type": "str"},
            "keepalive": {
                "type": "dict",
                "options": {
                    "interval": {"type": "int", "required": True},
                    "retry": {"type": "int", "required": True},
                },
            },
            "initiate_aggressive": {"type": "bool"},
            "virtual_template": {"type": "int"},
        },
    }
)


def normal_identity(words: str) -> str:
    """`address A` names the host A: IOS stores it as `address A 255.255.255.255`."""
    parts = words.split()
    if parts[0] == "address" and len(parts) == 2:
        parts.append(HOST_MASK)
    return " ".join(parts)


def check(params: dict[str, Any]) -> list[str]:
    profiles = params.get("config") or []
    errors = duplicates("config", profiles, lambda item: f"profile {item['name']}")
    for index, profile in enumerate(profiles):
        errors += _check_profile(f"config[{index}]", profile)
    return errors


def _check_profile(path: str, profile: dict[str, Any]) -> list[str]:
    errors = collect(
        cli_word(f"{path}.name", profile["name"], 64),
        cli_word(f"{path}.vrf", profile.get("vrf"), 32),
        cli_word(f"{path}.local_address", profile.get("local_address"), 64),
        in_range(f"{path}.virtual_template", profile.get("virtual_template"), VIRTUAL_TEMPLATE_RANGE),
    )
    for field in ("keyrings", "ca_trust_points"):
        for position, name in enumerate(profile.get(field) or []):
            errors += collect(cli_word(f"{path}.{field}[{position}]", name, 64))
    for position, words in enumerate(profile.get("match_identities") or []):
        if not IDENTITY_RE.fullmatch(" ".join(words.split())):
            errors.append(
                f"{path}.match_identities[{position}]: {words!r} is not `address A [MASK [VRF]]`, "
                "`host [domain] NAME`, `user-fqdn [domain] NAME` or `group NAME`"
            )
    identity = profile.get("self_identity")
    if identity is not None and not SELF_IDENTITY_RE.fullmatch(identity):
        errors.append(
            f"{path}.self_identity: {identity!r} is not address, fqdn, `user-fqdn NAME` or an IPv4 address"
        )
    for unit, bounds in KEEPALIVE_RANGES.items():
        errors += collect(
            in_range(f"{path}.keepalive.{unit}", (profile.get("keepalive") or {}).get(unit), bounds)
        )
    return errors

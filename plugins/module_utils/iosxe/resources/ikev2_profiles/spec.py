# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 profiles: fields in IOS order, IOS defaults, argument spec and value checks."""

from __future__ import annotations

import re
from typing import Any, TypedDict

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import (
    cli_word,
    collect,
    duplicates,
    in_range,
    ipv4_address,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec


class DpdFact(TypedDict):
    interval: int
    retry: int
    mode: str  # on-demand | periodic


class Ikev2ProfileFact(TypedDict):
    """One item of the module's `config`; identities are written as IOS prints them."""

    name: str
    description: str | None
    match_fvrf: str | None
    match_address_local: list[str]
    match_identity_remote: list[str]  # `address A.B.C.D MASK`, `fqdn [domain] X`, `email [domain] X`, ...
    identity_local: str | None  # `address A.B.C.D`, `fqdn X`, `email X`, `key-id X`, `dn`
    authentication_remote: list[str]
    authentication_local: str | None
    keyring_local: str | None
    pki_trustpoints: list[str]  # `TP` or `TP sign|verify`
    lifetime: int
    dpd: DpdFact | None
    nat_keepalive: int | None
    virtual_template: int | None
    ivrf: str | None


KEY = "name"
HOST_MASK = "255.255.255.255"
DEFAULT_LIFETIME = 86400
AUTH_METHODS = ("pre-share", "rsa-sig", "ecdsa-sig", "eap")
REMOTE_IDENTITY_RE = re.compile(r"address (\S+)(?: (\S+))?|(?:fqdn|email)(?: domain)? \S+|key-id \S+|any")
LOCAL_IDENTITY_RE = re.compile(r"address \S+|fqdn \S+|email \S+|key-id \S+|dn")
TRUSTPOINT_RE = re.compile(r"\S+(?: (?:sign|verify))?")

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "name": {"type": "str", "required": True},
            "description": {"type": "str"},
            "match_fvrf": {"type": "str"},
            "match_address_local": {"type": "list", "elements": "str"},
            "match_identity_remote": {"type": "list", "elements": "str"},
            "identity_local": {"type": "str"},
            "authentication_remote": {"type": "list", "elements": "str", "choices": list(AUTH_METHODS)},
            "authentication_local": {"type": "str", "choices": list(AUTH_METHODS[:3])},
            "keyring_local": {"type": "str", "no_log": False},  # a keyring's name, not a key
            "pki_trustpoints": {"type": "list", "elements": "str"},
            "lifetime": {"type": "int"},
            "dpd": {
                "type": "dict",
                "options": {
                    "interval": {"type": "int", "required": True},
                    "retry": {"type": "int", "required": True},
                    "mode": {"type": "str", "required": True, "choices": ["on-demand", "periodic"]},
                },
            },
            "nat_keepalive": {"type": "int"},
            "virtual_template": {"type": "int"},
            "ivrf": {"type": "str"},
        },
    }
)


def check(params: dict[str, Any]) -> list[str]:
    profiles = params.get("config") or []
    errors = duplicates("config", profiles, lambda item: f"profile {item['name']}")
    for index, profile in enumerate(profiles):
        errors += _profile_errors(f"config[{index}]", profile)
    return errors


def _profile_errors(path: str, profile: dict[str, Any]) -> list[str]:
    dpd = profile.get("dpd") or {}
    errors = collect(
        *(
            cli_word(f"{path}.{field}", profile.get(field))
            for field in ("name", "match_fvrf", "keyring_local", "ivrf")
        ),
        *(
            ipv4_address(f"{path}.match_address_local[{i}]", a)
            for i, a in enumerate(profile.get("match_address_local") or [])
        ),
        in_range(f"{path}.lifetime", profile.get("lifetime"), (120, 86400)),
        in_range(f"{path}.dpd.interval", dpd.get("interval"), (10, 3600)),
        in_range(f"{path}.dpd.retry", dpd.get("retry"), (2, 60)),
        in_range(f"{path}.nat_keepalive", profile.get("nat_keepalive"), (5, 3600)),
        in_range(f"{path}.virtual_template", profile.get("virtual_template"), (1, 65535)),
    )
    for i, identity in enumerate(profile.get("match_identity_remote") or []):
        if not REMOTE_IDENTITY_RE.fullmatch(identity):
            errors.append(
                f"{path}.match_identity_remote[{i}]: {identity!r} is not 'address A [MASK]', "
                "'fqdn [domain] X', 'email [domain] X', 'key-id X' or 'any'"
            )
    if profile.get("identity_local") and not LOCAL_IDENTITY_RE.fullmatch(profile["identity_local"]):
        errors.append(
            f"{path}.identity_local: {profile['identity_local']!r} is not 'address A', 'fqdn X', "
            "'email X', 'key-id X' or 'dn'"
        )
    for i, trustpoint in enumerate(profile.get("pki_trustpoints") or []):
        if not TRUSTPOINT_RE.fullmatch(trustpoint):
            errors.append(f"{path}.pki_trustpoints[{i}]: {trustpoint!r} is not 'NAME [sign|verify]'")
    return errors


def normal_identity(identity: str) -> str:
    """A remote address identity carries its mask, as IOS prints it (a host mask when none is given)."""
    match = REMOTE_IDENTITY_RE.fullmatch(identity)
    if match and match.group(1) and not match.group(2):
        return f"{identity} {HOST_MASK}"
    return identity

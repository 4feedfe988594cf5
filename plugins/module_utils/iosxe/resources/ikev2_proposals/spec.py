# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 proposals: key, fields in IOS order, argument spec and value checks."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import (
    cli_word,
    collect,
    duplicates,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec

ENCRYPTIONS = ("aes-cbc-128", "aes-cbc-192", "aes-cbc-256", "aes-gcm-128", "aes-gcm-256", "3des", "des")
HASHES = ("sha512", "sha384", "sha256", "sha1", "md5")
GROUPS = (1, 2, 5, 14, 15, 16, 19, 20, 21, 24)


class Ikev2ProposalFact(TypedDict):
    """One item of the module's `config`; every list is in preference order (the order IOS offers them)."""

    name: str
    encryption: list[str]
    integrity: list[str]
    prf: list[str]
    group: list[int]


Field = Literal["encryption", "integrity", "prf", "group"]
KEY = "name"
FIELDS: tuple[Field, ...] = ("encryption", "integrity", "prf", "group")  # IOS order of the lines

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "name": {"type": "str", "required": True},
            "encryption": {"type": "list", "elements": "str", "choices": list(ENCRYPTIONS)},
            "integrity": {"type": "list", "elements": "str", "choices": list(HASHES)},
            "prf": {"type": "list", "elements": "str", "choices": list(HASHES)},
            "group": {"type": "list", "elements": "int", "choices": list(GROUPS)},
        },
    }
)


def check(params: dict[str, Any]) -> list[str]:
    proposals = params.get("config") or []
    errors = duplicates("config", proposals, lambda item: f"proposal {item['name']}")
    for index, proposal in enumerate(proposals):
        path = f"config[{index}]"
        errors += collect(cli_word(f"{path}.name", proposal["name"]))
        if proposal["name"] == "default":
            errors.append(
                f"{path}.name: 'default' is the smart default proposal; use ipsecux.iosxe.ikev2_defaults"
            )
        for field in FIELDS:
            values = proposal.get(field) or []
            if len(set(values)) != len(values):
                errors.append(f"{path}.{field}: a value is given twice")
    return errors

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Crypto ACLs (extended IP access lists a crypto map matches): key, argument spec and value checks."""

from __future__ import annotations

import re
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import duplicates
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_acls.ace import (
    AceError,
    parse_entry,
)

KEY = "name"
FIELDS = ("name", "entries")
DEFAULTS: dict[str, Any] = {}
EXTENDED_NUMBERS = ((100, 199), (2000, 2699))
NAME_RE = re.compile(r"[A-Za-z][!-~]*")  # a named ACL starts with a letter; no spaces or `?`

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "name": {"type": "str", "required": True},
            "entries": {"type": "list", "elements": "str"},
        },
    }
)


def is_numbered(name: str) -> bool:
    return name.isascii() and name.isdigit()


def name_error(path: str, name: str) -> str | None:
    if is_numbered(name):
        if any(low <= int(name) <= high for low, high in EXTENDED_NUMBERS):
            return None
        return f"{path}: {name} is not an extended ACL number (100-199, 2000-2699)"
    if NAME_RE.fullmatch(name) and "?" not in name:
        return None
    return (
        f"{path}: {name!r} is not an ACL name (a letter first, then printable characters without spaces or ?)"
    )


def check(params: dict[str, Any]) -> list[str]:
    acls = params.get("config") or []
    errors = duplicates("config", acls, lambda item: f"name {item['name']}")
    for index, acl in enumerate(acls):
        path = f"config[{index}]"
        problem = name_error(f"{path}.name", acl["name"])
        errors += [problem] if problem else []
        errors += _entry_errors(path, acl)
    return errors


def _entry_errors(path: str, acl: dict[str, Any]) -> list[str]:
    errors = []
    entries = []
    for position, text in enumerate(acl.get("entries") or []):
        try:
            entries.append(parse_entry(text))
        except AceError as exc:
            errors.append(f"{path}.entries[{position}]: {exc}")
    errors += [
        f"{path}.entries[{position}]: remarks are not managed by this module (they are left as they are on "
        "the device); give permit and deny entries only"
        for position, entry in enumerate(entries)
        if entry.is_remark
    ]
    rules = [entry.text for entry in entries if not entry.is_remark]
    errors += [
        f"{path}.entries: {text!r} is given twice; IOS keeps one copy of an entry"
        for position, text in enumerate(rules)
        if text in rules[:position]
    ]
    numbered = [entry.seq for entry in entries if entry.seq is not None]
    if numbered and is_numbered(acl["name"]):
        errors.append(
            f"{path}.entries: numbered ACLs carry no sequence numbers in the running config; "
            "give the entries without them"
        )
    elif numbered and len(numbered) != len(entries):
        errors.append(f"{path}.entries: give a sequence number to every entry or to none")
    elif numbered and numbered != sorted(set(numbered)):
        errors.append(f"{path}.entries: sequence numbers must be unique and increasing")
    return errors

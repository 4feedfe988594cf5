# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of ISAKMP policies: configuration commands and running-config text."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import (
    ISAKMP_ENCRYPTION_CLI,
    ISAKMP_POLICY_DEFAULTS,
)

FIELDS = tuple(ISAKMP_POLICY_DEFAULTS)
# The running config abbreviates `encryption` to `encr`; commands use the full keyword.
SHOWN_KEYWORDS = {"encryption": "encr"}


def header(policy: dict[str, Any]) -> str:
    return f"crypto isakmp policy {policy['priority']}"


def attribute(field: str, value: Any, keyword: str | None = None) -> str:
    """`encryption aes 256`, `hash sha256`, `group 14`, ..."""
    shown = ISAKMP_ENCRYPTION_CLI[value] if field == "encryption" else value
    return f"{keyword or field} {shown}"


def config_lines(policy: dict[str, Any]) -> list[str]:
    """The block as `show running-config` prints it: defaults omitted."""
    return [header(policy)] + [
        " " + attribute(field, policy[field], SHOWN_KEYWORDS.get(field))
        for field in FIELDS
        if policy[field] != ISAKMP_POLICY_DEFAULTS[field]
    ]


def config_text(policies: list[dict[str, Any]]) -> list[str]:
    return [line for policy in sorted(policies, key=lambda p: p["priority"]) for line in config_lines(policy)]

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument spec of ipsecux.iosxe.crypto_defaults (booleans need no extra checks)."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "dict",
        "options": {
            "isakmp_default_policy": {"type": "bool"},
            "ipsec_default_transform_set": {"type": "bool"},
        },
    }
)


def check(params: dict[str, Any]) -> list[str]:
    return []

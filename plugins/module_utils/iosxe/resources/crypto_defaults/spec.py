# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Default IKE policy and default transform set toggles: fields, their CLI commands, argument spec."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec

# Field -> the global command that enables it (IOS default: both enabled, shown only as `no ...`).
TOGGLE_COMMANDS = {
    "isakmp_default_policy": "crypto isakmp default policy",
    "ipsec_default_transform_set": "crypto ipsec default transform-set",
}

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

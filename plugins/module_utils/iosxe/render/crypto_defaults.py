# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of the default IKE policy and default transform set toggles."""

from __future__ import annotations

TOGGLE_COMMANDS = {
    "isakmp_default_policy": "crypto isakmp default policy",
    "ipsec_default_transform_set": "crypto ipsec default transform-set",
}


def toggle_line(field: str, enabled: bool) -> str:
    return TOGGLE_COMMANDS[field] if enabled else "no " + TOGGLE_COMMANDS[field]


def config_text(defaults: dict[str, bool]) -> list[str]:
    """Like the running config: only disabled defaults appear."""
    return [toggle_line(field, False) for field in TOGGLE_COMMANDS if defaults.get(field) is False]

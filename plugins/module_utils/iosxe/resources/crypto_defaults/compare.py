# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Default IKE policy / default transform set toggles: target resolution and commands."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import specified
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_defaults.lines import (
    toggle_line,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_defaults.spec import (
    TOGGLE_COMMANDS,
)

IOS_DEFAULTS = {field: True for field in TOGGLE_COMMANDS}


def resolve(
    want: dict[str, Any] | None, have: dict[str, bool], state: str, context: PlanContext
) -> dict[str, bool]:
    """merged keeps unset toggles; replaced/overridden reset them to enabled; deleted enables both."""
    given = specified(want or {})
    if state == "merged":
        return {**have, **given}
    if state == "deleted":
        return dict(IOS_DEFAULTS)
    return {**IOS_DEFAULTS, **given}


def transition(have: dict[str, bool], target: dict[str, bool]) -> list[str]:
    return [
        toggle_line(field, target[field])
        for field in TOGGLE_COMMANDS
        if field in target and target[field] != have.get(field)
    ]


def plan(have: dict[str, bool], target: dict[str, bool], context: PlanContext) -> list[str]:
    if target.get("ipsec_default_transform_set") is False and not context.offline:
        users = _entries_without_transform_sets(context)
        if users:
            context.warnings.append(
                "the default transform sets are disabled while these crypto map entries name no transform "
                f"set and relied on them: {', '.join(users)}"
            )
    return transition(have, target)


def _entries_without_transform_sets(context: PlanContext) -> list[str]:
    return [
        f"{crypto_map['name']} {entry['seq']}"
        for crypto_map in context.device.crypto_maps
        for entry in crypto_map.get("entries", [])
        if not entry.get("transform_sets") and not entry.get("dynamic_map")
    ]

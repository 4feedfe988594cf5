# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 smart defaults: target resolution and commands."""

from __future__ import annotations

from typing import Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import specified
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_defaults.lines import (
    toggle_line,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_defaults.spec import (
    OBJECTS,
    Ikev2DefaultsFact,
)

IOS_DEFAULTS: Ikev2DefaultsFact = {
    "proposal": True,
    "policy": True,
    "transform_set": True,
    "ipsec_profile": True,
}


def resolve(
    want: dict[str, Any] | None, have: Ikev2DefaultsFact, state: str, context: PlanContext
) -> Ikev2DefaultsFact:
    """merged keeps unset toggles; replaced/overridden turn them on; deleted turns every one on."""
    given = specified(want or {})
    if state == "merged":
        return cast(Ikev2DefaultsFact, {**have, **given})  # the argument spec allows the toggles only
    if state == "deleted":
        return IOS_DEFAULTS.copy()
    return cast(Ikev2DefaultsFact, {**IOS_DEFAULTS, **given})


def transition(have: Ikev2DefaultsFact, target: Ikev2DefaultsFact) -> list[str]:
    return [
        toggle_line(toggle, target[toggle])
        for toggle in OBJECTS
        if toggle in target and target[toggle] != have.get(toggle, True)
    ]


def plan(have: Ikev2DefaultsFact, target: Ikev2DefaultsFact, context: PlanContext) -> list[str]:
    """Turning the default proposal off while a policy names it is refused by IOS: warn and let it fail."""
    if target.get("proposal") is False and have.get("proposal", True) and not context.offline:
        users = [p["name"] for p in context.device.ikev2_policies if "default" in p["proposals"]]
        if users:
            context.warnings.append(
                f"the smart default proposal is turned off while IKEv2 policies name it: {', '.join(users)}"
            )
    return transition(have, target)

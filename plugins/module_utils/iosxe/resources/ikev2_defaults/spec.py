# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS XE IKEv2 smart defaults (proposal, policy, transform set and IPsec profile `default`): fields,
their commands, argument spec."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec


class Ikev2DefaultsFact(TypedDict, total=False):
    """The module's `config`: True = enabled (the IOS default), False = `no crypto ... default`. Parsed facts
    carry every toggle; a task's target may leave one out (then it is not changed)."""

    proposal: bool
    policy: bool
    transform_set: bool
    ipsec_profile: bool


Toggle = Literal["proposal", "policy", "transform_set", "ipsec_profile"]
# Toggle -> the object it names (`no crypto <object> default` / `default crypto <object>`), in IOS order.
OBJECTS: dict[Toggle, str] = {
    "proposal": "ikev2 proposal",
    "policy": "ikev2 policy",
    "transform_set": "ipsec transform-set",
    "ipsec_profile": "ipsec profile",
}

ARGUMENT_SPEC = resource_argument_spec(
    {"type": "dict", "options": {toggle: {"type": "bool"} for toggle in OBJECTS}}
)


def check(params: dict[str, Any]) -> list[str]:
    return []

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ISAKMP policies over NETCONF: the get-config reader and the edit-config renderer.

Each function adds to `payload` what takes the device from `have` to `target` (facts of one resource):
only objects that differ are written, leaves are set or removed one by one, and objects that are no longer
wanted are removed (`nc:operation="remove"`). One payload is one all-or-nothing edit, so no ordering
between objects is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import (
    XmlElement,
    local,
    text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.yang_vocab import (
    AES_KEY_TYPES,
    ISAKMP_CIPHER_ELEMENTS,
    ISAKMP_CIPHER_LEAVES,
    ISAKMP_POLICY_LEAVES,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_policies.spec import (
    DEFAULTS,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

Obj = dict[str, Any]
POLICY_LEAF_ORDER = ("authentication", "encryption", "group", "hash", "lifetime")  # YANG order
INTEGER_LEAVES = ("group", "lifetime")


def render(payload: Payload, have: list[Obj], target: list[Obj], device: RunningConfig) -> None:
    existing = {policy["priority"]: policy for policy in have}
    wanted = {policy["priority"] for policy in target}
    for policy in sorted(target, key=lambda item: item["priority"]):
        current = existing.get(policy["priority"])
        base = current or DEFAULTS
        changed = [field for field in POLICY_LEAF_ORDER if policy[field] != base[field]]
        if current is not None and not changed:
            continue
        entry = payload.crypto("isakmp").entry("policy", (("number", policy["priority"]),))
        for field in changed:
            if field == "encryption":
                element, key_type = ISAKMP_CIPHER_ELEMENTS[policy[field]]
                cipher = entry.add("encryption", operation="replace" if current else None).add(element)
                if key_type:
                    cipher.add("key-type", key_type)
            else:
                entry.add(field, policy[field])
    for policy in have:
        if policy["priority"] not in wanted:
            payload.crypto("isakmp").entry("policy", (("number", policy["priority"]),), "remove")


def _read_policy(reader: Reader, element: XmlElement) -> None:
    number = text(element, "number") or "0"
    path = f"/native/crypto/isakmp/policy[number='{number}']"
    policy: dict[str, Any] = {"priority": int(number), **DEFAULTS}
    for child in element:
        name, value = local(child), (child.text or "").strip()
        if name == "number":
            continue
        if name in ISAKMP_POLICY_LEAVES and value:
            policy[name] = int(value) if name in INTEGER_LEAVES else value
        elif name == "encryption" and _cipher(child):
            policy["encryption"] = _cipher(child)
        else:
            reader.skip(f"{path}/{name}", "isakmp_policies")
    reader.config.isakmp_policies.append(policy)


def _cipher(encryption: XmlElement) -> str | None:
    """The facts value of an ISAKMP <encryption> container; None when it is not understood."""
    choices = list(encryption)
    if len(choices) != 1:
        return None
    choice, name = choices[0], local(choices[0])
    if name in ("aes-choice", "aes"):
        return AES_KEY_TYPES.get(text(choice, "key-type" if name == "aes-choice" else "key"))
    return ISAKMP_CIPHER_LEAVES.get(name) if not list(choice) else None


READERS: dict[tuple[str, ...], Callable[[Reader, XmlElement], None]] = {
    ("crypto", "isakmp", "policy"): _read_policy
}

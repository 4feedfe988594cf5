# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""edit-config content for ISAKMP policies, pre-shared keys and the default IKE policy toggle.

Each function adds to `payload` what takes the device from `have` to `target` (facts of one resource):
only objects that differ are written, leaves are set or removed one by one, and objects that are no longer
wanted are removed (`nc:operation="remove"`). One payload is one all-or-nothing edit, so no ordering
between objects is needed.
"""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import Element
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.yang_vocab import (
    ISAKMP_CIPHER_ELEMENTS,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import ISAKMP_POLICY_DEFAULTS

Obj = dict[str, Any]
POLICY_LEAF_ORDER = ("authentication", "encryption", "group", "hash", "lifetime")  # YANG order
HOST_MASK = "255.255.255.255"


def policies(payload: Payload, have: list[Obj], target: list[Obj]) -> None:
    existing = {policy["priority"]: policy for policy in have}
    wanted = {policy["priority"] for policy in target}
    for policy in sorted(target, key=lambda item: item["priority"]):
        current = existing.get(policy["priority"])
        base = current or ISAKMP_POLICY_DEFAULTS
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


def _groups(entries: list[Obj]) -> dict[str, Obj]:
    """PSK -> {key_type, peers: {address: entry}}: the YANG keys PSKs by the key string."""
    groups: dict[str, Obj] = {}
    for entry in entries:
        group = groups.setdefault(entry["key"], {"key_type": entry.get("key_type"), "peers": {}})
        other = group["peers"].get(entry["address"])
        if other is not None or group["key_type"] != entry.get("key_type"):
            raise ResourceError(
                f"isakmp key for address {entry['address']}: the IOS XE YANG model keys pre-shared keys "
                "by the key string and its peers by address, so one key string cannot be given twice for "
                "the same address or with different key types; use different keys (or network_cli)"
            )
        group["peers"][entry["address"]] = entry
    return groups


def keys(payload: Payload, have: list[Obj], target: list[Obj]) -> None:
    before, after = _groups(have), _groups(target)
    for secret in list(after) + [name for name in before if name not in after]:
        old, new = before.get(secret), after.get(secret)
        if old == new:
            continue
        holder = payload.crypto("isakmp").container("key")
        if new is None:
            holder.add("key-address-host", operation="remove").add("key", secret)
            continue
        item = holder.add("key-address-host")
        item.add("key", secret)
        old_type = old["key_type"] if old else None
        if new["key_type"] != old_type:
            if new["key_type"]:
                item.add("encryption", new["key_type"])
            else:
                item.add("encryption", old_type, operation="remove")
        _peers(item, old["peers"] if old else {}, new["peers"])


def _peers(item: Element, old: dict[str, Obj], new: dict[str, Obj]) -> None:
    changed = [entry for address, entry in new.items() if old.get(address) != entry]
    removed = [address for address in old if address not in new]
    if not changed and not removed:
        return
    holder = item.add("address")
    for entry in changed:
        peer = holder.add("address-v4", operation="replace")
        peer.add("address", entry["address"])
        if entry.get("mask") and entry["mask"] != HOST_MASK:
            peer.add("mask", entry["mask"])
        if entry.get("no_xauth"):
            peer.add("no-xauth")
    for address in removed:
        holder.add("address-v4", operation="remove").add("address", address)


def defaults(payload: Payload, have: dict[str, Any], target: dict[str, Any]) -> None:
    """`isakmp/default/policy` present = the default IKE policies are enabled (the factory state)."""
    wanted = target.get("isakmp_default_policy")
    if wanted is None or wanted == have.get("isakmp_default_policy"):
        return
    payload.crypto("isakmp").container("default").add("policy", operation=None if wanted else "remove")

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""edit-config content for IPsec transform sets (and the map references that `remove_references` drops).

A changed set is edited leaf by leaf, so elements the facts do not carry (`esn`, `mode/transport-choice/
require`) stay as they are, as unparsed CLI lines do. The 17.18.1 YANG allows `esp` only without
`ah-hmac` (`when not(../ah-hmac)`), so a set that combines AH and ESP cannot be written over NETCONF.
"""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.yang_vocab import (
    TRANSFORM_LEAVES,
    TRANSFORM_MODES,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import (
    DEFAULT_KEY_SIZE,
    KEY_SIZE_TRANSFORMS,
)

Obj = dict[str, Any]


def _leaves(transform_set: Obj | None) -> dict[str, Any]:
    """Leaf name -> value as written (key-bit only for ciphers with a key size, and not for 128)."""
    if transform_set is None:
        return {}
    values = {leaf: transform_set.get(field) for leaf, field in TRANSFORM_LEAVES.items()}
    if (
        transform_set.get("esp_encryption") not in KEY_SIZE_TRANSFORMS
        or values["key-bit"] == DEFAULT_KEY_SIZE
    ):
        values["key-bit"] = None
    return {leaf: value for leaf, value in values.items() if value is not None}


def _check(transform_set: Obj) -> None:
    if transform_set.get("ah_integrity") and transform_set.get("esp_encryption"):
        raise ResourceError(
            f"transform set {transform_set['name']}: the IOS XE 17.18.1 YANG model allows esp only without "
            "ah-hmac (when not(../ah-hmac)), so a set that combines AH and ESP cannot be configured over "
            "NETCONF; use ansible.netcommon.network_cli for it"
        )


def transform_sets(payload: Payload, have: list[Obj], target: list[Obj], maps: list[Obj]) -> None:
    """`maps`: the device's crypto maps; entries that use a removed set lose that reference (the planner
    has already refused this unless remove_references is true)."""
    existing = {item["name"]: item for item in have}
    wanted = {item["name"] for item in target}
    for item in target:
        current = existing.get(item["name"])
        if current == item:
            continue
        _check(item)
        entry = payload.crypto("ipsec").entry("transform-set", (("tag", item["name"]),))
        old, new = _leaves(current), _leaves(item)
        for leaf in TRANSFORM_LEAVES:
            if leaf in new and new[leaf] != old.get(leaf):
                entry.add(leaf, new[leaf])
            elif leaf in old and leaf not in new:
                entry.add(leaf, old[leaf], operation="remove")
        if current is None or current["mode"] != item["mode"]:
            entry.add("mode").add(TRANSFORM_MODES[item["mode"]])
    removed = [name for name in existing if name not in wanted]
    for name in removed:
        payload.crypto("ipsec").entry("transform-set", (("tag", name),), "remove")
    _drop_references(payload, removed, maps)


def _drop_references(payload: Payload, removed: list[str], maps: list[Obj]) -> None:
    for crypto_map in maps:
        for entry in crypto_map.get("entries", []):
            used = [name for name in entry.get("transform_sets", []) if name in removed]
            if not used:
                continue
            add = payload.dynamic_map if crypto_map["dynamic"] else payload.static_map
            holder = add(crypto_map["name"], entry["seq"]).container("set")
            for name in used:
                holder.add("transform-set", name, operation="remove")

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IPsec transform sets over NETCONF: the get-config reader and the edit-config renderer (which also drops
the map references that `remove_references` removes).

A changed set is edited leaf by leaf, so elements the facts do not carry (`esn`, `mode/transport-choice/
require`) stay as they are, as unparsed CLI lines do. The 17.18.1 YANG allows `esp` only without
`ah-hmac` (`when not(../ah-hmac)`), so a set that combines AH and ESP cannot be written over NETCONF.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import (
    XmlElement,
    local,
    text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.yang_vocab import (
    ESP_ALIASES,
    TRANSFORM_LEAVES,
    TRANSFORM_MODES,
    UNKNOWN_TRANSFORMS,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.transform_sets.spec import FIELDS
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import (
    DEFAULT_KEY_SIZE,
    DEFAULT_TRANSFORM_MODE,
    KEY_SIZE_TRANSFORMS,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
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


def render(payload: Payload, have: list[Obj], target: list[Obj], device: RunningConfig) -> None:
    maps = device.crypto_maps
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


def _read_transform_set(reader: Reader, element: XmlElement) -> None:
    name = text(element, "tag") or ""
    path = f"/native/crypto/ipsec/transform-set[tag='{name}']"
    fields: dict[str, Any] = {"name": name}
    skipped: list[str] = []
    for child in element:
        leaf, value = local(child), (child.text or "").strip()
        if leaf in TRANSFORM_LEAVES:
            fields[TRANSFORM_LEAVES[leaf]] = int(value) if leaf == "key-bit" else value
        elif leaf == "mode":
            skipped += _read_mode(child, fields)
        elif leaf in UNKNOWN_TRANSFORMS:
            reader.skip(f"{path} (transform {leaf})", "transform_sets")
            return
        elif leaf != "tag":
            skipped.append(leaf)
    if fields.get("esp_encryption") in ESP_ALIASES:
        fields["esp_encryption"], fields["key_size"] = ESP_ALIASES[fields["esp_encryption"]]
    if len(fields) == 1 or (len(fields) == 2 and "mode" in fields):
        reader.skip(f"{path} (no transform)", "transform_sets")
        return
    fields.setdefault("mode", DEFAULT_TRANSFORM_MODE)
    if fields.get("esp_encryption") in KEY_SIZE_TRANSFORMS:
        fields.setdefault("key_size", DEFAULT_KEY_SIZE)
    for leaf in skipped:
        reader.skip(f"{path}/{leaf}", "transform_sets")
    reader.config.transform_sets.append({key: fields[key] for key in FIELDS if key in fields})


def _read_mode(mode: XmlElement, fields: dict[str, Any]) -> list[str]:
    """Store the mode; return the paths (below the set) of what is not understood."""
    by_element = {element: name for name, element in TRANSFORM_MODES.items()}
    skipped = []
    for choice in mode:
        if local(choice) in by_element:
            fields["mode"] = by_element[local(choice)]
            skipped += [f"mode/{local(choice)}/{local(kid)}" for kid in choice]
        else:
            skipped.append(f"mode/{local(choice)}")
    return skipped


READERS: dict[tuple[str, ...], Callable[[Reader, XmlElement], None]] = {
    ("crypto", "ipsec", "transform-set"): _read_transform_set
}

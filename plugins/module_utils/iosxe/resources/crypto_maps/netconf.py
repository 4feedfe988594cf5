# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Crypto maps, dynamic maps and interface bindings over NETCONF: get-config reader, edit-config renderer.

New entries are written whole; changed entries leaf by leaf (elements the facts do not carry stay). The
peer and transform-set leaf-lists keep their order on the device: values that are dropped are removed and
new values are appended, and when existing values have to change places the list is rewritten with
`nc:operation="replace"` on its parent (`peer`, or the entry's `set`). An entry that switches between a
policy entry and a reference to a dynamic map is replaced as a whole.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import (
    XmlElement,
    first,
    kids,
    local,
    text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import Element
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.yang_vocab import (
    EXT_ACL_RE,
    INTERFACE_TYPES,
    LIFETIME_LEAVES,
    LIFETIME_READ,
    split_interface,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps.lines import (
    add_entry,
    bind_interface,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps.spec import (
    ENTRY_FIELDS,
    LIFETIME_UNITS,
    CryptoMapEntryFact,
    CryptoMapFact,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import DEFAULT_PFS_GROUP

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )


def _element(payload: Payload, crypto_map: CryptoMapFact, seq: int, operation: str | None = None) -> Element:
    add = payload.dynamic_map if crypto_map["dynamic"] else payload.static_map
    return add(crypto_map["name"], seq, operation)


def _appended(old: list[str], new: list[str]) -> tuple[list[str], list[str]] | None:
    """(values to remove, values to append) that turn `old` into `new`; None when kept values move."""
    kept = [value for value in old if value in new]
    if new[: len(kept)] != kept:
        return None
    return [value for value in old if value not in new], new[len(kept) :]


def _match(element: Element, acl: str | None, old: str | None = None) -> None:
    if acl == old:
        return
    if acl is None:
        element.add("match").add("address", old, operation="remove")
        return
    if not EXT_ACL_RE.fullmatch(acl):
        raise ResourceError(
            f"match_address {acl}: the YANG type of match/address (ext-acl-type) takes an extended ACL "
            "number (100-199, 2000-2699) or a name that starts with a letter"
        )
    element.add("match").add("address", acl)


def _peers(holder: Element, peers: list[str], operation: str | None = None) -> None:
    if peers or operation:
        peer = holder.add("peer", operation=operation)
        for address in peers:
            peer.add("addresses", address)


def _full_set(holder: Element, entry: CryptoMapEntryFact) -> None:
    """Every `set` child of an entry, in YANG order (ikev2-profile, peer, pfs, transform-set,
    security-association)."""
    if entry.get("ikev2_profile"):
        holder.add("ikev2-profile", entry["ikev2_profile"])
    _peers(holder, entry.get("peers", []))
    if entry.get("pfs"):
        holder.add("pfs").add("group", entry["pfs"])
    for name in entry.get("transform_sets", []):
        holder.add("transform-set", name)
    lifetime: Mapping[str, Any] = entry.get("sa_lifetime", {})
    if lifetime:
        life = holder.add("security-association").add("lifetime")
        for unit, leaf in LIFETIME_LEAVES.items():
            if unit in lifetime:
                life.add(leaf, lifetime[unit])


def _full_entry(element: Element, crypto_map: CryptoMapFact, entry: CryptoMapEntryFact) -> None:
    if not crypto_map["dynamic"]:
        isakmp = element.add("ipsec-isakmp")
        if entry.get("dynamic_map"):
            isakmp.add("dynamic").add("mode", entry["dynamic_map"])
            return
    _match(element, entry.get("match_address"))
    if any(entry.get(field) for field in ("peers", "pfs", "transform_sets", "ikev2_profile", "sa_lifetime")):
        _full_set(element.add("set"), entry)


def _set_changes(element: Element, old: CryptoMapEntryFact, new: CryptoMapEntryFact) -> None:
    sets = _appended(old.get("transform_sets", []), new.get("transform_sets", []))
    if sets is None:
        _full_set(element.add("set", operation="replace"), new)
        return
    holder = element.container("set")
    if old.get("ikev2_profile") != new.get("ikev2_profile"):
        if new.get("ikev2_profile"):
            holder.add("ikev2-profile", new["ikev2_profile"])
        else:
            holder.add("ikev2-profile", old["ikev2_profile"], operation="remove")
    peers = _appended(old.get("peers", []), new.get("peers", []))
    if peers is None:
        _peers(holder, new.get("peers", []), "replace")
    elif any(peers):
        _leaf_list(holder.container("peer"), "addresses", peers)
    if old.get("pfs") != new.get("pfs"):
        pfs = holder.add("pfs", operation=None if new.get("pfs") else "remove")
        if new.get("pfs"):
            pfs.add("group", new["pfs"])
    _leaf_list(holder, "transform-set", sets)
    old_life: Mapping[str, Any] = old.get("sa_lifetime", {})
    new_life: Mapping[str, Any] = new.get("sa_lifetime", {})
    for unit, leaf in LIFETIME_LEAVES.items():
        if old_life.get(unit) != new_life.get(unit):
            life = holder.container("security-association").container("lifetime")
            if unit in new_life:
                life.add(leaf, new_life[unit])
            else:
                life.add(leaf, old_life[unit], operation="remove")
    if not holder.children:
        element.children.remove(holder)


def _leaf_list(holder: Element, name: str, change: tuple[list[str], list[str]]) -> None:
    """Remove dropped values, then append new ones (see _appended)."""
    removed, appended = change
    for value in removed:
        holder.add(name, value, operation="remove")
    for value in appended:
        holder.add(name, value)


def _entry(
    payload: Payload, crypto_map: CryptoMapFact, old: CryptoMapEntryFact | None, new: CryptoMapEntryFact
) -> None:
    if old is None:
        _full_entry(_element(payload, crypto_map, new["seq"]), crypto_map, new)
    elif old.get("dynamic_map") or new.get("dynamic_map"):
        _full_entry(_element(payload, crypto_map, new["seq"], "replace"), crypto_map, new)
    else:
        element = _element(payload, crypto_map, new["seq"])
        _match(element, new.get("match_address"), old.get("match_address"))
        _set_changes(element, old, new)


def render(
    payload: Payload, have: list[CryptoMapFact], target: list[CryptoMapFact], device: RunningConfig
) -> None:
    existing = {(item["name"], item["dynamic"]): item.get("entries", []) for item in have}
    wanted = {(item["name"], item["dynamic"]): item.get("entries", []) for item in target}
    for crypto_map in target:
        before = {e["seq"]: e for e in existing.get((crypto_map["name"], crypto_map["dynamic"]), [])}
        for entry in crypto_map.get("entries", []):
            if before.get(entry["seq"]) != entry:
                _entry(payload, crypto_map, before.get(entry["seq"]), entry)
    for crypto_map in have:
        after = {e["seq"] for e in wanted.get((crypto_map["name"], crypto_map["dynamic"]), [])}
        for entry in crypto_map.get("entries", []):
            if entry["seq"] not in after:
                _element(payload, crypto_map, entry["seq"], "remove")
    _bindings(payload, have, target)


def _bound(maps: list[CryptoMapFact]) -> dict[str, str]:
    return {name: item["name"] for item in maps if not item["dynamic"] for name in item.get("interfaces", [])}


def _crypto_of(payload: Payload, interface: str) -> Element:
    split = split_interface(interface)
    if split is None:
        raise ResourceError(
            f"interface {interface}: the IOS XE YANG model has no crypto map binding for this interface "
            "type; bind it with ansible.netcommon.network_cli"
        )
    return payload.interface(*split)


def _bindings(payload: Payload, have: list[CryptoMapFact], target: list[CryptoMapFact]) -> None:
    """Binding replaces an interface's map (the `tag` leaf); an interface left without a map loses `map`."""
    before, after = _bound(have), _bound(target)
    for interface, name in after.items():
        if before.get(interface) != name:
            _crypto_of(payload, interface).container("map").add("tag", name)
    for interface in before:
        if interface not in after:
            _crypto_of(payload, interface).add("map", operation="remove")


def _read_maps(reader: Reader, map_element: XmlElement) -> None:
    for holder in map_element:
        if local(holder) != "map-seq":
            reader.skip(f"/native/crypto/map/{local(holder)}", "crypto_maps")
            continue
        for element in kids(holder, "map"):
            _read_static_entry(reader, element)


def _read_static_entry(reader: Reader, element: XmlElement) -> None:
    name, seq = text(element, "name") or "", text(element, "seq") or "0"
    path = f"/native/crypto/map/map-seq/map[name='{name}'][seq='{seq}']"
    isakmp = first(element, "ipsec-isakmp")
    dynamic = first(isakmp, "dynamic")
    plain = isakmp is not None and all(local(kid) == "dynamic" for kid in isakmp)
    if not plain or (dynamic is not None and [local(kid) for kid in dynamic] != ["mode"]):
        reader.skip(f"{path} (not an ipsec-isakmp entry this module manages)", "crypto_maps")
        return
    if dynamic is not None:
        entry: CryptoMapEntryFact = {"seq": int(seq), "dynamic_map": text(dynamic, "mode") or ""}
        for child in element:
            if local(child) not in ("name", "seq", "ipsec-isakmp"):
                reader.skip(f"{path}/{local(child)}", "crypto_maps")
    else:
        entry = _read_entry_body(reader, element, int(seq), path, ("name", "seq", "ipsec-isakmp"))
    add_entry(reader.config.crypto_maps, name, False, entry)


def _read_dynamic_map_entry(reader: Reader, element: XmlElement) -> None:
    name, seq = text(element, "name") or "", text(element, "sequence") or "0"
    path = f"/native/crypto/dynamic-map[name='{name}'][sequence='{seq}']"
    entry = _read_entry_body(reader, element, int(seq), path, ("name", "sequence"))
    add_entry(reader.config.crypto_maps, name, True, entry)


def _read_entry_body(
    reader: Reader, element: XmlElement, seq: int, path: str, keys: tuple[str, ...]
) -> CryptoMapEntryFact:
    entry: dict[str, Any] = {"seq": seq}
    for child in element:
        name = local(child)
        if name == "match" and [local(kid) for kid in child] == ["address"]:
            entry["match_address"] = text(child, "address")
        elif name == "set":
            _read_entry_set(reader, child, entry, f"{path}/set")
        elif name not in keys:
            reader.skip(f"{path}/{name}", "crypto_maps")
    if "sa_lifetime" in entry:
        entry["sa_lifetime"] = {
            u: entry["sa_lifetime"][u] for u in LIFETIME_UNITS if u in entry["sa_lifetime"]
        }
    return cast(CryptoMapEntryFact, {key: entry[key] for key in ENTRY_FIELDS if key in entry})


def _read_entry_set(reader: Reader, element: XmlElement, entry: dict[str, Any], path: str) -> None:
    for child in element:
        name, value = local(child), (child.text or "").strip()
        if name == "transform-set":
            entry.setdefault("transform_sets", []).append(value)
        elif name == "ikev2-profile":
            entry["ikev2_profile"] = value
        elif name == "pfs" and all(local(kid) == "group" for kid in child):
            entry["pfs"] = text(child, "group") or DEFAULT_PFS_GROUP
        elif name == "peer":
            _read_peers(reader, child, entry, f"{path}/peer")
        elif name == "security-association":
            _read_lifetime(reader, child, entry, f"{path}/security-association")
        else:
            reader.skip(f"{path}/{name}", "crypto_maps")


def _read_peers(reader: Reader, element: XmlElement, entry: dict[str, Any], path: str) -> None:
    for child in element:
        if local(child) in ("addresses", "address"):  # `address` is the pre-17.15 single peer
            entry.setdefault("peers", []).append((child.text or "").strip())
        else:
            reader.skip(f"{path}/{local(child)}", "crypto_maps")


def _read_lifetime(reader: Reader, element: XmlElement, entry: dict[str, Any], path: str) -> None:
    for child in element:
        if local(child) != "lifetime":
            reader.skip(f"{path}/{local(child)}", "crypto_maps")
            continue
        for leaf in child:
            value = (leaf.text or "").strip()
            if local(leaf) in LIFETIME_READ and value.isdigit():
                entry.setdefault("sa_lifetime", {})[LIFETIME_READ[local(leaf)]] = int(value)
            else:
                reader.skip(f"{path}/lifetime/{local(leaf)}", "crypto_maps")


def _read_interfaces(reader: Reader, interface: XmlElement) -> None:
    for holder in interface:
        kind = local(holder)
        if kind not in INTERFACE_TYPES:
            continue
        name = f"{kind}{text(holder, 'name') or ''}"
        for crypto in kids(holder, "crypto"):
            for child in crypto:
                _read_binding(reader, child, name)


def _read_binding(reader: Reader, child: XmlElement, interface: str) -> None:
    path = f"/native/interface/{interface}/crypto/{local(child)}"
    if local(child) != "map":
        reader.skip(path, None)
        return
    for leaf in child:
        if local(leaf) == "tag":
            bind_interface(reader.config.crypto_maps, (leaf.text or "").strip(), interface)
        else:
            reader.skip(f"{path}/{local(leaf)}", "crypto_maps")


READERS: dict[tuple[str, ...], Callable[[Reader, XmlElement], None]] = {
    ("crypto", "map"): _read_maps,
    ("crypto", "dynamic-map"): _read_dynamic_map_entry,
    ("interface",): _read_interfaces,
}

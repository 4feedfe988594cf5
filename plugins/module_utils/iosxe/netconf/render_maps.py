# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""edit-config content for crypto maps, dynamic maps and their interface bindings.

New entries are written whole; changed entries leaf by leaf (elements the facts do not carry stay). The
peer and transform-set leaf-lists keep their order on the device: values that are dropped are removed and
new values are appended, and when existing values have to change places the list is rewritten with
`nc:operation="replace"` on its parent (`peer`, or the entry's `set`). An entry that switches between a
policy entry and a reference to a dynamic map is replaced as a whole.
"""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import Element
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.yang_vocab import (
    EXT_ACL_RE,
    LIFETIME_LEAVES,
    split_interface,
)

Obj = dict[str, Any]


def _element(payload: Payload, crypto_map: Obj, seq: int, operation: str | None = None) -> Element:
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


def _full_set(holder: Element, entry: Obj) -> None:
    """Every `set` child of an entry, in YANG order (peer, pfs, transform-set, security-association)."""
    _peers(holder, entry.get("peers", []))
    if entry.get("pfs"):
        holder.add("pfs").add("group", entry["pfs"])
    for name in entry.get("transform_sets", []):
        holder.add("transform-set", name)
    lifetime = entry.get("sa_lifetime", {})
    if lifetime:
        life = holder.add("security-association").add("lifetime")
        for unit, leaf in LIFETIME_LEAVES.items():
            if unit in lifetime:
                life.add(leaf, lifetime[unit])


def _full_entry(element: Element, crypto_map: Obj, entry: Obj) -> None:
    if not crypto_map["dynamic"]:
        isakmp = element.add("ipsec-isakmp")
        if entry.get("dynamic_map"):
            isakmp.add("dynamic").add("mode", entry["dynamic_map"])
            return
    _match(element, entry.get("match_address"))
    if any(entry.get(field) for field in ("peers", "pfs", "transform_sets", "sa_lifetime")):
        _full_set(element.add("set"), entry)


def _set_changes(element: Element, old: Obj, new: Obj) -> None:
    sets = _appended(old.get("transform_sets", []), new.get("transform_sets", []))
    if sets is None:
        _full_set(element.add("set", operation="replace"), new)
        return
    holder = element.container("set")
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
    old_life, new_life = old.get("sa_lifetime", {}), new.get("sa_lifetime", {})
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


def _entry(payload: Payload, crypto_map: Obj, old: Obj | None, new: Obj) -> None:
    if old is None:
        _full_entry(_element(payload, crypto_map, new["seq"]), crypto_map, new)
    elif old.get("dynamic_map") or new.get("dynamic_map"):
        _full_entry(_element(payload, crypto_map, new["seq"], "replace"), crypto_map, new)
    else:
        element = _element(payload, crypto_map, new["seq"])
        _match(element, new.get("match_address"), old.get("match_address"))
        _set_changes(element, old, new)


def crypto_maps(payload: Payload, have: list[Obj], target: list[Obj]) -> None:
    existing = {(item["name"], item["dynamic"]): item for item in have}
    wanted = {(item["name"], item["dynamic"]): item for item in target}
    for crypto_map in target:
        before = {
            e["seq"]: e
            for e in existing.get((crypto_map["name"], crypto_map["dynamic"]), {}).get("entries", [])
        }
        for entry in crypto_map.get("entries", []):
            if before.get(entry["seq"]) != entry:
                _entry(payload, crypto_map, before.get(entry["seq"]), entry)
    for crypto_map in have:
        after = {
            e["seq"] for e in wanted.get((crypto_map["name"], crypto_map["dynamic"]), {}).get("entries", [])
        }
        for entry in crypto_map.get("entries", []):
            if entry["seq"] not in after:
                _element(payload, crypto_map, entry["seq"], "remove")
    _bindings(payload, have, target)


def _bound(maps: list[Obj]) -> dict[str, str]:
    return {name: item["name"] for item in maps if not item["dynamic"] for name in item.get("interfaces", [])}


def _crypto_of(payload: Payload, interface: str) -> Element:
    split = split_interface(interface)
    if split is None:
        raise ResourceError(
            f"interface {interface}: the IOS XE YANG model has no crypto map binding for this interface "
            "type; bind it with ansible.netcommon.network_cli"
        )
    return payload.interface(*split)


def _bindings(payload: Payload, have: list[Obj], target: list[Obj]) -> None:
    """Binding replaces an interface's map (the `tag` leaf); an interface left without a map loses `map`."""
    before, after = _bound(have), _bound(target)
    for interface, name in after.items():
        if before.get(interface) != name:
            _crypto_of(payload, interface).container("map").add("tag", name)
    for interface in before:
        if interface not in after:
            _crypto_of(payload, interface).add("map", operation="remove")

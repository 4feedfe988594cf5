# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ISAKMP pre-shared keys over NETCONF: the get-config reader and the edit-config renderer.

The YANG keys pre-shared keys by the key string and lists their peers under it; the facts list one entry per
peer. Paths in warnings show the mask placeholder instead of the key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import MASK
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import (
    XmlElement,
    kids,
    local,
    text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import Element

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

Obj = dict[str, Any]
HOST_MASK = "255.255.255.255"


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


def render(payload: Payload, have: list[Obj], target: list[Obj], device: RunningConfig) -> None:
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


def _read_keys(reader: Reader, key: XmlElement) -> None:
    for holder in key:
        if local(holder) != "key-address-host":
            reader.skip(f"/native/crypto/isakmp/key/{local(holder)}", "isakmp_keys")
            continue
        path = f"/native/crypto/isakmp/key/key-address-host[key='{MASK}']"
        secret: dict[str, Any] = {"key": text(holder, "key") or ""}
        if text(holder, "encryption") == "6":
            secret["key_type"] = 6
        for child in holder:
            if local(child) == "address":
                _read_addresses(reader, child, secret, path)
            elif local(child) not in ("key", "encryption"):
                reader.skip(f"{path}/{local(child)}", "isakmp_keys")


def _read_addresses(reader: Reader, address: XmlElement, secret: dict[str, Any], path: str) -> None:
    known = {(item["address"], item.get("mask")) for item in reader.config.isakmp_keys}
    for peer in address:
        where = f"{path}/address/{local(peer)}"
        if local(peer) != "address-v4":
            reader.skip(where, "isakmp_keys")
            continue
        entry: dict[str, Any] = {"address": text(peer, "address") or ""}
        where += f"[address='{entry['address']}']"
        unknown = [local(kid) for kid in peer if local(kid) not in ("address", "mask", "no-xauth")]
        if unknown:
            reader.skip(f"{where}/{unknown[0]}", "isakmp_keys")
            continue
        mask = text(peer, "mask")
        if mask and mask != HOST_MASK:
            entry["mask"] = mask
        entry.update(secret)
        if kids(peer, "no-xauth"):
            entry["no_xauth"] = True
        if (entry["address"], entry.get("mask")) in known:  # one key per peer, as on the CLI
            reader.skip(f"{where} (a second key for this peer)", "isakmp_keys")
            continue
        reader.config.isakmp_keys.append(entry)


READERS: dict[tuple[str, ...], Callable[[Reader, XmlElement], None]] = {
    ("crypto", "isakmp", "key"): _read_keys
}

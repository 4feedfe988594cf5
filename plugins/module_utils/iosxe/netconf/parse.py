# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse get-config XML (IOS XE 17.18.1 native model) into the facts the running-config parser produces.

The result is the same RunningConfig: the five resources in the shapes of config/running.py, the
transform sets each IPsec profile uses, and an `unparsed` warning for every element inside a managed
object that the facts cannot carry (it is left unchanged, as unparsed CLI lines are). An edit-config
payload parses too (`rendered_format: xml` output): nodes it deletes or removes are left out. Elements are matched
by local name, so replies with or without prefixes read the same. `crypto ipsec default transform-set` has
no YANG node, so crypto_defaults holds only `isakmp_default_policy`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.blocks import Line
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.crypto_maps import (
    ENTRY_FIELD_ORDER,
    add_entry,
    bind_interface,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.running import (
    RunningConfig,
    Unparsed,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.transform_sets import FIELD_ORDER
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import MASK
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.yang_vocab import (
    AES_KEY_TYPES,
    ESP_ALIASES,
    INTERFACE_TYPES,
    ISAKMP_CIPHER_LEAVES,
    ISAKMP_POLICY_LEAVES,
    LIFETIME_READ,
    TRANSFORM_LEAVES,
    TRANSFORM_MODES,
    UNKNOWN_TRANSFORMS,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import (
    DEFAULT_KEY_SIZE,
    DEFAULT_PFS_GROUP,
    DEFAULT_TRANSFORM_MODE,
    ISAKMP_POLICY_DEFAULTS,
    KEY_SIZE_TRANSFORMS,
)

HOST_MASK = "255.255.255.255"
OPERATION = "{urn:ietf:params:xml:ns:netconf:base:1.0}operation"
INTEGER_LEAVES = ("group", "lifetime")


@dataclass(frozen=True)
class XmlUnparsed(Unparsed):
    """An element the facts cannot carry; `line.text` holds its path."""

    def warning(self) -> str:
        return f"get-config element {self.line.text} was not understood and is left unchanged"


def local(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def kids(element: ET.Element | None, name: str) -> list[ET.Element]:
    return [kid for kid in element if local(kid) == name] if element is not None else []


def text(element: ET.Element | None, name: str) -> str | None:
    found = kids(element, name)
    return (found[0].text or "").strip() if found else None


def parse_config_xml(document: str) -> RunningConfig:
    """Facts of every `<native>` in a get-config reply, a `<data>` element or a bare `<native>`."""
    try:
        root = ET.fromstring(document)
    except ET.ParseError as exc:
        raise ResourceError(f"the configuration is not well-formed XML: {exc}") from None
    _drop_removals(root)
    reader = Reader(RunningConfig(crypto_defaults={"isakmp_default_policy": False}))
    for native in [el for el in root.iter() if local(el) == "native"]:
        for crypto in kids(native, "crypto"):
            reader.crypto(crypto)
        for interfaces in kids(native, "interface"):
            reader.interfaces(interfaces)
    return reader.config


def _drop_removals(element: ET.Element) -> None:
    """An edit-config payload (parsed state) may remove nodes: those are absent, not configuration."""
    for child in list(element):
        if child.get(OPERATION) in ("delete", "remove"):
            element.remove(child)
        else:
            _drop_removals(child)


class Reader:
    def __init__(self, config: RunningConfig) -> None:
        self.config = config

    def skip(self, path: str, owner: str | None) -> None:
        self.config.unparsed.append(XmlUnparsed(Line(0, path), None, owner))

    def crypto(self, crypto: ET.Element) -> None:
        handlers: dict[str, Callable[[ET.Element], None]] = {
            "isakmp": self.isakmp,
            "ipsec": self.ipsec,
            "dynamic-map": self.dynamic_map_entry,
            "map": self.maps,
        }
        for child in crypto:
            handler = handlers.get(local(child))
            if handler:
                handler(child)

    # ------------------------------------------------------------------------------------------ isakmp

    def isakmp(self, isakmp: ET.Element) -> None:
        for child in isakmp:
            name = local(child)
            if name == "policy":
                self.policy(child)
            elif name == "key":
                self.keys(child)
            elif name == "default" and kids(child, "policy"):
                self.config.crypto_defaults["isakmp_default_policy"] = True

    def policy(self, element: ET.Element) -> None:
        number = text(element, "number") or "0"
        path = f"/native/crypto/isakmp/policy[number='{number}']"
        policy: dict[str, Any] = {"priority": int(number), **ISAKMP_POLICY_DEFAULTS}
        for child in element:
            name, value = local(child), (child.text or "").strip()
            if name == "number":
                continue
            if name in ISAKMP_POLICY_LEAVES and value:
                policy[name] = int(value) if name in INTEGER_LEAVES else value
            elif name == "encryption" and _cipher(child):
                policy["encryption"] = _cipher(child)
            else:
                self.skip(f"{path}/{name}", "isakmp_policies")
        self.config.isakmp_policies.append(policy)

    def keys(self, key: ET.Element) -> None:
        for holder in key:
            if local(holder) != "key-address-host":
                self.skip(f"/native/crypto/isakmp/key/{local(holder)}", "isakmp_keys")
                continue
            path = f"/native/crypto/isakmp/key/key-address-host[key='{MASK}']"
            secret = {"key": text(holder, "key") or ""}
            if text(holder, "encryption") == "6":
                secret["key_type"] = 6
            for child in holder:
                if local(child) == "address":
                    self.addresses(child, secret, path)
                elif local(child) not in ("key", "encryption"):
                    self.skip(f"{path}/{local(child)}", "isakmp_keys")

    def addresses(self, address: ET.Element, secret: dict[str, Any], path: str) -> None:
        known = {(item["address"], item.get("mask")) for item in self.config.isakmp_keys}
        for peer in address:
            where = f"{path}/address/{local(peer)}"
            if local(peer) != "address-v4":
                self.skip(where, "isakmp_keys")
                continue
            entry: dict[str, Any] = {"address": text(peer, "address") or ""}
            where += f"[address='{entry['address']}']"
            unknown = [local(kid) for kid in peer if local(kid) not in ("address", "mask", "no-xauth")]
            if unknown:
                self.skip(f"{where}/{unknown[0]}", "isakmp_keys")
                continue
            mask = text(peer, "mask")
            if mask and mask != HOST_MASK:
                entry["mask"] = mask
            entry.update(secret)
            if kids(peer, "no-xauth"):
                entry["no_xauth"] = True
            if (entry["address"], entry.get("mask")) in known:  # one key per peer, as on the CLI
                self.skip(f"{where} (a second key for this peer)", "isakmp_keys")
                continue
            self.config.isakmp_keys.append(entry)

    # ------------------------------------------------------------------------------------------- ipsec

    def ipsec(self, ipsec: ET.Element) -> None:
        for child in ipsec:
            if local(child) == "transform-set":
                self.transform_set(child)
            elif local(child) == "profile":
                self.config.ipsec_profiles[text(child, "name") or ""] = [
                    (kid.text or "").strip() for kid in kids(_first(child, "set"), "transform-set")
                ]

    def transform_set(self, element: ET.Element) -> None:
        name = text(element, "tag") or ""
        path = f"/native/crypto/ipsec/transform-set[tag='{name}']"
        fields: dict[str, Any] = {"name": name}
        skipped: list[str] = []
        for child in element:
            leaf, value = local(child), (child.text or "").strip()
            if leaf in TRANSFORM_LEAVES:
                fields[TRANSFORM_LEAVES[leaf]] = int(value) if leaf == "key-bit" else value
            elif leaf == "mode":
                skipped += self.mode(child, fields)
            elif leaf in UNKNOWN_TRANSFORMS:
                self.skip(f"{path} (transform {leaf})", "transform_sets")
                return
            elif leaf != "tag":
                skipped.append(leaf)
        if fields.get("esp_encryption") in ESP_ALIASES:
            fields["esp_encryption"], fields["key_size"] = ESP_ALIASES[fields["esp_encryption"]]
        if len(fields) == 1 or (len(fields) == 2 and "mode" in fields):
            self.skip(f"{path} (no transform)", "transform_sets")
            return
        fields.setdefault("mode", DEFAULT_TRANSFORM_MODE)
        if fields.get("esp_encryption") in KEY_SIZE_TRANSFORMS:
            fields.setdefault("key_size", DEFAULT_KEY_SIZE)
        for leaf in skipped:
            self.skip(f"{path}/{leaf}", "transform_sets")
        self.config.transform_sets.append({key: fields[key] for key in FIELD_ORDER if key in fields})

    @staticmethod
    def mode(mode: ET.Element, fields: dict[str, Any]) -> list[str]:
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

    # ------------------------------------------------------------------------------------- crypto maps

    def maps(self, map_element: ET.Element) -> None:
        for holder in map_element:
            if local(holder) != "map-seq":
                self.skip(f"/native/crypto/map/{local(holder)}", "crypto_maps")
                continue
            for element in kids(holder, "map"):
                self.static_entry(element)

    def static_entry(self, element: ET.Element) -> None:
        name, seq = text(element, "name") or "", text(element, "seq") or "0"
        path = f"/native/crypto/map/map-seq/map[name='{name}'][seq='{seq}']"
        isakmp = _first(element, "ipsec-isakmp")
        dynamic = _first(isakmp, "dynamic")
        plain = isakmp is not None and all(local(kid) == "dynamic" for kid in isakmp)
        if not plain or (dynamic is not None and [local(kid) for kid in dynamic] != ["mode"]):
            self.skip(f"{path} (not an ipsec-isakmp entry this module manages)", "crypto_maps")
            return
        if dynamic is not None:
            entry = {"seq": int(seq), "dynamic_map": text(dynamic, "mode") or ""}
            for child in element:
                if local(child) not in ("name", "seq", "ipsec-isakmp"):
                    self.skip(f"{path}/{local(child)}", "crypto_maps")
        else:
            entry = self.entry_body(element, int(seq), path, ("name", "seq", "ipsec-isakmp"))
        add_entry(self.config.crypto_maps, name, False, entry)

    def dynamic_map_entry(self, element: ET.Element) -> None:
        name, seq = text(element, "name") or "", text(element, "sequence") or "0"
        path = f"/native/crypto/dynamic-map[name='{name}'][sequence='{seq}']"
        entry = self.entry_body(element, int(seq), path, ("name", "sequence"))
        add_entry(self.config.crypto_maps, name, True, entry)

    def entry_body(self, element: ET.Element, seq: int, path: str, keys: tuple[str, ...]) -> dict[str, Any]:
        entry: dict[str, Any] = {"seq": seq}
        for child in element:
            name = local(child)
            if name == "match" and [local(kid) for kid in child] == ["address"]:
                entry["match_address"] = text(child, "address")
            elif name == "set":
                self.entry_set(child, entry, f"{path}/set")
            elif name not in keys:
                self.skip(f"{path}/{name}", "crypto_maps")
        if "sa_lifetime" in entry:
            entry["sa_lifetime"] = {
                u: entry["sa_lifetime"][u] for u in ("seconds", "kilobytes") if u in entry["sa_lifetime"]
            }
        return {key: entry[key] for key in ENTRY_FIELD_ORDER if key in entry}

    def entry_set(self, element: ET.Element, entry: dict[str, Any], path: str) -> None:
        for child in element:
            name, value = local(child), (child.text or "").strip()
            if name == "transform-set":
                entry.setdefault("transform_sets", []).append(value)
            elif name == "pfs" and all(local(kid) == "group" for kid in child):
                entry["pfs"] = text(child, "group") or DEFAULT_PFS_GROUP
            elif name == "peer":
                self.peers(child, entry, f"{path}/peer")
            elif name == "security-association":
                self.lifetime(child, entry, f"{path}/security-association")
            else:
                self.skip(f"{path}/{name}", "crypto_maps")

    def peers(self, element: ET.Element, entry: dict[str, Any], path: str) -> None:
        for child in element:
            if local(child) in ("addresses", "address"):  # `address` is the pre-17.15 single peer
                entry.setdefault("peers", []).append((child.text or "").strip())
            else:
                self.skip(f"{path}/{local(child)}", "crypto_maps")

    def lifetime(self, element: ET.Element, entry: dict[str, Any], path: str) -> None:
        for child in element:
            if local(child) != "lifetime":
                self.skip(f"{path}/{local(child)}", "crypto_maps")
                continue
            for leaf in child:
                value = (leaf.text or "").strip()
                if local(leaf) in LIFETIME_READ and value.isdigit():
                    entry.setdefault("sa_lifetime", {})[LIFETIME_READ[local(leaf)]] = int(value)
                else:
                    self.skip(f"{path}/lifetime/{local(leaf)}", "crypto_maps")

    # -------------------------------------------------------------------------------------- interfaces

    def interfaces(self, interface: ET.Element) -> None:
        for holder in interface:
            kind = local(holder)
            if kind not in INTERFACE_TYPES:
                continue
            name = f"{kind}{text(holder, 'name') or ''}"
            for crypto in kids(holder, "crypto"):
                for child in crypto:
                    self.binding(child, name)

    def binding(self, child: ET.Element, interface: str) -> None:
        path = f"/native/interface/{interface}/crypto/{local(child)}"
        if local(child) != "map":
            self.skip(path, None)
            return
        for leaf in child:
            if local(leaf) == "tag":
                bind_interface(self.config.crypto_maps, (leaf.text or "").strip(), interface)
            else:
                self.skip(f"{path}/{local(leaf)}", "crypto_maps")


def _first(element: ET.Element | None, name: str) -> ET.Element | None:
    found = kids(element, name)
    return found[0] if found else None


def _cipher(encryption: ET.Element) -> str | None:
    """The facts value of an ISAKMP <encryption> container; None when it is not understood."""
    choices = list(encryption)
    if len(choices) != 1:
        return None
    choice, name = choices[0], local(choices[0])
    if name in ("aes-choice", "aes"):
        return AES_KEY_TYPES.get(text(choice, "key-type" if name == "aes-choice" else "key"))
    return ISAKMP_CIPHER_LEAVES.get(name) if not list(choice) else None

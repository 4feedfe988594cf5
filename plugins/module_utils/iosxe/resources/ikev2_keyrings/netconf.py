# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 keyrings over NETCONF (`/native/crypto/ikev2/keyring`): a changed keyring is written whole
(`nc:operation="replace"`), one no longer wanted is removed. Keys are masked in every payload shown
(netconf/rpc_errors.py: mask_xml)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import (
    XmlElement,
    first,
    kids,
    local,
    text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import Element
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_keyrings.lines import (
    empty_peer,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_keyrings.spec import (
    Ikev2KeyringFact,
    Ikev2PeerFact,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

PEER_ELEMENTS = ("name", "address", "description", "hostname", "identity", "pre-shared-key")


def render(
    payload: Payload, have: list[Ikev2KeyringFact], target: list[Ikev2KeyringFact], device: RunningConfig
) -> None:
    existing = {k["name"]: k for k in have}
    wanted = {k["name"] for k in target}
    for keyring in target:
        current = existing.get(keyring["name"])
        if current == keyring:
            continue
        operation = "replace" if current is not None else None
        entry = payload.crypto("ikev2").entry("keyring", (("name", keyring["name"]),), operation)
        for peer in keyring["peers"]:
            _render_peer(entry.add("peer"), peer)
    for keyring in have:
        if keyring["name"] not in wanted:
            payload.crypto("ikev2").entry("keyring", (("name", keyring["name"]),), "remove")


def _render_peer(element: Element, peer: Ikev2PeerFact) -> None:
    element.add("name", peer["name"])
    if peer["address"]:
        ipv4 = element.add("address").add("ipv4")
        ipv4.add("ipv4-address", peer["address"])
        if peer["mask"]:
            ipv4.add("ipv4-mask", peer["mask"])
    if peer["description"]:
        element.add("description", peer["description"])
    if peer["hostname"]:
        element.add("hostname", peer["hostname"])
    if peer["identity"]:
        _render_identity(element.add("identity"), peer["identity"])
    if peer["pre_shared_key"] or peer["pre_shared_key_local"] or peer["pre_shared_key_remote"]:
        psk = element.add("pre-shared-key")
        for option, key in (
            ("local-option", peer["pre_shared_key_local"]),
            ("remote-option", peer["pre_shared_key_remote"]),
        ):
            if key:
                psk.add(option).add("key", key)
        if peer["pre_shared_key"]:
            psk.add("key", peer["pre_shared_key"])


def _render_identity(element: Element, identity: str) -> None:
    """`address A` / `key-id K` / `fqdn [domain] X` / `email [domain] X` (spec.IDENTITY_RE)."""
    words = identity.split()
    if words[0] == "address":
        element.add("address-type", words[1])
    elif words[0] == "key-id":
        element.add("key-id-number", words[1])
    else:
        element.add(f"{words[0]}-option").add("domain" if words[1] == "domain" else "name", words[-1])


def _read_identity(element: XmlElement | None) -> str | None:
    if element is None:
        return None
    if text(element, "address-type"):
        return f"address {text(element, 'address-type')}"
    if text(element, "key-id-number"):
        return f"key-id {text(element, 'key-id-number')}"
    for kind in ("fqdn", "email"):
        option = first(element, f"{kind}-option")
        if text(option, "domain"):
            return f"{kind} domain {text(option, 'domain')}"
        if text(option, "name"):
            return f"{kind} {text(option, 'name')}"
    return None


def _read_peer(reader: Reader, path: str, element: XmlElement) -> Ikev2PeerFact:
    peer = empty_peer(text(element, "name") or "")
    ipv4 = first(first(element, "address"), "ipv4")
    peer["address"], peer["mask"] = text(ipv4, "ipv4-address"), text(ipv4, "ipv4-mask")
    peer["description"], peer["hostname"] = text(element, "description"), text(element, "hostname")
    peer["identity"] = _read_identity(first(element, "identity"))
    psk = first(element, "pre-shared-key")
    peer["pre_shared_key"] = text(psk, "key")
    peer["pre_shared_key_local"] = text(first(psk, "local-option"), "key")
    peer["pre_shared_key_remote"] = text(first(psk, "remote-option"), "key")
    for child in element:
        if local(child) not in PEER_ELEMENTS:
            reader.skip(f"{path}/peer[name='{peer['name']}']/{local(child)}", "ikev2_keyrings")
    return peer


def _read_keyring(reader: Reader, element: XmlElement) -> None:
    name = text(element, "name") or ""
    path = f"/native/crypto/ikev2/keyring[name='{name}']"
    peers = [_read_peer(reader, path, peer) for peer in kids(element, "peer")]
    reader.config.ikev2_keyrings.append({"name": name, "peers": peers})


READERS: dict[tuple[str, ...], Callable[[Reader, XmlElement], None]] = {
    ("crypto", "ikev2", "keyring"): _read_keyring
}

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One edit-config `<config>` under construction: the `<native>` subtree the resource renderers fill in."""

from __future__ import annotations

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import (
    CRYPTO,
    NATIVE,
    NC,
    Element,
    serialize,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.yang_vocab import (
    CRYPTO_ORDER,
    NATIVE_ORDER,
)


class Payload:
    def __init__(self) -> None:
        self.config = Element("config", NC)
        self.native = self.config.add("native", ns=NATIVE)

    def crypto(self, child: str) -> Element:
        """`/native/crypto/<child>` (children of `crypto` are in the crypto module's namespace)."""
        return self.native.container("crypto").container(child, CRYPTO)

    def dynamic_map(self, name: str, seq: int, operation: str | None = None) -> Element:
        """`/native/crypto/dynamic-map[name sequence]` (a list directly under `crypto`)."""
        keys = (("name", name), ("sequence", seq))
        return self.native.container("crypto").entry("dynamic-map", keys, operation, ns=CRYPTO)

    def static_map(self, name: str, seq: int, operation: str | None = None) -> Element:
        """`/native/crypto/map/map-seq/map[name seq]`."""
        return self.crypto("map").container("map-seq").entry("map", (("name", name), ("seq", seq)), operation)

    def interface(self, kind: str, name: str) -> Element:
        """The `crypto` container of `/native/interface/<kind>[name]`."""
        entry = self.native.container("interface").entry(kind, (("name", name),))
        return entry.container("crypto", CRYPTO)

    def empty(self) -> bool:
        return not self.native.children

    def text(self) -> str:
        _order(self.native, NATIVE_ORDER)
        for crypto in self.native.children:
            if crypto.name == "crypto":
                _order(crypto, CRYPTO_ORDER)
        return serialize(self.config)


def _order(element: Element, names: tuple[str, ...]) -> None:
    """Children in YANG order (stable; unknown names last)."""
    element.children.sort(key=lambda child: names.index(child.name) if child.name in names else len(names))

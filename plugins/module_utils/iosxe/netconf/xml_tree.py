# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small XML tree for edit-config payloads: elements, namespaces and `nc:operation` attributes.

The standard library only (modules may run under an interpreter without lxml). Each element carries its
namespace; serialisation declares a default namespace where it changes, so payloads read like the YANG
examples (`<isakmp xmlns="...Cisco-IOS-XE-crypto">`). Secrets are masked afterwards (rpc_errors.mask_xml).
"""

from __future__ import annotations

from dataclasses import dataclass, field

NC = "urn:ietf:params:xml:ns:netconf:base:1.0"
NATIVE = "http://cisco.com/ns/yang/Cisco-IOS-XE-native"
CRYPTO = "http://cisco.com/ns/yang/Cisco-IOS-XE-crypto"
CISCO_IA = "http://cisco.com/yang/cisco-ia"
OPERATIONS = ("merge", "replace", "create", "delete", "remove")


@dataclass
class Element:
    name: str
    ns: str
    text: str | None = None
    operation: str | None = None
    children: list[Element] = field(default_factory=list)

    def add(
        self,
        name: str,
        text: object = None,
        *,
        ns: str | None = None,
        operation: str | None = None,
    ) -> Element:
        """Append a new child (same namespace as this element unless `ns` is given) and return it."""
        if operation is not None and operation not in OPERATIONS:
            raise ValueError(f"not an edit operation: {operation}")
        child = Element(name, ns or self.ns, None if text is None else str(text), operation)
        self.children.append(child)
        return child

    def container(self, name: str, ns: str | None = None) -> Element:
        """The existing plain child of that name (no text, no operation), or a new one."""
        wanted = ns or self.ns
        for child in self.children:
            if (child.name, child.ns) == (name, wanted) and child.text is None and child.operation is None:
                return child
        return self.add(name, ns=wanted)

    def entry(
        self,
        name: str,
        keys: tuple[tuple[str, object], ...],
        operation: str | None = None,
        ns: str | None = None,
    ) -> Element:
        """The list entry with these key leaves (created with the keys first, as lists are written)."""
        for child in self.children:
            if child.name == name and child.operation == operation and _keys_of(child, keys) == keys:
                return child
        item = self.add(name, ns=ns, operation=operation)
        for key, value in keys:
            item.add(key, value)
        return item


def _keys_of(item: Element, keys: tuple[tuple[str, object], ...]) -> tuple[tuple[str, object], ...]:
    texts = {child.name: child.text for child in item.children}
    return tuple((key, value) for key, value in keys if texts.get(key) == str(value))


def serialize(root: Element, indent: str = "  ") -> str:
    """Pretty XML of `root`; the root declares the `nc` prefix used by operation attributes."""
    lines: list[str] = []
    _write(root, None, 0, lines, indent, top=True)
    return "\n".join(lines)


def _write(
    node: Element, parent_ns: str | None, depth: int, lines: list[str], indent: str, top: bool
) -> None:
    attributes = ""
    if node.ns != parent_ns:
        attributes += f" xmlns={quoteattr(node.ns)}"
    if top:
        attributes += f" xmlns:nc={quoteattr(NC)}"
    if node.operation:
        attributes += f' nc:operation="{node.operation}"'
    pad = indent * depth
    if node.children:
        lines.append(f"{pad}<{node.name}{attributes}>")
        for child in node.children:
            _write(child, node.ns, depth + 1, lines, indent, top=False)
        lines.append(f"{pad}</{node.name}>")
    elif node.text is None:
        lines.append(f"{pad}<{node.name}{attributes}/>")
    else:
        lines.append(f"{pad}<{node.name}{attributes}>{escape(node.text)}</{node.name}>")


def escape(text: str) -> str:
    """`&`, `<` and `>` as entities (xml.sax.saxutils.escape, without importing xml.sax: its saxutils pulls
    in urllib.request, http.client, ssl and email, a fifth of a module's import time)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An attribute value with its quotes, as xml.sax.saxutils.quoteattr writes it."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))

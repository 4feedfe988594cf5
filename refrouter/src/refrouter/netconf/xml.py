"""Namespaces, a hardened XML parser and small element helpers shared by the NETCONF modules."""

from __future__ import annotations

import re

from lxml import etree

BASE_NS = "urn:ietf:params:xml:ns:netconf:base:1.0"
NATIVE_NS = "http://cisco.com/ns/yang/Cisco-IOS-XE-native"
CRYPTO_NS = "http://cisco.com/ns/yang/Cisco-IOS-XE-crypto"
ACL_NS = "http://cisco.com/ns/yang/Cisco-IOS-XE-acl"
CRYPTO_OPER_NS = "http://cisco.com/ns/yang/Cisco-IOS-XE-crypto-oper"
CISCO_IA_NS = "http://cisco.com/yang/cisco-ia"

PREFIXES = {NATIVE_NS: "ios", CRYPTO_NS: "ios-crypto", ACL_NS: "ios-acl", CRYPTO_OPER_NS: "crypto-ios-xe-oper"}

Element = etree._Element

# Characters XML 1.0 cannot carry, even as character references.
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# No entities, no DTD fetches, no network: a NETCONF peer is untrusted input.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=True
)


def parse_xml(data: bytes) -> Element:
    """Parse one message; raises etree.XMLSyntaxError on malformed XML (DOCTYPEs are refused too)."""
    root = etree.fromstring(data, _PARSER)
    if root.getroottree().docinfo.doctype:
        raise etree.XMLSyntaxError("DOCTYPE is not allowed", None, 0, 0, None)
    return root


def qn(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def split_tag(el: Element) -> tuple[str, str]:
    """(namespace, local name) of an element; namespace '' when unqualified."""
    q = etree.QName(el)
    return q.namespace or "", q.localname


def local(el: Element) -> str:
    return etree.QName(el).localname


def elements(parent: Element) -> list[Element]:
    """Element children only (no comments or processing instructions)."""
    return [c for c in parent if isinstance(c.tag, str)]


def child(parent: Element, name: str, ns: str | None = None) -> Element | None:
    for el in elements(parent):
        el_ns, el_name = split_tag(el)
        if el_name == name and (ns is None or el_ns == ns):
            return el
    return None


def children(parent: Element, name: str) -> list[Element]:
    return [el for el in elements(parent) if local(el) == name]


def text_of(parent: Element, name: str) -> str | None:
    el = child(parent, name)
    return None if el is None else (el.text or "").strip()


def xml_text(value: object) -> str:
    """`value` as element text; characters XML cannot carry become U+FFFD, so one stored value that
    slipped past input filtering never breaks a reply."""
    return _NOT_XML.sub("\ufffd", str(value))


def new(name: str, ns: str, text: str | None = None) -> Element:
    el = etree.Element(qn(ns, name), nsmap={None: ns})
    if text is not None:
        el.text = xml_text(text)
    return el


def sub(parent: Element, name: str, text: object = None, ns: str | None = None) -> Element:
    """Append `<name>`; the namespace is the parent's unless `ns` names another (then it is declared)."""
    parent_ns = split_tag(parent)[0]
    ns = ns or parent_ns
    nsmap = {None: ns} if ns != parent_ns else None
    el = etree.SubElement(parent, qn(ns, name), nsmap=nsmap)
    if text is not None:
        el.text = xml_text(text)
    return el


def to_bytes(el: Element) -> bytes:
    return etree.tostring(el, encoding="UTF-8", xml_declaration=True)

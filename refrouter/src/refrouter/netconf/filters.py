"""get / get-config filters: RFC 6241 §6 subtree filters and :xpath filters over the rendered data trees.

Data roots are `<native>` (and `<crypto-oper-data>` for get). List entries in a result always carry their
key leaves. A subtree filter element without a namespace matches any namespace; an XPath expression
without prefixes is matched against local names, one with prefixes uses the filter's xmlns declarations
(or the usual ios / ios-crypto / ios-acl / crypto-ios-xe-oper prefixes).
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from .errors import RpcError
from .schema import NATIVE, Node
from .xml import PREFIXES, Element, elements, split_tag

Path = tuple[int, ...]
_PREFIXED = re.compile(r"(?<![\w.-])[A-Za-z_][\w.-]*:[A-Za-z_*]")
_STRINGS = re.compile(r"'[^']*'|\"[^\"]*\"")


def _schema_for(root: Element) -> Node | None:
    return NATIVE if split_tag(root) == (NATIVE.ns, NATIVE.name) else None


def _schema_child(node: Node | None, el: Element) -> Node | None:
    return node.child(*split_tag(el)) if node is not None else None


def _is_key(node: Node | None, el: Element) -> bool:
    return node is not None and node.kind == "list" and split_tag(el)[1] in node.keys


# ------------------------------------------------------------------------------------------ subtree


def subtree(roots: list[Element], filter_el: Element) -> list[Element]:
    result = []
    for selector in elements(filter_el):
        for root in roots:
            found = _match(root, selector, _schema_for(root))
            if found is not None:
                result.append(found)
    return result


def _same_name(data: Element, selector: Element) -> bool:
    sel_ns, sel_name = split_tag(selector)
    data_ns, data_name = split_tag(data)
    return sel_name == data_name and sel_ns in ("", data_ns)


def _text(el: Element) -> str:
    return (el.text or "").strip()


def _match(data: Element, selector: Element, node: Node | None) -> Element | None:
    if not _same_name(data, selector):
        return None
    sel_kids = elements(selector)
    if not sel_kids:
        wanted = _text(selector)
        return copy.deepcopy(data) if not wanted or wanted == _text(data) else None
    content = [k for k in sel_kids if not elements(k) and _text(k)]
    others = [k for k in sel_kids if k not in content]
    for test in content:
        if not any(_same_name(d, test) and _text(d) == _text(test) for d in elements(data)):
            return None
    if not others:
        return copy.deepcopy(data)
    out = etree.Element(data.tag, nsmap=data.nsmap)
    selected = False
    for kid in elements(data):
        kid_node = _schema_child(node, kid)
        if any(_same_name(kid, test) for test in content) or _is_key(node, kid):
            out.append(copy.deepcopy(kid))
            continue
        for selector_kid in others:
            found = _match(kid, selector_kid, kid_node)
            if found is not None:
                out.append(found)
                selected = True
                break
    return out if selected or content else None


# ------------------------------------------------------------------------------------------ xpath


def xpath(roots: list[Element], select: str, nsmap: dict[str | None, str]) -> list[Element]:
    if not select.strip():
        raise RpcError("missing-attribute", "an xpath filter needs a select expression",
                       info={"bad-attribute": "select", "bad-element": "filter"})
    prefixed = bool(_PREFIXED.search(_STRINGS.sub("", select)))
    namespaces = {p: ns for ns, p in PREFIXES.items()} | {p: ns for p, ns in nsmap.items() if p}
    result = []
    for root in roots:
        doc = copy.deepcopy(root)
        searched = doc if prefixed else _strip_namespaces(copy.deepcopy(root))
        try:
            found = etree.ElementTree(searched).xpath(select, namespaces=namespaces)
        except etree.XPathError as exc:
            raise RpcError("invalid-value", f"invalid xpath expression: {exc}",
                           info={"bad-attribute": "select", "bad-element": "filter"}) from None
        if not isinstance(found, list):
            raise RpcError("invalid-value", "the select expression must yield a node-set",
                           info={"bad-attribute": "select", "bad-element": "filter"})
        paths = sorted({_index_path(searched, el) for el in map(_element_of, found) if el is not None})
        if paths:
            result.append(_extract(doc, paths))
    return result


def _strip_namespaces(root: Element) -> Element:
    for el in root.iter():
        if isinstance(el.tag, str):
            el.tag = etree.QName(el).localname
    etree.cleanup_namespaces(root)
    return root


def _element_of(item: object) -> Element | None:
    if isinstance(item, etree._Element):
        return item if isinstance(item.tag, str) else None
    parent = getattr(item, "getparent", None)
    return parent() if parent else None


def _index_path(root: Element, el: Element) -> Path:
    steps = []
    while el is not root:
        parent = el.getparent()
        steps.append(elements(parent).index(el))
        el = parent
    return tuple(reversed(steps))


def _extract(root: Element, paths: list[Path]) -> Element:
    """The selected nodes with their ancestors (and the key leaves of ancestor list entries)."""
    if () in paths:
        return copy.deepcopy(root)
    out = etree.Element(root.tag, nsmap=root.nsmap)
    made: dict[Path, Element] = {(): out}
    whole: list[Path] = []
    for path in paths:
        if any(path[: len(done)] == done for done in whole):
            continue
        source, node = root, _schema_for(root)
        for depth, index in enumerate(path, start=1):
            parent_node, source = node, elements(source)[index]
            node = _schema_child(node, source)
            if path[:depth] in made:
                continue
            parent = made[path[: depth - 1]]
            if depth == len(path):
                if not _is_key(parent_node, source):
                    parent.append(copy.deepcopy(source))
                whole.append(path)
                break
            made[path[:depth]] = etree.SubElement(parent, source.tag, nsmap=source.nsmap)
            for key in (k for k in elements(source) if _is_key(node, k)):
                made[path[:depth]].append(copy.deepcopy(key))
    return out

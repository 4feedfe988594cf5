"""RFC 6241 edit-config semantics applied to an XML copy of the datastore, driven by `schema.NATIVE`.

merge / replace / create / delete / remove per element (the `nc:operation` attribute), inherited from the
parent or from `<default-operation>` (merge | replace | none). Values are type-checked against the
schema; list entries are matched by their keys; setting a node in one case of a choice removes the
siblings of the other cases. Every error raises `RpcError` before the live configuration is touched.
"""

from __future__ import annotations

from lxml import etree

from .errors import RpcError, bad_element
from .schema import NATIVE, Node
from .xml import BASE_NS, NATIVE_NS, Element, elements, qn, split_tag

OPERATIONS = ("merge", "replace", "create", "delete", "remove")
DEFAULT_OPERATIONS = ("merge", "replace", "none")
OPERATION_ATTR = qn(BASE_NS, "operation")


def apply_config(holder: Element, config: Element, default_operation: str) -> None:
    """Apply the children of `<config>` to `holder`, the element that contains the datastore's `<native>`."""
    root = Node("(root)", "container", [NATIVE])
    for top in elements(config):
        ns, name = split_tag(top)
        if ns != NATIVE_NS:
            raise RpcError("unknown-namespace", f"namespace {ns or '(none)'} is not served",
                           info={"bad-element": name, "bad-namespace": ns})
        _edit(holder, root, top, "", default_operation)


def _operation(edit: Element, inherited: str, path: str) -> str:
    op = edit.get(OPERATION_ATTR)
    name = split_tag(edit)[1]
    if op is None:
        if edit.get("operation") is not None:
            raise RpcError("unknown-attribute", "the operation attribute must be in the NETCONF base namespace",
                           path, {"bad-attribute": "operation", "bad-element": name})
        return inherited
    if op not in OPERATIONS:
        raise RpcError("bad-attribute", f'"{op}" is not an edit operation', path,
                       {"bad-attribute": "operation", "bad-element": name})
    return op


def _schema_child(parent: Node, edit: Element, path: str) -> Node:
    ns, name = split_tag(edit)
    node = parent.child(ns, name)
    if node is None:
        raise bad_element("unknown-element", name, f"{name} is not part of the served subtree (docs/netconf.md)",
                          path)
    return node


def _edit(data_parent: Element, parent: Node, edit: Element, path: str, inherited: str) -> None:
    node = _schema_child(parent, edit, path)
    op = _operation(edit, inherited, path)
    if node.is_leafy:
        _edit_leaf(data_parent, parent, node, edit, op, f"{path}/{node.prefixed()}")
        return
    keys = _keys(node, edit, path) if node.kind == "list" else {}
    path = f"{path}/{node.prefixed()}" + "".join(f"[{k}='{v}']" for k, v in keys.items())
    existing = _find(data_parent, node, keys)
    if op == "create" and existing is not None:
        raise bad_element("data-exists", node.name, "object already exists", path)
    if op == "delete" and existing is None:
        raise bad_element("data-missing", node.name, "object does not exist", path)
    if op in ("delete", "remove"):
        if existing is not None:
            data_parent.remove(existing)
        return
    if op == "replace" and existing is not None:
        data_parent.remove(existing)
        existing = None
    if existing is None:
        if op == "none" and node.kind != "container":
            raise bad_element("data-missing", node.name, "object does not exist", path)
        existing = _create(data_parent, parent, node, keys)
    for edit_child in elements(edit):
        if node.kind == "list" and split_tag(edit_child)[1] in node.keys:
            continue
        _edit(existing, node, edit_child, path, op)


def _edit_leaf(data_parent: Element, parent: Node, node: Node, edit: Element, op: str, path: str) -> None:
    if len(elements(edit)):
        raise bad_element("bad-element", node.name, f"{node.name} is a leaf and has no child elements", path)
    value = (edit.text or "").strip()
    if op not in ("delete", "remove", "none"):
        assert node.type is not None
        problem = node.type.check(value)
        if problem:
            raise bad_element("invalid-value", node.name, problem, path)
    same = [el for el in elements(data_parent) if split_tag(el) == (node.ns, node.name)]
    if node.kind == "leaf-list":
        same = [el for el in same if (el.text or "") == value]
    existing = same[0] if same else None
    if op == "create" and existing is not None:
        raise bad_element("data-exists", node.name, "value already exists", path)
    if op == "delete" and existing is None:
        raise bad_element("data-missing", node.name, "value does not exist", path)
    if op in ("delete", "remove"):
        if existing is not None:
            data_parent.remove(existing)
        return
    if op == "none":
        return
    if existing is None:
        existing = _create(data_parent, parent, node, {})
    existing.text = value or None


def _keys(node: Node, edit: Element, path: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    for key in node.keys:
        found = [el for el in elements(edit) if split_tag(el) == (node.ns, key)]
        if not found:
            raise bad_element("missing-element", key, f"list {node.name} needs its key {key}", path)
        value = (found[0].text or "").strip()
        key_node = node.child(node.ns or "", key)
        assert key_node is not None and key_node.type is not None
        problem = key_node.type.check(value)
        if problem:
            raise bad_element("invalid-value", key, problem, f"{path}/{node.prefixed()}/{key_node.prefixed()}")
        keys[key] = value
    return keys


def _find(data_parent: Element, node: Node, keys: dict[str, str]) -> Element | None:
    for el in elements(data_parent):
        if split_tag(el) != (node.ns, node.name):
            continue
        if all(_key_text(el, node, k) == v for k, v in keys.items()):
            return el
    return None


def _key_text(entry: Element, node: Node, key: str) -> str | None:
    for el in elements(entry):
        if split_tag(el) == (node.ns, key):
            return (el.text or "").strip()
    return None


def _create(data_parent: Element, parent: Node, node: Node, keys: dict[str, str]) -> Element:
    """Append a new element (list keys filled in) and drop siblings in other cases of its choice."""
    if node.choice is not None:
        for sibling in elements(data_parent):
            other = parent.child(*split_tag(sibling))
            if other is not None and other.choice and other.choice[0] == node.choice[0] \
                    and other.choice[1] != node.choice[1]:
                data_parent.remove(sibling)
    el = etree.SubElement(data_parent, qn(node.ns or "", node.name), nsmap={None: node.ns})
    for key, value in keys.items():
        etree.SubElement(el, qn(node.ns or "", key)).text = value
    return el

"""Access lists: `/native/ip/access-list/{standard,extended}` and their ACE rules."""

from __future__ import annotations

from ...state.config.acl import (
    ANY,
    PORT_NAMES,
    PROTOCOLS,
    AceSyntaxError,
    AddressMatch,
    PortMatch,
    parse_ace,
)
from ...state.config.model import AccessList, AclEntry, RunningConfig
from ..schema import ACL_PORT_NUMBERS, ACL_PROTOCOL_NUMBERS
from ..xml import ACL_NS, Element, child, children, sub, text_of
from .common import elements_at, int_at, reject, texts_at


def render_acls(parent: Element, config: RunningConfig) -> None:
    acls = sorted(config.access_lists.values(), key=lambda a: (not a.name.isdigit(), a.name.zfill(8)))
    for kind in ("standard", "extended"):
        for acl in (a for a in acls if a.kind == kind):
            acl_el = sub(parent, kind, ns=ACL_NS)
            sub(acl_el, "name", acl.name)
            for entry in acl.entries:
                _render_acl_entry(sub(acl_el, "access-list-seq-rule"), entry, kind == "standard")


def _render_acl_entry(el: Element, entry: AclEntry, standard: bool) -> None:
    sub(el, "sequence", entry.seq)
    if entry.action == "remark" or entry.ace is None:
        sub(el, "remark" if standard else "remarks", entry.text)
        return
    ace = entry.ace
    if standard:
        std = sub(sub(el, ace.action), "std-ace")
        _render_address(std, ace.source, ("ipv4-address-prefix", "mask", "any", "host-address"))
    else:
        std = sub(el, "ace-rule")
        sub(std, "action", ace.action)
        sub(std, "protocol", ace.protocol)
        _render_address(std, ace.source, ("ipv4-address", "mask", "any", "host-address"))
        _render_port(std, "src", ace.source_port)
        _render_address(std, ace.destination, ("dest-ipv4-address", "dest-mask", "dst-any", "dst-host-address"))
        _render_port(std, "dst", ace.destination_port)
    if ace.log:
        sub(std, "log")


def _render_address(el: Element, match: AddressMatch, names: tuple[str, str, str, str]) -> None:
    prefix, mask, any_name, host = names
    if match == ANY:
        sub(el, any_name)
    elif int(match.wildcard) == 0:
        sub(el, host, match.network)
    else:
        sub(el, prefix, match.network)
        sub(el, mask, match.wildcard)


def _render_port(el: Element, side: str, port: PortMatch | None) -> None:
    if port is None:
        return
    if port.op == "range":
        sub(el, f"{side}-range1", port.low)
        sub(el, f"{side}-range2", port.high)
    else:
        sub(el, f"{side}-{port.op}", port.low)


def parse_acls(native: Element) -> dict[str, AccessList]:
    acls: dict[str, AccessList] = {}
    for kind in ("standard", "extended"):
        for el in elements_at(native, "ip", "access-list", kind):
            name = text_of(el, "name") or ""
            if name in acls:
                raise reject("data-exists", "name", f"access list {name} is already a {acls[name].kind} list")
            acl = AccessList(name, kind, named=not (name.isascii() and name.isdigit()))
            acl.entries = sorted(
                (_parse_acl_entry(e, kind == "standard") for e in children(el, "access-list-seq-rule")),
                key=lambda e: e.seq,
            )
            acls[name] = acl
    return acls


def _parse_acl_entry(el: Element, standard: bool) -> AclEntry:
    seq = int_at(el, "sequence") or 0
    remarks = texts_at(el, "remark" if standard else "remarks")
    if remarks:
        return AclEntry(seq, "remark", remarks[0])
    if standard:
        action = next((a for a in ("permit", "deny") if child(el, a) is not None), None)
        rule = elements_at(el, action or "permit", "std-ace")
        words = _address_words(rule[0], ("ipv4-address-prefix", "mask", "any", "host-address"), True) if rule else []
    else:
        rule = elements_at(el, "ace-rule")
        action = text_of(rule[0], "action") if rule else None
        words = _ace_words(rule[0]) if rule else []
    if not action or not rule:
        raise reject("missing-element", "ace-rule", f"sequence {seq} has no rule")
    if child(rule[0], "log") is not None:
        words.append("log")
    try:
        ace = parse_ace(action, words, standard)
    except AceSyntaxError:
        raise reject("invalid-value", "ace-rule", f"sequence {seq}: incomplete or invalid rule") from None
    return AclEntry(seq, action, ace.text(standard), ace)


def _ace_words(rule: Element) -> list[str]:
    protocol = text_of(rule, "protocol") or ""
    if protocol not in PROTOCOLS and not protocol.isdigit():
        protocol = str(ACL_PROTOCOL_NUMBERS.get(protocol, protocol))
    words = [protocol]
    words += _address_words(rule, ("ipv4-address", "mask", "any", "host-address"), False)
    words += _port_words(rule, "src")
    words += _address_words(rule, ("dest-ipv4-address", "dest-mask", "dst-any", "dst-host-address"), False)
    words += _port_words(rule, "dst")
    return words


def _address_words(rule: Element, names: tuple[str, str, str, str], standard: bool) -> list[str]:
    prefix, mask, any_name, host = (text_of(rule, n) for n in names)
    if prefix is not None:
        if mask is None and not standard:
            raise reject("missing-element", names[1], "an address needs its wildcard bits")
        return [prefix] + ([mask] if mask is not None else [])
    if host is not None:
        return [host] if standard else ["host", host]
    if any_name is not None:
        return ["any"]
    raise reject("missing-element", names[2], "the rule names no address")


def _port_words(rule: Element, side: str) -> list[str]:
    for op in ("eq", "gt", "lt", "neq"):
        value = text_of(rule, f"{side}-{op}")
        if value is not None:
            return [op, _port_number(value)]
    low, high = text_of(rule, f"{side}-range1"), text_of(rule, f"{side}-range2")
    if low is None and high is None:
        return []
    if low is None or high is None:
        raise reject("missing-element", f"{side}-range2", "a port range needs both ends")
    return ["range", _port_number(low), _port_number(high)]


def _port_number(value: str) -> str:
    return value if value.isdigit() or value in PORT_NAMES else str(ACL_PORT_NUMBERS[value])

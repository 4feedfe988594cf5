"""VRFs and interfaces: `/native/vrf/definition` and `/native/interface/<type>`."""

from __future__ import annotations

import ipaddress

from ...state.config.model import INTERFACE_NAMES, Interface, RunningConfig, Vrf
from ...state.config.tunnel import TunnelSettings
from ...state.interfaces import TUNNEL_TYPES
from ..xml import CRYPTO_NS, Element, child, sub, text_of
from .common import INTERFACE_TYPES, elements_at, reject, texts_at


def render_vrfs(native: Element, config: RunningConfig) -> None:
    vrf_el = sub(native, "vrf")
    for vrf in config.vrfs.values():
        definition = sub(vrf_el, "definition")
        sub(definition, "name", vrf.name)
        if vrf.description:
            sub(definition, "description", vrf.description)
        if vrf.rd:
            sub(definition, "rd", vrf.rd)
        sub(sub(definition, "address-family"), "ipv4")


def render_interfaces(parent: Element, config: RunningConfig) -> None:
    for kind in INTERFACE_TYPES:
        for iface in config.interfaces.values():
            if iface.name.startswith(kind) and iface.name[len(kind):][:1].isdigit():
                _render_interface(sub(parent, kind), iface, iface.name[len(kind):])


def _render_interface(el: Element, iface: Interface, number: str) -> None:
    sub(el, "name", number)
    if iface.description:
        sub(el, "description", iface.description)
    if iface.shutdown:
        sub(el, "shutdown")
    if iface.vrf:
        sub(sub(el, "vrf"), "forwarding", iface.vrf)
    groups = [(way, acl) for way, acl in (("in", iface.access_group_in), ("out", iface.access_group_out)) if acl]
    ip = sub(el, "ip") if groups or iface.address else None
    if ip is not None and groups:
        group = sub(ip, "access-group")
        for way, acl in groups:
            holder = sub(sub(group, way), "acl")
            sub(holder, "acl-name", acl)
            sub(holder, way)
    if ip is not None and iface.address:
        primary = sub(sub(ip, "address"), "primary")
        sub(primary, "address", iface.address)
        sub(primary, "mask", iface.mask)
    if iface.crypto_map:
        sub(sub(sub(el, "crypto", ns=CRYPTO_NS), "map"), "tag", iface.crypto_map)


def parse_vrf(el: Element) -> Vrf:
    return Vrf(text_of(el, "name") or "", text_of(el, "rd"), text_of(el, "description"))


def parse_interfaces(native: Element, base: RunningConfig) -> dict[str, Interface]:
    found: dict[str, Interface] = {}
    for kind in INTERFACE_TYPES:
        for el in elements_at(native, "interface", kind):
            name = f"{kind}{text_of(el, 'name')}"
            if kind == "GigabitEthernet" and name not in INTERFACE_NAMES:
                raise reject("invalid-value", "name", f"interface {name} does not exist on this router")
            found[name] = _parse_interface(el, name)
            _keep_unserved(found[name], base.interfaces.get(name))
    for name in INTERFACE_NAMES:  # physical interfaces cannot be deleted: they fall back to defaults
        found.setdefault(name, Interface(name=name, shutdown=True))
    for name, iface in base.interfaces.items():  # kinds the tree does not serve (Virtual-Template) stay
        if not name.startswith(INTERFACE_TYPES):
            found[name] = iface
    order = [n for n in base.interfaces if n in found] + [n for n in found if n not in base.interfaces]
    return {n: found[n] for n in order}


def _keep_unserved(iface: Interface, previous: Interface | None) -> None:
    """Settings outside the served subtree (tunnel, NHRP, MTU, MSS, unnumbered) survive an edit of the
    interface; a tunnel interface created over NETCONF starts with default tunnel settings."""
    if previous is not None:
        iface.tunnel, iface.nhrp = previous.tunnel, previous.nhrp
        iface.ip_mtu, iface.tcp_adjust_mss = previous.ip_mtu, previous.tcp_adjust_mss
        iface.unnumbered = None if iface.address else previous.unnumbered
    elif iface.name.startswith(TUNNEL_TYPES):
        iface.tunnel = TunnelSettings()


def _parse_interface(el: Element, name: str) -> Interface:
    iface = Interface(name=name, description=text_of(el, "description"))
    iface.shutdown = child(el, "shutdown") is not None
    iface.vrf = (texts_at(el, "vrf", "forwarding") or [None])[0]
    primary = elements_at(el, "ip", "address", "primary")
    if primary:
        address, mask = text_of(primary[0], "address"), text_of(primary[0], "mask")
        if not address or not mask:
            raise reject("missing-element", "mask" if address else "address", f"{name}: address and mask go together")
        try:
            ipaddress.IPv4Interface(f"{address}/{mask}")
        except ValueError:
            raise reject("invalid-value", "mask", f"Bad mask {mask} for address {address}") from None
        iface.address, iface.mask = address, mask
    iface.crypto_map = (texts_at(el, "crypto", "map", "tag") or [None])[0]
    for way in ("in", "out"):
        acl = elements_at(el, "ip", "access-group", way, "acl")
        name = text_of(acl[0], "acl-name") if acl else None
        if acl and (not name or child(acl[0], way) is None):
            raise reject("missing-element", "acl-name" if not name else way,
                         f"{iface.name}: ip access-group needs acl-name and <{way}/>")
        setattr(iface, f"access_group_{way}", name)
    return iface

"""Proxy identities (phase-2 selectors) in their ID-payload form; the selectors come from
state/config/selectors.py."""

from __future__ import annotations

import ipaddress

from ..state.oper.sa import ProxyIdent
from .codec import ID_IPV4_ADDR, ID_IPV4_ADDR_SUBNET, IdPayload


def ident_to_id(ident: ProxyIdent) -> IdPayload:
    address = ipaddress.IPv4Address(ident.addr).packed
    if ident.is_host:
        return IdPayload(ID_IPV4_ADDR, ident.proto, ident.port, address)
    return IdPayload(ID_IPV4_ADDR_SUBNET, ident.proto, ident.port, address + ipaddress.IPv4Address(ident.mask).packed)


def id_to_ident(payload: IdPayload) -> ProxyIdent | None:
    if payload.id_type == ID_IPV4_ADDR and len(payload.data) == 4:
        return ProxyIdent(str(ipaddress.IPv4Address(payload.data)), proto=payload.protocol, port=payload.port)
    if payload.id_type == ID_IPV4_ADDR_SUBNET and len(payload.data) == 8:
        addr, mask = ipaddress.IPv4Address(payload.data[:4]), ipaddress.IPv4Address(payload.data[4:])
        try:
            network = ipaddress.IPv4Network(f"{addr}/{mask}")
        except ValueError:
            return None
        return ProxyIdent(str(network.network_address), str(network.netmask), payload.protocol, payload.port)
    return None

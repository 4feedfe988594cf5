"""Helpers every resource mapping uses: child paths, typed leaf reads, the rpc-error for bad data."""

from __future__ import annotations

from ..errors import RpcError, bad_element
from ..xml import Element, children, text_of

INTERFACE_TYPES = ("GigabitEthernet", "Loopback", "Tunnel")  # YANG list order under /native/interface


def reject(tag: str, element: str, message: str) -> RpcError:
    return bad_element(tag, element, message)


def elements_at(el: Element | None, *names: str) -> list[Element]:
    """All elements at the end of a child path (lists fan out at every step)."""
    current = [el] if el is not None else []
    for name in names:
        current = [kid for parent in current for kid in children(parent, name)]
    return current


def int_at(el: Element, name: str) -> int | None:
    value = text_of(el, name)
    return int(value) if value else None


def texts_at(el: Element, *names: str) -> list[str]:
    return [(x.text or "").strip() for x in elements_at(el, *names)]

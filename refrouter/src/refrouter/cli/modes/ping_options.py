"""Options of the exec `ping` command (`source`, `repeat`, `size`, `timeout`, in any order)."""

from __future__ import annotations

from ipaddress import IPv4Address
from typing import TYPE_CHECKING

from ...dataplane.ping import PingOptions
from ...state.interfaces import canonical_interface
from ..grammar import INCOMPLETE, INVALID, CliError

if TYPE_CHECKING:
    from ...state.router import Router

LIMITS = {"repeat": (1, 2147483647), "size": (36, 18024), "timeout": (0, 3600)}


def parse_ping_options(router: Router, target: str, text: str, column: int) -> PingOptions:
    opts = PingOptions(IPv4Address(target))
    words = text.split()
    offsets = []
    position = 0
    for word in words:
        position = text.index(word, position)
        offsets.append(column + position)
        position += len(word)
    index = 0
    while index < len(words):
        keyword = next((k for k in ("source", *LIMITS) if k.startswith(words[index].lower())), None)
        if keyword is None:
            raise CliError(INVALID, offsets[index])
        if index + 1 >= len(words):
            raise CliError(INCOMPLETE)
        value = words[index + 1]
        if keyword == "source":
            opts.source = _source_address(router, value, offsets[index + 1])
            opts.source_given = True
        else:
            low, high = LIMITS[keyword]
            if not value.isdigit() or not low <= int(value) <= high:
                raise CliError(INVALID, offsets[index + 1])
            setattr(opts, keyword, float(value) if keyword == "timeout" else int(value))
        index += 2
    return opts


def _source_address(router: Router, value: str, column: int) -> IPv4Address:
    name = canonical_interface(value)
    if name is not None:
        iface = router.running.interfaces.get(name)
        if iface is None or not iface.address:
            raise CliError(INVALID, column)
        return IPv4Address(iface.address)
    try:
        return IPv4Address(value)
    except ValueError:
        raise CliError(INVALID, column) from None

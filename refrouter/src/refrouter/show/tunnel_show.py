"""The tunnel block of `show interfaces TunnelN` / `Virtual-AccessN` (IOS layout; values per mode).

Shown: line-state evaluation, source (address and interface) and destination, protocol/transport
(`IPSEC/IP` for a VTI, `GRE/IP` with key/sequencing/checksum lines for GRE), TTL, transport MTU (1500 less
the mode's overhead, as IOS prints 1438 for an ESP VTI and 1476 for GRE) and the protection profile. IOS's
source-tracking sub-block lines are not printed (docs/refrouter-route-based.md).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..state.config.model import Interface
from ..state.config.tunnel_status import line_protocol_up, source_address
from ..state.router import Router

TRANSPORT = {"ipsec ipv4": ("IPSEC/IP", 1438), "gre ip": ("GRE/IP", 1476), "gre multipoint": ("multi-GRE/IP", 1476)}


def tunnel_lines(router: Router, iface: Interface) -> Iterator[str]:
    settings = iface.tunnel
    if settings is None:
        return
    up = line_protocol_up(router.running, router.oper, iface.name)
    yield f"  Tunnel linestate evaluation {'up' if up else 'down'}"
    source = source_address(router.running, settings)
    named = settings.source if settings.source in router.running.interfaces else None
    where = f"{source or '0.0.0.0'}" + (f" ({named})" if named else "")
    yield f"  Tunnel source {where}, destination {settings.destination or 'UNKNOWN'}"
    protocol, mtu = TRANSPORT.get(settings.mode, (settings.mode.upper().replace(' ', '/'), 1476))
    yield f"  Tunnel protocol/transport {protocol}"
    if protocol.endswith("GRE/IP"):
        key = f"Key 0x{settings.key:X}, " if settings.key is not None else "Key disabled, "
        yield f"    {key}sequencing disabled"
        yield "    Checksumming of packets disabled"
        mtu -= 4 if settings.key is not None else 0
        yield "  Tunnel TTL 255, Fast tunneling enabled"
    else:
        yield "  Tunnel TTL 255"
    yield f"  Tunnel transport MTU {mtu} bytes"
    yield "  Tunnel transmit bandwidth 8000 (kbps)"
    yield "  Tunnel receive bandwidth 8000 (kbps)"
    if settings.protection_profile:
        yield f'  Tunnel protection via IPSec (profile "{settings.protection_profile}")'

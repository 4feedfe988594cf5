"""Interface access lists in the data plane (`ip access-group ACL in|out`), as IOS XE applies them:

- inbound: every packet arriving on the interface, before the router delivers or forwards it, IPsec packets
  in their encrypted form (ESP, IKE on UDP 500/4500); decrypted packets are not checked again (IOS since
  12.3(8)T);
- outbound: packets the router forwards out of the interface, as they are routed (before encryption);
  packets the router originates itself are not filtered, as on IOS;
- the first matching entry decides and counts a hit (`show access-lists` shows `(N matches)`); a packet no
  entry matches meets the implicit deny, which counts nothing; an access list that does not exist or has no
  entries permits everything.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from ..state.config.acl_match import filter_verdict
from .packet import UDP, Packet

if TYPE_CHECKING:
    from ..state.router import Router

TCP = 6


def permitted(router: Router, packet: Packet, interface: str, direction: str) -> bool:
    """Whether the interface's access list for `direction` (`in`/`out`) lets the packet pass."""
    iface = router.running.interfaces.get(interface)
    name = getattr(iface, f"access_group_{direction}", None) if iface is not None else None
    acl = router.running.access_lists.get(name) if name else None
    sport, dport = _ports(packet)
    allowed, entry = filter_verdict(acl, str(packet.src), str(packet.dst), packet.proto, sport, dport)
    if acl is not None and entry is not None:
        router.acl_hits[(acl.name, entry.seq)] = router.acl_hits.get((acl.name, entry.seq), 0) + 1
    return allowed


def _ports(packet: Packet) -> tuple[int, int]:
    """TCP/UDP source and destination ports (0, 0 for other protocols or a short segment)."""
    if packet.proto not in (TCP, UDP) or len(packet.payload) < 4:
        return 0, 0
    sport, dport = struct.unpack("!HH", packet.payload[:4])
    return sport, dport

"""Lab links: each linked interface owns a UDP socket; frames carry one IPv4 packet to a next hop.

Links that share an endpoint form one segment (a virtual switch), so a hub's GigabitEthernet1 can reach
fifty spokes. A frame names the next-hop address; members that do not own it drop the frame. Senders
learn which UDP address answers for which interface address, and flood only until they have learned it.
Members wired in the same process first look for the owner among themselves (a switch's address table),
so only next hops that no member owns are flooded: flooding cost N x N frames on a hub's segment of N
spokes (docs/performance.md).
"""

from __future__ import annotations

import asyncio
import logging
import socket
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from ipaddress import IPv4Address

log = logging.getLogger(__name__)

MAGIC = b"RRL1"
ANNOUNCE = b"RRLA"  # "this UDP address answers for that IP" (the proxy-ARP reply)
HEADER = struct.Struct("!4s4s4s6s")  # magic, next-hop address, sender interface address, sender MAC
# A hub's port takes a burst of one IKE message from every spoke at once; the default 208 KiB socket
# buffer dropped them past ~150 spokes, and each drop costs a 10 s IKE retransmission. The kernel caps
# the request at net.core.rmem_max.
RECEIVE_BUFFER = 4 * 1024 * 1024
Address = tuple[str, int]
FrameHandler = Callable[[IPv4Address, bytes, bytes], None]  # sender address, sender MAC, packet
PacketTap = Callable[[bytes], None]  # sees every IPv4 packet the interface sends or accepts


@dataclass
class LinkPort(asyncio.DatagramProtocol):
    """One interface's attachment to its segment."""

    interface: str
    bind: Address
    peers: list[Address] = field(default_factory=list)
    on_frame: FrameHandler | None = None
    learned: dict[IPv4Address, Address] = field(default_factory=dict)
    transport: asyncio.DatagramTransport | None = None
    local_address: Callable[[], IPv4Address | None] = lambda: None
    proxies_for: Callable[[IPv4Address], bool] = lambda _address: False
    local_mac: bytes = bytes(6)
    frames_in: int = 0
    frames_out: int = 0
    segment: list[LinkPort] = field(default_factory=list, compare=False, repr=False)  # same-process members
    taps: list[PacketTap] = field(default_factory=list, compare=False, repr=False)  # captures (pcap.py)

    async def open(self) -> None:
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(lambda: self, local_addr=self.bind)
        self.transport = transport  # type: ignore[assignment]
        self.bind = transport.get_extra_info("sockname")[:2]
        transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def send(self, next_hop: IPv4Address, packet: bytes) -> None:
        if self.transport is None:
            return
        me = self.local_address() or IPv4Address(0)
        frame = HEADER.pack(MAGIC, next_hop.packed, me.packed, self.local_mac) + packet
        self._tap(packet)
        for target in self._targets(next_hop):
            self.transport.sendto(frame, target)
            self.frames_out += 1

    def _targets(self, next_hop: IPv4Address) -> list[Address]:
        """The learned owner of `next_hop`, else its owner among the same-process members, else everyone."""
        if next_hop in self.learned:
            return [self.learned[next_hop]]
        for member in self.segment:
            if member is not self and member.local_address() == next_hop:
                self.learned[next_hop] = member.bind
                return [member.bind]
        return self.peers

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:  # type: ignore[override]
        if len(data) < HEADER.size or data[:4] not in (MAGIC, ANNOUNCE):
            return
        kind, hop, sender, sender_mac = HEADER.unpack(data[: HEADER.size])
        sender_ip = IPv4Address(sender)
        source = (addr[0], addr[1])
        if int(sender_ip) and source in self.peers:  # never learn (or later send to) a stranger's socket
            self.learned[sender_ip] = source
        if kind == ANNOUNCE:
            return
        me = self.local_address()
        next_hop = IPv4Address(hop)
        if me is None:
            return
        if next_hop != me:
            if not self.proxies_for(next_hop):
                return
            if self.transport is not None:
                self.transport.sendto(HEADER.pack(ANNOUNCE, bytes(4), next_hop.packed, self.local_mac), addr)
        self.frames_in += 1
        self._tap(data[HEADER.size :])
        if self.on_frame is not None:
            try:
                self.on_frame(sender_ip, sender_mac, data[HEADER.size :])
            except Exception:  # a malformed packet must never stop the link
                log.exception("%s: frame handling failed", self.interface)

    def _tap(self, packet: bytes) -> None:
        for tap in self.taps:
            try:
                tap(packet)
            except Exception:  # a failing capture must never stop the link
                log.exception("%s: capture failed", self.interface)

    def error_received(self, exc: Exception) -> None:
        log.debug("%s: %s", self.interface, exc)

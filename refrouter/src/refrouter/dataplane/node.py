"""One router's data plane: receive, deliver, forward, and the crypto hook on egress/ingress."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable
from ipaddress import IPv4Address
from operator import attrgetter
from typing import TYPE_CHECKING, Protocol

from ..state.interfaces import burned_in_mac, dotted_mac
from .filters import permitted
from .gre import GRE
from .links import LinkPort
from .packet import AH, ESP, ICMP, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, UDP, IcmpEcho, Packet, PacketError, Udp
from .routing import RouteTable, build_table, interface_up, lookup

if TYPE_CHECKING:
    from ..state.router import Router

log = logging.getLogger(__name__)
IKE_PORTS = (500, 4500)


class CryptoService(Protocol):
    """What the IPsec layer offers the data plane."""

    def outbound(self, packet: Packet, interface: str, local: bool) -> Packet | None:
        """The packet to send (itself in clear, or its ESP/AH form), or None to drop it."""

    def inbound(self, packet: Packet, interface: str) -> Packet | None:
        """Decapsulate an ESP/AH packet addressed to this router; None drops it."""

    def accepts_clear(self, packet: Packet, interface: str) -> bool:
        """False when a clear packet should have arrived protected (IOS drops it)."""

    def ike_datagram(self, packet: Packet, udp: Udp, interface: str) -> None:
        """An IKE message (UDP 500/4500) addressed to this router."""


class TunnelPorts(Protocol):
    """What the tunnel interfaces (Tunnel, Virtual-Access) offer the data plane."""

    def egress(self, packet: Packet, interface: str) -> str | None:
        """Send a packet routed out of a tunnel interface (`sent`/`dropped`); None when it is not one."""

    def gre_in(self, packet: Packet, interface: str, decapsulated: bool) -> None:
        """A GRE packet addressed to this router."""

    def down(self) -> frozenset[str]:
        """Tunnel interfaces whose line protocol is down."""


class ClearCrypto:
    """No IPsec: everything in clear."""

    def outbound(self, packet: Packet, interface: str, local: bool) -> Packet | None:
        return packet

    def inbound(self, packet: Packet, interface: str) -> Packet | None:
        return None

    def accepts_clear(self, packet: Packet, interface: str) -> bool:
        return True

    def ike_datagram(self, packet: Packet, udp: Udp, interface: str) -> None:
        return None


_interface_state = attrgetter("name", "address", "mask", "shutdown", "vrf", "unnumbered")


class DataPlane:
    def __init__(self, router: Router) -> None:
        self.router = router
        self.ports: dict[str, LinkPort] = {}
        self.crypto: CryptoService = ClearCrypto()
        self.tunnels: TunnelPorts | None = None
        self._ident = itertools.count(1)
        self._echo_waiters: dict[tuple[int, int], asyncio.Future[float]] = {}
        self.drops: dict[str, int] = {}
        self.listeners: list[Callable[[str, Packet], None]] = []
        # the route table and local addresses, kept while the running config (object, change counter as
        # `show configuration id` prints it, and each interface's routing state, compared exactly: few per
        # router) and the down tunnels are the same: a hub with 2,000 static routes spent ~0.3 ms per packet
        # just building the table's cache key
        self._table: tuple[tuple[object, ...], RouteTable] | None = None
        self._local: tuple[tuple[object, ...], frozenset[IPv4Address]] | None = None
        self._addresses: tuple[tuple[object, ...], dict[str, IPv4Address | None]] | None = None

    # ---------------------------------------------------------------- wiring

    def attach(self, port: LinkPort) -> None:
        self.ports[port.interface] = port
        port.on_frame = lambda sender, mac, data, name=port.interface: self.receive(name, data, sender, mac)
        port.local_mac = interface_mac(self.router.name, port.interface)
        port.local_address = lambda name=port.interface: self.interface_address(name)
        port.proxies_for = lambda address, name=port.interface: self.proxy_arp(name, address)

    def proxy_arp(self, interface: str, address: IPv4Address) -> bool:
        """IOS answers ARP for an address it routes out of another interface (`ip proxy-arp`),
        but not for addresses reached only through a default route."""
        table = self.table()
        covering = table.covering(address)
        if not covering or max(r.network.prefixlen for r in covering) == 0:
            return False
        hop = lookup(table, address)
        return hop is not None and hop[0] != interface

    def table(self) -> RouteTable:
        """The route table, without routes over tunnels whose line protocol is down."""
        down = self.tunnels.down() if self.tunnels is not None else frozenset()
        key = (*self._config_version(), down)
        if self._table is None or self._table[0] != key:
            self._table = key, build_table(self.router.running, down=down)
        return self._table[1]

    def _config_version(self) -> tuple[object, ...]:
        running = self.router.running
        return id(running), self.router.config_id, tuple(map(_interface_state, running.interfaces.values()))

    def interface_address(self, name: str) -> IPv4Address | None:
        """The interface's address while it is up (asked for every frame a link receives)."""
        version = self._config_version()
        if self._addresses is None or self._addresses[0] != version:
            self._addresses = version, {}
        known = self._addresses[1]
        if name not in known:
            iface = self.router.running.interfaces.get(name)
            down = iface is None or iface.shutdown or not iface.address
            known[name] = None if down or iface is None else IPv4Address(iface.address)
        return known[name]

    def local_addresses(self) -> frozenset[IPv4Address]:
        key = self._config_version()
        if self._local is None or self._local[0] != key:
            config = self.router.running
            self._local = key, frozenset(
                IPv4Address(i.address)
                for i in config.interfaces.values()
                if interface_up(config, i.name) and i.address
            )
        return self._local[1]

    def next_ident(self) -> int:
        return next(self._ident) & 0xFFFF

    def drop(self, reason: str) -> None:
        self.drops[reason] = self.drops.get(reason, 0) + 1

    # ---------------------------------------------------------------- receive path

    def receive(self, interface: str, data: bytes, sender: IPv4Address | None = None, mac: bytes = bytes(6)) -> None:
        if self.interface_address(interface) is None:
            return self.drop("interface down")
        stats = self.router.oper.interfaces
        stats.received(interface, len(data))
        if sender is not None and int(sender) and any(mac):
            stats.learn(str(sender), dotted_mac(mac), interface)
        try:
            packet = Packet.decode(data)
        except PacketError:
            return self.drop("malformed")
        if not permitted(self.router, packet, interface, "in"):
            return self.drop("access list in")
        self.handle(packet, interface)

    def handle(self, packet: Packet, interface: str, decapsulated: bool = False) -> None:
        for listener in self.listeners:
            listener(interface, packet)
        if packet.dst in self.local_addresses():
            self._deliver(packet, interface, decapsulated)
            return
        if not decapsulated and not self.crypto.accepts_clear(packet, interface):
            return self.drop("clear text on crypto interface")
        if packet.ttl <= 1:
            return self.drop("ttl expired")
        self.forward(packet.decremented(), local=False)

    def _deliver(self, packet: Packet, interface: str, decapsulated: bool) -> None:
        if packet.proto in (ESP, AH):
            inner = self.crypto.inbound(packet, interface)
            if inner is not None:
                self.handle(inner, interface, decapsulated=True)
            return
        if packet.proto == UDP:
            udp = Udp.decode(packet.payload)
            if udp is not None and udp.dport in IKE_PORTS:
                self.crypto.ike_datagram(packet, udp, interface)
            return
        if packet.proto == GRE and self.tunnels is not None:
            self.tunnels.gre_in(packet, interface, decapsulated)
            return
        if not decapsulated and not self.crypto.accepts_clear(packet, interface):
            return self.drop("clear text on crypto interface")
        if packet.proto == ICMP:
            echo = IcmpEcho.decode(packet.payload)
            if echo is None:
                return self.drop("malformed icmp")
            if echo.kind == ICMP_ECHO_REQUEST:
                reply = IcmpEcho(ICMP_ECHO_REPLY, echo.ident, echo.seq, echo.data)
                self.send(Packet(packet.dst, packet.src, ICMP, reply.encode(), ident=self.next_ident()))
            else:
                waiter = self._echo_waiters.pop((echo.ident, echo.seq), None)
                if waiter is not None and not waiter.done():
                    waiter.set_result(asyncio.get_running_loop().time())

    # ---------------------------------------------------------------- send path

    def send(self, packet: Packet) -> str:
        """Originate a packet from this router; returns `sent`, `no route` or `dropped`."""
        return self.forward(packet, local=True)

    def forward(self, packet: Packet, local: bool) -> str:
        hop = lookup(self.table(), packet.dst)
        if hop is None:
            self.drop("no route")
            return "no route"
        interface, next_hop = hop
        if next_hop in self.local_addresses():
            self.handle(packet, interface)
            return "sent"
        if not local and not permitted(self.router, packet, interface, "out"):
            self.drop("access list out")
            return "dropped"
        if self.tunnels is not None:
            tunnelled = self.tunnels.egress(packet, interface)
            if tunnelled is not None:
                return tunnelled
        protected = self.crypto.outbound(packet, interface, local)
        if protected is None:
            self.drop("crypto")
            return "dropped"
        if protected is not packet:
            return self.forward(protected, local=True)
        port = self.ports.get(interface)
        if port is None:
            self.drop("no link")
            return "dropped"
        data = packet.encode()
        port.send(next_hop, data)
        self.router.oper.interfaces.sent(interface, len(data))
        return "sent"

    # ---------------------------------------------------------------- ping support

    def source_for(self, dst: IPv4Address) -> IPv4Address | None:
        hop = lookup(self.table(), dst)
        return self.interface_address(hop[0]) if hop else None

    def expect_echo(self, ident: int, seq: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._echo_waiters[(ident, seq)] = future
        return future

    def forget_echo(self, ident: int, seq: int) -> None:
        self._echo_waiters.pop((ident, seq), None)


def interface_mac(router_name: str, interface: str) -> bytes:
    """The MAC this interface puts on its frames (six zero bytes for interfaces without one)."""
    mac = burned_in_mac(router_name, interface)
    return bytes.fromhex(mac.replace(".", "")) if mac else bytes(6)

"""The crypto map on the data path: binds the sans-I/O IKE engine to the data plane and the event loop."""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from ipaddress import IPv4Address
from typing import TYPE_CHECKING

from ..ike.context import NATT_PORT, Datagram, EngineSettings, StartRequest
from ..ike.engine import IkeEngine
from ..ike.natt import KEEPALIVE, is_ike
from ..state.config.selectors import selectors_for_packet
from ..state.oper.sa import IpsecTunnel
from . import ikev2_tunnels
from .ikev2_service import Ikev2Service, ikev2_message
from .node import DataPlane
from .packet import AH, ESP, UDP, Packet, PacketError, Udp, ports_of
from .tunnel_if import TunnelInterfaces

if TYPE_CHECKING:
    from ..state.router import Router

log = logging.getLogger(__name__)
PROTOCOL_NUMBERS = {"esp": ESP, "ah": AH, "udp": UDP}
IKE_PORTS = (500, 4500)


class IpsecService:
    """Implements the data plane's CryptoService with crypto maps and an IkeEngine."""

    def __init__(self, router: Router, plane: DataPlane) -> None:
        self.router = router
        self.plane = plane
        self.engine = IkeEngine(
            lambda: router.running, router.oper, router.clock, settings=EngineSettings(version=router.identity.version)
        )
        self.ikev2 = Ikev2Service(router, plane, self.engine.db)
        self._timer: asyncio.TimerHandle | None = None
        self._timer_due: float | None = None  # router time the armed timer is for
        self.tunnels = TunnelInterfaces(router, plane, self)
        # tunnel interfaces answer first; the crypto map refuses what none of its entries accepts
        self.ikev2.responders.insert(0, partial(ikev2_tunnels.responder_child, router))

    # ---------------------------------------------------------------- CryptoService

    def outbound(self, packet: Packet, interface: str, local: bool) -> Packet | None:
        map_name = self._map_on(interface)
        if map_name is None or (local and _is_control(packet)):
            return packet
        src, dst = str(packet.src), str(packet.dst)
        sport, dport = ports_of(packet) or (0, 0)
        tunnel = self.engine.find_outbound(map_name, src, dst, packet.proto, sport, dport)
        if tunnel is not None:
            out = self.engine.protect(tunnel, packet.encode())
            if tunnel.ike_version == 2:
                self.ikev2.note_traffic(tunnel.tunnel_id, inbound=False)
            if out[1:]:
                self._send(out[1:])
                self._schedule()
            return self._packet(out[0]) if out else None
        request = self._start_request(map_name, interface, packet, sport, dport)
        if request is None:
            return packet
        if self.ikev2.wants(request):
            self.ikev2.start_for_map(request)
            return None  # the packet that triggers IKE is lost, as on IOS
        self._send(self.engine.start(request))
        self._schedule_touched()
        return None  # the packet that triggers IKE is lost, as on IOS

    def inbound(self, packet: Packet, interface: str) -> Packet | None:
        protocol = "esp" if packet.proto == ESP else "ah"
        result = self.engine.unprotect(Datagram(str(packet.src), str(packet.dst), packet.payload, protocol, 0, 0))
        if result.out:
            self._send(result.out)
            self._schedule()
            self.tunnels.refresh()
        if result.payload is None:
            return None
        if result.tunnel is not None and result.tunnel.ike_version == 2:
            self.ikev2.note_traffic(result.tunnel.tunnel_id, inbound=True)
        try:
            inner = Packet.decode(result.payload)
        except PacketError:
            return None
        if result.tunnel is not None and self.tunnels.decrypted(inner, result.tunnel, interface):
            return None
        return inner

    def accepts_clear(self, packet: Packet, interface: str) -> bool:
        """A clear packet that an SA on this interface should have protected is dropped, as on IOS."""
        map_name = self._map_on(interface)
        if map_name is None or _is_control(packet):
            return True
        sport, dport = ports_of(packet) or (0, 0)
        reverse = self.engine.find_outbound(map_name, str(packet.dst), str(packet.src), packet.proto, dport, sport)
        return reverse is None

    def ike_datagram(self, packet: Packet, udp: Udp, interface: str) -> None:
        if udp.dport == NATT_PORT and udp.data != KEEPALIVE and not is_ike(udp.dport, udp.data):
            self._esp_in_udp(packet, udp, interface)
            return
        message = ikev2_message(udp.dport, udp.data)
        if message is not None:
            self.ikev2.receive(str(packet.src), str(packet.dst), udp.sport, udp.dport, message)
            return
        self._send(
            self.engine.receive(
                Datagram(str(packet.src), str(packet.dst), udp.data, "udp", udp.sport, udp.dport)
            )
        )
        self._schedule_touched()
        self.tunnels.refresh()

    def _esp_in_udp(self, packet: Packet, udp: Udp, interface: str) -> None:
        """RFC 3948: ESP carried in UDP 4500; the inner packet continues as if it had arrived in clear."""
        result = self.engine.unprotect(Datagram(str(packet.src), str(packet.dst), udp.data, "esp", 0, 0))
        if result.out:
            self._send(result.out)
            self._schedule()
        if result.payload is None:
            return
        if result.tunnel is not None and result.tunnel.ike_version == 2:
            self.ikev2.note_traffic(result.tunnel.tunnel_id, inbound=True)
        try:
            inner = Packet.decode(result.payload)
        except PacketError:
            return
        if result.tunnel is not None and self.tunnels.decrypted(inner, result.tunnel, interface):
            return
        self.plane.handle(inner, interface, decapsulated=True)

    # ---------------------------------------------------------------- clear commands

    def clear(
        self, what: str, peer: str | None = None, map_name: str | None = None, conn_id: int | None = None
    ) -> None:
        if what in ("sa", "session", "ikev2"):
            self.ikev2.clear(peer=peer)
        if what == "ikev2":
            return
        if what == "sa":
            self._send(self.engine.clear_sa(peer=peer, map_name=map_name))
        elif what == "isakmp":
            self._send(self.engine.clear_isakmp(conn_id=conn_id, peer=peer))
        else:
            self._send(self.engine.clear_session(peer=peer))
        self._schedule()
        self.tunnels.refresh()

    # ---------------------------------------------------------------- tunnel interfaces

    def start(self, request: StartRequest) -> None:
        """Negotiate SAs for a protected tunnel interface (IKEv1)."""
        self._send(self.engine.start(request))
        self._schedule_touched()

    def protect_and_send(self, tunnel: IpsecTunnel, packet: Packet) -> bool:
        """Send a packet protected by a tunnel interface's SA; False when the SA is gone."""
        out = self.engine.protect(tunnel, packet.encode())
        if not out:
            return False
        self._send(out)
        if out[1:]:
            self._schedule()
            self.tunnels.refresh()
        return True

    # ---------------------------------------------------------------- helpers

    def _map_on(self, interface: str) -> str | None:
        config = self.router.running
        iface = config.interfaces.get(interface)
        if iface is None or iface.crypto_map is None or iface.crypto_map not in config.crypto_maps:
            return None
        return iface.crypto_map

    def _start_request(
        self, map_name: str, interface: str, packet: Packet, sport: int, dport: int
    ) -> StartRequest | None:
        """The first static entry whose ACL permits the packet; None sends it in clear."""
        config = self.router.running
        cmap = config.crypto_maps[map_name]
        local = self._local_address(map_name, interface)
        for seq in sorted(cmap.entries):
            entry = cmap.entries[seq]
            acl = config.access_lists.get(entry.match_address or "")
            if entry.dynamic_template or acl is None or not entry.peers or local is None:
                continue
            selectors = selectors_for_packet(acl, str(packet.src), str(packet.dst), packet.proto, sport, dport)
            if selectors is None:
                continue
            return StartRequest(local, entry.peers[0], map_name, seq, selectors[0], selectors[1], interface)
        return None

    def _local_address(self, map_name: str, interface: str) -> str | None:
        cmap = self.router.running.crypto_maps[map_name]
        address = self.plane.interface_address(cmap.local_address or interface)
        return str(address) if address else None

    def _packet(self, datagram: Datagram) -> Packet:
        src, dst = IPv4Address(datagram.src), IPv4Address(datagram.dst)
        if datagram.protocol == "udp":
            payload = Udp(datagram.sport, datagram.dport, datagram.payload).encode()
        else:
            payload = datagram.payload
        return Packet(src, dst, PROTOCOL_NUMBERS[datagram.protocol], payload, ident=self.plane.next_ident())

    def _send(self, datagrams: list[Datagram]) -> None:
        for datagram in datagrams:
            self.plane.send(self._packet(datagram))

    def _schedule(self) -> None:
        """Arm one timer for the engine's next deadline (retransmits, lifetimes), from all its sessions."""
        self._arm(self.engine.next_deadline())

    def _schedule_touched(self) -> None:
        """After one IKE exchange step only the sessions it touched have new timers; arm earlier if one of
        theirs comes first. A timer that turns out early finds nothing due, and `_tick` rescans all."""
        deadline = self.engine.touched_deadline()
        if deadline is not None and (self._timer_due is None or deadline < self._timer_due):
            self._arm(deadline)

    def _arm(self, deadline: float | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._timer_due = None
        if deadline is None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        delay = max(0.0, (deadline - self.router.clock.now()) / self.router.clock.time_scale)
        self._timer = loop.call_later(delay + 0.001, self._tick)
        self._timer_due = deadline

    def _tick(self) -> None:
        self._timer = None
        self._timer_due = None
        try:
            self._send(self.engine.tick())
            self._schedule()
            self.tunnels.refresh()
        except Exception:  # a timer bug must never stop the router
            log.exception("%s: IKE timer failed", self.router.name)


def _is_control(packet: Packet) -> bool:
    if packet.proto in (ESP, AH):
        return True
    if packet.proto == UDP:
        ports = ports_of(packet)
        return ports is not None and (ports[0] in IKE_PORTS or ports[1] in IKE_PORTS)
    return False


def attach_ipsec(router: Router) -> None:
    """on_boot hook: a fresh IKE engine over the router's (new) operational state."""
    if isinstance(router.dataplane, DataPlane):
        service = IpsecService(router, router.dataplane)
        router.dataplane.crypto = service
        router.dataplane.tunnels = service.tunnels
        service.tunnels.start_polling()

"""Tunnel interfaces on the data path: static VTI, GRE (with or without IPsec), dynamic VTI's Virtual-Access.

- Egress: a packet routed out of TunnelN is sent to the tunnel destination from the tunnel source: a VTI
  (`tunnel mode ipsec ipv4`) ESP-protects it with the interface's SA; GRE (`tunnel mode gre ip`) wraps it in
  GRE (IP protocol 47) and, with `tunnel protection`, protects the GRE packet with the GRE-flow SA.
- Ingress: ESP of a tunnel interface's SA and GRE from a tunnel's destination arrive on that interface.
- Lifecycle (`refresh`, after every IKE event and every POLL_SECONDS): line protocol up/down with
  `%LINEPROTO-5-UPDOWN`, negotiation for protected tunnels that are up but have no SA, SAs of tunnels that
  were shut down or re-pointed cleared, Virtual-Access interfaces released when their last SA ends.
"""

from __future__ import annotations

import asyncio
import logging
from ipaddress import IPv4Address, ip_address
from typing import TYPE_CHECKING

from ..ike.context import StartRequest
from ..state.config.model import Interface, IpsecProfile
from ..state.config.tunnel_status import (
    GRE_MODES,
    IPSEC_MODES,
    PROTECTION_SEQ,
    TUNNEL,
    down_tunnels,
    endpoints,
    interfaces_with_sas,
    is_tunnel_like,
    line_protocol_up,
    map_tag,
    protected_flow,
    protected_tunnels,
    virtual_access_interface,
)
from ..state.oper.sa import RESPONDER, IpsecTunnel
from ..state.oper.virtual_access import VIRTUAL_ACCESS
from . import gre, ikev2_tunnels
from .packet import Packet, PacketError
from .routing import lookup

if TYPE_CHECKING:
    from ..state.router import Router
    from .ipsec import IpsecService
    from .node import DataPlane

log = logging.getLogger(__name__)
POLL_SECONDS = 1.0  # real seconds between lifecycle checks (config changes have no hook)
RETRY_SECONDS = 10.0  # real seconds before a failed negotiation of the same tunnel is started again
PEER_FIRST_SECONDS = 2.0  # real seconds the end with the higher address leaves the first move to the other end


class TunnelInterfaces:
    def __init__(self, router: Router, plane: DataPlane, ipsec: IpsecService) -> None:
        self.router = router
        self.plane = plane
        self.ipsec = ipsec
        self._protocol: dict[str, bool] = {}  # line protocol last logged per tunnel interface seen
        self._started: dict[str, float] = {}  # interface -> loop time of its last negotiation start
        self._missing_since: dict[str, float] = {}  # interface -> loop time it was first seen without SAs
        self._refreshing = False
        self._poll_handle: asyncio.TimerHandle | None = None
        # whether the running config names a tunnel interface, kept per config object and interface names:
        # 2,000 routers ask every second (the poll) and after every IKE message
        self._configured: tuple[tuple[object, ...], bool] | None = None

    # ---------------------------------------------------------------- egress

    def egress(self, packet: Packet, interface: str) -> str | None:
        if not is_tunnel_like(interface):
            return None
        iface = self._interface(interface)
        ends = self._endpoints(iface)
        if iface is None or iface.tunnel is None or ends is None or interface in self.down():
            return self._dropped("tunnel down")
        settings = iface.tunnel
        if self._recursive(ends[1]):
            return self._dropped("tunnel recursive routing")
        inner = packet.encode()
        if settings.mode in GRE_MODES:
            packet = Packet(ends[0], ends[1], gre.GRE, gre.encapsulate(inner, settings.key),
                            ident=self.plane.next_ident())
        elif settings.mode not in IPSEC_MODES:
            return self._dropped("tunnel mode not modelled")
        if settings.protection_profile:
            tunnel = self._sa_of(interface)
            if tunnel is None or not self.ipsec.protect_and_send(tunnel, packet):
                return self._dropped("tunnel without SA")
        elif self.plane.send(packet) != "sent":
            return self._dropped("tunnel destination unreachable")
        self.router.oper.interfaces.sent(interface, len(inner))
        return "sent"

    def _dropped(self, reason: str) -> str:
        self.plane.drop(reason)
        return "dropped"

    def _interface(self, name: str) -> Interface | None:
        access = self.router.oper.virtual_access.by_name.get(name)
        if access is not None:
            return virtual_access_interface(self.router.running, access)
        return self.router.running.interfaces.get(name)

    def _endpoints(self, iface: Interface | None) -> tuple[IPv4Address, IPv4Address] | None:
        if iface is None or iface.tunnel is None:
            return None
        access = self.router.oper.virtual_access.by_name.get(iface.name)
        if access is not None:
            return _addresses(access.local, access.peer)
        ends = endpoints(self.router.running, iface)
        return _addresses(ends.local, ends.peer) if ends else None

    def _recursive(self, destination: IPv4Address) -> bool:
        """The tunnel destination is itself routed into a tunnel: IOS takes such a tunnel down
        (%TUN-5-RECURDOWN); here its packets are dropped instead of looping."""
        hop = lookup(self.plane.table(), destination)
        return hop is not None and is_tunnel_like(hop[0])

    def _sa_of(self, interface: str) -> IpsecTunnel | None:
        """The newest IPsec SA negotiated for the interface (a rekey's successor as soon as it exists)."""
        tunnels = [t for t in self.router.oper.ipsec_tunnel_list() if t.interface == interface]
        return tunnels[-1] if tunnels else None

    # ---------------------------------------------------------------- ingress

    def decrypted(self, inner: Packet, tunnel: IpsecTunnel, arrived_on: str) -> bool:
        """ESP of a tunnel interface's SA: a VTI's inner packet arrives on the tunnel interface; GRE over
        IPsec's GRE packet continues on the physical interface to its GRE decapsulation. False: not one."""
        interface = tunnel.interface or ""
        if not is_tunnel_like(interface):
            return False
        if inner.proto == gre.GRE:
            self.plane.handle(inner, arrived_on, decapsulated=True)
            return True
        self.router.oper.interfaces.received(interface, inner.size)
        self.plane.handle(inner, interface, decapsulated=True)
        return True

    def gre_in(self, packet: Packet, interface: str, decapsulated: bool) -> None:
        """GRE from a tunnel's destination to its source; clear GRE for a protected tunnel is dropped."""
        opened = gre.decapsulate(packet.payload)
        if opened is None:
            self.plane.drop("gre malformed")
            return
        key, data = opened
        for iface in self.router.running.interfaces.values():
            settings = iface.tunnel
            ends = endpoints(self.router.running, iface)
            if ends is None or settings is None or settings.mode not in GRE_MODES or settings.key != key:
                continue
            if (ends.local, ends.peer) != (str(packet.dst), str(packet.src)):
                continue
            if (settings.protection_profile and not decapsulated) or iface.name in self.down():
                self.plane.drop("gre on a down or protected tunnel")
                return
            try:
                inner = Packet.decode(data)
            except PacketError:
                self.plane.drop("gre malformed")
                return
            self.router.oper.interfaces.received(iface.name, len(data))
            self.plane.handle(inner, iface.name, decapsulated=True)
            return
        self.plane.drop("gre for no tunnel")

    def down(self) -> frozenset[str]:
        if not self._tunnels_configured():
            return frozenset()
        return down_tunnels(self.router.running, self.router.oper)

    def _tunnels_configured(self) -> bool:
        version = id(self.router.running), tuple(self.router.running.interfaces)  # the names, compared exactly
        if self._configured is None or self._configured[0] != version:
            self._configured = version, any(is_tunnel_like(name) for name in self.router.running.interfaces)
        return self._configured[1]

    # ---------------------------------------------------------------- lifecycle

    def refresh(self) -> None:
        """Bring the tunnel interfaces in line with the configuration and the SAs (see the module docstring)."""
        if self._refreshing or not self._has_tunnels():
            return
        self._refreshing = True
        try:
            self._release_idle_virtual_access()
            self._clear_stale_sas()
            self._log_line_protocol()
            self._negotiate_missing()
        finally:
            self._refreshing = False

    def _has_tunnels(self) -> bool:
        """Anything to do: tunnel interfaces configured now or seen before (their SAs may need clearing), or
        Virtual-Access interfaces. A crypto-map hub skips the scans that would make each IKE message cost
        time linear in its tunnels (docs/performance.md)."""
        return bool(self._protocol or self.router.oper.virtual_access.by_name or self._tunnels_configured())

    def _release_idle_virtual_access(self) -> None:
        with_sas = interfaces_with_sas(self.router.oper)
        table = self.router.oper.virtual_access
        for access in table.ordered():
            if access.name not in with_sas:
                table.release(access.name)

    def _clear_stale_sas(self) -> None:
        """SAs of a Tunnel interface that is shut down, gone, unprotected or points elsewhere are deleted."""
        config = self.router.running
        for tunnel in self.router.oper.ipsec_tunnel_list():
            name = tunnel.interface or ""
            if not name.startswith(TUNNEL) or tunnel.map_name != map_tag(name):
                continue
            iface = config.interfaces.get(name)
            ends = endpoints(config, iface) if iface else None
            if ends is None or not ends.settings.protection_profile or (ends.local, ends.peer) != (tunnel.local,
                                                                                                   tunnel.remote):
                self.ipsec.clear("sa", peer=tunnel.remote, map_name=tunnel.map_name)

    def _log_line_protocol(self) -> None:
        config, oper = self.router.running, self.router.oper
        with_sas = interfaces_with_sas(oper)
        names = [name for name in config.interfaces if is_tunnel_like(name)] + list(oper.virtual_access.by_name)
        for name in names:
            up = line_protocol_up(config, oper, name, with_sas)
            if up != self._protocol.get(name, False):
                self._changed(name, up)
            self._protocol[name] = up
        for name in [n for n in self._protocol if n not in names]:
            if self._protocol[name]:
                self._changed(name, False)
            del self._protocol[name]

    def _changed(self, name: str, up: bool) -> None:
        state = "up" if up else "down"
        logs = self.router.logs
        if name.startswith(VIRTUAL_ACCESS) and up:
            logs.log(f"%LINK-3-UPDOWN: Interface {name}, changed state to up")
        logs.log(f"%LINEPROTO-5-UPDOWN: Line protocol on Interface {name}, changed state to {state}")
        if name.startswith(VIRTUAL_ACCESS) and not up:
            logs.log(f"%LINK-3-UPDOWN: Interface {name}, changed state to down")
        self._protocol[name] = up
        if not up:
            self._started.pop(name, None)  # renegotiate at once after a clear or an expiry

    def _negotiate_missing(self) -> None:
        config = self.router.running
        with_sas = interfaces_with_sas(self.router.oper)
        now = self._loop_time()
        tunnels = protected_tunnels(config)
        negotiable = {ends.interface for ends in tunnels}
        for name in [name for name in self._missing_since if name not in negotiable]:
            del self._missing_since[name]  # shut or unprotected since: the wait starts again when it returns
        for ends in tunnels:
            if ends.interface in with_sas:
                self._missing_since.pop(ends.interface, None)
                continue
            last = self._started.get(ends.interface)
            if (last is not None and now is not None and now - last < RETRY_SECONDS) or self._defers_to_peer(
                ends.interface, ends.local, ends.peer, now
            ):
                continue
            profile = config.ipsec_profile(ends.settings.protection_profile)
            flow = protected_flow(ends.settings.mode, ends.local, ends.peer)
            if profile is None or flow is None or self._peer_is_negotiating(ends.local, ends.peer):
                continue
            if now is not None:
                self._started[ends.interface] = now
            request = StartRequest(ends.local, ends.peer, map_tag(ends.interface), PROTECTION_SEQ, flow[0], flow[1],
                                   ends.interface)
            self.start_negotiation(request, profile, ends.settings.protection_ikev2_profile or profile.ikev2_profile)

    def _defers_to_peer(self, interface: str, local: str, peer: str, now: float | None) -> bool:
        """Both ends of a tunnel often come up at the same moment (a lab starting, `no shutdown` on both):
        two initiations cross and the tunnel gets two SA pairs. The end with the higher address waits
        PEER_FIRST_SECONDS for the other end's negotiation (_peer_is_negotiating then holds it back) and
        starts its own only when none came: a peer without a tunnel towards us still gets one."""
        if now is None or _address_key(local) < _address_key(peer):
            return False
        return now - self._missing_since.setdefault(interface, now) < PEER_FIRST_SECONDS

    def _peer_is_negotiating(self, local: str, peer: str) -> bool:
        """When the peer started the phase-1 SA, its quick mode follows: starting ours too would give the
        tunnel two SA pairs. Its own tunnel comes up that way; ours starts only if it has not within
        RETRY_SECONDS of the SA (a peer without a tunnel towards us, e.g. a crypto-map peer)."""
        oper, clock = self.router.oper, self.router.clock
        for sa in oper.ike_sa_list(peer=peer):
            if sa.deleted or sa.local != local or sa.role != RESPONDER:
                continue
            if sa.established is None or clock.now() - sa.established < RETRY_SECONDS * clock.time_scale:
                return True
        for v2 in oper.ikev2.sa_list(peer=peer):  # IKEv2: the peer's IKE_AUTH brings the child SA with it
            if v2.local == local and not v2.initiator and (
                v2.established is None or clock.now() - v2.established < RETRY_SECONDS * clock.time_scale
            ):
                return True
        return False

    def start_negotiation(self, request: StartRequest, profile: IpsecProfile, ikev2_profile: str | None) -> None:
        """THE seam where a protected tunnel's SAs are negotiated: one call per attempt.

        `request`: local and peer addresses, the IOS map tag (`TunnelN-head-0`), the proxies (any/any or the
        GRE flow) and the interface; `profile`: the ipsec profile (transform sets, PFS, lifetimes);
        `ikev2_profile`: `tunnel protection ... ikev2-profile X` or the profile's `set ikev2-profile`.
        IKEv1 main + quick mode, or IKEv2 when an IKEv2 profile is named.
        """
        if ikev2_profile is not None:
            child = ikev2_tunnels.initiator_child(self.router, request, profile)
            self.ipsec.ikev2.start_ikev2(request.local, request.peer, ikev2_profile, child, request.interface,
                                         request.map_name, request.seq)
            return
        self.ipsec.start(request)

    # ---------------------------------------------------------------- timer

    def start_polling(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        if self._poll_handle is None:
            self._poll_handle = loop.call_later(POLL_SECONDS, self._poll)

    def stop_polling(self) -> None:
        if self._poll_handle is not None:
            self._poll_handle.cancel()
            self._poll_handle = None

    def _poll(self) -> None:
        self._poll_handle = None
        if self.plane.tunnels is not self:  # a reload attached a new service
            return
        try:
            self.refresh()
        except Exception:  # a lifecycle bug must never stop the router
            log.exception("%s: tunnel interface refresh failed", self.router.name)
        self.start_polling()

    @staticmethod
    def _loop_time() -> float | None:
        try:
            return asyncio.get_running_loop().time()
        except RuntimeError:
            return None


def _address_key(address: str) -> tuple[int, int]:
    parsed = ip_address(address)
    return parsed.version, int(parsed)


def _addresses(local: str, peer: str) -> tuple[IPv4Address, IPv4Address]:
    return IPv4Address(local), IPv4Address(peer)

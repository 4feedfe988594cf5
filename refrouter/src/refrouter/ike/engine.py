"""IkeEngine: the sans-I/O IKEv1/IPsec core of one router.

The caller moves bytes and time: `receive()` takes IKE datagrams (UDP 500), `tick()` runs timers
(retransmits, lifetimes), `start()` is called by the data plane when a packet needs SAs that do not exist
(the packet itself is dropped, as IOS drops the first packet), `protect()`/`unprotect()` carry data
packets. Every call returns the datagrams to send. State that the show commands need is in `OperState`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..state.config.ikev1 import IsakmpProfile
from ..state.config.lookup import interface_for
from ..state.config.model import RunningConfig
from ..state.oper.clock import Clock
from ..state.oper.sa import INITIATOR, RESPONDER, IkeSa, IpsecTunnel
from ..state.oper.state import OperState
from . import aggressive, dpd, keyring, natt, phase2, profiles, sadb, tunnels, virtual_access
from .codec import (
    EXCHANGE_AGGRESSIVE,
    EXCHANGE_INFO,
    EXCHANGE_MAIN,
    EXCHANGE_QUICK,
    INVALID_ID_INFORMATION,
    NO_PROPOSAL_CHOSEN,
    DecodeError,
    IkeMessage,
    NotifyPayload,
    decode,
)
from .context import (
    IKE_PORT,
    NATT_PORT,
    ChildDeleted,
    Ctx,
    Datagram,
    EngineSettings,
    Established,
    IkeDeleted,
    StartRequest,
)
from .esp import packet_spi
from .gate import crypto_gate
from .mapping import isakmp_enabled
from .phase1 import ZERO_COOKIE, Phase1Session
from .sadb import SaDatabase

IP_PROTOCOLS = {"esp": 50, "ah": 51}
REKEY_AT = 0.9  # soft lifetime: the share of an IPsec SA's seconds lifetime after which traffic rekeys it
IKE_REKEY_AT = 0.9  # the share of an ISAKMP SA's lifetime after which its initiator negotiates a successor


@dataclass
class Unprotected:
    payload: bytes | None  # the inner packet, None when dropped
    tunnel: IpsecTunnel | None
    out: list[Datagram] = field(default_factory=list)  # e.g. DELETEs when a kilobyte lifetime ran out


class IkeEngine:
    def __init__(self, config: Callable[[], RunningConfig], oper: OperState, clock: Clock | None = None,
                 rng: random.Random | None = None, settings: EngineSettings | None = None) -> None:
        self._config = config
        self.oper = oper
        self.clock = clock or oper.clock
        self.rng = rng or random.SystemRandom()
        self.settings = settings or EngineSettings()
        self.db = SaDatabase()
        self._sessions: dict[tuple[str, bytes], Phase1Session] = {}
        self._touched: dict[int, Phase1Session] = {}  # sessions whose timers changed since touched_deadline()
        self._new_expiries: list[float] = []
        self._rekeyed: set[int] = set()  # tunnels whose successor negotiation has started
        self._by_conn: dict[int, Phase1Session] = {}  # conn-id -> session, for the data plane's DPD notes

    def _ctx(self) -> Ctx:
        config = self._config()
        gate = crypto_gate(self.settings.version, config.compliance_shield)
        return Ctx(config, self.oper, self.clock, self.settings, gate, self.rng, self.db.spi_in_use)

    @staticmethod
    def _vrf(ctx: Ctx, address: str) -> str | None:
        interface = interface_for(ctx.config, address)
        return interface.vrf if interface else None

    # ------------------------------------------------------------------ negotiation entry points

    def start(self, request: StartRequest) -> list[Datagram]:
        """SAs for a packet that matched static crypto map entry `request.map_name request.seq`."""
        ctx = self._ctx()
        if self._has_tunnel(request) or self._quick_pending(request):
            return []
        established = self._session_to(request.local, request.peer, established=True)
        negotiating = self._session_to(request.local, request.peer, established=False)
        if established:
            self._touch(established)
            phase2.start(ctx, established, request)
        elif negotiating:
            if request not in negotiating.pending:
                negotiating.pending.append(request)
        else:
            self._initiate(ctx, request)
        return ctx.out

    def _initiate(self, ctx: Ctx, request: StartRequest) -> None:
        profile = profiles.initiator_profile(ctx.config, request.map_name, request.seq)
        session = self._initiate_main(ctx, request.local, request.peer, profile)
        if session is not None:
            session.pending.append(request)

    def _initiate_main(self, ctx: Ctx, local: str, peer: str, profile: IsakmpProfile | None) -> Phase1Session | None:
        """Main mode to `peer` with the key the profile's keyrings (or all keyrings and global keys) hold."""
        sa = self._new_sa(ctx, local, peer, INITIATOR)
        ctx.oper.flowmib.ike.event(sa.vrf, "init_tunnels")
        key = keyring.key_for_address(ctx.config, local, peer, profile.keyrings if profile else None)
        kind = aggressive.AggressiveSession if aggressive.wants_aggressive(ctx, profile) else Phase1Session
        session = kind(sa, ctx.random_bytes(8), key, profile)
        self._add_session(session)
        if key is None:  # IOS: "No Cert or pre-shared address key" - main mode cannot start
            ctx.log("no_preshared_key", peer=peer)
            session.fail(ctx, "localFailure")
            return None
        session.initiate(ctx)
        return session

    def _add_session(self, session: Phase1Session) -> None:
        self._sessions[(session.remote, session.icookie)] = session
        self._by_conn[session.sa.conn_id] = session
        self._touch(session)

    def _new_sa(self, ctx: Ctx, local: str, remote: str, role: str) -> IkeSa:
        sa = IkeSa(ctx.oper.new_ike_conn_id(), local, remote, role, ctx.now(), vrf=self._vrf(ctx, local))
        ctx.oper.ike_sas[sa.conn_id] = sa
        return sa

    def receive(self, datagram: Datagram) -> list[Datagram]:
        """An IKE datagram addressed to this router."""
        if datagram.protocol != "udp" or datagram.dport not in (IKE_PORT, NATT_PORT):
            return []
        if not natt.is_ike(datagram.dport, datagram.payload):
            return []  # ESP in UDP goes to unprotect(); a NAT keepalive needs nothing
        if datagram.dport == NATT_PORT:
            datagram = replace(datagram, payload=datagram.payload[len(natt.NON_ESP_MARKER):])
        ctx = self._ctx()
        try:
            msg = decode(datagram.payload)
        except DecodeError:
            return []
        session = self._sessions.get((datagram.src, msg.icookie))
        if session is None:
            self._unknown_sa(ctx, datagram, msg)
            return ctx.out
        session.sa.counters.in_pkts += 1
        session.sa.counters.in_octets += len(datagram.payload)
        self._touch(session)
        if not session.sa.deleted and session.local == datagram.dst:
            session.heard_on(datagram.dport, datagram.sport)
            self._handle(ctx, session, self._dispatch(ctx, session, msg, datagram.payload))
        return ctx.out

    def _unknown_sa(self, ctx: Ctx, datagram: Datagram, msg: IkeMessage) -> None:
        offer = msg.exchange in (EXCHANGE_MAIN, EXCHANGE_AGGRESSIVE) and msg.rcookie == ZERO_COOKIE
        if not offer or msg.encrypted is not None:
            ctx.log("no_sa", peer=datagram.src)
            ctx.oper.flowmib.ike.event(self._vrf(ctx, datagram.dst), "no_sa_fails")
            return
        if not isakmp_enabled(ctx.config) or interface_for(ctx.config, datagram.dst) is None:
            return
        sa = self._new_sa(ctx, datagram.dst, datagram.src, RESPONDER)
        sa.counters.in_pkts += 1
        sa.counters.in_octets += len(datagram.payload)
        if msg.exchange == EXCHANGE_AGGRESSIVE:  # the key comes with the identity (aggressive.py)
            session: Phase1Session = aggressive.AggressiveSession(sa, msg.icookie, None)
        else:
            session = Phase1Session(sa, msg.icookie, keyring.key_for_address(ctx.config, datagram.dst, datagram.src))
        self._add_session(session)
        session.respond(ctx, msg, datagram.payload)

    def _dispatch(self, ctx: Ctx, session: Phase1Session, msg: IkeMessage, raw: bytes) -> list[object]:
        if msg.exchange == EXCHANGE_MAIN:
            return session.handle_main(ctx, msg, raw)
        if msg.exchange == EXCHANGE_AGGRESSIVE and isinstance(session, aggressive.AggressiveSession):
            return session.handle_aggressive(ctx, msg, raw)
        if msg.exchange == EXCHANGE_QUICK:
            return phase2.receive(ctx, session, msg, raw)
        if msg.exchange == EXCHANGE_INFO:
            return session.receive_info(ctx, msg)
        return []

    def _handle(self, ctx: Ctx, session: Phase1Session, events: list[object]) -> None:
        for event in events:
            if isinstance(event, Established):
                self._retire_predecessor(ctx, session)
                pending, session.pending = session.pending, []
                for request in pending:
                    if not self._has_tunnel(request):
                        phase2.start(ctx, session, request)
            elif isinstance(event, phase2.ChildReady):
                child = virtual_access.bind(ctx, event)
                self._new_expiries.append(tunnels.install(ctx, self.db, child).expires)
            elif isinstance(event, ChildDeleted):
                for tunnel in self.oper.ipsec_tunnel_list(peer=session.remote):
                    if any(sa.spi in event.spis and sa.protocol == event.protocol for sa in tunnel.outbound):
                        tunnels.remove(ctx, self.db, tunnel, "peerDelRequest", None)
            elif isinstance(event, IkeDeleted):
                session.close(ctx, "peerDelRequest", notify_peer=False)
                self._reparent_tunnels(session)
            elif isinstance(event, NotifyPayload) and event.message_type in (NO_PROPOSAL_CHOSEN,
                                                                             INVALID_ID_INFORMATION):
                phase2.peer_refused(ctx, session, event)

    # ------------------------------------------------------------------ timers

    def tick(self) -> list[Datagram]:
        """Run every timer that is due at the clock's current time."""
        ctx = self._ctx()
        now = ctx.now()
        for key, session in list(self._sessions.items()):
            if session.sa.deleted:
                deleted_at = session.sa.deleted_at if session.sa.deleted_at is not None else now
                if now >= deleted_at + ctx.linger():
                    del self._sessions[key]
                    self._by_conn.pop(session.sa.conn_id, None)
                    self.oper.ike_sas.pop(session.sa.conn_id, None)
                continue
            self._rekey_ike_if_due(ctx, session)
            session.poll(ctx)
            if not session.sa.deleted:
                phase2.poll(ctx, session)
                self._dpd_poll(ctx, session)
        for tunnel in self._own_tunnels():
            if now >= tunnel.expires or any(sa.volume_exhausted() for sa in tunnel.child_sas()):
                tunnels.remove(ctx, self.db, tunnel, "normal", self._session_for(tunnel))
        self._rekeyed &= set(self.oper.ipsec_tunnels)
        return ctx.out

    def next_deadline(self) -> float | None:
        """Router time of the next timer (for the transport's sleep); None when nothing is pending."""
        self._touched.clear()
        self._new_expiries.clear()
        times: list[float] = [t.expires for t in self._own_tunnels()]
        for session in self._sessions.values():
            times += self._deadlines(session)
        return min(times, default=None)

    def touched_deadline(self) -> float | None:
        """The earliest timer among the sessions that `receive()` and `start()` touched, and the tunnels they
        installed, since the last call. Timers of other sessions did not change, so a caller that keeps its
        timer armed for them needs no full next_deadline(): that scans every session, and doing it after each
        IKE message made a hub's tunnel bring-up quadratic in its spokes (docs/performance.md)."""
        times = list(self._new_expiries)
        for session in self._touched.values():
            times += self._deadlines(session)
        self._touched.clear()
        self._new_expiries.clear()
        return min(times, default=None)

    # ------------------------------------------------------------------ DPD and ISAKMP rekey

    def _dpd_poll(self, ctx: Ctx, session: Phase1Session) -> None:
        """Send a due R-U-THERE, or declare the peer dead: its tunnels and this SA go (README, DPD)."""
        if session.dpd is None or not session.established:
            return
        action = session.dpd.poll(ctx.now())
        if action == dpd.PROBE:
            session.send_r_u_there(ctx, session.dpd.sequence)
        elif action == dpd.DEAD:
            for tunnel in self.oper.ipsec_tunnel_list(peer=session.remote):
                if tunnel.local == session.local:
                    tunnels.remove(ctx, self.db, tunnel, "peerLost", None)
            session.close(ctx, "peerLost", notify_peer=False)

    def _rekey_ike_if_due(self, ctx: Ctx, session: Phase1Session) -> None:
        """Past IKE_REKEY_AT of its lifetime, an initiator's ISAKMP SA that still carries IPsec SAs gets a
        successor main mode; the old SA is deleted (DELETE to the peer) once the new one is up. IPsec SAs
        stay as they are (README, Rekeying)."""
        sa = session.sa
        due = self._ike_rekey_due(session)
        if due is None or ctx.now() < due:
            return
        if not any(t.local == sa.local for t in self.oper.ipsec_tunnel_list(peer=sa.remote)):
            return
        session.successor_started = True
        successor = self._initiate_main(ctx, sa.local, sa.remote, session.profile)
        if successor is not None:
            successor.predecessor = session

    def _retire_predecessor(self, ctx: Ctx, session: Phase1Session) -> None:
        old = session.predecessor
        session.predecessor = None
        if old is not None and old.established:
            self._touch(old)
            old.close(ctx, "normal", notify_peer=True)
            self._reparent_tunnels(old)

    def _reparent_tunnels(self, old: Phase1Session) -> None:
        """A replaced ISAKMP SA's tunnels now belong to the newest established SA with the same peer."""
        successor = self._session_to(old.local, old.remote, established=True)
        if successor is None:
            return
        for tunnel in self.oper.ipsec_tunnel_list(peer=old.remote):
            if tunnel.ike_conn_id == old.sa.conn_id:
                tunnel.ike_conn_id = successor.sa.conn_id

    def _live_session(self, tunnel: IpsecTunnel) -> Phase1Session | None:
        """The established ISAKMP SA that speaks for a tunnel's peer (its own, else the newest)."""
        own = self._by_conn.get(tunnel.ike_conn_id)
        if own is not None and own.established:
            return own
        return self._session_to(tunnel.local, tunnel.remote, established=True)

    def _deadlines(self, session: Phase1Session) -> list[float]:
        if session.sa.deleted:
            return [(session.sa.deleted_at or 0.0) + self.settings.deleted_linger * self.clock.time_scale]
        delay = self.settings.retransmit_interval * self.clock.time_scale
        phase2_due = phase2.next_deadline(session, delay, self.settings.max_retransmits)
        return [t for t in (session.next_deadline(), phase2_due, self._ike_rekey_due(session)) if t is not None]

    @staticmethod
    def _ike_rekey_due(session: Phase1Session) -> float | None:
        sa = session.sa
        if sa.role != INITIATOR or not session.established or session.successor_started or sa.policy is None:
            return None
        return sa.established + IKE_REKEY_AT * sa.policy.lifetime if sa.established is not None else None

    def _touch(self, session: Phase1Session) -> None:
        self._touched[id(session)] = session

    # ------------------------------------------------------------------ clear commands

    def clear_sa(self, peer: str | None = None, map_name: str | None = None) -> list[Datagram]:
        """`clear crypto sa [peer X | map NAME]`: delete IPsec SAs, telling the peer."""
        ctx = self._ctx()
        for tunnel in self._own_tunnels(peer=peer, map_name=map_name):
            tunnels.remove(ctx, self.db, tunnel, "operRequest", self._session_for(tunnel))
        return ctx.out

    def clear_isakmp(self, conn_id: int | None = None, peer: str | None = None) -> list[Datagram]:
        """`clear crypto isakmp [conn-id]`: delete ISAKMP SAs (IPsec SAs stay, as on IOS)."""
        ctx = self._ctx()
        for session in list(self._sessions.values()):
            if session.sa.deleted or conn_id not in (None, session.sa.conn_id) or peer not in (None, session.remote):
                continue
            if session.established:
                session.close(ctx, "operRequest", notify_peer=True)
            else:
                session.abort(ctx)
        return ctx.out

    def clear_session(self, peer: str | None = None) -> list[Datagram]:
        """`clear crypto session [remote X]`: IPsec SAs, then the ISAKMP SAs."""
        return self.clear_sa(peer=peer) + self.clear_isakmp(peer=peer)

    # ------------------------------------------------------------------ data plane

    def find_outbound(self, map_name: str, src: str, dst: str, protocol: int = 0, sport: int = 0,
                      dport: int = 0) -> IpsecTunnel | None:
        """The newest tunnel of a crypto map whose proxies cover the packet."""
        for tunnel in reversed(self.oper.ipsec_tunnel_list(map_name=map_name)):
            if tunnel.local_ident.matches(src, protocol, sport) and tunnel.remote_ident.matches(dst, protocol, dport):
                return tunnel
        return None

    def protect(self, tunnel: IpsecTunnel, packet: bytes) -> list[Datagram]:
        """ESP/AH-protect a packet: the protected datagram first, then any DELETE the volume limit caused."""
        bundle = self.db.bundle(tunnel.tunnel_id)
        if bundle is None:
            return []
        ctx = self._ctx()
        protected = sadb.protect(bundle, packet, ctx.random_bytes(16))
        self._note_traffic(ctx, tunnel, sent=True)
        self._volume_check(ctx, tunnel)
        self._rekey_if_due(ctx, tunnel)
        return [protected, *ctx.out]

    def _rekey_if_due(self, ctx: Ctx, tunnel: IpsecTunnel) -> None:
        """Traffic on a tunnel past its soft lifetime starts a new quick mode for the same proxies under the
        live ISAKMP SA; packets use the newest tunnel once it is up, the old one runs out (README, Rekeying)."""
        if tunnel.tunnel_id in self._rekeyed or tunnel.dynamic is not None or tunnel.ike_version != 1:
            return
        if ctx.now() < tunnel.created + REKEY_AT * tunnel.lifetime_sec:
            return
        session = self._session_for(tunnel)
        request = StartRequest(tunnel.local, tunnel.remote, tunnel.map_name, tunnel.map_seq, tunnel.local_ident,
                               tunnel.remote_ident, tunnel.interface)
        if session is None or self._quick_pending(request):
            return
        self._rekeyed.add(tunnel.tunnel_id)
        self._touch(session)
        phase2.start(ctx, session, request)

    def unprotect(self, datagram: Datagram) -> Unprotected:
        """An ESP/AH datagram addressed to this router."""
        ctx = self._ctx()
        spi = packet_spi(datagram.payload, datagram.protocol)
        bundle = self.db.by_inbound_spi(spi) if spi is not None else None
        if bundle is None or bundle.tunnel.local != datagram.dst:
            ctx.log("invalid_spi", dst=datagram.dst, prot=IP_PROTOCOLS.get(datagram.protocol, 0), spi=spi or 0,
                    src=datagram.src)
            ctx.oper.flowmib.ipsec.event(self._vrf(ctx, datagram.dst), "no_sa_fails")
            return Unprotected(None, None, ctx.out)
        payload = sadb.unprotect(bundle, datagram.payload)
        if payload is not None:
            self._note_traffic(ctx, bundle.tunnel, sent=False)
        self._volume_check(ctx, bundle.tunnel)
        return Unprotected(payload, bundle.tunnel, ctx.out)

    def _note_traffic(self, ctx: Ctx, tunnel: IpsecTunnel, sent: bool) -> None:
        """DPD: outbound traffic after a silence sends a probe at once, inbound traffic shows the peer alive."""
        session = self._live_session(tunnel)
        if session is None or session.dpd is None:
            return
        if sent:
            session.dpd.sent_traffic(ctx.now())
            self._touch(session)
            self._dpd_poll(ctx, session)
        else:
            session.dpd.heard(ctx.now())

    def _volume_check(self, ctx: Ctx, tunnel: IpsecTunnel) -> None:
        if tunnel.ike_version == 1 and any(sa.volume_exhausted() for sa in tunnel.child_sas()) \
                and tunnel.tunnel_id in self.oper.ipsec_tunnels:
            tunnels.remove(ctx, self.db, tunnel, "normal", self._session_for(tunnel))

    # ------------------------------------------------------------------ lookups

    def _own_tunnels(self, peer: str | None = None, map_name: str | None = None) -> list[IpsecTunnel]:
        """The tunnels this engine negotiated (IKEv2 tunnels share the SA database and oper state)."""
        return [t for t in self.oper.ipsec_tunnel_list(peer=peer, map_name=map_name) if t.ike_version == 1]

    def _session_to(self, local: str, peer: str, established: bool) -> Phase1Session | None:
        for session in reversed(list(self._sessions.values())):
            if session.sa.deleted or (session.local, session.remote) != (local, peer):
                continue
            if session.established == established:
                return session
        return None

    def _session_for(self, tunnel: IpsecTunnel) -> Phase1Session | None:
        """The phase-1 SA to send a tunnel's DELETE on: its own, else any established one to the peer."""
        own = next((s for s in self._sessions.values() if s.sa.conn_id == tunnel.ike_conn_id and s.established),
                   None)
        return own or self._session_to(tunnel.local, tunnel.remote, established=True)

    def _has_tunnel(self, request: StartRequest) -> bool:
        return any(
            (t.map_name, t.local_ident, t.remote_ident) == (request.map_name, request.local_ident, request.remote_ident)
            for t in self.oper.ipsec_tunnel_list(peer=request.peer))

    def _quick_pending(self, request: StartRequest) -> bool:
        return any(
            qm.request is not None and qm.done_at is None and qm.request.local_ident == request.local_ident
            and qm.request.remote_ident == request.remote_ident
            for session in self._sessions.values() if session.remote == request.peer
            for qm in session.quick.values())

"""IKEv2 on the data path: one sans-I/O `Ikev2Engine` per router, fed UDP 500 datagrams whose ISAKMP header
says major version 2 (and UDP 4500 ones after NAT traversal, non-ESP marker stripped), its outbox sent through
the data plane (marker added on 4500), its timers armed on the event loop, and its
child SAs installed as IPsec tunnels beside the IKEv1 ones (same SA database, oper state, flow MIB).

The engine's configuration is rebuilt from the running config before every step, so changes apply to the
next negotiation while live SAs keep the profile and child settings they were negotiated with.
Entry points: `start_ikev2` (crypto map entries with `set ikev2-profile`, tunnel interfaces), `receive`,
`clear`; responders find their child settings through `responders` (the crypto map first).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from ipaddress import IPv4Address
from typing import TYPE_CHECKING

from ..ike.context import StartRequest
from ..ike.mapping import responder_entry
from ..ike.sadb import SaDatabase
from ..ike.v2 import from_running, natt
from ..ike.v2.config import ChildSettings, Ikev2Config, Ikev2Profile
from ..ike.v2.constants import VERSION, Exchange
from ..ike.v2.datagram import Datagram
from ..ike.v2.deadlines import next_deadline
from ..ike.v2.engine import Ikev2Engine, Selectors
from ..ike.v2.install import ChildContext, install, remove
from ..ike.v2.oper_view import update
from ..ike.v2.sa import IkeSa, IkeState
from ..state.config.lookup import interface_for
from ..state.oper.ikev2 import Ikev2Failure, Ikev2Sa
from .node import DataPlane
from .packet import UDP, Packet, Udp

if TYPE_CHECKING:
    from ..state.router import Router

log = logging.getLogger(__name__)
HEADER_VERSION_OFFSET = 17
HEADER_EXCHANGE_OFFSET = 18
MIN_TIMER = 0.01  # real seconds: a deadline already due is retried this soon, never in a busy loop
# (local, peer, profile, offered TSi, offered TSr) -> the child settings and where its tunnel belongs
Responder = Callable[[str, str, Ikev2Profile, Selectors, Selectors], tuple[ChildSettings, ChildContext] | None]
ChildKey = tuple[str, str, Selectors, Selectors]  # (local, peer, local selectors, remote selectors)


def is_ikev2(data: bytes) -> bool:
    """The ISAKMP header's version byte: 0x20 for IKEv2, 0x10 for IKEv1."""
    return len(data) > HEADER_VERSION_OFFSET and data[HEADER_VERSION_OFFSET] & 0xF0 == VERSION


def ikev2_message(port: int, data: bytes) -> bytes | None:
    """The IKEv2 message of a UDP datagram to `port` (500, or 4500 after the non-ESP marker); None otherwise."""
    message = natt.unwrap(port, data)
    return message if message is not None and is_ikev2(message) else None


class Ikev2Service:
    def __init__(self, router: Router, plane: DataPlane, db: SaDatabase) -> None:
        self.router = router
        self.plane = plane
        self.db = db
        self.oper = router.oper  # a reload replaces the router's oper state and this service with it
        self.engine = Ikev2Engine(Ikev2Config(""), child_policy=self._responder_child)
        self.responders: list[Responder] = [self._crypto_map_child]
        self._contexts: dict[ChildKey, ChildContext] = {}
        self._installed: dict[bytes, int] = {}  # child SA inbound SPI -> tunnel id
        self._tunnel_sa: dict[int, bytes] = {}  # tunnel id -> its IKE SA (our SPI), for DPD
        self._records: dict[bytes, Ikev2Sa] = {}  # engine IKE SA (our SPI) -> its oper record
        self._timer: asyncio.TimerHandle | None = None

    # ---------------------------------------------------------------- entry points

    def start_ikev2(self, local: str, peer: str, ikev2_profile: str, child: ChildSettings, interface: str | None,
                    map_tag: str, map_seq: int = 0) -> bool:
        """Negotiate an IKE SA and one child SA to `peer` with IKEv2 profile `ikev2_profile` and `child`
        (transform sets, PFS, lifetimes, selectors as seen from here); its tunnel is recorded under crypto map
        `map_tag` entry `map_seq` on `interface`. False when nothing was started: unknown or unusable profile,
        or the same negotiation is already running."""
        now = self._refresh(local)
        profile = next((p for p in self.engine.config.profiles if p.name == ikev2_profile), None)
        key = (local, peer, child.local_ts, child.remote_ts)
        if profile is None or self._negotiating(now, key):
            return False
        self._contexts[key] = ChildContext(map_tag, map_seq, interface, vrf=self._vrf(local))
        self.oper.ikev2.stats.outgoing_requests += 1
        self.engine.initiate(now, peer, profile, child)
        self._after(now)
        return True

    def wants(self, request: StartRequest) -> bool:
        """A crypto map entry with `set ikev2-profile` negotiates with IKEv2."""
        crypto_map = self.router.running.crypto_maps.get(request.map_name)
        entry = crypto_map.entries.get(request.seq) if crypto_map else None
        return entry is not None and entry.ikev2_profile is not None

    def start_for_map(self, request: StartRequest) -> None:
        config = self.router.running
        entry = config.crypto_maps[request.map_name].entries[request.seq]
        assert entry.ikev2_profile is not None
        child = from_running.child_settings(
            config, entry.transform_sets, entry.pfs, entry.lifetime,
            (from_running.selector(request.local_ident),), (from_running.selector(request.remote_ident),))
        self.start_ikev2(request.local, request.peer, entry.ikev2_profile, child, request.interface,
                         request.map_name, request.seq)

    def receive(self, src: str, dst: str, sport: int, dport: int, data: bytes) -> None:
        """One IKEv2 message (on UDP 4500 without its non-ESP marker)."""
        now = self._refresh(dst)
        if self._new_negotiation(src, data):
            self.oper.ikev2.stats.incoming_requests += 1
        dropped = self.engine.dropped
        self.engine.receive(now, Datagram(src, dst, data, sport, dport))
        self.oper.ikev2.stats.dropped += self.engine.dropped - dropped
        self._after(now)

    def note_traffic(self, tunnel_id: int, inbound: bool) -> None:
        """ESP on an IKEv2 tunnel: inbound proves the peer alive; the first outbound packet after the peer was
        last heard arms on-demand DPD."""
        sa = self.engine.sas.get(self._tunnel_sa.get(tunnel_id, b""))
        if sa is None:
            return
        now = self.router.clock.now()
        quiet = sa.last_outbound is None or sa.last_outbound <= sa.last_heard
        self.engine.note_traffic(now, sa, inbound)
        dpd = sa.profile.dpd if sa.profile is not None else None
        if not inbound and quiet and dpd is not None and not dpd.periodic:
            self._arm()

    def clear(self, peer: str | None = None) -> None:
        """`clear crypto ikev2 sa` / `clear crypto session`: delete the IKE SAs (the peer is told) and their
        child SAs; negotiations in progress are dropped."""
        now = self.router.clock.now()
        for sa in list(self.engine.sas.values()):
            if peer not in (None, sa.peer):
                continue
            if sa.state is IkeState.READY:
                self.engine.delete_ike(now, sa)
            self.engine.remove(sa, "local delete")
        self._after(now, reason="operRequest")

    # ---------------------------------------------------------------- responder child settings

    def _responder_child(self, sa: IkeSa, profile: Ikev2Profile, tsi: Selectors,
                         tsr: Selectors) -> ChildSettings | None:
        for responder in self.responders:
            found = responder(sa.local, sa.peer, profile, tsi, tsr)
            if found is not None:
                settings, context = found
                self._contexts[(sa.local, sa.peer, tsr, tsi)] = context
                return settings
        return None

    def _crypto_map_child(self, local: str, peer: str, profile: Ikev2Profile, tsi: Selectors,
                          tsr: Selectors) -> tuple[ChildSettings, ChildContext] | None:
        """IOS: the crypto map on the interface owning `local`, the entry whose peer and ACL (mirrored) accept
        the offered selectors (dynamic-map entries too), and whose `set ikev2-profile` (if any) is `profile`."""
        if not tsi or not tsr:
            return None
        config = self.router.running
        match = responder_entry(config, local, peer, from_running.proxy(tsr[0]), from_running.proxy(tsi[0]))
        if match is None or match.entry.ikev2_profile not in (None, profile.name):
            return self._no_entry(local)
        entry = match.entry
        settings = from_running.child_settings(config, entry.transform_sets, entry.pfs, entry.lifetime, tsr, tsi)
        return settings, ChildContext(match.map_name, match.seq, match.interface, match.template, self._vrf(local))

    def _no_entry(self, local: str) -> tuple[ChildSettings, ChildContext] | None:
        """No entry of the interface's crypto map accepts the selectors: settings that cover nothing, so the
        child SA is refused with TS_UNACCEPTABLE (NO_PROPOSAL_CHOSEN when no transform set fits either)."""
        config = self.router.running
        interface = interface_for(config, local)
        crypto_map = config.crypto_maps.get(interface.crypto_map or "") if interface else None
        if interface is None or crypto_map is None:
            return None
        names = [n for e in crypto_map.entries.values() for n in e.transform_sets]
        return ChildSettings(from_running.esp_transforms(config, names), (), ()), ChildContext(crypto_map.name, 0,
                                                                                              interface.name)

    # ---------------------------------------------------------------- after each step

    def _after(self, now: float, reason: str = "normal") -> None:
        self._flush()
        self._drain()
        self._sync(now, reason)
        self._arm()

    def _flush(self) -> None:
        for out in self.engine.take_outbox():
            payload = Udp(out.src_port, out.dst_port, natt.wrap(out.data, out.src_port, out.dst_port)).encode()
            self.plane.send(Packet(IPv4Address(out.src), IPv4Address(out.dst), UDP, payload,
                                   ident=self.plane.next_ident()))

    def _drain(self) -> None:
        oper = self.oper
        for entry in self.engine.logs:
            oper.syslog.emit(*entry)
        self.engine.logs.clear()
        for failure in self.engine.failures:
            oper.ikev2.record_failure(Ikev2Failure(failure.peer, failure.outcome, failure.role, failure.stage,
                                                   self.router.clock.now()))
            if failure.stage == "ike" and failure.outcome != "PEER_LOST":
                if failure.role == "responder":
                    oper.ikev2.stats.incoming_rejected += 1
                else:
                    oper.ikev2.stats.outgoing_rejected += 1
        self.engine.failures.clear()

    def _sync(self, now: float, reason: str) -> None:
        oper = self.oper.ikev2
        live: dict[bytes, tuple[IkeSa, int]] = {}
        records: dict[bytes, Ikev2Sa] = {}
        for sa in self.engine.sas.values():
            record = self._records.get(sa.local_spi) or self._new_record(sa, now)
            records[sa.local_spi] = record
            if update(record, sa, now):
                if sa.original_initiator:
                    oper.stats.outgoing_accepted += 1
                else:
                    oper.stats.incoming_accepted += 1
            for kid in sa.live_children if sa.state is IkeState.READY else []:
                live[kid.spi_in] = (sa, record.conn_id)
        for gone in set(self._records) - set(records):
            oper.sas.pop(self._records[gone].tunnel_id, None)
        self._records = records
        for spi, tunnel_id in list(self._installed.items()):
            if spi not in live:
                remove(self.oper, self.db, tunnel_id, reason)
                del self._installed[spi]
                self._tunnel_sa.pop(tunnel_id, None)
        for spi, (sa, conn_id) in live.items():
            if spi not in self._installed:
                self._install(sa, spi, conn_id, now)
            if spi in self._installed:
                self._tunnel_sa[self._installed[spi]] = sa.local_spi

    def _new_record(self, sa: IkeSa, now: float) -> Ikev2Sa:
        oper = self.oper
        record = Ikev2Sa(oper.ikev2.new_tunnel_id(), oper.ikev2.session_id(sa.local, sa.peer),
                         oper.new_ike_conn_id(), sa.local, sa.peer, sa.original_initiator, now,
                         fvrf=self._vrf(sa.local))
        oper.ikev2.sas[record.tunnel_id] = record
        return record

    def _install(self, sa: IkeSa, spi: bytes, conn_id: int, now: float) -> None:
        kid = next(k for k in sa.live_children if k.spi_in == spi)
        context = self._contexts.get((sa.local, sa.peer, kid.local_ts, kid.remote_ts))
        if context is None:
            log.warning("%s: IKEv2 child SA without a crypto map context", self.router.name)
            return
        default = kid.transform.name not in self.router.running.transform_sets
        tunnel = install(self.oper, self.db, context, sa, kid, conn_id, now, default)
        self._installed[spi] = tunnel.tunnel_id

    # ---------------------------------------------------------------- timers

    def _arm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        deadline = next_deadline(self.engine)
        if deadline is None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        clock = self.router.clock
        self._timer = loop.call_later(max(MIN_TIMER, (deadline - clock.now()) / clock.time_scale), self._tick)

    def _tick(self) -> None:
        self._timer = None
        if getattr(self.plane.crypto, "ikev2", None) is not self:
            return  # the router rebooted: a new service owns the data plane
        try:
            now = self._refresh(self.engine.config.local_address)
            self.engine.poll(now)
            self._after(now)
        except Exception:  # a timer bug must never stop the router
            log.exception("%s: IKEv2 timer failed", self.router.name)

    # ---------------------------------------------------------------- helpers

    def _refresh(self, local: str) -> float:
        """Rebuild the engine's configuration for negotiations on `local`; returns the router time."""
        self.engine.config = from_running.build(self.router.running, local, self._vrf(local),
                                                self.router.clock.time_scale)
        return self.router.clock.now()

    def _vrf(self, local: str) -> str | None:
        interface = interface_for(self.router.running, local)
        return interface.vrf if interface else None

    def _own_sas(self, key: ChildKey) -> list[IkeSa]:
        """IKE SAs this router started for the same peer and selectors."""
        local, peer, local_ts, remote_ts = key
        return [sa for sa in self.engine.sas.values()
                if sa.original_initiator and (sa.local, sa.peer) == (local, peer) and sa.child_settings is not None
                and (sa.child_settings.local_ts, sa.child_settings.remote_ts) == (local_ts, remote_ts)]

    def _negotiating(self, now: float, key: ChildKey) -> bool:
        """True while an IKE SA for these selectors is being negotiated. One that came up without its child SA
        (the peer refused it) is deleted, so new traffic retries with a fresh negotiation."""
        for sa in self._own_sas(key):
            if sa.state is IkeState.IN_NEG:
                return True
            if sa.state is IkeState.READY and not sa.live_children:
                self.engine.delete_ike(now, sa)
                self.engine.remove(sa, "no child SA")
        return False

    def _new_negotiation(self, src: str, data: bytes) -> bool:
        """An IKE_SA_INIT request for an SA we do not know yet (retransmissions are not counted)."""
        if len(data) <= HEADER_EXCHANGE_OFFSET or data[HEADER_EXCHANGE_OFFSET] != Exchange.IKE_SA_INIT:
            return False
        if data[8:16] != bytes(8):
            return False
        return not any(sa.peer == src and sa.spi_i == data[:8] for sa in self.engine.sas.values())

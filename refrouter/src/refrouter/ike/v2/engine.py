"""`Ikev2Engine`, the public entry point: datagrams in (`receive`), datagrams out (`outbox`), time in
(`poll`, every call takes the caller's `now`), syslog lines and failure outcomes out."""

from __future__ import annotations

import os
from collections.abc import Callable

from refrouter.ike.v2 import auth, child, informational, natt, sa_init
from refrouter.ike.v2.codec import Header, Message, decode, encode, parse_header
from refrouter.ike.v2.config import ChildSettings, Ikev2Config, Ikev2Profile
from refrouter.ike.v2.constants import Exchange
from refrouter.ike.v2.cookies import CookieJar
from refrouter.ike.v2.datagram import Datagram, Failure
from refrouter.ike.v2.logmsg import ERRORS, render
from refrouter.ike.v2.payloads import AnyPayload, MalformedPayload, TrafficSelector
from refrouter.ike.v2.protection import IntegrityCheckFailed
from refrouter.ike.v2.sa import ChildSa, IkeSa, IkeState, Pending

ZERO_SPI = bytes(8)
Selectors = tuple[TrafficSelector, ...]
# The responder's child SA settings for an authenticated peer: (IKE SA, profile, offered TSi, offered TSr).
ChildPolicy = Callable[[IkeSa, Ikev2Profile, Selectors, Selectors], ChildSettings | None]


class Ikev2Engine:
    def __init__(self, config: Ikev2Config, random: Callable[[int], bytes] = os.urandom,
                 child_policy: ChildPolicy | None = None) -> None:
        self.config = config
        self.random = random
        self.child_policy = child_policy
        self.outbox: list[Datagram] = []
        self.logs: list[tuple[str, int, str, str]] = []
        self.failures: list[Failure] = []
        self.sas: dict[bytes, IkeSa] = {}  # by our SPI
        self.cookies = CookieJar(random(32))
        self.dropped = 0  # datagrams ignored: malformed, failed integrity, unknown SA, stale message ID

    # ---- the caller's API -------------------------------------------------------------------------------

    def initiate(self, now: float, peer: str, profile: Ikev2Profile, settings: ChildSettings) -> IkeSa:
        """Start IKE_SA_INIT towards `peer` for one child SA with `settings`."""
        return sa_init.start(self, now, peer, profile, settings)

    def receive(self, now: float, datagram: Datagram) -> None:
        try:
            header = parse_header(datagram.data)
        except MalformedPayload:
            self.dropped += 1
            return
        if header.exchange == Exchange.IKE_SA_INIT and not header.response and header.spi_r == ZERO_SPI:
            sa_init.respond(self, now, datagram, header)
            return
        sa = self.sas.get(header.spi_r if header.from_initiator else header.spi_i)
        if sa is None or sa.peer != datagram.src or header.from_initiator == sa.original_initiator:
            self.dropped += 1
            return
        if not self._acceptable(sa, header, datagram.data):
            return
        keys = None if header.exchange == Exchange.IKE_SA_INIT else sa.receive_keys
        try:
            message = decode(datagram.data, keys)
        except (MalformedPayload, IntegrityCheckFailed):
            self.dropped += 1
            return
        sa.last_heard = now
        natt.follow(sa, datagram)
        if header.response:
            pending = sa.pending
            assert pending is not None
            sa.pending = None
            self._on_response(now, sa, pending, message, datagram.data)
        else:
            self._on_request(now, sa, header, datagram.data, message)

    def poll(self, now: float) -> None:
        """Retransmissions, DPD, lifetimes: everything that happens because time passed."""
        for sa in list(self.sas.values()):
            if sa.pending is not None:
                self._retransmit(now, sa, sa.pending)
            elif sa.state is IkeState.READY:
                self._timers(now, sa)
            elif now - sa.last_heard >= self.config.settings.half_open_timeout:
                self.remove(sa)  # a responder waiting for an IKE_AUTH that never came

    def rekey_child(self, now: float, sa: IkeSa, old: ChildSa) -> bool:
        return self._idle(sa) and child.start_rekey(self, now, sa, old)

    def rekey_ike(self, now: float, sa: IkeSa) -> bool:
        return self._idle(sa) and child.start_ike_rekey(self, now, sa)

    def delete_ike(self, now: float, sa: IkeSa) -> bool:
        return self._idle(sa) and informational.start_delete_ike(self, now, sa)

    def check_liveness(self, now: float, sa: IkeSa) -> bool:
        return self._idle(sa) and informational.start_liveness(self, now, sa)

    def note_traffic(self, now: float, sa: IkeSa, inbound: bool) -> None:
        """ESP traffic on the SA's children: inbound proves the peer alive, outbound arms on-demand DPD."""
        if inbound:
            sa.last_heard = now
        else:
            sa.last_outbound = now

    def take_outbox(self) -> list[Datagram]:
        out, self.outbox = self.outbox, []
        return out

    def responder_child(self, sa: IkeSa, profile: Ikev2Profile, tsi: Selectors,
                        tsr: Selectors) -> ChildSettings | None:
        """The child settings a responder uses: the caller's `child_policy` (crypto maps), else the IPsec
        profile that names the peer's IKEv2 profile."""
        if self.child_policy is not None:
            return self.child_policy(sa, profile, tsi, tsr)
        return next((p.child for p in self.config.ipsec_profiles if p.ikev2_profile == profile.name), None)

    def ready(self, peer: str) -> IkeSa | None:
        return next((s for s in self.sas.values() if s.peer == peer and s.state is IkeState.READY), None)

    # ---- for the exchange modules -----------------------------------------------------------------------

    def log(self, key: str, **fields: object) -> None:
        self.logs.append(render(key, **fields))

    def send_request(self, now: float, sa: IkeSa, exchange: int, payloads: tuple[AnyPayload, ...],
                     pending: Pending, encrypted: bool = True) -> bytes:
        header = Header(sa.spi_i, sa.spi_r, exchange, sa.original_initiator, False, sa.next_request_id)
        raw = encode(header, payloads, sa.send_keys if encrypted else None)
        pending.message_id, pending.raw = sa.next_request_id, raw
        pending.due = now + self._interval(sa, pending)
        sa.pending = pending
        sa.next_request_id += 1
        self.outbox.append(sa.datagram(raw))
        return raw

    def send_response(self, sa: IkeSa, request: Header, request_raw: bytes, exchange: int,
                      payloads: tuple[AnyPayload, ...], encrypted: bool = True) -> bytes:
        header = Header(sa.spi_i, sa.spi_r, exchange, sa.original_initiator, True, request.message_id)
        raw = encode(header, payloads, sa.send_keys if encrypted else None)
        sa.last_response = (request.message_id, request_raw, raw)
        sa.peer_next_id = request.message_id + 1
        self.outbox.append(sa.datagram(raw))
        return raw

    def fail(self, sa: IkeSa | None, peer: str, outcome: str, role: str, stage: str = "ike") -> None:
        self.failures.append(Failure(peer, outcome, role, stage))
        self.log("neg_abort", error=ERRORS[outcome])
        if sa is not None and stage == "ike":
            sa.end_reason = outcome
            self.remove(sa)

    def remove(self, sa: IkeSa, reason: str | None = None) -> None:
        """Forget the SA; `reason` given = it was up, so IOS reports it down."""
        if reason is not None and sa.state is IkeState.READY:
            self.log("sa_down", local=sa.local, peer=sa.peer, reason=reason)
            sa.end_reason = reason
        sa.state = IkeState.DELETED
        sa.pending = None
        for kid in sa.children:
            kid.deleted = True
        self.sas.pop(sa.local_spi, None)

    # ---- internals --------------------------------------------------------------------------------------

    @staticmethod
    def _idle(sa: IkeSa) -> bool:
        return sa.state is IkeState.READY and sa.pending is None

    def _interval(self, sa: IkeSa, pending: Pending) -> float:
        if pending.purpose == "dpd" and sa.profile is not None and sa.profile.dpd is not None:
            return sa.profile.dpd.retry
        return float(self.config.settings.retransmit_interval * 2 ** pending.count)

    def _acceptable(self, sa: IkeSa, header: Header, raw: bytes) -> bool:
        """A response must answer our outstanding request (message ID and exchange); a request must be the
        next one, and a repeat of the last one gets our cached answer. Anything else is dropped."""
        if header.exchange != Exchange.IKE_SA_INIT and sa.keys is None:
            fits = False  # nothing but IKE_SA_INIT before the keys exist
        elif header.response:
            fits = sa.pending is not None and header.message_id == sa.pending.message_id \
                and header.exchange == sa.pending.raw[18]
        elif sa.last_response is not None and (header.message_id, raw) == sa.last_response[:2]:
            self.outbox.append(sa.datagram(sa.last_response[2]))
            return False
        else:
            fits = header.exchange != Exchange.IKE_SA_INIT and header.message_id == sa.peer_next_id
        if not fits:
            self.dropped += 1
        return fits

    def _retransmit(self, now: float, sa: IkeSa, pending: Pending) -> None:
        if now < pending.due:
            return
        dpd = pending.purpose == "dpd"
        limit = self.config.settings.dpd_retransmit_limit if dpd else self.config.settings.retransmit_limit
        if pending.count >= limit:
            role = "initiator" if sa.original_initiator else "responder"
            if sa.state is IkeState.READY:
                self.failures.append(Failure(sa.peer, "PEER_LOST", role, "ike"))
                self.remove(sa, "DPD" if dpd else "PEER_LOST")
            else:
                self.fail(sa, sa.peer, "PEER_LOST", role)
            return
        pending.count += 1
        pending.due = now + self._interval(sa, pending)
        self.outbox.append(sa.datagram(pending.raw))

    def _timers(self, now: float, sa: IkeSa) -> None:
        """At most one new request per poll (window size 1): child rekey, then DPD, then IKE rekey."""
        if child.expire(self, now, sa) or informational.dpd_due(self, now, sa):
            return
        if sa.original_initiator and now >= sa.created + sa.lifetime:
            child.start_ike_rekey(self, now, sa)

    def _on_request(self, now: float, sa: IkeSa, header: Header, raw: bytes, message: Message) -> None:
        if header.exchange == Exchange.IKE_AUTH and sa.state is IkeState.IN_NEG and not sa.original_initiator:
            auth.respond(self, now, sa, header, raw, message)
        elif header.exchange == Exchange.CREATE_CHILD_SA and sa.state is IkeState.READY:
            child.respond(self, now, sa, header, raw, message)
        elif header.exchange == Exchange.INFORMATIONAL and sa.state is IkeState.READY:
            informational.respond(self, now, sa, header, raw, message)
        else:
            self.dropped += 1

    def _on_response(self, now: float, sa: IkeSa, pending: Pending, message: Message, raw: bytes) -> None:
        if pending.purpose == "init":
            sa_init.on_response(self, now, sa, pending, message, raw)
        elif pending.purpose == "auth":
            auth.on_response(self, now, sa, pending, message)
        elif pending.purpose in ("rekey-child", "rekey-ike"):
            child.on_response(self, now, sa, pending, message)
        else:
            informational.on_response(self, now, sa, pending, message)

"""IKE_SA_INIT (RFC 7296 §1.2): the initiator's offer, the responder's choice, the cookie challenge (§2.6)
and the INVALID_KE_PAYLOAD retry (§1.2)."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from refrouter.ike.groups import KeyExchangeError, generate
from refrouter.ike.v2 import auth, natt
from refrouter.ike.v2.codec import Header, Message, decode, encode
from refrouter.ike.v2.config import ChildSettings, Ikev2Profile
from refrouter.ike.v2.constants import Exchange, Notify
from refrouter.ike.v2.datagram import Datagram
from refrouter.ike.v2.keys import ike_keys, initial_skeyseed
from refrouter.ike.v2.payloads import (
    AnyPayload,
    KePayload,
    MalformedPayload,
    NoncePayload,
    NotifyPayload,
    SaPayload,
    TrafficSelector,
)
from refrouter.ike.v2.sa import IkeSa, IkeState, Pending
from refrouter.ike.v2.selection import (
    answer_ike,
    ike_offer,
    policy_proposals,
    select_ike,
    select_policy,
    suite_of,
)

if TYPE_CHECKING:
    from refrouter.ike.v2.engine import Ikev2Engine

NONCE_BYTES = 32
ZERO_SPI = bytes(8)


def start(engine: Ikev2Engine, now: float, peer: str, profile: Ikev2Profile, settings: ChildSettings) -> IkeSa:
    config = engine.config
    policy = select_policy(config, config.local_address)
    proposals = policy_proposals(config, policy) if policy is not None else ()
    sa = IkeSa(engine.random(8), ZERO_SPI, True, config.local_address, peer, now, proposals=proposals,
               profile=profile, child_settings=settings, lifetime=profile.lifetime, last_heard=now)
    engine.sas[sa.spi_i] = sa
    engine.log("initiate", local_ts=_describe(settings.local_ts), remote_ts=_describe(settings.remote_ts))
    if not proposals:
        engine.fail(sa, peer, "NO_POLICY", "initiator")
        return sa
    sa.nonce_i = engine.random(NONCE_BYTES)
    sa.dh = generate(proposals[0].groups[0])
    _send(engine, now, sa)
    return sa


def _describe(selectors: tuple[TrafficSelector, ...]) -> str:
    return " ".join(f"Address Range: {s.start}-{s.end} Protocol: {s.protocol or 256} Port Range: "
                    f"{s.start_port}-{s.end_port}" for s in selectors)


def _send(engine: Ikev2Engine, now: float, sa: IkeSa) -> None:
    assert sa.dh is not None
    cookie: tuple[AnyPayload, ...] = () if sa.cookie is None else (NotifyPayload(Notify.COOKIE, sa.cookie),)
    payloads = (*cookie, ike_offer(sa.proposals), KePayload(sa.dh.group, sa.dh.public), NoncePayload(sa.nonce_i),
                *natt.notifies(sa.spi_i, ZERO_SPI, (sa.local, sa.local_port), (sa.peer, sa.peer_port)))
    sa.next_request_id = 0
    sa.init_request = engine.send_request(now, sa, Exchange.IKE_SA_INIT, payloads, Pending("init", 0, b"", 0.0),
                                          encrypted=False)


def on_response(engine: Ikev2Engine, now: float, sa: IkeSa, pending: Pending, message: Message, raw: bytes) -> None:
    cookie = message.notify(Notify.COOKIE)
    if cookie is not None:
        if cookie.data == sa.cookie:  # asked again for the cookie we sent: keep waiting (bounded by retransmits)
            sa.pending = pending
            return
        sa.cookie = cookie.data
        _send(engine, now, sa)
        return
    invalid_ke = message.notify(Notify.INVALID_KE_PAYLOAD)
    if invalid_ke is not None and len(invalid_ke.data) == 2:
        group = struct.unpack("!H", invalid_ke.data)[0]
        if sa.dh is not None and group != sa.dh.group and any(group in p.groups for p in sa.proposals):
            sa.dh = generate(group)
            _send(engine, now, sa)
            return
    sa_payload, ke, nonce = message.first(SaPayload), message.first(KePayload), message.first(NoncePayload)
    if not isinstance(sa_payload, SaPayload) or not isinstance(ke, KePayload) or not isinstance(nonce, NoncePayload):
        engine.fail(sa, sa.peer, "NO_PROPOSAL_CHOSEN", "initiator")
        return
    chosen = sa_payload.proposals[0] if len(sa_payload.proposals) == 1 else None
    suite = suite_of(chosen) if chosen is not None else None
    offered = sa.proposals[chosen.number - 1] if chosen is not None and 0 < chosen.number <= len(sa.proposals) \
        else None
    assert sa.dh is not None
    if chosen is None or suite is None or offered is None or select_ike((offered,), SaPayload((chosen,))) is None \
            or suite.group != sa.dh.group or ke.group != sa.dh.group:
        engine.fail(sa, sa.peer, "NO_PROPOSAL_CHOSEN", "initiator")
        return
    try:
        shared = sa.dh.shared(ke.data)
    except KeyExchangeError:
        engine.fail(sa, sa.peer, "NO_PROPOSAL_CHOSEN", "initiator")
        return
    sa.spi_r, sa.suite, sa.nonce_r, sa.init_response = message.header.spi_r, suite, nonce.data, raw
    assert suite.prf is not None
    sa.keys = ike_keys(suite, initial_skeyseed(suite.prf, sa.nonce_i, sa.nonce_r, shared), sa.nonce_i, sa.nonce_r,
                       sa.spi_i, sa.spi_r)
    natt.float_if_nat(sa, message)
    auth.start(engine, now, sa)


def _reply(engine: Ikev2Engine, datagram: Datagram, spi_i: bytes, payloads: tuple[AnyPayload, ...]) -> None:
    """A stateless IKE_SA_INIT answer (cookie request, error notify): no SA is created."""
    header = Header(spi_i, ZERO_SPI, Exchange.IKE_SA_INIT, False, True, 0)
    engine.outbox.append(Datagram(datagram.dst, datagram.src, encode(header, payloads), datagram.dst_port,
                                  datagram.src_port))


def respond(engine: Ikev2Engine, now: float, datagram: Datagram, header: Header) -> None:
    peer = datagram.src
    for sa in engine.sas.values():
        if not sa.original_initiator and sa.peer == peer and sa.spi_i == header.spi_i:
            if sa.state is IkeState.IN_NEG and sa.init_request == datagram.data:
                engine.outbox.append(sa.datagram(sa.init_response))
            else:
                engine.dropped += 1
            return
    try:
        message = decode(datagram.data)
    except MalformedPayload:
        engine.dropped += 1
        return
    sa_payload, ke, nonce = message.first(SaPayload), message.first(KePayload), message.first(NoncePayload)
    if not isinstance(sa_payload, SaPayload) or not isinstance(ke, KePayload) or not isinstance(nonce, NoncePayload):
        _reply(engine, datagram, header.spi_i, (NotifyPayload(Notify.INVALID_SYNTAX),))
        return
    if not _cookie_ok(engine, datagram, header, message, nonce.data):
        return
    config = engine.config
    policy = select_policy(config, config.local_address)
    proposals = policy_proposals(config, policy) if policy is not None else ()
    choice = select_ike(proposals, sa_payload) if proposals else None
    if choice is None:
        _reply(engine, datagram, header.spi_i, (NotifyPayload(Notify.NO_PROPOSAL_CHOSEN),))
        engine.fail(None, peer, "NO_PROPOSAL_CHOSEN" if proposals else "NO_POLICY", "responder")
        return
    offer, suite = choice
    assert suite.group is not None and suite.prf is not None
    if ke.group != suite.group:
        _reply(
            engine,
            datagram,
            header.spi_i,
            (NotifyPayload(Notify.INVALID_KE_PAYLOAD, struct.pack("!H", suite.group)),),
        )
        return
    dh = generate(suite.group)
    try:
        shared = dh.shared(ke.data)
    except KeyExchangeError:
        _reply(engine, datagram, header.spi_i, (NotifyPayload(Notify.INVALID_SYNTAX),))
        return
    sa = IkeSa(
        header.spi_i,
        engine.random(8),
        False,
        config.local_address,
        peer,
        now,
        proposals=proposals,
        suite=suite,
        dh=dh,
        nonce_i=nonce.data,
        nonce_r=engine.random(NONCE_BYTES),
        last_heard=now,
        init_request=datagram.data,
        local_port=datagram.dst_port,
        peer_port=datagram.src_port,
        nat=natt.detected(message, header.spi_i, ZERO_SPI, (datagram.dst, datagram.dst_port),
                          (datagram.src, datagram.src_port)),
    )
    sa.keys = ike_keys(suite, initial_skeyseed(suite.prf, sa.nonce_i, sa.nonce_r, shared), sa.nonce_i, sa.nonce_r,
                       sa.spi_i, sa.spi_r)
    engine.sas[sa.spi_r] = sa
    payloads: tuple[AnyPayload, ...] = (
        answer_ike(offer, suite),
        KePayload(dh.group, dh.public),
        NoncePayload(sa.nonce_r),
        *natt.notifies(sa.spi_i, sa.spi_r, (sa.local, sa.local_port), (sa.peer, sa.peer_port)),
    )
    sa.init_response = engine.send_response(sa, header, datagram.data, Exchange.IKE_SA_INIT, payloads, encrypted=False)


def _cookie_ok(engine: Ikev2Engine, datagram: Datagram, header: Header, message: Message, nonce: bytes) -> bool:
    """With `crypto ikev2 cookie-challenge N` and N half-open SAs, only requests with our cookie pass."""
    threshold = engine.config.settings.cookie_challenge
    if threshold is None:
        return True
    half_open = sum(1 for s in engine.sas.values() if not s.original_initiator and s.state is IkeState.IN_NEG)
    if half_open < threshold:
        return True
    cookie = message.notify(Notify.COOKIE)
    if cookie is not None and engine.cookies.valid(cookie.data, nonce, datagram.src, header.spi_i):
        return True
    _reply(engine, datagram, header.spi_i,
           (NotifyPayload(Notify.COOKIE, engine.cookies.make(nonce, datagram.src, header.spi_i)),))
    return False

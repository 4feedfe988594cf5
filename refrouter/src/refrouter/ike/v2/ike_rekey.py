"""IKE SA rekey by CREATE_CHILD_SA (RFC 7296 §1.3.2, §2.18): a new IKE SA with fresh SPIs, nonces and DH,
keyed from the old SK_d; the child SAs move to it, then the rekey initiator deletes the old IKE SA."""

from __future__ import annotations

from typing import TYPE_CHECKING

from refrouter.ike.groups import KeyExchangeError, generate
from refrouter.ike.v2.codec import Header, Message
from refrouter.ike.v2.constants import Exchange, Notify, Protocol
from refrouter.ike.v2.keys import ike_keys, rekey_skeyseed
from refrouter.ike.v2.payloads import (
    DeletePayload,
    KePayload,
    NoncePayload,
    NotifyPayload,
    Proposal,
    SaPayload,
)
from refrouter.ike.v2.sa import IkeSa, IkeState, Pending
from refrouter.ike.v2.selection import answer_ike, select_ike, suite_of

if TYPE_CHECKING:
    from refrouter.ike.v2.algorithms import Suite
    from refrouter.ike.v2.engine import Ikev2Engine

NONCE_BYTES = 32
SPI_BYTES = 8


def start(engine: Ikev2Engine, now: float, sa: IkeSa) -> bool:
    """Offer the SA's current suite with a new SPI (the group stays, so no INVALID_KE round trip)."""
    suite = sa.suite
    assert suite is not None and suite.group is not None
    spi, nonce, dh = engine.random(SPI_BYTES), engine.random(NONCE_BYTES), generate(suite.group)
    offer = answer_ike(Proposal(1, Protocol.IKE, b"", ()), suite, spi)
    engine.send_request(now, sa, Exchange.CREATE_CHILD_SA, (offer, NoncePayload(nonce), KePayload(dh.group, dh.public)),
                        Pending("rekey-ike", 0, b"", 0.0, ike_spi=spi, nonce=nonce, dh=dh))
    return True


def _successor(engine: Ikev2Engine, now: float, old: IkeSa, suite: Suite, spi_i: bytes, spi_r: bytes,
               we_initiated: bool, nonce_i: bytes, nonce_r: bytes, shared: bytes) -> IkeSa:
    assert old.keys is not None and old.suite is not None and old.suite.prf is not None
    skeyseed = rekey_skeyseed(old.suite.prf, old.keys.d, shared, nonce_i, nonce_r)
    new = IkeSa(spi_i, spi_r, we_initiated, old.local, old.peer, now, IkeState.READY, old.proposals, suite,
                ike_keys(suite, skeyseed, nonce_i, nonce_r, spi_i, spi_r), old.profile, old.remote_identity,
                old.child_settings, old.children, last_heard=now, lifetime=old.lifetime,
                local_port=old.local_port, peer_port=old.peer_port, nat=old.nat)
    old.children = []
    old.rekeyed_to = new
    engine.sas[new.local_spi] = new
    return new


def respond(engine: Ikev2Engine, now: float, sa: IkeSa, header: Header, raw: bytes, message: Message) -> None:
    offered, nonce, ke = message.first(SaPayload), message.first(NoncePayload), message.first(KePayload)
    choice = select_ike(sa.proposals, offered) if isinstance(offered, SaPayload) else None
    if choice is None or not isinstance(nonce, NoncePayload) or not isinstance(ke, KePayload) \
            or ke.group != choice[1].group or len(choice[0].spi) != SPI_BYTES:
        engine.send_response(sa, header, raw, Exchange.CREATE_CHILD_SA, (NotifyPayload(Notify.NO_PROPOSAL_CHOSEN),))
        return
    offer, suite = choice
    assert suite.group is not None
    dh = generate(suite.group)
    try:
        shared = dh.shared(ke.data)
    except KeyExchangeError:
        engine.send_response(sa, header, raw, Exchange.CREATE_CHILD_SA, (NotifyPayload(Notify.INVALID_SYNTAX),))
        return
    my_nonce, my_spi = engine.random(NONCE_BYTES), engine.random(SPI_BYTES)
    _successor(engine, now, sa, suite, offer.spi, my_spi, False, nonce.data, my_nonce, shared)
    engine.send_response(sa, header, raw, Exchange.CREATE_CHILD_SA,
                         (answer_ike(offer, suite, my_spi), NoncePayload(my_nonce), KePayload(dh.group, dh.public)))


def on_response(engine: Ikev2Engine, now: float, sa: IkeSa, pending: Pending, message: Message) -> None:
    answer, nonce, ke = message.first(SaPayload), message.first(NoncePayload), message.first(KePayload)
    chosen = answer.proposals[0] if isinstance(answer, SaPayload) and len(answer.proposals) == 1 else None
    suite = suite_of(chosen) if chosen is not None else None
    if chosen is None or suite != sa.suite or not isinstance(nonce, NoncePayload) or not isinstance(ke, KePayload) \
            or pending.dh is None or len(chosen.spi) != SPI_BYTES:
        return  # refused: the old IKE SA stays; its lifetime check retries
    try:
        shared = pending.dh.shared(ke.data)
    except KeyExchangeError:
        return
    assert suite is not None
    _successor(engine, now, sa, suite, pending.ike_spi, chosen.spi, True, pending.nonce, nonce.data, shared)
    engine.send_request(now, sa, Exchange.INFORMATIONAL, (DeletePayload(Protocol.IKE),),
                        Pending("delete-ike", 0, b"", 0.0))

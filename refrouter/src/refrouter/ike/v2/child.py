"""Child SAs: the first one inside IKE_AUTH, and CREATE_CHILD_SA for child rekey (RFC 7296 §1.3.3, with
REKEY_SA and optional PFS) followed by the INFORMATIONAL delete of the old child SA."""

from __future__ import annotations

from typing import TYPE_CHECKING

from refrouter.ike.groups import KeyExchangeError, generate
from refrouter.ike.v2 import ike_rekey
from refrouter.ike.v2.codec import Header, Message
from refrouter.ike.v2.config import ChildSettings
from refrouter.ike.v2.constants import Exchange, Notify, Payload, Protocol
from refrouter.ike.v2.keys import child_keys
from refrouter.ike.v2.payloads import (
    AnyPayload,
    DeletePayload,
    KePayload,
    NoncePayload,
    NotifyPayload,
    Proposal,
    SaPayload,
    TrafficSelector,
    TsPayload,
)
from refrouter.ike.v2.sa import ChildSa, IkeSa, Pending
from refrouter.ike.v2.selection import child_offer, esp_suite, select_child, suite_of

if TYPE_CHECKING:
    from refrouter.ike.v2.engine import Ikev2Engine

NONCE_BYTES = 32
SPI_BYTES = 4


def selectors(message: Message, kind: int) -> tuple[TrafficSelector, ...]:
    payload = next((p for p in message.payloads if isinstance(p, TsPayload) and p.kind == kind), None)
    return () if payload is None else payload.selectors


def _covered(offered: tuple[TrafficSelector, ...], own: tuple[TrafficSelector, ...]) -> bool:
    return bool(offered) and all(any(mine.covers(ts) for mine in own) for ts in offered)


def _refused(engine: Ikev2Engine, sa: IkeSa, outcome: str) -> tuple[AnyPayload, ...]:
    engine.fail(sa, sa.peer, outcome, "responder", stage="child")
    return (NotifyPayload(getattr(Notify, outcome)),)


def accept(engine: Ikev2Engine, now: float, sa: IkeSa, message: Message, nonce_i: bytes, nonce_r: bytes,
           shared: bytes, pfs_group: int | None = None) -> tuple[AnyPayload, ...]:
    """The responder's child SA: the SA and TS payloads to answer with, or the error notify."""
    settings, offered = sa.child_settings, message.first(SaPayload)
    tsi, tsr = selectors(message, Payload.TSI), selectors(message, Payload.TSR)
    if settings is None or not isinstance(offered, SaPayload):
        return _refused(engine, sa, "NO_PROPOSAL_CHOSEN")
    choice = select_child(settings.transforms, pfs_group, offered)
    if choice is None:
        return _refused(engine, sa, "NO_PROPOSAL_CHOSEN")
    if not (_covered(tsi, settings.remote_ts) and _covered(tsr, settings.local_ts)):
        return _refused(engine, sa, "TS_UNACCEPTABLE")
    offer, transform = choice
    assert sa.keys is not None and sa.suite is not None and sa.suite.prf is not None
    keys = child_keys(sa.suite.prf, sa.keys.d, esp_suite(transform, None), nonce_i, nonce_r, shared)
    kid = ChildSa(engine.random(SPI_BYTES), offer.spi, transform, keys, False, tsr, tsi, now,
                  settings.lifetime_seconds)
    sa.children.append(kid)
    answer = SaPayload((Proposal(offer.number, Protocol.ESP, kid.spi_in, offer.transforms),))
    return answer, TsPayload(Payload.TSI, tsi), TsPayload(Payload.TSR, tsr)


def install(engine: Ikev2Engine, now: float, sa: IkeSa, pending: Pending, message: Message,
            answer: SaPayload | None, nonce_i: bytes, nonce_r: bytes, shared: bytes) -> ChildSa | None:
    """The initiator's side of a child SA the responder accepted (or the failure it reported)."""
    settings = sa.child_settings
    assert settings is not None and sa.keys is not None and sa.suite is not None and sa.suite.prf is not None
    for outcome in ("NO_PROPOSAL_CHOSEN", "TS_UNACCEPTABLE"):
        if message.notify(getattr(Notify, outcome)) is not None:
            engine.fail(sa, sa.peer, outcome, "initiator", stage="child")
            return None
    chosen = answer.proposals[0] if answer is not None and len(answer.proposals) == 1 else None
    suite = suite_of(chosen) if chosen is not None else None
    transform = next((t for t in settings.transforms if suite is not None
                      and esp_suite(t, suite.group) == suite), None)
    if chosen is None or transform is None or len(chosen.spi) != SPI_BYTES:
        engine.fail(sa, sa.peer, "NO_PROPOSAL_CHOSEN", "initiator", stage="child")
        return None
    keys = child_keys(sa.suite.prf, sa.keys.d, esp_suite(transform, None), nonce_i, nonce_r, shared)
    kid = ChildSa(pending.child_spi, chosen.spi, transform, keys, True, settings.local_ts, settings.remote_ts,
                  now, settings.lifetime_seconds)
    sa.children.append(kid)
    return kid


def start_rekey(engine: Ikev2Engine, now: float, sa: IkeSa, old: ChildSa) -> bool:
    settings = sa.child_settings
    if settings is None or old.deleted or old not in sa.children:
        return False
    spi, nonce = engine.random(SPI_BYTES), engine.random(NONCE_BYTES)
    dh = generate(settings.pfs_group) if settings.pfs_group else None
    ke: tuple[AnyPayload, ...] = () if dh is None else (KePayload(dh.group, dh.public),)
    payloads = (NotifyPayload(Notify.REKEY_SA, protocol=Protocol.ESP, spi=old.spi_in),
                child_offer(settings.transforms, settings.pfs_group, spi), NoncePayload(nonce), *ke,
                TsPayload(Payload.TSI, old.local_ts), TsPayload(Payload.TSR, old.remote_ts))
    engine.send_request(now, sa, Exchange.CREATE_CHILD_SA, payloads,
                        Pending("rekey-child", 0, b"", 0.0, child_spi=spi, nonce=nonce, dh=dh, old_child=old))
    return True


def start_ike_rekey(engine: Ikev2Engine, now: float, sa: IkeSa) -> bool:
    return ike_rekey.start(engine, now, sa)


def expire(engine: Ikev2Engine, now: float, sa: IkeSa) -> bool:
    """The side that created a child SA rekeys it when its lifetime ends; True if a request went out."""
    for kid in sa.live_children:
        if kid.we_initiated and now >= kid.created + kid.lifetime:
            return start_rekey(engine, now, sa, kid)
    return False


def respond(engine: Ikev2Engine, now: float, sa: IkeSa, header: Header, raw: bytes, message: Message) -> None:
    offered = message.first(SaPayload)
    if isinstance(offered, SaPayload) and offered.proposals and offered.proposals[0].protocol == Protocol.IKE:
        ike_rekey.respond(engine, now, sa, header, raw, message)
        return
    engine.send_response(sa, header, raw, Exchange.CREATE_CHILD_SA, _rekey_answer(engine, now, sa, message))


def _rekey_answer(engine: Ikev2Engine, now: float, sa: IkeSa, message: Message) -> tuple[AnyPayload, ...]:
    rekey, nonce = message.notify(Notify.REKEY_SA), message.first(NoncePayload)
    old = next((c for c in sa.live_children if rekey is not None and c.spi_out == rekey.spi), None)
    if rekey is not None and old is None:
        return (NotifyPayload(Notify.CHILD_SA_NOT_FOUND, protocol=Protocol.ESP, spi=rekey.spi),)
    settings: ChildSettings | None = sa.child_settings
    if settings is None or not isinstance(nonce, NoncePayload):
        return _refused(engine, sa, "NO_PROPOSAL_CHOSEN")
    shared = b""
    ke_out: tuple[AnyPayload, ...] = ()
    if settings.pfs_group:
        ke = message.first(KePayload)
        if not isinstance(ke, KePayload) or ke.group != settings.pfs_group:
            return _refused(engine, sa, "NO_PROPOSAL_CHOSEN")
        dh = generate(settings.pfs_group)
        try:
            shared = dh.shared(ke.data)
        except KeyExchangeError:
            return _refused(engine, sa, "NO_PROPOSAL_CHOSEN")
        ke_out = (KePayload(dh.group, dh.public),)
    my_nonce = engine.random(NONCE_BYTES)
    answer = accept(engine, now, sa, message, nonce.data, my_nonce, shared, settings.pfs_group)
    if not isinstance(answer[0], SaPayload):
        return answer
    return answer[0], NoncePayload(my_nonce), *ke_out, *answer[1:]


def on_response(engine: Ikev2Engine, now: float, sa: IkeSa, pending: Pending, message: Message) -> None:
    if pending.purpose == "rekey-ike":
        ike_rekey.on_response(engine, now, sa, pending, message)
        return
    nonce, ke, answer = message.first(NoncePayload), message.first(KePayload), message.first(SaPayload)
    shared = b""
    if pending.dh is not None:
        try:
            shared = pending.dh.shared(ke.data) if isinstance(ke, KePayload) else b""
        except KeyExchangeError:
            shared = b""
        if not shared:
            engine.fail(sa, sa.peer, "NO_PROPOSAL_CHOSEN", "initiator", stage="child")
            return
    peer_nonce = nonce.data if isinstance(nonce, NoncePayload) else b""
    kid = install(engine, now, sa, pending, message, answer if isinstance(answer, SaPayload) else None,
                  pending.nonce, peer_nonce, shared)
    old = pending.old_child
    if kid is not None and old is not None:  # the new child carries traffic; now retire the old one
        engine.send_request(now, sa, Exchange.INFORMATIONAL, (DeletePayload(Protocol.ESP, (old.spi_in,)),),
                            Pending("delete-child", 0, b"", 0.0, old_child=old))

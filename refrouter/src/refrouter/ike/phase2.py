"""Quick mode (RFC 2409 §5.5) under an established ISAKMP SA: three messages, optional PFS.

Initiator: QM1 = HASH(1) SA Ni [KE] IDci IDcr; on a valid QM2 it installs the SAs and sends QM3.
Responder: checks the proxies against its crypto map (mapping.py), picks the first acceptable offer
(transforms.py), answers QM2, installs the SAs on a valid QM3. A refused offer is answered with an
encrypted NO_PROPOSAL_CHOSEN / INVALID_ID_INFORMATION notify and
`%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Quick mode failed with peer at X`; both sides then record a
`proposalFailure` row in the IPsec failure table.
Counters: every quick-mode message sent/received is a P2 exchange (so a clean initiator shows out 2 / in 1
as in the seed guide); refusals count as P2 exchange rejects, bad HASHes as P2 exchange invalids.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import Any

from ..state.oper.sa import INITIATOR, RESPONDER, ProxyIdent
from . import keys, protection, transforms
from .cipher import DecryptError
from .codec import (
    EXCHANGE_QUICK,
    INVALID_ID_INFORMATION,
    NO_PROPOSAL_CHOSEN,
    DecodeError,
    HashPayload,
    IdPayload,
    IkeMessage,
    KePayload,
    NoncePayload,
    NotifyPayload,
    Payload,
    SaPayload,
    encode_payloads,
)
from .context import Ctx, StartRequest
from .esp import keymat_length
from .groups import DhKeyPair, KeyExchangeError, generate
from .mapping import EntryMatch, initiator_entry, responder_entry
from .phase1 import Phase1Session
from .proxy import id_to_ident, ident_to_id
from .retransmit import GIVE_UP, RESEND, Retransmitter


@dataclass
class ChildReady:
    """A finished quick mode: what the engine needs to install the tunnel on this side."""

    session: Phase1Session
    local_ident: ProxyIdent
    remote_ident: ProxyIdent
    offer: transforms.ReceivedOffer  # as negotiated (mode, lifetimes, PFS group)
    local_set: transforms.LocalSet
    map_name: str
    map_seq: int
    interface: str | None
    template: tuple[str, int] | None
    inbound_spis: dict[str, int]
    outbound_spis: dict[str, int]
    keymats: dict[tuple[str, str], bytes]  # (protocol, "in" | "out") -> key material


@dataclass
class QuickMode:
    message_id: int
    role: str
    local_ident: ProxyIdent
    remote_ident: ProxyIdent
    spis: dict[str, int]  # our inbound SPI per protocol
    iv: bytes
    nonce_i: bytes = b""
    nonce_r: bytes = b""
    dh: DhKeyPair | None = None
    rtx: Retransmitter = field(default_factory=Retransmitter)
    request: StartRequest | None = None
    offers: list[transforms.Offer] = field(default_factory=list)
    lifetime: transforms.Lifetime | None = None
    pfs_group: int | None = None
    child: ChildReady | None = None  # responder: ready once QM3 verifies
    done_at: float | None = None


# ---------------------------------------------------------------------------- shared


def _rest(payloads: tuple[Payload, ...]) -> tuple[Payload, ...]:
    return tuple(p for p in payloads if not isinstance(p, HashPayload))


def _bytes_of(payloads: tuple[Payload, ...]) -> bytes:
    return encode_payloads(payloads)


def _keymats(session: Phase1Session, offer: transforms.ReceivedOffer, inbound: dict[str, int],
             outbound: dict[str, int], nonce_i: bytes, nonce_r: bytes,
             pfs_secret: bytes) -> dict[tuple[str, str], bytes]:
    assert session.keys is not None
    result: dict[tuple[str, str], bytes] = {}
    for protocol, names in offer.protocols:
        length = keymat_length(names, offer.key_size)
        for direction, spis in (("in", inbound), ("out", outbound)):
            result[(protocol, direction)] = keys.keymat(session.hash_name, session.keys.skeyid_d, protocol,
                                                        spis[protocol], nonce_i, nonce_r, length, pfs_secret)
    return result


def _pfs_secret(dh: DhKeyPair | None, ke: KePayload | None) -> bytes | None:
    """g(qm)^xy, b"" without PFS, None when the KE payload is missing or invalid."""
    if dh is None:
        return b"" if ke is None else None
    if ke is None:
        return None
    try:
        return dh.shared(ke.data)
    except KeyExchangeError:
        return None


def _invalid(ctx: Ctx, session: Phase1Session) -> list[object]:
    session.sa.counters.in_p2_exchg_invalids += 1
    session.sa.counters.in_drop_pkts += 1
    return []


# ---------------------------------------------------------------------------- initiator


def start(ctx: Ctx, session: Phase1Session, request: StartRequest) -> QuickMode | None:
    """Send QM1 for a crypto map entry; None when the entry has nothing it may offer."""
    entry = (initiator_entry(ctx.config, request.map_name, request.seq)
             or protection.initiator_entry(ctx.config, ctx.oper, request.map_name))
    if entry is None:
        return None
    usable, weak = transforms.usable_sets(transforms.local_sets(ctx.config, entry.transform_sets), ctx.gate)
    pfs_group = transforms.parse_pfs(entry.pfs)
    weak += [w for w in [ctx.gate.pfs_weakness(pfs_group)] if w]
    if weak:
        ctx.log("weak_crypto", item=weak[0])
    transport = request.local_ident == ProxyIdent(request.local) and request.remote_ident == ProxyIdent(request.peer)
    offers = transforms.build_offers(usable, transport)
    if not offers or ctx.gate.pfs_weakness(pfs_group):
        return None
    message_id = ctx.random_int(1, 0xFFFFFFFF)
    protocols = {name for offer in offers for name, _ in transforms.set_protocols(offer.local.transform_set)}
    lifetime = transforms.entry_lifetime(ctx.config, entry)
    qm = QuickMode(message_id, INITIATOR, request.local_ident, request.remote_ident,
                   {name: ctx.new_spi() for name in sorted(protocols)}, session.exchange_iv(message_id),
                   nonce_i=ctx.random_bytes(ctx.settings.nonce_length), request=request, offers=offers,
                   lifetime=lifetime, pfs_group=pfs_group)
    qm.dh = generate(pfs_group) if pfs_group else None
    body: tuple[Payload, ...] = (
        transforms.offer_payload(offers, qm.spis, lifetime, pfs_group, session.nat), NoncePayload(qm.nonce_i),
        *((KePayload(qm.dh.public),) if qm.dh else ()), ident_to_id(qm.local_ident), ident_to_id(qm.remote_ident))
    _send(ctx, session, qm, (HashPayload(session.hash1(message_id, body)), *body), expect_reply=True)
    session.quick[message_id] = qm
    return qm


def _send(ctx: Ctx, session: Phase1Session, qm: QuickMode, payloads: tuple[Payload, ...], expect_reply: bool) -> None:
    raw, qm.iv = session.send_protected(ctx, EXCHANGE_QUICK, qm.message_id, qm.iv, payloads)
    session.sa.counters.out_p2_exchgs += 1
    qm.rtx.sent(raw, ctx.now(), ctx.retransmit_delay() if expect_reply else None)


def _on_qm2(ctx: Ctx, session: Phase1Session, qm: QuickMode, payloads: tuple[Payload, ...],
            iv: bytes) -> list[object]:
    assert session.keys is not None and qm.lifetime is not None and qm.request is not None
    rest = _rest(payloads)
    proof, nonce, reply = _find(payloads, HashPayload), _find(rest, NoncePayload), _find(rest, SaPayload)
    if proof is None or nonce is None or reply is None:
        return _invalid(ctx, session)
    expected = keys.qm_hash2(session.hash_name, session.keys.skeyid_a, qm.message_id, qm.nonce_i, _bytes_of(rest))
    chosen = transforms.accept_answer(qm.offers, qm.lifetime, qm.pfs_group, reply)
    secret = _pfs_secret(qm.dh, _find(rest, KePayload))
    if not hmac.compare_digest(expected, proof.data) or chosen is None or secret is None:
        return _invalid(ctx, session)
    session.sa.counters.in_p2_exchgs += 1
    offer, answer = chosen
    qm.nonce_r, qm.iv = nonce.data, iv
    peer_spis = dict(answer.spis)
    final = keys.qm_hash3(session.hash_name, session.keys.skeyid_a, qm.message_id, qm.nonce_i, qm.nonce_r)
    _send(ctx, session, qm, (HashPayload(final),), expect_reply=False)
    qm.done_at = ctx.now()
    request = qm.request
    return [ChildReady(session, qm.local_ident, qm.remote_ident, answer, offer.local, request.map_name, request.seq,
                       request.interface, None, qm.spis, peer_spis,
                       _keymats(session, answer, qm.spis, peer_spis, qm.nonce_i, qm.nonce_r, secret))]


def peer_refused(ctx: Ctx, session: Phase1Session, notify: NotifyPayload) -> None:
    """A NO_PROPOSAL_CHOSEN / INVALID_ID_INFORMATION notify naming one of our pending offers."""
    spi = int.from_bytes(notify.spi, "big") if len(notify.spi) == 4 else None
    for message_id, qm in list(session.quick.items()):
        if qm.role == INITIATOR and qm.done_at is None and spi in qm.spis.values():
            del session.quick[message_id]
            session.sa.counters.out_p2_exchg_rejects += 1
            ctx.oper.flowmib.ipsec.failure("proposalFailure", session.local, session.remote, session.sa.vrf)


# ---------------------------------------------------------------------------- responder


def _refuse(ctx: Ctx, session: Phase1Session, offered: SaPayload | None, notify_type: int) -> list[object]:
    ctx.log("mode_failure", mode="Quick", peer=session.remote)
    session.sa.counters.in_p2_exchg_rejects += 1
    session.sa.counters.out_notifys += 1
    first = next((p for p in offered.proposals if p.protocol in ("ah", "esp")), None) if offered else None
    spi, protocol = (first.spi, first.protocol) if first else (b"", "esp")
    session.send_info(ctx, (NotifyPayload(protocol, spi, notify_type),))
    ctx.oper.flowmib.ipsec.failure("proposalFailure", session.remote, session.local, session.sa.vrf)
    return []


def _proxies(session: Phase1Session, rest: tuple[Payload, ...]) -> tuple[ProxyIdent, ProxyIdent] | None:
    """(our local, our remote) from IDci/IDcr; the peers' addresses when the IDs are absent."""
    ids = [p for p in rest if isinstance(p, IdPayload)]
    if not ids:
        return ProxyIdent(session.local), ProxyIdent(session.remote)
    if len(ids) != 2:
        return None
    remote, local = id_to_ident(ids[0]), id_to_ident(ids[1])
    return (local, remote) if local and remote else None


def _responder_match(ctx: Ctx, session: Phase1Session, proxies: tuple[ProxyIdent, ProxyIdent]) -> EntryMatch | None:
    """A crypto map entry of the interface that owns the local address, else a protected tunnel."""
    return (responder_entry(ctx.config, session.local, session.remote, *proxies)
            or protection.responder_match(ctx.config, session.local, session.remote, *proxies))


def _choose(ctx: Ctx, match: EntryMatch, offered: SaPayload) -> tuple[transforms.ReceivedOffer,
                                                                      transforms.LocalSet] | None:
    sets, weak = transforms.usable_sets(transforms.local_sets(ctx.config, match.entry.transform_sets), ctx.gate)
    if weak:
        ctx.log("weak_crypto", item=weak[0])
    own_pfs = transforms.parse_pfs(match.entry.pfs)
    candidates = [o for o in transforms.parse_offers(offered) if transforms.pfs_acceptable(o.pfs_group, own_pfs,
                                                                                            ctx.gate)]
    return transforms.select_offer(candidates, sets)


def respond(ctx: Ctx, session: Phase1Session, msg: IkeMessage, raw: bytes) -> list[object]:
    """QM1 from the peer."""
    assert session.keys is not None and msg.encrypted is not None
    try:
        payloads, iv = session.unseal(session.exchange_iv(msg.message_id), msg)
    except (DecryptError, DecodeError):
        return _invalid(ctx, session)
    rest = _rest(payloads)
    proof, offered, nonce = _find(payloads, HashPayload), _find(rest, SaPayload), _find(rest, NoncePayload)
    if proof is None or not hmac.compare_digest(proof.data, session.hash1(msg.message_id, rest)) or nonce is None:
        return _invalid(ctx, session)
    session.sa.counters.in_p2_exchgs += 1
    proxies = _proxies(session, rest)
    match = _responder_match(ctx, session, proxies) if proxies and offered else None
    if match is None or proxies is None or offered is None:
        return _refuse(ctx, session, offered, INVALID_ID_INFORMATION)
    choice = _choose(ctx, match, offered)
    if choice is None:
        return _refuse(ctx, session, offered, NO_PROPOSAL_CHOSEN)
    return _answer(ctx, session, msg, raw, iv, rest, proxies, match, choice, nonce.data)


def _answer(ctx: Ctx, session: Phase1Session, msg: IkeMessage, raw: bytes, iv: bytes, rest: tuple[Payload, ...],
            proxies: tuple[ProxyIdent, ProxyIdent], match: EntryMatch,
            choice: tuple[transforms.ReceivedOffer, transforms.LocalSet], nonce_i: bytes) -> list[object]:
    assert session.keys is not None
    offer, local_set = choice
    dh = generate(offer.pfs_group) if offer.pfs_group else None
    secret = _pfs_secret(dh, _find(rest, KePayload))
    if secret is None:
        return _invalid(ctx, session)
    lifetime = transforms.negotiate_lifetime(offer.lifetime, transforms.entry_lifetime(ctx.config, match.entry))
    spis = {name: ctx.new_spi() for name, _ in offer.protocols}
    qm = QuickMode(msg.message_id, RESPONDER, proxies[0], proxies[1], spis, iv, nonce_i=nonce_i,
                   nonce_r=ctx.random_bytes(ctx.settings.nonce_length), dh=dh)
    negotiated = transforms.ReceivedOffer(offer.number, offer.protocols, offer.key_size, offer.mode, lifetime,
                                          offer.pfs_group, tuple(sorted(spis.items())))
    ids = tuple(p for p in rest if isinstance(p, IdPayload))
    answer = transforms.answer_payload(offer, spis, lifetime, session.nat)
    body: tuple[Payload, ...] = (answer, NoncePayload(qm.nonce_r), *((KePayload(dh.public),) if dh else ()), *ids)
    proof = keys.qm_hash2(session.hash_name, session.keys.skeyid_a, qm.message_id, nonce_i, _bytes_of(body))
    peer_spis = dict(offer.spis)
    qm.child = ChildReady(session, proxies[0], proxies[1], negotiated, local_set, match.map_name, match.seq,
                          match.interface, match.template, spis, peer_spis,
                          _keymats(session, negotiated, spis, peer_spis, nonce_i, qm.nonce_r, secret))
    session.quick[qm.message_id] = qm
    qm.rtx.accepted(raw)
    _send(ctx, session, qm, (HashPayload(proof), *body), expect_reply=True)
    return []


def _on_qm3(ctx: Ctx, session: Phase1Session, qm: QuickMode, payloads: tuple[Payload, ...],
            _iv: bytes) -> list[object]:
    assert session.keys is not None
    proof = _find(payloads, HashPayload)
    expected = keys.qm_hash3(session.hash_name, session.keys.skeyid_a, qm.message_id, qm.nonce_i, qm.nonce_r)
    if proof is None or not hmac.compare_digest(expected, proof.data) or qm.child is None:
        return _invalid(ctx, session)
    session.sa.counters.in_p2_exchgs += 1
    qm.rtx.stop()
    qm.done_at = ctx.now()
    return [qm.child]


# ---------------------------------------------------------------------------- dispatch and timers


def receive(ctx: Ctx, session: Phase1Session, msg: IkeMessage, raw: bytes) -> list[object]:
    if not session.established or msg.encrypted is None:
        session.sa.counters.in_drop_pkts += 1
        return []
    qm = session.quick.get(msg.message_id)
    if qm is None:
        return respond(ctx, session, msg, raw)
    if qm.rtx.is_repeat(raw) or qm.done_at is not None:  # a retransmission: answer with our last message
        if qm.rtx.last_sent is not None and qm.rtx.is_repeat(raw):
            session.send(ctx, qm.rtx.last_sent)
        return []
    try:
        payloads, iv = session.unseal(qm.iv, msg)
    except (DecryptError, DecodeError):
        return _invalid(ctx, session)
    step = _on_qm2 if qm.role == INITIATOR else _on_qm3
    events = step(ctx, session, qm, payloads, iv)
    if events:
        qm.rtx.accepted(raw)
    return events


def poll(ctx: Ctx, session: Phase1Session) -> None:
    """Retransmit pending quick modes, give up after the limit, forget finished ones."""
    now, delay, limit = ctx.now(), ctx.retransmit_delay(), ctx.settings.max_retransmits
    for message_id, qm in list(session.quick.items()):
        if qm.done_at is not None and now - qm.done_at > delay * (limit + 1):
            del session.quick[message_id]
            continue
        action = qm.rtx.poll(now, delay, limit)
        if action == RESEND and qm.rtx.last_sent is not None:
            session.send(ctx, qm.rtx.last_sent)
            session.sa.counters.out_p2_exchgs += 1
        elif action == GIVE_UP:
            del session.quick[message_id]
            ctx.oper.flowmib.ipsec.failure("peerLost", session.local, session.remote, session.sa.vrf)


def next_deadline(session: Phase1Session, delay: float, limit: int) -> float | None:
    times = [qm.rtx.due for qm in session.quick.values() if qm.rtx.due is not None]
    times += [qm.done_at + delay * (limit + 1) for qm in session.quick.values() if qm.done_at is not None]
    return min(times, default=None)


def _find(payloads: tuple[Payload, ...], kind: type) -> Any:
    return next((p for p in payloads if isinstance(p, kind)), None)

"""IKE_AUTH (RFC 7296 §1.2): identities, pre-shared-key AUTH (§2.15, symmetric or `pre-shared-key local` /
`remote`), profile selection by the peer's identity, and the first child SA."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from refrouter.ike.v2 import child
from refrouter.ike.v2.codec import Header, Message
from refrouter.ike.v2.config import Identity, Ikev2Profile, KeyringPeer
from refrouter.ike.v2.constants import AUTH_SHARED_KEY_MIC, Exchange, Notify, Payload
from refrouter.ike.v2.identities import from_payload, to_payload
from refrouter.ike.v2.keys import psk_auth
from refrouter.ike.v2.payloads import AuthPayload, IdPayload, NotifyPayload, SaPayload, TsPayload
from refrouter.ike.v2.sa import IkeSa, IkeState, Pending
from refrouter.ike.v2.selection import child_offer, find_peer, keyring_of, select_profile

if TYPE_CHECKING:
    from refrouter.ike.v2.engine import Ikev2Engine

CHILD_SPI_BYTES = 4


def _keyring_peer(engine: Ikev2Engine, profile: Ikev2Profile, address: str,
                  identity: Identity | None) -> KeyringPeer | None:
    keyring = keyring_of(engine.config, profile)
    return None if keyring is None else find_peer(keyring, address, identity)


def _local_id(sa: IkeSa, profile: Ikev2Profile, kind: int) -> IdPayload:
    return to_payload(kind, profile.local_identity or Identity("address", sa.local))


def _auth_value(sa: IkeSa, key: str, sent_by_initiator: bool, id_payload: IdPayload) -> bytes:
    assert sa.keys is not None and sa.suite is not None and sa.suite.prf is not None
    if sent_by_initiator:
        return psk_auth(sa.suite.prf, key, sa.init_request, sa.nonce_r, sa.keys.pi, id_payload.to_body())
    return psk_auth(sa.suite.prf, key, sa.init_response, sa.nonce_i, sa.keys.pr, id_payload.to_body())


def start(engine: Ikev2Engine, now: float, sa: IkeSa) -> None:
    profile, settings = sa.profile, sa.child_settings
    assert profile is not None and settings is not None
    entry = _keyring_peer(engine, profile, sa.peer, None)
    key = entry.key_to_send if entry is not None else None
    if key is None:
        engine.fail(sa, sa.peer, "NO_KEY", "initiator")
        return
    idi = _local_id(sa, profile, Payload.IDI)
    spi = engine.random(CHILD_SPI_BYTES)
    payloads = (idi, AuthPayload(AUTH_SHARED_KEY_MIC, _auth_value(sa, key, True, idi)),
                NotifyPayload(Notify.INITIAL_CONTACT), child_offer(settings.transforms, None, spi),
                TsPayload(Payload.TSI, settings.local_ts), TsPayload(Payload.TSR, settings.remote_ts))
    engine.send_request(now, sa, Exchange.IKE_AUTH, payloads, Pending("auth", 0, b"", 0.0, child_spi=spi))


def _verified(sa: IkeSa, entry: KeyringPeer | None, auth: AuthPayload, id_payload: IdPayload,
              sent_by_initiator: bool) -> bool:
    key = entry.key_to_verify if entry is not None else None
    if key is None or auth.method != AUTH_SHARED_KEY_MIC:
        return False
    return hmac.compare_digest(_auth_value(sa, key, sent_by_initiator, id_payload), auth.data)


def respond(engine: Ikev2Engine, now: float, sa: IkeSa, header: Header, raw: bytes, message: Message) -> None:
    idi = next((p for p in message.payloads if isinstance(p, IdPayload) and p.kind == Payload.IDI), None)
    auth = message.first(AuthPayload)
    remote = from_payload(idi) if idi is not None else None
    if idi is None or remote is None or not isinstance(auth, AuthPayload):
        _refuse(engine, sa, header, raw, "AUTHENTICATION_FAILED")
        return
    profile = select_profile(engine.config, remote)
    if profile is None:
        _refuse(engine, sa, header, raw, "NO_PROFILE")
        return
    entry = _keyring_peer(engine, profile, sa.peer, remote)
    if not _verified(sa, entry, auth, idi, True):
        _refuse(engine, sa, header, raw, "AUTHENTICATION_FAILED")
        return
    assert entry is not None
    key = entry.key_to_send
    if key is None:
        _refuse(engine, sa, header, raw, "NO_KEY")
        return
    sa.profile, sa.remote_identity, sa.lifetime = profile, remote, profile.lifetime
    sa.child_settings = engine.responder_child(sa, profile, child.selectors(message, Payload.TSI),
                                               child.selectors(message, Payload.TSR))
    idr = _local_id(sa, profile, Payload.IDR)
    child_payloads = child.accept(engine, now, sa, message, sa.nonce_i, sa.nonce_r, b"")
    engine.send_response(sa, header, raw, Exchange.IKE_AUTH,
                         (idr, AuthPayload(AUTH_SHARED_KEY_MIC, _auth_value(sa, key, False, idr)), *child_payloads))
    _up(engine, sa)


def _up(engine: Ikev2Engine, sa: IkeSa) -> None:
    sa.state = IkeState.READY
    engine.log("sa_up", local=sa.local, peer=sa.peer)


def _refuse(engine: Ikev2Engine, sa: IkeSa, header: Header, raw: bytes, outcome: str) -> None:
    """IOS answers AUTHENTICATION_FAILED whatever the local reason (no profile, no key, wrong AUTH)."""
    engine.send_response(sa, header, raw, Exchange.IKE_AUTH, (NotifyPayload(Notify.AUTHENTICATION_FAILED),))
    engine.fail(sa, sa.peer, outcome, "responder")


def on_response(engine: Ikev2Engine, now: float, sa: IkeSa, pending: Pending, message: Message) -> None:
    idr = next((p for p in message.payloads if isinstance(p, IdPayload) and p.kind == Payload.IDR), None)
    auth = message.first(AuthPayload)
    remote = from_payload(idr) if idr is not None else None
    assert sa.profile is not None
    entry = _keyring_peer(engine, sa.profile, sa.peer, remote)
    if idr is None or remote is None or not isinstance(auth, AuthPayload) or not _verified(sa, entry, auth, idr, False):
        engine.fail(sa, sa.peer, "AUTHENTICATION_FAILED", "initiator")
        return
    sa.remote_identity = remote
    _up(engine, sa)
    sa_payload = message.first(SaPayload)
    child.install(engine, now, sa, pending, message, sa_payload if isinstance(sa_payload, SaPayload) else None,
                  sa.nonce_i, sa.nonce_r, b"")

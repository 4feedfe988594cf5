"""Main mode with pre-shared keys (RFC 2409 §5.4): one ISAKMP SA, initiator or responder.

States (show crypto isakmp sa): initiator MM_NO_STATE after message 1, MM_SA_SETUP after 3,
MM_KEY_EXCH after 5, QM_IDLE on a verified message 6; responder MM_SA_SETUP after 2, MM_KEY_EXCH after 4,
QM_IDLE after 6. Messages 5 and 6 are encrypted with the SKEYID_e key; a wrong pre-shared key makes the
responder decrypt garbage or compute a different HASH_I, so it logs IKMP_BAD_MESSAGE, stays in
MM_KEY_EXCH and the initiator retransmits until it gives up (ios-ike-semantics.md §4). A deleted SA
shows `MM_NO_STATE ... ACTIVE (deleted)` for `deleted_linger`, then disappears.
"""

from __future__ import annotations

import hmac
from typing import Any, ClassVar

from ..state.config.ikev1 import IsakmpProfile
from ..state.oper.sa import INITIATOR, MM_KEY_EXCH, MM_NO_STATE, MM_SA_SETUP, QM_IDLE, RESPONDER, IkeSa
from . import keys, natt, policy, profiles, vendor
from .cipher import DecryptError, Phase1Cipher, exchange_iv, initial_iv, phase1_cipher
from .codec import (
    EXCHANGE_INFO,
    EXCHANGE_MAIN,
    NO_PROPOSAL_CHOSEN,
    PT_ID,
    DecodeError,
    DeletePayload,
    HashPayload,
    IdPayload,
    IkeMessage,
    KePayload,
    NatDPayload,
    NoncePayload,
    NotifyPayload,
    Payload,
    SaPayload,
    decode_payloads,
    encode,
    encode_payloads,
    first_type,
    payload_bytes,
)
from .context import IKE_PORT, NATT_PORT, ChildDeleted, Ctx, Established, IkeDeleted, StartRequest
from .dpd import Dpd
from .groups import DhKeyPair, KeyExchangeError, generate
from .identity import ADDRESS, Identity, from_payload, own_identity
from .keyring import PresharedKey
from .retransmit import GIVE_UP, RESEND, Retransmitter

ZERO_COOKIE = bytes(8)


class Phase1Session:
    def __init__(self, sa: IkeSa, icookie: bytes, key: PresharedKey | None,
                 profile: IsakmpProfile | None = None) -> None:
        self.sa = sa
        self.icookie = icookie
        self.rcookie = ZERO_COOKIE
        self.key = key
        self._psk = key.secret if key else None
        self.profile = profile  # initiator: the crypto map's; responder: chosen by the peer's identity
        self.sa.profile = profile.name if profile else None
        self.peer_dpd = False  # the peer advertised the DPD vendor ID
        self.dpd: Dpd | None = None  # running when both sides do DPD and a keepalive is configured
        self.successor_started = False  # ISAKMP rekey: a new main mode to the peer is under way
        self.predecessor: Phase1Session | None = None  # the SA this one replaces once established
        self.offered: list[policy.LocalPolicy] = []
        self.choice: policy.PolicyChoice | None = None
        self.sai_b = b""
        self._dh: DhKeyPair | None = None
        self.nonce_i = self.nonce_r = self.gxi = self.gxr = b""
        self.keys: keys.Phase1Keys | None = None
        self.cipher: Phase1Cipher | None = None
        self._enc_key = b""
        self._iv = b""
        self.last_block = b""  # last CBC block of message 6: seeds quick mode and informational IVs
        self.rtx = Retransmitter()
        self.pending: list[StartRequest] = []
        self.quick: dict[int, Any] = {}  # message id -> phase2.QuickMode
        self._failure_reason: str | None = None
        self.natt = False  # both peers advertised RFC 3947
        self.nat = False  # NAT-D showed a NAT (or a peer faking one): UDP 4500 and UDP-encapsulated ESP
        self.local_port = self.peer_port = IKE_PORT

    # ------------------------------------------------------------------ properties

    @property
    def local(self) -> str:
        return self.sa.local

    @property
    def remote(self) -> str:
        return self.sa.remote

    @property
    def established(self) -> bool:
        return self.sa.active

    @property
    def hash_name(self) -> str:
        assert self.choice is not None
        return self.choice.local.policy.hash

    # ------------------------------------------------------------------ sending

    def _message(self, exchange: int, payloads: tuple[Payload, ...] = (), message_id: int = 0,
                 encrypted: bytes | None = None, first: int = 0) -> bytes:
        return encode(IkeMessage(self.icookie, self.rcookie, exchange, message_id, payloads, encrypted, first))

    def send(self, ctx: Ctx, raw: bytes) -> None:
        ctx.send(self.sa.counters, self.local, self.remote, raw, self.local_port, self.peer_port)

    def heard_on(self, local_port: int, peer_port: int) -> None:
        """The peer moved to UDP 4500 (RFC 3947 §4): answer there from now on."""
        if local_port == NATT_PORT:
            self.local_port, self.peer_port = local_port, peer_port

    def _natd(self) -> tuple[Payload, ...]:
        if not self.natt:
            return ()
        return natt.natd_payloads(self.hash_name, self.icookie, self.rcookie, (self.local, self.local_port),
                                  (self.remote, self.peer_port))

    def _check_nat(self, msg: IkeMessage) -> None:
        received = [p for p in msg.payloads if isinstance(p, NatDPayload)]
        if self.natt:
            self.nat = natt.nat_detected(self.hash_name, self.icookie, self.rcookie, received,
                                         (self.local, self.local_port), (self.remote, self.peer_port))

    def _send_main(self, ctx: Ctx, raw: bytes, expect_reply: bool) -> None:
        self.rtx.sent(raw, ctx.now(), ctx.retransmit_delay() if expect_reply else None)
        self.send(ctx, raw)

    def _identity(self, ctx: Ctx) -> IdPayload:
        return own_identity(ctx.config, self.profile, self.local).payload()

    # ------------------------------------------------------------------ initiator

    def initiate(self, ctx: Ctx) -> None:
        usable = policy.usable_policies(ctx.config, ctx.gate, has_psk=True)
        if usable.weak_skipped:
            ctx.log("weak_crypto", item=usable.weak_skipped[0])
        self.offered = usable.policies
        offer = policy.build_offer(self.offered)
        self.sai_b = payload_bytes(offer)
        self._send_main(ctx, self._message(EXCHANGE_MAIN, (offer, natt.RFC3947)), expect_reply=True)

    def _on_mm2(self, ctx: Ctx, msg: IkeMessage) -> bool:
        reply = msg.find(SaPayload)
        choice = policy.accept_answer(self.offered, reply) if reply else None
        if choice is None or msg.rcookie == ZERO_COOKIE:
            return False
        self.rcookie = msg.rcookie
        self.natt = natt.advertised(msg.payloads)
        self._chose(ctx, choice)
        self._dh = generate(choice.local.policy.group)
        self.gxi, self.nonce_i = self._dh.public, ctx.random_bytes(ctx.settings.nonce_length)
        self.sa.state = MM_SA_SETUP
        payloads = (KePayload(self.gxi), NoncePayload(self.nonce_i), *vendor.KEY_EXCHANGE, *self._natd())
        self._send_main(ctx, self._message(EXCHANGE_MAIN, payloads), True)
        return True

    def _on_mm4(self, ctx: Ctx, msg: IkeMessage) -> bool:
        ke, nonce = msg.find(KePayload), msg.find(NoncePayload)
        if ke is None or nonce is None or not self._derive(ke.data, nonce.data, responder=False):
            return False
        self._check_nat(msg)
        self.peer_dpd = vendor.advertises_dpd(msg.payloads)
        if self.nat:
            self.local_port = self.peer_port = NATT_PORT
        identity = self._identity(ctx)
        proof = keys.hash_i(self.hash_name, self.keys.skeyid, self.gxi, self.gxr, self.icookie,  # type: ignore
                            self.rcookie, self.sai_b, payload_bytes(identity))
        sealed = self._seal_main((identity, HashPayload(proof)))
        self.sa.state = MM_KEY_EXCH
        self._send_main(ctx, self._message(EXCHANGE_MAIN, encrypted=sealed, first=PT_ID), True)
        return True

    def _on_mm6(self, ctx: Ctx, msg: IkeMessage) -> bool:
        payloads = self._open_main(ctx, msg)
        identity, proof = _find(payloads, IdPayload), _find(payloads, HashPayload)
        if identity is None or proof is None or self._peer_identity(identity) is None:
            return self._auth_failed(ctx)
        expected = keys.hash_r(self.hash_name, self.keys.skeyid, self.gxi, self.gxr, self.icookie,  # type: ignore
                               self.rcookie, self.sai_b, payload_bytes(identity))
        if not hmac.compare_digest(expected, proof.data):
            return self._auth_failed(ctx)
        if not self._initiator_profile_ok(identity):
            return self._profile_failed(ctx)
        self.sa.peer_identity = self._peer_identity(identity).value  # type: ignore[union-attr]
        self.last_block = self.cipher.last_block(msg.encrypted)  # type: ignore[union-attr, arg-type]
        return True

    # ------------------------------------------------------------------ responder

    def respond(self, ctx: Ctx, msg: IkeMessage, raw: bytes) -> None:
        """Message 1: pick a policy (own order outer, offers inner) or refuse with NO_PROPOSAL_CHOSEN."""
        offer = msg.find(SaPayload)
        if self._psk is None:
            ctx.log("no_preshared_key", peer=self.remote)
        usable = policy.usable_policies(ctx.config, ctx.gate, has_psk=self._psk is not None)
        if usable.weak_skipped:
            ctx.log("weak_crypto", item=usable.weak_skipped[0])
        choice = policy.select_policy(usable.policies, offer, ctx.settings.lifetime_rule) if offer else None
        self.rcookie = ctx.random_bytes(8)
        self.rtx.accepted(raw)
        if choice is None:
            ctx.log("mode_failure", mode="Main", peer=self.remote)
            notify = NotifyPayload("isakmp", self.icookie + self.rcookie, NO_PROPOSAL_CHOSEN)
            self.sa.counters.out_notifys += 1
            self._send_main(ctx, self._message(EXCHANGE_INFO, (notify,)), expect_reply=False)
            self.fail(ctx, "proposalFailure")
            return
        self.sai_b = payload_bytes(offer)
        self.natt = natt.advertised(msg.payloads)
        self._chose(ctx, choice)
        self.sa.state = MM_SA_SETUP
        answer = (policy.answer(choice), *((natt.RFC3947,) if self.natt else ()))
        self._send_main(ctx, self._message(EXCHANGE_MAIN, answer), True)

    def _on_mm3(self, ctx: Ctx, msg: IkeMessage) -> bool:
        ke, nonce = msg.find(KePayload), msg.find(NoncePayload)
        if ke is None or nonce is None:
            return False
        self._dh = generate(self.choice.local.policy.group)  # type: ignore[union-attr]
        self.gxr, self.nonce_r = self._dh.public, ctx.random_bytes(ctx.settings.nonce_length)
        if not self._derive(ke.data, nonce.data, responder=True):
            return False
        self._check_nat(msg)
        self.peer_dpd = vendor.advertises_dpd(msg.payloads)
        self.sa.state = MM_KEY_EXCH
        payloads = (KePayload(self.gxr), NoncePayload(self.nonce_r), *vendor.KEY_EXCHANGE, *self._natd())
        self._send_main(ctx, self._message(EXCHANGE_MAIN, payloads), True)
        return True

    def _on_mm5(self, ctx: Ctx, msg: IkeMessage) -> bool:
        payloads = self._open_main(ctx, msg)
        identity, proof = _find(payloads, IdPayload), _find(payloads, HashPayload)
        peer = self._peer_identity(identity) if identity is not None else None
        if peer is None or proof is None:
            return self._auth_failed(ctx)
        expected = keys.hash_i(self.hash_name, self.keys.skeyid, self.gxi, self.gxr, self.icookie,  # type: ignore
                               self.rcookie, self.sai_b, payload_bytes(identity))
        if not hmac.compare_digest(expected, proof.data):
            return self._auth_failed(ctx)
        if not self._select_profile(ctx, peer):
            return self._profile_failed(ctx)
        self.sa.peer_identity = peer.value
        self._iv = self.cipher.last_block(msg.encrypted)  # type: ignore[union-attr, arg-type]
        own = self._identity(ctx)
        proof_r = keys.hash_r(self.hash_name, self.keys.skeyid, self.gxi, self.gxr, self.icookie,  # type: ignore
                              self.rcookie, self.sai_b, payload_bytes(own))
        sealed = self._seal_main((own, HashPayload(proof_r)))
        self.last_block = self.cipher.last_block(sealed)  # type: ignore[union-attr]
        self._send_main(ctx, self._message(EXCHANGE_MAIN, encrypted=sealed, first=PT_ID), expect_reply=False)
        return True

    # ------------------------------------------------------------------ shared main-mode steps

    def _chose(self, ctx: Ctx, choice: policy.PolicyChoice) -> None:
        self.choice = choice
        self.sa.policy = choice.negotiated()
        if choice.local.is_default:
            ctx.log("policy_default")

    def _derive(self, peer_public: bytes, peer_nonce: bytes, responder: bool) -> bool:
        """DH + SKEYID_*: returns False when the peer's KE is invalid."""
        assert self._dh is not None and self.choice is not None and self._psk is not None
        try:
            gxy = self._dh.shared(peer_public)
        except KeyExchangeError:
            return False
        if responder:
            self.gxi, self.nonce_i = peer_public, peer_nonce
        else:
            self.gxr, self.nonce_r = peer_public, peer_nonce
        suite = self.choice.local.policy
        self.keys = keys.derive_phase1(suite.hash, self._psk, self.nonce_i, self.nonce_r, gxy, self.icookie,
                                       self.rcookie)
        self.cipher = phase1_cipher(suite.encryption, policy.key_size(suite))
        self._enc_key = keys.expand(suite.hash, self.keys.skeyid_e, self.cipher.key_length)
        self._iv = initial_iv(suite.hash, self.cipher, self.gxi, self.gxr)
        return True

    def _seal_main(self, payloads: tuple[Payload, ...]) -> bytes:
        assert self.cipher is not None
        sealed = self.cipher.encrypt(self._enc_key, self._iv, encode_payloads(payloads))
        self._iv = self.cipher.last_block(sealed)
        return sealed

    def _open_main(self, ctx: Ctx, msg: IkeMessage) -> tuple[Payload, ...]:
        if msg.encrypted is None or self.cipher is None:
            return ()
        try:
            return decode_payloads(self.cipher.decrypt(self._enc_key, self._iv, msg.encrypted), msg.first_payload)
        except (DecryptError, DecodeError):
            return ()

    def _peer_identity(self, payload: IdPayload) -> Identity | None:
        """The peer's identity; an address identity must be the peer's address (no NAT of IKE is modelled)."""
        identity = from_payload(payload)
        if identity is None or (identity.kind == ADDRESS and identity.value != self.remote):
            return None
        return identity

    def _select_profile(self, ctx: Ctx, peer: Identity) -> bool:
        """Responder: the profile the peer's identity matches, verified against the key's keyring."""
        assert self.key is not None
        profile = profiles.profile_for_identity(ctx.config, peer, self.sa.vrf)
        if not profiles.verifies(profile, self.key):
            return False
        self.profile = profile
        self.sa.profile = profile.name if profile else None
        return True

    def _initiator_profile_ok(self, payload: IdPayload) -> bool:
        """Initiator: a profile with `match identity` lines must match the responder's identity."""
        peer = from_payload(payload)
        if self.profile is None or not self.profile.match_identities:
            return True
        return peer is not None and profiles.identity_matches(self.profile, peer, self.sa.vrf)

    def _profile_failed(self, ctx: Ctx) -> bool:
        """The key verified but no usable ISAKMP profile: phase 1 fails like an authentication failure."""
        ctx.log("mode_failure", mode="Main", peer=self.remote)
        if self._failure_reason is None:
            ctx.oper.flowmib.ike.event(self.sa.vrf, "auth_fails")
            self._failure_reason = "authFailure"
        return False

    def _auth_failed(self, ctx: Ctx) -> bool:
        """Wrong key (garbage after decryption, or a HASH that does not verify)."""
        ctx.log("bad_message", peer=self.remote)
        if self._failure_reason is None:  # one authentication failure per SA, however often the peer retries
            ctx.oper.flowmib.ike.event(self.sa.vrf, "auth_fails")
            self._failure_reason = "authFailure"
        return False

    # ------------------------------------------------------------------ main-mode dispatch

    _STEPS: ClassVar[dict[tuple[str, str], Any]] = {
        (INITIATOR, MM_NO_STATE): _on_mm2,
        (INITIATOR, MM_SA_SETUP): _on_mm4,
        (INITIATOR, MM_KEY_EXCH): _on_mm6,
        (RESPONDER, MM_SA_SETUP): _on_mm3,
        (RESPONDER, MM_KEY_EXCH): _on_mm5,
    }

    def handle_main(self, ctx: Ctx, msg: IkeMessage, raw: bytes) -> list[object]:
        if self.rtx.is_repeat(raw):  # the peer lost our answer: send it again
            if self.rtx.last_sent is not None:
                self.send(ctx, self.rtx.last_sent)
            return []
        step = self._STEPS.get((self.sa.role, self.sa.state))
        cookies_ok = self.rcookie in (ZERO_COOKIE, msg.rcookie)
        if step is None or not cookies_ok or not step(self, ctx, msg):
            self.sa.counters.in_drop_pkts += 1
            return []
        self.rtx.accepted(raw)
        if self.last_block and self.sa.state == MM_KEY_EXCH:  # message 5 or 6 verified
            self._establish(ctx)
            return [Established()]
        return []

    def _establish(self, ctx: Ctx) -> None:
        assert self.sa.policy is not None
        now = ctx.now()
        self.sa.state = QM_IDLE
        self.sa.established = now
        self.sa.expires = now + self.sa.policy.lifetime
        settings = profiles.keepalive(ctx.config, self.profile)
        self.sa.keepalive = settings is not None and self.peer_dpd
        self.dpd = Dpd.start(settings, now, ctx.rng) if settings is not None and self.peer_dpd else None
        self.rtx.due = None
        ctx.oper.flowmib.ike.tunnel_started(self.sa)

    # ------------------------------------------------------------------ ending

    def fail(self, ctx: Ctx, reason: str) -> None:
        """Negotiation failed before QM_IDLE: failure row, init/resp failure counter, linger as deleted."""
        ctx.oper.flowmib.ike.failure(reason, self.local, self.remote, self.sa.vrf)
        counter = "init_tunnel_fails" if self.sa.role == INITIATOR else "resp_tunnel_fails"
        ctx.oper.flowmib.ike.event(self.sa.vrf, counter)
        self.abort(ctx)

    def close(self, ctx: Ctx, reason: str, notify_peer: bool) -> None:
        """End an established SA (lifetime, clear, peer delete): history row, optional DELETE to the peer."""
        if notify_peer and self.established:
            self.sa.counters.out_notifys += 1
            self.send_info(ctx, (DeletePayload("isakmp", (self.icookie + self.rcookie,)),))
        ctx.oper.flowmib.ike.tunnel_ended(self.sa, reason)
        self.abort(ctx)

    def abort(self, ctx: Ctx) -> None:
        """Mark the SA deleted (it lingers as `ACTIVE (deleted)`), dropping timers and pending work."""
        self.sa.deleted = True
        self.sa.deleted_at = ctx.now()
        self.sa.state = MM_NO_STATE
        self.rtx.stop()
        self.pending.clear()
        self.quick.clear()

    def poll(self, ctx: Ctx) -> None:
        """Retransmit, give up, or expire."""
        if self.sa.deleted:
            return
        action = self.rtx.poll(ctx.now(), ctx.retransmit_delay(), ctx.settings.max_retransmits)
        if action == RESEND and self.rtx.last_sent is not None:
            self.send(ctx, self.rtx.last_sent)
        elif action == GIVE_UP:
            self.fail(ctx, self._failure_reason or "peerLost")
        elif self.established and self.sa.expires is not None and ctx.now() >= self.sa.expires:
            self.close(ctx, "normal", notify_peer=True)

    def next_deadline(self) -> float | None:
        if self.sa.deleted:
            return None
        dpd_due = self.dpd.due() if self.dpd is not None and self.established else None
        times = [t for t in (self.rtx.due, self.sa.expires if self.established else None, dpd_due) if t is not None]
        return min(times, default=None)

    # ------------------------------------------------------------------ protected exchanges (quick mode, info)

    def seal(self, iv: bytes, payloads: tuple[Payload, ...]) -> tuple[bytes, bytes]:
        """Encrypt a payload block under this SA; returns (ciphertext, next IV)."""
        assert self.cipher is not None
        sealed = self.cipher.encrypt(self._enc_key, iv, encode_payloads(payloads))
        return sealed, self.cipher.last_block(sealed)

    def unseal(self, iv: bytes, msg: IkeMessage) -> tuple[tuple[Payload, ...], bytes]:
        """Decrypt an encrypted message's payload chain; raises DecryptError or DecodeError."""
        assert self.cipher is not None and msg.encrypted is not None
        ciphertext = msg.encrypted
        payloads = decode_payloads(self.cipher.decrypt(self._enc_key, iv, ciphertext), msg.first_payload)
        return payloads, self.cipher.last_block(ciphertext)

    def exchange_iv(self, message_id: int) -> bytes:
        assert self.cipher is not None
        return exchange_iv(self.hash_name, self.cipher, self.last_block, message_id)

    def hash1(self, message_id: int, payloads: tuple[Payload, ...]) -> bytes:
        assert self.keys is not None
        body = encode_payloads(payloads)
        return keys.qm_hash1(self.hash_name, self.keys.skeyid_a, message_id, body)

    def send_protected(self, ctx: Ctx, exchange: int, message_id: int, iv: bytes,
                       payloads: tuple[Payload, ...]) -> tuple[bytes, bytes]:
        sealed, next_iv = self.seal(iv, payloads)
        raw = self._message(exchange, message_id=message_id, encrypted=sealed, first=first_type(payloads))
        self.send(ctx, raw)
        return raw, next_iv

    def send_info(self, ctx: Ctx, payloads: tuple[Payload, ...]) -> None:
        """Informational exchange: HASH(1) | notify/delete payloads, encrypted."""
        message_id = ctx.random_int(1, 0xFFFFFFFF)
        proof = HashPayload(self.hash1(message_id, payloads))
        self.send_protected(ctx, EXCHANGE_INFO, message_id, self.exchange_iv(message_id), (proof, *payloads))

    def receive_info(self, ctx: Ctx, msg: IkeMessage) -> list[object]:
        counters = self.sa.counters
        if msg.encrypted is None or not self.established:
            counters.in_notifys += sum(isinstance(p, NotifyPayload) for p in msg.payloads)
            return []  # an unauthenticated notify is ignored ("Notify has no hash. Rejected.")
        try:
            payloads, _ = self.unseal(self.exchange_iv(msg.message_id), msg)
        except (DecryptError, DecodeError):
            counters.in_drop_pkts += 1
            ctx.oper.flowmib.ike.event(self.sa.vrf, "decrypt_fails")
            return []
        proof, rest = _find(payloads, HashPayload), tuple(p for p in payloads if not isinstance(p, HashPayload))
        if proof is None or not hmac.compare_digest(proof.data, self.hash1(msg.message_id, rest)):
            counters.in_drop_pkts += 1
            ctx.oper.flowmib.ike.event(self.sa.vrf, "hash_valid_fails")
            return []
        if self.dpd is not None:  # any authenticated message, an R-U-THERE-ACK included, shows the peer alive
            self.dpd.heard(ctx.now())
        for notify in (p for p in rest if isinstance(p, NotifyPayload) and p.message_type == vendor.R_U_THERE):
            self.send_info(ctx, (NotifyPayload("isakmp", notify.spi, vendor.R_U_THERE_ACK, notify.data),))
        return self._info_events(rest)

    def send_r_u_there(self, ctx: Ctx, sequence: int) -> None:
        """RFC 3706 R-U-THERE: SPI = the cookies, data = the 32-bit sequence number."""
        notify = NotifyPayload("isakmp", self.icookie + self.rcookie, vendor.R_U_THERE, sequence.to_bytes(4, "big"))
        self.sa.counters.out_notifys += 1
        self.send_info(ctx, (notify,))

    def _info_events(self, payloads: tuple[Payload, ...]) -> list[object]:
        events: list[object] = []
        counters = self.sa.counters
        for payload in payloads:
            if isinstance(payload, NotifyPayload):
                counters.in_notifys += 1
                events.append(payload)
            elif isinstance(payload, DeletePayload) and payload.protocol == "isakmp":
                counters.in_notifys += 1
                events.append(IkeDeleted())
            elif isinstance(payload, DeletePayload):
                counters.in_p2_sa_del_requests += 1
                spis = tuple(int.from_bytes(s, "big") for s in payload.spis if len(s) == 4)
                events.append(ChildDeleted(payload.protocol, spis))
        return events


def _find(payloads: tuple[Payload, ...], kind: type) -> Any:
    return next((p for p in payloads if isinstance(p, kind)), None)

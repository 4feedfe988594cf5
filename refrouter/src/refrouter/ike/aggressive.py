"""Aggressive mode with pre-shared keys (RFC 2409 §5.4): three messages, identities in the clear.

  1  I -> R  SA, KE, Ni, IDii (+ vendor IDs)        initiator: AG_INIT_EXCH
  2  R -> I  SA, KE, Nr, IDir, HASH_R (+ vendor IDs)  responder: AG_INIT_EXCH
  3  I -> R  HASH_I, encrypted (IOS encrypts it; IV as for main-mode message 5)  both: QM_IDLE

NAT traversal (RFC 3947 §4): the RFC 3947 vendor ID in messages 1/2, NAT-D in messages 2 and 3; with a NAT
(or a peer that fakes one) the initiator sends message 3 to UDP 4500 and the SA stays there. A message 3 in
the clear (RFC 2409's form, as other implementations send it) is accepted too; quick-mode IVs then start
from the phase-1 IV.

Because the identity comes with message 1, the responder finds the key by it: an address identity looks up
address keys, an FQDN/user-FQDN identity hostname keys (keyring.py), and the ISAKMP profile is chosen before
answering. One DH group travels in message 1, so the initiator offers only its policies with the group of
its first usable policy. The initiator uses aggressive mode when the crypto map's ISAKMP profile says
`initiate mode aggressive`; `crypto isakmp aggressive-mode disable` stops both directions (Cisco command
reference: "block all ISAKMP aggressive mode requests to and from a device"). Phase-2 IVs start from the last
CBC block of message 3.
"""

from __future__ import annotations

import hmac

from ..state.config.ikev1 import IsakmpProfile
from ..state.oper.sa import AG_INIT_EXCH, AG_NO_STATE, INITIATOR
from . import keyring, keys, natt, policy, vendor
from .codec import (
    EXCHANGE_AGGRESSIVE,
    HashPayload,
    IdPayload,
    IkeMessage,
    KePayload,
    NatDPayload,
    NoncePayload,
    Payload,
    SaPayload,
    first_type,
    payload_bytes,
)
from .context import NATT_PORT, Ctx, Established
from .groups import generate
from .identity import ADDRESS, Identity
from .keyring import PresharedKey
from .phase1 import Phase1Session


def key_for_identity(ctx: Ctx, local: str, peer: Identity, peer_address: str) -> PresharedKey | None:
    if peer.kind == ADDRESS:
        return keyring.key_for_address(ctx.config, local, peer_address)
    return keyring.key_for_hostname(ctx.config, local, peer.value)


def disabled(ctx: Ctx) -> bool:
    return ctx.config.ikev1.globals.aggressive_mode_disabled


class AggressiveSession(Phase1Session):
    """One ISAKMP SA negotiated in aggressive mode."""

    _idii_b = b""  # responder: the initiator's ID payload body, for HASH_I
    _rejected = b""  # the last message that failed verification: its retransmissions are dropped unlogged

    def _send_aggressive(self, ctx: Ctx, payloads: tuple[object, ...] = (), encrypted: bytes | None = None,
                         first: int = 0, expect_reply: bool = True) -> None:
        raw = self._message(EXCHANGE_AGGRESSIVE, payloads, encrypted=encrypted, first=first)  # type: ignore[arg-type]
        self._send_main(ctx, raw, expect_reply)

    # ------------------------------------------------------------------ initiator

    def initiate(self, ctx: Ctx) -> None:
        self.sa.aggressive = True
        usable = policy.usable_policies(ctx.config, ctx.gate, has_psk=True).policies
        if not usable:
            self.fail(ctx, "proposalFailure")
            return
        group = usable[0].policy.group
        self.offered = [p for p in usable if p.policy.group == group]
        offer = policy.build_offer(self.offered)
        self.sai_b = payload_bytes(offer)
        self._dh = generate(group)
        self.gxi, self.nonce_i = self._dh.public, ctx.random_bytes(ctx.settings.nonce_length)
        identity = self._identity(ctx)
        self.sa.state = AG_INIT_EXCH
        self._send_aggressive(ctx, (offer, KePayload(self.gxi), NoncePayload(self.nonce_i), identity,
                                    *vendor.KEY_EXCHANGE, natt.RFC3947))

    def _on_ag2(self, ctx: Ctx, msg: IkeMessage) -> bool:
        reply, ke, nonce = msg.find(SaPayload), msg.find(KePayload), msg.find(NoncePayload)
        identity, proof = msg.find(IdPayload), msg.find(HashPayload)
        choice = policy.accept_answer(self.offered, reply) if reply else None
        if choice is None or ke is None or nonce is None or identity is None or proof is None:
            return False
        self.rcookie = msg.rcookie
        if self.choice is None:
            self._chose(ctx, choice)
        if not self._derive(ke.data, nonce.data, responder=False):
            return False
        expected = keys.hash_r(self.hash_name, self.keys.skeyid, self.gxi, self.gxr, self.icookie,  # type: ignore
                               self.rcookie, self.sai_b, payload_bytes(identity))
        peer = self._peer_identity(identity)
        if peer is None or not hmac.compare_digest(expected, proof.data):
            return self._auth_failed(ctx)
        if not self._initiator_profile_ok(identity):
            return self._profile_failed(ctx)
        self.sa.peer_identity = peer.value
        self.peer_dpd = vendor.advertises_dpd(msg.payloads)
        self.natt = natt.advertised(msg.payloads)
        self._check_nat(msg)
        if self.nat:
            self.local_port = self.peer_port = NATT_PORT
        own = self._identity(ctx)
        proof_i = keys.hash_i(self.hash_name, self.keys.skeyid, self.gxi, self.gxr, self.icookie,  # type: ignore
                              self.rcookie, self.sai_b, payload_bytes(own))
        payloads: tuple[Payload, ...] = (HashPayload(proof_i), *self._natd())
        sealed = self._seal_main(payloads)
        self.last_block = self.cipher.last_block(sealed)  # type: ignore[union-attr]
        self._send_aggressive(ctx, encrypted=sealed, first=first_type(payloads), expect_reply=False)
        return True

    # ------------------------------------------------------------------ responder

    def respond(self, ctx: Ctx, msg: IkeMessage, raw: bytes) -> None:
        """Message 1: key and profile by the identity, then the policy; silence when any is missing."""
        self.sa.aggressive = True
        self.rtx.accepted(raw)
        offer, ke, nonce, id_payload = (msg.find(SaPayload), msg.find(KePayload), msg.find(NoncePayload),
                                        msg.find(IdPayload))
        peer = self._peer_identity(id_payload) if id_payload is not None else None
        if offer is None or ke is None or nonce is None or peer is None or disabled(ctx):
            ctx.log("mode_failure", mode="Aggressive", peer=self.remote)
            self.fail(ctx, "proposalFailure")
            return
        self.key = key_for_identity(ctx, self.local, peer, self.remote)
        self._psk = self.key.secret if self.key else None
        if self.key is None:
            ctx.log("no_preshared_key", peer=self.remote)
        usable = policy.usable_policies(ctx.config, ctx.gate, has_psk=self.key is not None)
        choice = policy.select_policy(usable.policies, offer, ctx.settings.lifetime_rule)
        if choice is None or not self._select_profile(ctx, peer):
            ctx.log("mode_failure", mode="Aggressive", peer=self.remote)
            self.fail(ctx, "proposalFailure")
            return
        self.sa.peer_identity = peer.value
        self.sai_b = payload_bytes(offer)
        self.rcookie = ctx.random_bytes(8)
        self._chose(ctx, choice)
        self._dh = generate(choice.local.policy.group)
        self.gxr, self.nonce_r = self._dh.public, ctx.random_bytes(ctx.settings.nonce_length)
        if not self._derive(ke.data, nonce.data, responder=True):
            self.fail(ctx, "proposalFailure")
            return
        self._idii_b = payload_bytes(id_payload)
        self.peer_dpd = vendor.advertises_dpd(msg.payloads)
        self.natt = natt.advertised(msg.payloads)
        own = self._identity(ctx)
        proof = keys.hash_r(self.hash_name, self.keys.skeyid, self.gxi, self.gxr, self.icookie,  # type: ignore
                            self.rcookie, self.sai_b, payload_bytes(own))
        self.sa.state = AG_INIT_EXCH
        self._send_aggressive(ctx, (policy.answer(choice), KePayload(self.gxr), NoncePayload(self.nonce_r), own,
                                    HashPayload(proof), *vendor.KEY_EXCHANGE,
                                    *((natt.RFC3947,) if self.natt else ()), *self._natd()))

    def _on_ag3(self, ctx: Ctx, msg: IkeMessage) -> bool:
        payloads = self._open_main(ctx, msg) if msg.encrypted is not None else msg.payloads
        proof = next((p for p in payloads if isinstance(p, HashPayload)), None)
        expected = keys.hash_i(self.hash_name, self.keys.skeyid, self.gxi, self.gxr, self.icookie,  # type: ignore
                               self.rcookie, self.sai_b, self._idii_b)
        if proof is None or not hmac.compare_digest(expected, proof.data):
            return self._auth_failed(ctx)
        if self.natt:
            received = [p for p in payloads if isinstance(p, NatDPayload)]
            self.nat = natt.nat_detected(self.hash_name, self.icookie, self.rcookie, received,
                                         (self.local, self.local_port), (self.remote, self.peer_port))
        encrypted = msg.encrypted is not None
        self.last_block = self.cipher.last_block(msg.encrypted) if encrypted else self._iv  # type: ignore
        return True

    # ------------------------------------------------------------------ dispatch

    def handle_aggressive(self, ctx: Ctx, msg: IkeMessage, raw: bytes) -> list[object]:
        if self.rtx.is_repeat(raw):
            if self.rtx.last_sent is not None:
                self.send(ctx, self.rtx.last_sent)
            return []
        stale = raw == self._rejected or self.rcookie not in (bytes(8), msg.rcookie)
        if self.sa.state != AG_INIT_EXCH or stale:
            self.sa.counters.in_drop_pkts += 1
            return []
        step = self._on_ag2 if self.sa.role == INITIATOR else self._on_ag3
        if not step(ctx, msg):
            self._rejected = raw
            self.sa.counters.in_drop_pkts += 1
            return []
        self.rtx.accepted(raw)
        self._establish(ctx)
        return [Established()]

    def abort(self, ctx: Ctx) -> None:
        super().abort(ctx)
        self.sa.state = AG_NO_STATE


def wants_aggressive(ctx: Ctx, profile: IsakmpProfile | None) -> bool:
    """The initiator's choice: the profile's `initiate mode aggressive`, unless aggressive mode is disabled."""
    return profile is not None and profile.initiate_aggressive and not disabled(ctx)

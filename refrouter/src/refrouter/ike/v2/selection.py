"""Which policy, proposals, profile and keyring peer govern a negotiation, and how offers are matched.

Rules (README.md in this package has the sources and what is inferred):
- Policy: among user policies whose `match fvrf` and `match address local` fit, one that names the local
  address wins over one that does not; then configuration order. The default policy applies only when no
  user policy is configured (and `no crypto ikev2 policy default` is absent).
- IKE proposals: the initiator sends its policy's proposals in order, one SA proposal each. The responder
  walks its own proposals in order and, for each, the offered proposals in order; a match needs one common
  algorithm of every transform type, and the responder takes its own first such algorithm per type.
- Child SA: the responder takes the first offered ESP proposal equal to one of its own transform sets.
"""

from __future__ import annotations

import ipaddress

from refrouter.ike.v2.algorithms import (
    CIPHERS,
    INTEGRITIES,
    PRFS,
    Suite,
    cipher_by_id,
    integrity_by_id,
    prf_by_id,
)
from refrouter.ike.v2.config import (
    EspTransform,
    Identity,
    Ikev2Config,
    Ikev2Keyring,
    Ikev2Policy,
    Ikev2Profile,
    Ikev2Proposal,
    KeyringPeer,
)
from refrouter.ike.v2.constants import Protocol, TransformType
from refrouter.ike.v2.defaults import DEFAULT_POLICY, default_proposal
from refrouter.ike.v2.payloads import Proposal, SaPayload, Transform


def _fvrf_fits(match: str | None, fvrf: str) -> bool:
    return match == "any" or (match or "global") == fvrf


def select_policy(config: Ikev2Config, local_address: str) -> Ikev2Policy | None:
    settings = config.settings
    if not config.policies:
        return DEFAULT_POLICY if settings.default_policy else None
    fitting = [p for p in config.policies if _fvrf_fits(p.match_fvrf, settings.fvrf)
               and (not p.match_address_local or local_address in p.match_address_local)]
    fitting.sort(key=lambda p: 0 if p.match_address_local else 1)  # stable: configuration order next
    return fitting[0] if fitting else None


def policy_proposals(config: Ikev2Config, policy: Ikev2Policy) -> tuple[Ikev2Proposal, ...]:
    named = {p.name: p for p in config.proposals}
    if config.settings.default_proposal:
        named.setdefault("default", default_proposal(config.settings.modern_defaults))
    return tuple(named[name] for name in policy.proposals if name in named)


def ike_offer(proposals: tuple[Ikev2Proposal, ...], spi: bytes = b"") -> SaPayload:
    """One SA proposal per configured proposal (numbered from 1), every algorithm of each type inside."""
    wire = []
    for number, proposal in enumerate(proposals, start=1):
        transforms = [Transform(TransformType.ENCR, CIPHERS[e].transform_id, CIPHERS[e].key_bits)
                      for e in proposal.encryption]
        transforms += [Transform(TransformType.PRF, PRFS[p][0]) for p in proposal.prfs]
        if not all(CIPHERS[e].aead for e in proposal.encryption):
            transforms += [Transform(TransformType.INTEG, INTEGRITIES[i].transform_id) for i in proposal.integrity]
        transforms += [Transform(TransformType.DH, g) for g in proposal.groups]
        wire.append(Proposal(number, Protocol.IKE, spi, tuple(transforms)))
    return SaPayload(tuple(wire))


def _offered(proposal: Proposal) -> tuple[set[str], set[str], set[str], set[int]]:
    ciphers = {n for t in proposal.of_type(TransformType.ENCR) if (n := cipher_by_id(t.id, t.key_length))}
    prfs = {n for t in proposal.of_type(TransformType.PRF) if (n := prf_by_id(t.id))}
    integs = {n for t in proposal.of_type(TransformType.INTEG) if (n := integrity_by_id(t.id))}
    groups = {t.id for t in proposal.of_type(TransformType.DH)}
    return ciphers, prfs, integs, groups


def _pick_ike(own: Ikev2Proposal, offer: Proposal) -> Suite | None:
    ciphers, prfs, integs, groups = _offered(offer)
    cipher = next((c for c in own.encryption if c in ciphers), None)
    prf = next((p for p in own.prfs if p in prfs), None)
    group = next((g for g in own.groups if g in groups), None)
    if cipher is None or prf is None or group is None:
        return None
    if CIPHERS[cipher].aead:
        return Suite(cipher, None, prf, group) if not integs else None
    integ = next((i for i in own.integrity if i in integs), None)
    return None if integ is None else Suite(cipher, integ, prf, group)


def select_ike(own: tuple[Ikev2Proposal, ...], offered: SaPayload) -> tuple[Proposal, Suite] | None:
    for mine in own:
        for offer in offered.proposals:
            if offer.protocol != Protocol.IKE:
                continue
            suite = _pick_ike(mine, offer)
            if suite is not None:
                return offer, suite
    return None


def answer_ike(offer: Proposal, suite: Suite, spi: bytes = b"") -> SaPayload:
    """The responder's (or a rekey initiator's) single-suite SA payload."""
    return SaPayload((Proposal(offer.number, Protocol.IKE, spi, _suite_transforms(suite)),))


def _suite_transforms(suite: Suite) -> tuple[Transform, ...]:
    cipher = CIPHERS[suite.encryption]
    out = [Transform(TransformType.ENCR, cipher.transform_id, cipher.key_bits)]
    if suite.prf:
        out.append(Transform(TransformType.PRF, PRFS[suite.prf][0]))
    if suite.integrity:
        out.append(Transform(TransformType.INTEG, INTEGRITIES[suite.integrity].transform_id))
    if suite.group:
        out.append(Transform(TransformType.DH, suite.group))
    if suite.prf is None:  # a child SA: ESN is mandatory in ESP proposals
        out.append(Transform(TransformType.ESN, 0))
    return tuple(out)


def suite_of(proposal: Proposal) -> Suite | None:
    """The single suite of an accepted (one-algorithm-per-type) proposal."""
    ciphers, prfs, integs, groups = _offered(proposal)
    if len(ciphers) != 1 or len(prfs) > 1 or len(integs) > 1 or len(groups) > 1:
        return None
    return Suite(ciphers.pop(), integs.pop() if integs else None, prfs.pop() if prfs else None,
                 groups.pop() if groups else None)


def esp_suite(transform: EspTransform, pfs_group: int | None) -> Suite:
    return Suite(transform.encryption, transform.integrity, None, pfs_group)


def child_offer(transforms: tuple[EspTransform, ...], pfs_group: int | None, spi: bytes) -> SaPayload:
    return SaPayload(tuple(
        Proposal(n, Protocol.ESP, spi, _suite_transforms(esp_suite(t, pfs_group)))
        for n, t in enumerate(transforms, start=1)))


def select_child(own: tuple[EspTransform, ...], pfs_group: int | None,
                 offered: SaPayload) -> tuple[Proposal, EspTransform] | None:
    """The first offered ESP proposal equal to one of our transform sets (PFS group included)."""
    for offer in offered.proposals:
        suite = suite_of(offer) if offer.protocol == Protocol.ESP else None
        if suite is None:
            continue
        for mine in own:
            if esp_suite(mine, pfs_group) == suite:
                return offer, mine
    return None


def select_profile(config: Ikev2Config, remote: Identity) -> Ikev2Profile | None:
    """The first profile (configuration order) with a `match identity remote` that fits."""
    fvrf = config.settings.fvrf
    return next((p for p in config.profiles if _fvrf_fits(p.match_fvrf, fvrf)
                 and any(m.matches(remote) for m in p.match_identities)), None)


def keyring_of(config: Ikev2Config, profile: Ikev2Profile) -> Ikev2Keyring | None:
    return next((k for k in config.keyrings if k.name == profile.keyring), None)


def find_peer(keyring: Ikev2Keyring, address: str, identity: Identity | None = None) -> KeyringPeer | None:
    """Longest `address` prefix covering the peer, else a peer whose `identity` equals the peer's."""
    best: tuple[int, KeyringPeer] | None = None
    for peer in keyring.peers:
        if peer.address is None:
            continue
        network = ipaddress.IPv4Network(peer.address, strict=False)
        if ipaddress.IPv4Address(address) in network and (best is None or network.prefixlen > best[0]):
            best = (network.prefixlen, peer)
    if best is not None:
        return best[1]
    if identity is None:
        return None
    return next((p for p in keyring.peers if p.identity is not None
                 and (p.identity.kind, p.identity.value.lower()) == (identity.kind, identity.value.lower())), None)

"""Phase-1 (ISAKMP policy) offer and selection, IOS style.

- Which policies a router uses: its `crypto isakmp policy` entries (1-10000) when it has any, else the
  eight default policies 65507-65514 unless `no crypto isakmp default policy`.
- The initiator offers all of them, in priority order, as the transforms of one proposal.
- The responder walks ITS OWN policies in priority order and, for each, the offered transforms in order:
  the first pair that matches wins, so the responder's order decides (ios-ike-semantics.md §1).
- Match: encryption (+ AES key size), hash, authentication, DH group, and the lifetime rule: `strict`
  (default) needs responder lifetime <= offered; `lenient` ignores lifetimes. The SA uses the shorter.
- Authentication: the reference router has no RSA keys or certificates, so rsa-sig/rsa-encr policies are
  neither offered nor accepted ("authentication method offered does not match policy"). That is why two
  routers on default policies settle on 65508 (PSK/AES/SHA/DH5), as in the seed guide's first example.
  pre-share policies are offered/accepted only when a key for the peer exists.
- 17.11+ gate (gate.py): weak policies are neither offered nor accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..state.config.model import DEFAULT_ISAKMP_POLICIES, IsakmpPolicy, RunningConfig
from ..state.oper.sa import NegotiatedPolicy
from .codec import Proposal, SaPayload, Transform
from .gate import CryptoGate

AUTH_PRE_SHARE = "pre-share"
LIFETIME_STRICT = "strict"
LIFETIME_LENIENT = "lenient"


@dataclass(frozen=True)
class LocalPolicy:
    policy: IsakmpPolicy
    is_default: bool


@dataclass(frozen=True)
class UsablePolicies:
    policies: list[LocalPolicy]
    weak_skipped: list[str]  # "policy 65508: group 5" for each policy the 17.11 gate removed


@dataclass(frozen=True)
class PolicyChoice:
    local: LocalPolicy
    transform: Transform
    lifetime: int

    def negotiated(self) -> NegotiatedPolicy:
        policy = self.local.policy
        return NegotiatedPolicy(
            priority=policy.priority, encryption=policy.encryption, key_size=key_size(policy), hash=policy.hash,
            authentication=policy.authentication, group=policy.group, lifetime=self.lifetime,
            is_default=self.local.is_default,
        )


def key_size(policy: IsakmpPolicy) -> int | None:
    return (policy.key_size or 128) if policy.encryption == "aes" else None


def local_policies(config: RunningConfig) -> list[LocalPolicy]:
    if config.isakmp_policies:
        return [LocalPolicy(config.isakmp_policies[p], False) for p in sorted(config.isakmp_policies)]
    if config.isakmp_default_policy:
        return [LocalPolicy(p, True) for p in DEFAULT_ISAKMP_POLICIES]
    return []


def usable_policies(config: RunningConfig, gate: CryptoGate, has_psk: bool) -> UsablePolicies:
    usable, weak = [], []
    for local in local_policies(config):
        if local.policy.authentication != AUTH_PRE_SHARE or not has_psk:
            continue
        weakness = gate.policy_weakness(local.policy)
        if weakness:
            weak.append(f"ISAKMP policy {local.policy.priority}: {weakness}")
            continue
        usable.append(local)
    return UsablePolicies(usable, weak)


def policy_attributes(policy: IsakmpPolicy, lifetime: int | None = None) -> dict[str, int | str]:
    attributes: dict[str, int | str] = {
        "encryption": policy.encryption, "hash": policy.hash, "auth": policy.authentication,
        "group": policy.group, "life_seconds": policy.lifetime if lifetime is None else lifetime,
    }
    size = key_size(policy)
    if size is not None:
        attributes["key_length"] = size
    return attributes


def build_offer(policies: list[LocalPolicy]) -> SaPayload:
    transforms = tuple(Transform(n, policy_attributes(p.policy)) for n, p in enumerate(policies, start=1))
    return SaPayload((Proposal(1, "isakmp", b"", transforms),))


def _same_suite(policy: IsakmpPolicy, attributes: dict[str, int | str]) -> bool:
    own = policy_attributes(policy)
    return all(attributes.get(name) == own[name] for name in own if name != "life_seconds") and (
        set(attributes) == set(own))


def _offered_lifetime(transform: Transform) -> int | None:
    life = transform.attributes.get("life_seconds")
    return life if isinstance(life, int) and life > 0 else None


def select_policy(policies: list[LocalPolicy], offer: SaPayload, rule: str = LIFETIME_STRICT) -> PolicyChoice | None:
    """Responder side: own policies in priority order (outer), offered transforms in order (inner)."""
    offered = [t for p in offer.proposals if p.protocol == "isakmp" for t in p.transforms]
    for local in policies:
        for transform in offered:
            life = _offered_lifetime(transform)
            if life is None or not _same_suite(local.policy, transform.attributes):
                continue
            if rule == LIFETIME_LENIENT or local.policy.lifetime <= life:
                return PolicyChoice(local, transform, min(local.policy.lifetime, life))
    return None


def answer(choice: PolicyChoice) -> SaPayload:
    """The responder's SA payload: the chosen transform, carrying the negotiated lifetime."""
    chosen = Transform(choice.transform.number, policy_attributes(choice.local.policy, choice.lifetime))
    return SaPayload((Proposal(1, "isakmp", b"", (chosen,)),))


def accept_answer(offered: list[LocalPolicy], reply: SaPayload) -> PolicyChoice | None:
    """Initiator side: the responder's choice must be one of our transforms, its lifetime not longer."""
    transforms = [t for p in reply.proposals for t in p.transforms]
    if len(transforms) != 1 or not 1 <= transforms[0].number <= len(offered):
        return None
    chosen = transforms[0]
    local = offered[chosen.number - 1]
    life = _offered_lifetime(chosen)
    if life is None or life > local.policy.lifetime or not _same_suite(local.policy, chosen.attributes):
        return None
    return PolicyChoice(local, chosen, life)

"""IKEv2: proposals, policies, keyrings, profiles, dpd, nat keepalive, cookie-challenge under
`/native/crypto/ikev2`. Authorization policies, name-manglers, the profile's AAA and config-exchange
settings and the smart-default toggles are not served: they are kept from the running config."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import TypeVar

from ...state.config.ikev2 import (
    IKEV2_DEFAULT_LIFETIME,
    IKEV2_ENCRYPTIONS,
    Ikev2Config,
    Ikev2Identity,
    Ikev2Keyring,
    Ikev2KeyringPeer,
    Ikev2Policy,
    Ikev2Profile,
    Ikev2Proposal,
)
from ...state.config.model import RunningConfig
from ..errors import RpcError
from ..schema import IKEV2_ENCRYPTION_LEAVES, IKEV2_GROUP_LEAVES, IKEV2_HASH_LEAVES
from ..xml import Element, child, elements, local, sub, text_of
from .common import elements_at, int_at, texts_at

ENCRYPTION_LEAF = {"3des": "en-3des", **{e: e for e in IKEV2_ENCRYPTIONS if e != "3des"}}
LEAF_ENCRYPTION = {leaf: cli for cli, leaf in ENCRYPTION_LEAF.items()}
GROUP_NUMBER = {name: number for number, name in IKEV2_GROUP_LEAVES.items()}
T = TypeVar("T")
HOST_MASK = "255.255.255.255"
KEYRING_MUST = "IKEv2 keyring must exist"
PROPOSAL_MUST = "IKEv2 proposal must exist"


# ---------------------------------------------------------------------------------------------- render


def render_ikev2(ikev2: Element, config: Ikev2Config) -> None:
    if config.cookie_challenge:
        sub(ikev2, "cookie-challenge", config.cookie_challenge)
    if config.dpd:
        dpd = sub(ikev2, "dpd-container")
        sub(dpd, "dpd", config.dpd[0])
        sub(dpd, "retry-interval", config.dpd[1])
        sub(dpd, "dpd-query", config.dpd[2])
    for keyring in config.keyrings.values():
        _render_keyring(sub(ikev2, "keyring"), keyring)
    if config.nat_keepalive:
        sub(sub(ikev2, "nat"), "keepalive", config.nat_keepalive)
    for policy in config.policies.values():
        _render_policy(sub(ikev2, "policy"), policy)
    for profile in config.profiles.values():
        _render_profile(sub(ikev2, "profile"), profile)
    for proposal in config.proposals.values():
        _render_proposal(sub(ikev2, "proposal"), proposal)


def _render_keyring(el: Element, keyring: Ikev2Keyring) -> None:
    sub(el, "name", keyring.name)
    for peer in keyring.peers.values():
        peer_el = sub(el, "peer")
        sub(peer_el, "name", peer.name)
        if peer.address:
            ipv4 = sub(sub(peer_el, "address"), "ipv4")
            sub(ipv4, "ipv4-address", peer.address)
            if peer.mask:
                sub(ipv4, "ipv4-mask", peer.mask)
        if peer.description:
            sub(peer_el, "description", peer.description)
        if peer.hostname:
            sub(peer_el, "hostname", peer.hostname)
        if peer.identity:
            _render_peer_identity(sub(peer_el, "identity"), peer.identity)
        if peer.psk or peer.psk_local or peer.psk_remote:
            psk = sub(peer_el, "pre-shared-key")
            if peer.psk_local:
                sub(sub(psk, "local-option"), "key", peer.psk_local)
            if peer.psk_remote:
                sub(sub(psk, "remote-option"), "key", peer.psk_remote)
            if peer.psk:
                sub(psk, "key", peer.psk)


def _render_peer_identity(el: Element, identity: Ikev2Identity) -> None:
    if identity.kind == "address":
        sub(el, "address-type", identity.value)
    elif identity.kind == "key-id":
        sub(el, "key-id-number", identity.value)
    elif identity.kind in ("fqdn", "email"):
        sub(sub(el, f"{identity.kind}-option"), "domain" if identity.domain else "name", identity.value)


def _render_fvrf(match: Element, fvrf: str | None) -> None:
    if fvrf == "any":
        sub(sub(match, "fvrf"), "any")
    elif fvrf:
        sub(sub(match, "fvrf"), "name", fvrf)


def _render_policy(el: Element, policy: Ikev2Policy) -> None:
    sub(el, "name", policy.name)
    match = sub(el, "match")
    if policy.match_local:
        address = sub(match, "address")
        for local_ip in policy.match_local:
            sub(address, "local-ip", local_ip)
    _render_fvrf(match, policy.match_fvrf)
    for name in policy.proposals:
        sub(sub(el, "proposal"), "proposals", name)


def _render_profile(el: Element, profile: Ikev2Profile) -> None:
    sub(el, "name", profile.name)
    auth = sub(el, "authentication")
    for side, methods in (("local", profile.auth_local), ("remote", profile.auth_remote)):
        side_el = sub(auth, side)
        for method in methods:
            sub(side_el, method)
    if profile.description:
        sub(el, "description", profile.description)
    if profile.dpd:
        dpd = sub(el, "dpd")
        sub(dpd, "interval", profile.dpd[0])
        sub(dpd, "retry", profile.dpd[1])
        sub(dpd, "query", profile.dpd[2])
    if profile.identity_local:
        identity = profile.identity_local
        sub(sub(sub(el, "identity"), "local"), identity.kind, identity.value or None)
    if profile.ivrf:
        sub(el, "ivrf", profile.ivrf)
    if profile.keyring_local:
        sub(sub(sub(el, "keyring"), "local"), "name", profile.keyring_local)
    if profile.lifetime != IKEV2_DEFAULT_LIFETIME:
        sub(sub(el, "lifetime"), "seconds", profile.lifetime)
    _render_profile_match(sub(el, "match"), profile)
    if profile.nat_keepalive:
        sub(sub(el, "nat"), "keepalive", profile.nat_keepalive)
    for trustpoint in profile.pki_trustpoints:
        tp_el = sub(sub(el, "pki"), "trust-points")
        name, _, use = trustpoint.partition(" ")
        sub(tp_el, "name", name)
        if use:
            sub(tp_el, "uses", use)
    if profile.virtual_template is not None:
        sub(sub(el, "virtual-template"), "number", profile.virtual_template)


def _render_profile_match(match: Element, profile: Ikev2Profile) -> None:
    if profile.match_local:
        local_el = sub(sub(match, "address"), "local")
        for address in profile.match_local:
            sub(local_el, "ip-address", address)
    _render_fvrf(match, profile.match_fvrf)
    if not profile.match_identities:
        return
    remote = sub(sub(match, "identity"), "remote")
    for identity in profile.match_identities:
        if identity.kind == "address":
            ipv4 = sub(sub(remote, "address"), "ipv4")
            sub(ipv4, "ipv4-address", identity.value)
            sub(ipv4, "ipv4-mask", identity.mask or HOST_MASK)
        elif identity.kind == "any":
            sub(remote, "any")
        elif identity.kind == "key-id":
            sub(remote, "key-ids", identity.value)
        elif identity.kind in ("fqdn", "email"):
            leaf = "domains" if identity.domain else ("fqdn-name" if identity.kind == "fqdn" else "names")
            sub(sub(remote, identity.kind), leaf, identity.value)


def _render_proposal(el: Element, proposal: Ikev2Proposal) -> None:
    sub(el, "name", proposal.name)
    encryption = sub(el, "encryption")
    for name in IKEV2_ENCRYPTION_LEAVES:
        if LEAF_ENCRYPTION[name] in proposal.encryption:
            sub(encryption, name)
    group = sub(el, "group")
    for number, name in IKEV2_GROUP_LEAVES.items():
        if number in proposal.groups:
            sub(group, name)
    for container, chosen in (("integrity", proposal.integrity), ("prf", proposal.prf)):
        container_el = sub(el, container)
        for name in IKEV2_HASH_LEAVES:
            if name in chosen:
                sub(container_el, name)


# ---------------------------------------------------------------------------------------------- parse


def parse_ikev2(cfg: RunningConfig, ikev2: Element | None, base: RunningConfig) -> None:
    """Served IKEv2 objects from XML; unserved settings of an object of the same name stay as they were."""
    old = base.ikev2
    new = Ikev2Config(
        authorization_policies=copy.deepcopy(old.authorization_policies),
        name_manglers=copy.deepcopy(old.name_manglers),
        default_proposal=old.default_proposal,
        default_policy=old.default_policy,
        default_transform_set=old.default_transform_set,
        default_ipsec_profile=old.default_ipsec_profile,
    )
    new.cookie_challenge = int_at(ikev2, "cookie-challenge") if ikev2 is not None else None
    dpd = elements_at(ikev2, "dpd-container")
    if dpd and int_at(dpd[0], "dpd"):
        new.dpd = (int_at(dpd[0], "dpd") or 0, int_at(dpd[0], "retry-interval") or 2,
                   text_of(dpd[0], "dpd-query") or "on-demand")
    new.nat_keepalive = (
        next((int(v) for v in texts_at(ikev2, "nat", "keepalive") if v), None) if ikev2 is not None else None
    )
    for el in elements_at(ikev2, "proposal"):
        proposal = _parse_proposal(el, old.proposals.get(text_of(el, "name") or ""))
        new.proposals[proposal.name] = proposal
    for el in elements_at(ikev2, "policy"):
        policy = Ikev2Policy(text_of(el, "name") or "")
        policy.match_local = texts_at(el, "match", "address", "local-ip")
        policy.match_fvrf = _parse_fvrf(el)
        policy.proposals = texts_at(el, "proposal", "proposals")
        new.policies[policy.name] = policy
    for el in elements_at(ikev2, "keyring"):
        keyring = Ikev2Keyring(text_of(el, "name") or "")
        for peer_el in elements_at(el, "peer"):
            peer = _parse_peer(peer_el)
            keyring.peers[peer.name] = peer
        new.keyrings[keyring.name] = keyring
    for el in elements_at(ikev2, "profile"):
        profile = _parse_profile(el, old.profiles.get(text_of(el, "name") or ""))
        new.profiles[profile.name] = profile
    cfg.ikev2 = new


def _leaves(el: Element, *path: str) -> list[Element]:
    """The children of the container at `path` (empty leaves / presence containers naming a choice)."""
    return [leaf for container in elements_at(el, *path) for leaf in elements(container)]


def _keep_order(chosen: list[T], previous: list[T]) -> list[T]:
    """YANG leaves carry no order: keep the CLI order of values that stay, append the new ones."""
    return [v for v in previous if v in chosen] + [v for v in chosen if v not in previous]


def _parse_proposal(el: Element, previous: Ikev2Proposal | None) -> Ikev2Proposal:
    proposal = Ikev2Proposal(text_of(el, "name") or "")
    before = previous or Ikev2Proposal(proposal.name)
    encryption = [LEAF_ENCRYPTION[local(leaf)] for leaf in _leaves(el, "encryption")]
    proposal.encryption = _keep_order(encryption, before.encryption)
    groups = [GROUP_NUMBER[local(leaf)] for leaf in _leaves(el, "group")]
    proposal.groups = _keep_order(groups, before.groups)
    proposal.integrity = _keep_order([local(leaf) for leaf in _leaves(el, "integrity")], before.integrity)
    proposal.prf = _keep_order([local(leaf) for leaf in _leaves(el, "prf")], before.prf)
    return proposal


def _parse_fvrf(el: Element) -> str | None:
    fvrf = elements_at(el, "match", "fvrf")
    if not fvrf:
        return None
    return "any" if child(fvrf[0], "any") is not None else text_of(fvrf[0], "name")


def _parse_peer(el: Element) -> Ikev2KeyringPeer:
    peer = Ikev2KeyringPeer(text_of(el, "name") or "", description=text_of(el, "description"),
                            hostname=text_of(el, "hostname"))
    for ipv4 in elements_at(el, "address", "ipv4"):
        peer.address, peer.mask = text_of(ipv4, "ipv4-address"), text_of(ipv4, "ipv4-mask")
    for identity in elements_at(el, "identity"):
        peer.identity = next(_peer_identity(identity), None)
    for psk in elements_at(el, "pre-shared-key"):
        peer.psk = text_of(psk, "key")
        peer.psk_local = next(iter(texts_at(psk, "local-option", "key")), None)
        peer.psk_remote = next(iter(texts_at(psk, "remote-option", "key")), None)
    return peer


def _peer_identity(el: Element) -> Iterator[Ikev2Identity]:
    if text_of(el, "address-type"):
        yield Ikev2Identity("address", text_of(el, "address-type") or "")
    if text_of(el, "key-id-number"):
        yield Ikev2Identity("key-id", text_of(el, "key-id-number") or "")
    for kind in ("fqdn", "email"):
        for option in elements_at(el, f"{kind}-option"):
            domain = text_of(option, "domain")
            if domain or text_of(option, "name"):
                yield Ikev2Identity(kind, domain or text_of(option, "name") or "", domain=bool(domain))


def _parse_profile(el: Element, previous: Ikev2Profile | None) -> Ikev2Profile:
    profile = Ikev2Profile(text_of(el, "name") or "", description=text_of(el, "description"))
    if previous is not None:  # not served: AAA, config-exchange, keyring aaa
        profile.aaa_authorization = list(previous.aaa_authorization)
        profile.config_exchange = list(previous.config_exchange)
        profile.keyring_aaa = previous.keyring_aaa
    for side, target in (("local", profile.auth_local), ("remote", profile.auth_remote)):
        methods = [local(leaf) for leaf in _leaves(el, "authentication", side)]
        target += _keep_order(methods, getattr(previous, f"auth_{side}", []))
    for dpd in elements_at(el, "dpd"):
        if int_at(dpd, "interval"):
            profile.dpd = (int_at(dpd, "interval") or 0, int_at(dpd, "retry") or 2, text_of(dpd, "query") or "periodic")
    for identity in elements_at(el, "identity", "local"):
        for kid in elements(identity):
            profile.identity_local = Ikev2Identity(local(kid), (kid.text or "").strip())
    profile.ivrf = text_of(el, "ivrf")
    profile.keyring_local = next(iter(texts_at(el, "keyring", "local", "name")), None)
    profile.lifetime = next((int(v) for v in texts_at(el, "lifetime", "seconds")), IKEV2_DEFAULT_LIFETIME)
    profile.match_local = texts_at(el, "match", "address", "local", "ip-address")
    profile.match_fvrf = _parse_fvrf(el)
    profile.match_identities = _keep_order(list(_remote_identities(el)), getattr(previous, "match_identities", []))
    profile.nat_keepalive = next((int(v) for v in texts_at(el, "nat", "keepalive")), None)
    for tp in elements_at(el, "pki", "trust-points"):
        use = text_of(tp, "uses")
        profile.pki_trustpoints.append((text_of(tp, "name") or "") + (f" {use}" if use else ""))
    profile.virtual_template = next((int(v) for v in texts_at(el, "virtual-template", "number")), None)
    return profile


def _remote_identities(el: Element) -> Iterator[Ikev2Identity]:
    for remote in elements_at(el, "match", "identity", "remote"):
        for ipv4 in elements_at(remote, "address", "ipv4"):
            yield Ikev2Identity("address", text_of(ipv4, "ipv4-address") or "", text_of(ipv4, "ipv4-mask") or HOST_MASK)
        if child(remote, "any") is not None:
            yield Ikev2Identity("any")
        for kind, name_leaf in (("fqdn", "fqdn-name"), ("email", "names")):
            yield from (Ikev2Identity(kind, v) for v in texts_at(remote, kind, name_leaf))
            yield from (Ikev2Identity(kind, v, domain=True) for v in texts_at(remote, kind, "domains"))
        yield from (Ikev2Identity("key-id", v) for v in texts_at(remote, "key-ids"))


# ---------------------------------------------------------------------------------------------- references


def check_ikev2_references(old: RunningConfig, new: RunningConfig) -> None:
    """A profile may not name a missing keyring, nor a policy a missing proposal (introduced by the edit)."""
    for finder, message in ((_dangling_keyrings, KEYRING_MUST), (_dangling_proposals, PROPOSAL_MUST)):
        introduced = sorted(finder(new) - finder(old))
        if introduced:
            path, name = introduced[0]
            raise RpcError("operation-failed", f"{message} ({name})", path, app_tag="must-violation")


def _dangling_keyrings(config: RunningConfig) -> set[tuple[str, str]]:
    return {
        (f"/native/crypto/ikev2/profile[name='{p.name}']/keyring/local/name", p.keyring_local)
        for p in config.ikev2.profiles.values()
        if p.keyring_local and p.keyring_local not in config.ikev2.keyrings
    }


def _dangling_proposals(config: RunningConfig) -> set[tuple[str, str]]:
    return {
        (f"/native/crypto/ikev2/policy[name='{p.name}']/proposal", name)
        for p in config.ikev2.policies.values()
        for name in p.proposals
        if config.ikev2.effective_proposal(name) is None
    }

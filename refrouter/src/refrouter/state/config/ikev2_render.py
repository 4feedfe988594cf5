"""`show running-config` lines of the IKEv2 family, in IOS XE's order (before the ISAKMP section)."""

from __future__ import annotations

from collections.abc import Iterator

from .ikev2 import (
    IKEV2_DEFAULT_LIFETIME,
    Ikev2Config,
    Ikev2Keyring,
    Ikev2Policy,
    Ikev2Profile,
    Ikev2Proposal,
)


def render_proposal(proposal: Ikev2Proposal) -> Iterator[str]:
    yield f"crypto ikev2 proposal {proposal.name}"
    if proposal.encryption:
        yield f" encryption {' '.join(proposal.encryption)}"
    if proposal.integrity:
        yield f" integrity {' '.join(proposal.integrity)}"
    if proposal.prf:
        yield f" prf {' '.join(proposal.prf)}"
    if proposal.groups:
        yield f" group {' '.join(str(g) for g in proposal.groups)}"
    yield "!"


def render_policy(policy: Ikev2Policy) -> Iterator[str]:
    yield f"crypto ikev2 policy {policy.name}"
    if policy.match_fvrf:
        yield f" match fvrf {policy.match_fvrf}"
    for address in policy.match_local:
        yield f" match address local {address}"
    for name in policy.proposals:
        yield f" proposal {name}"
    yield "!"


def render_keyring(keyring: Ikev2Keyring) -> Iterator[str]:
    yield f"crypto ikev2 keyring {keyring.name}"
    for peer in keyring.peers.values():
        yield f" peer {peer.name}"
        if peer.description:
            yield f"  description {peer.description}"
        if peer.address:
            yield f"  address {peer.address}" + (f" {peer.mask}" if peer.mask else "")
        if peer.hostname:
            yield f"  hostname {peer.hostname}"
        if peer.identity:
            yield f"  identity {peer.identity.text}"
        if peer.psk:
            yield f"  pre-shared-key {peer.psk}"
        if peer.psk_local:
            yield f"  pre-shared-key local {peer.psk_local}"
        if peer.psk_remote:
            yield f"  pre-shared-key remote {peer.psk_remote}"
        yield " !"
    yield "!"


def render_profile(profile: Ikev2Profile) -> Iterator[str]:
    yield f"crypto ikev2 profile {profile.name}"
    if profile.description:
        yield f" description {profile.description}"
    if profile.match_fvrf:
        yield f" match fvrf {profile.match_fvrf}"
    for address in profile.match_local:
        yield f" match address local {address}"
    for identity in profile.match_identities:
        yield f" match identity remote {identity.text}"
    if profile.identity_local:
        yield f" identity local {profile.identity_local.text}"
    for method in profile.auth_remote:
        yield f" authentication remote {method}"
    for method in profile.auth_local:
        yield f" authentication local {method}"
    if profile.keyring_local:
        yield f" keyring local {profile.keyring_local}"
    if profile.keyring_aaa:
        yield f" keyring aaa {profile.keyring_aaa}"
    for trustpoint in profile.pki_trustpoints:
        yield f" pki trustpoint {trustpoint}"
    if profile.lifetime != IKEV2_DEFAULT_LIFETIME:
        yield f" lifetime {profile.lifetime}"
    if profile.dpd:
        yield " dpd {} {} {}".format(*profile.dpd)
    if profile.nat_keepalive:
        yield f" nat keepalive {profile.nat_keepalive}"
    for text in profile.aaa_authorization:
        yield f" aaa authorization {text}"
    for text in profile.config_exchange:
        yield f" config-exchange {text}"
    if profile.virtual_template is not None:
        yield f" virtual-template {profile.virtual_template}"
    if profile.ivrf:
        yield f" ivrf {profile.ivrf}"
    yield "!"


def render_ikev2(config: Ikev2Config) -> list[str]:
    out: list[str] = []
    for authz in config.authorization_policies.values():
        out.append(f"crypto ikev2 authorization policy {authz.name}")
        out += [f" {line}" for line in authz.lines]
        out.append("!")
    for proposal in config.proposals.values():
        out += render_proposal(proposal)
    if not config.default_proposal:
        out += ["no crypto ikev2 proposal default", "!"]
    for policy in config.policies.values():
        out += render_policy(policy)
    if not config.default_policy:
        out += ["no crypto ikev2 policy default", "!"]
    for mangler in config.name_manglers.values():
        out.append(f"crypto ikev2 name-mangler {mangler.name}")
        out += [f" {line}" for line in mangler.lines]
        out.append("!")
    for keyring in config.keyrings.values():
        out += render_keyring(keyring)
    for profile in config.profiles.values():
        out += render_profile(profile)
    for kind, enabled in (("transform-set", config.default_transform_set), ("profile", config.default_ipsec_profile)):
        if not enabled:
            out += [f"no crypto ipsec {kind} default", "!"]
    globals_ = list(_global_lines(config))
    if globals_:
        out += [*globals_, "!"]
    return out


def _global_lines(config: Ikev2Config) -> Iterator[str]:
    if config.dpd:
        yield "crypto ikev2 dpd {} {} {}".format(*config.dpd)
    if config.nat_keepalive:
        yield f"crypto ikev2 nat keepalive {config.nat_keepalive}"
    if config.cookie_challenge:
        yield f"crypto ikev2 cookie-challenge {config.cookie_challenge}"

"""The running configuration's IKEv2 families as the engine's typed inputs (`config.py`).

- Proposals the engine cannot negotiate (3des/des, incomplete ones) are left out: a policy naming only
  those offers nothing, as IOS ignores an incomplete proposal.
- Keyring peers: `address A [MASK]` becomes a prefix, `identity ...` an exact identity; `hostname` is not
  used for matching (IOS uses it only for initiator lookups by name).
- Profiles: `match identity remote address A [MASK] | fqdn [domain] X | email [domain] X | key-id X`;
  `dpd` of the profile, else the global `crypto ikev2 dpd`.
- Transform sets: ESP AES-CBC / AES-GCM with an HMAC-SHA/MD5 integrity are usable with IKEv2; others
  (DES, 3DES, AH, GMAC, null) are skipped. A crypto map entry or IPsec profile without transform sets uses
  the smart default set `default` (`esp-aes esp-sha-hmac`) unless `no crypto ipsec transform-set default`.
- Child SAs always run in tunnel mode (USE_TRANSPORT_MODE is not negotiated).
"""

from __future__ import annotations

import ipaddress

from refrouter.ike.v2.config import (
    ChildSettings,
    ConfigError,
    Dpd,
    EspTransform,
    Identity,
    IdentityMatch,
    Ikev2Config,
    Ikev2Keyring,
    Ikev2Policy,
    Ikev2Profile,
    Ikev2Proposal,
    Ikev2Settings,
    IpsecProfile,
    KeyringPeer,
)
from refrouter.ike.v2.payloads import TrafficSelector
from refrouter.state.config import ikev2 as cfg
from refrouter.state.config.model import (
    RunningConfig,
    SaLifetime,
    TransformSet,
)
from refrouter.state.config.smart_defaults import smart_default_transform_sets
from refrouter.state.oper.sa import ProxyIdent

ESP_INTEGRITY = {"esp-md5-hmac": "md5", "esp-sha-hmac": "sha1", "esp-sha256-hmac": "sha256",
                 "esp-sha384-hmac": "sha384", "esp-sha512-hmac": "sha512"}
IOS_INTEGRITY = {name: transform for transform, name in ESP_INTEGRITY.items()}
IDENTITY_KINDS = ("address", "fqdn", "email", "key-id")


def _prefix(address: str, mask: str | None) -> str:
    return str(ipaddress.IPv4Network(f"{address}/{mask or '255.255.255.255'}", strict=False))


def _proposal(proposal: cfg.Ikev2Proposal) -> Ikev2Proposal | None:
    try:
        return Ikev2Proposal(proposal.name, tuple(proposal.encryption), tuple(proposal.integrity),
                             tuple(proposal.groups), tuple(proposal.prf))
    except ConfigError:
        return None


def _identity(identity: cfg.Ikev2Identity | None) -> Identity | None:
    if identity is None or identity.kind not in IDENTITY_KINDS:
        return None
    return Identity(identity.kind, identity.value)


def _identity_match(identity: cfg.Ikev2Identity) -> IdentityMatch | None:
    if identity.kind not in IDENTITY_KINDS:
        return None
    if identity.kind == "address":
        return IdentityMatch("address", _prefix(identity.value, identity.mask))
    return IdentityMatch(identity.kind, identity.value, identity.domain)


def _keyring(keyring: cfg.Ikev2Keyring) -> Ikev2Keyring:
    peers = tuple(
        KeyringPeer(peer.name, _prefix(peer.address, peer.mask) if peer.address else None,
                    _identity(peer.identity), peer.psk, peer.psk_local, peer.psk_remote)
        for peer in keyring.peers.values())
    return Ikev2Keyring(keyring.name, peers)


def _dpd(dpd: tuple[int, int, str] | None) -> Dpd | None:
    return None if dpd is None else Dpd(float(dpd[0]), float(dpd[1]), dpd[2] == "periodic")


def _profile(profile: cfg.Ikev2Profile, global_dpd: tuple[int, int, str] | None) -> Ikev2Profile | None:
    if profile.keyring_local is None:
        return None  # only pre-shared keys from a local keyring are modelled
    matches = tuple(m for m in map(_identity_match, profile.match_identities) if m is not None)
    return Ikev2Profile(
        profile.name, matches, profile.keyring_local, _identity(profile.identity_local),
        (profile.auth_local or ["pre-share"])[0], tuple(profile.auth_remote or ["pre-share"]), profile.match_fvrf,
        profile.lifetime, _dpd(profile.dpd or global_dpd))


def esp_transform(transform_set: TransformSet) -> EspTransform | None:
    """A transform set in IKEv2 terms, None when IKEv2 cannot carry it here."""
    names = transform_set.transforms
    if any(t.startswith("ah-") for t in names):
        return None
    integrity = next((ESP_INTEGRITY[t] for t in names if t in ESP_INTEGRITY), None)
    bits = transform_set.key_size or 128
    if "esp-aes" in names:
        encryption = f"aes-cbc-{bits}"
    elif "esp-gcm" in names:
        encryption = f"aes-gcm-{bits}"
    else:
        return None
    try:
        return EspTransform(transform_set.name, encryption, integrity)
    except ConfigError:
        return None


def ios_transforms(transform: EspTransform) -> tuple[tuple[str, ...], int]:
    """(IOS transform names, key size) of an ESP transform: `("esp-aes", "esp-sha-hmac"), 256`."""
    family, _, bits = transform.encryption.rpartition("-")
    cipher = "esp-gcm" if family == "aes-gcm" else "esp-aes"
    integrity = (IOS_INTEGRITY[transform.integrity],) if transform.integrity else ()
    return (cipher, *integrity), int(bits)


def transform_sets(config: RunningConfig, names: list[str]) -> list[TransformSet]:
    """The sets an entry names (in order), or the smart default set when it names none."""
    if names:
        return [config.transform_sets[n] for n in names if n in config.transform_sets]
    return smart_default_transform_sets(config)


def esp_transforms(config: RunningConfig, names: list[str]) -> tuple[EspTransform, ...]:
    return tuple(t for t in map(esp_transform, transform_sets(config, names)) if t is not None)


def selector(ident: ProxyIdent) -> TrafficSelector:
    network = ident.network
    ports = (ident.port, ident.port) if ident.port else (0, 65535)
    return TrafficSelector(str(network.network_address), str(network.broadcast_address), ident.proto, *ports)


def proxy(ts: TrafficSelector) -> ProxyIdent:
    """A traffic selector as a proxy identity: the smallest network covering its range."""
    start, end = ipaddress.IPv4Address(ts.start), ipaddress.IPv4Address(ts.end)
    prefix = 32 - (int(start) ^ int(end)).bit_length()
    network = ipaddress.IPv4Network(f"{start}/{prefix}", strict=False)
    port = ts.start_port if ts.start_port == ts.end_port else 0
    return ProxyIdent(str(network.network_address), str(network.netmask), ts.protocol, port)


def _pfs(text: str | None) -> int | None:
    return int(text.removeprefix("group")) if text else None


def child_settings(config: RunningConfig, set_names: list[str], pfs: str | None, lifetime: SaLifetime,
                   local: tuple[TrafficSelector, ...], remote: tuple[TrafficSelector, ...]) -> ChildSettings:
    seconds, kilobytes = config.ipsec_globals.effective_lifetime(lifetime.seconds, lifetime.kilobytes)
    return ChildSettings(esp_transforms(config, set_names), local, remote, _pfs(pfs), seconds, kilobytes)


ANY = (TrafficSelector("0.0.0.0", "255.255.255.255"),)


def _ipsec_profiles(config: RunningConfig) -> tuple[IpsecProfile, ...]:
    return tuple(
        IpsecProfile(p.name, p.ikev2_profile,
                     child_settings(config, p.transform_sets, p.pfs, p.lifetime, ANY, ANY))
        for p in config.ipsec_profiles.values() if p.ikev2_profile)


def build(config: RunningConfig, local_address: str, fvrf: str | None = None,
          time_scale: float = 1.0) -> Ikev2Config:
    """The engine's view of `config` for negotiations on `local_address` (front-door VRF `fvrf`);
    timers in router seconds, so real-time retransmissions stay 2, 4, 8... seconds under `time_scale`."""
    ikev2 = config.ikev2
    proposals = tuple(p for p in map(_proposal, ikev2.proposals.values()) if p is not None)
    policies = tuple(Ikev2Policy(p.name, tuple(p.proposals), tuple(p.match_local), p.match_fvrf)
                     for p in ikev2.policies.values())
    profiles = tuple(p for p in (_profile(p, ikev2.dpd) for p in ikev2.profiles.values()) if p is not None)
    defaults = Ikev2Settings()
    settings = Ikev2Settings(
        default_policy=ikev2.default_policy, default_proposal=ikev2.default_proposal,
        cookie_challenge=ikev2.cookie_challenge, fvrf=fvrf or "global",
        retransmit_interval=defaults.retransmit_interval * time_scale,
        half_open_timeout=defaults.half_open_timeout * time_scale)
    return Ikev2Config(local_address, proposals, policies, tuple(map(_keyring, ikev2.keyrings.values())),
                       profiles, _ipsec_profiles(config), settings)

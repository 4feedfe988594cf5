"""Running-config lines of the IKEv1 families, IPsec globals and key storage (docs/refrouter.md has the order)."""

from __future__ import annotations

from collections.abc import Iterator

from .ikev1 import ClientGroup, Ikev1Config, IsakmpProfile, Keyring, KeyringKey
from .ipsec_globals import (
    DEFAULT_DF_BIT,
    DEFAULT_FRAGMENTATION,
    DEFAULT_REPLAY_WINDOW,
    DEFAULT_SA_LIFETIME_KILOBYTES,
    DEFAULT_SA_LIFETIME_SECONDS,
    IpsecGlobals,
)
from .model import IsakmpKey, RunningConfig
from .stored_secret import rendered_secret


def keyring_key_line(key: KeyringKey, secret: str) -> str:
    """`secret`: the key as rendered (`6 <ciphertext>` or clear, stored_secret.rendered_secret)."""
    peer = f"{key.peer} {key.mask}" if key.mask else key.peer
    return f"  pre-shared-key {key.kind} {peer} key {secret}"


def render_keyring(keyring: Keyring, config: RunningConfig) -> Iterator[str]:
    vrf = f" vrf {keyring.vrf}" if keyring.vrf else ""
    yield f"crypto keyring {keyring.name}{vrf} "
    if keyring.description:
        yield f"  description {keyring.description}"
    if keyring.local_address:
        yield f"  local-address {keyring.local_address}"
    for key in keyring.keys:
        yield keyring_key_line(key, rendered_secret(config, key.key))


def render_isakmp_profile(profile: IsakmpProfile) -> Iterator[str]:
    yield f"crypto isakmp profile {profile.name}"
    if profile.description:
        yield f"   description {profile.description}"
    if profile.vrf:
        yield f"   vrf {profile.vrf}"
    for keyring in profile.keyrings:
        yield f"   keyring {keyring}"
    for trust_point in profile.ca_trust_points:
        yield f"   ca trust-point {trust_point}"
    if profile.self_identity:
        yield f"   self-identity {profile.self_identity}"
    for identity in profile.match_identities:
        yield f"   match identity {identity}"
    for line in profile.client_lines:
        yield f"   {line}"
    if profile.local_address:
        yield f"   local-address {profile.local_address}"
    if profile.keepalive:
        yield f"   keepalive {profile.keepalive[0]} retry {profile.keepalive[1]}"
    if profile.initiate_aggressive:
        yield "   initiate mode aggressive"
    if profile.virtual_template is not None:
        yield f"   virtual-template {profile.virtual_template}"


def render_client_group(group: ClientGroup) -> Iterator[str]:
    yield f"crypto isakmp client configuration group {group.name}"
    if group.key is not None:
        yield f" key {group.key}"
    for setting, value in group.settings.items():
        yield f" {setting} {value}".rstrip()


def isakmp_key_line(key: IsakmpKey, secret: str) -> str:
    """`secret`: the key as rendered (`6 <ciphertext>` or clear, stored_secret.rendered_secret)."""
    peer = f"hostname {key.hostname}" if key.hostname else f"address {key.address}"
    mask = f" {key.mask}" if key.mask else ""
    xauth = " no-xauth" if key.no_xauth else ""
    return f"crypto isakmp key {secret} {peer}{mask}{xauth}"


def isakmp_global_lines(config: RunningConfig) -> Iterator[str]:
    """`crypto isakmp` switches after the keys, keepalive first (its keyword kept as configured)."""
    switches = config.ikev1.globals
    if config.isakmp_keepalive:
        mode = f" {switches.keepalive_mode}" if switches.keepalive_mode else ""
        yield f"crypto isakmp keepalive {config.isakmp_keepalive[0]} {config.isakmp_keepalive[1]}{mode}"
    if switches.nat_keepalive is not None:
        yield f"crypto isakmp nat keepalive {switches.nat_keepalive}"
    if switches.invalid_spi_recovery:
        yield "crypto isakmp invalid-spi-recovery"
    if switches.identity:
        yield f"crypto isakmp identity {switches.identity}"
    if switches.aggressive_mode_disabled:
        yield "crypto isakmp aggressive-mode disable"


def ikev1_block_lines(ikev1: Ikev1Config) -> Iterator[str]:
    """Client groups and ISAKMP profiles, each block followed by `!`."""
    for group in ikev1.client_groups.values():
        yield from render_client_group(group)
        yield "!"
    for profile in ikev1.profiles.values():
        yield from render_isakmp_profile(profile)
        yield "!"


def ipsec_global_lines(sa: IpsecGlobals) -> Iterator[str]:
    prefix = "crypto ipsec security-association"
    if sa.lifetime_seconds != DEFAULT_SA_LIFETIME_SECONDS:
        yield f"{prefix} lifetime seconds {sa.lifetime_seconds}"
    if sa.lifetime_kilobytes_disabled:
        yield f"{prefix} lifetime kilobytes disable"
    elif sa.lifetime_kilobytes != DEFAULT_SA_LIFETIME_KILOBYTES:
        yield f"{prefix} lifetime kilobytes {sa.lifetime_kilobytes}"
    if sa.replay_disabled:
        yield f"{prefix} replay disable"
    if sa.replay_window != DEFAULT_REPLAY_WINDOW:
        yield f"{prefix} replay window-size {sa.replay_window}"
    if sa.idle_time is not None:
        yield f"{prefix} idle-time {sa.idle_time}{' default' if sa.idle_time_default else ''}"
    if sa.ecn:
        yield f"{prefix} ecn {sa.ecn}"
    if sa.multi_sn:
        yield f"{prefix} multi-sn"
    if sa.df_bit != DEFAULT_DF_BIT:
        yield f"crypto ipsec df-bit {sa.df_bit}"
    if sa.fragmentation != DEFAULT_FRAGMENTATION:
        yield f"crypto ipsec fragmentation {sa.fragmentation}"
    if not sa.nat_udp_encapsulation:
        yield "no crypto ipsec nat-transparency udp-encapsulation"
    if sa.nat_spi_matching:
        yield "crypto ipsec nat-transparency spi-matching"

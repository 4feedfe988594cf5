"""Shows of the IKEv1/IPsec configuration families: IPsec and ISAKMP profiles, keyrings, peers config.

Formats: `show crypto ipsec profile` follows the IOS XE 17 captures (genieparser show_crypto_ipsec_profile);
`show crypto isakmp peers config` follows genieparser's sample; `show crypto isakmp profile` and
`show crypto keyring` have no public capture (docs/router-show-fidelity.md says what was chosen).
"""

from __future__ import annotations

from ..state.config.ikev1 import IsakmpProfile, Keyring
from ..state.config.ipsec_globals import IpsecGlobals
from ..state.config.model import (
    DEFAULT_ISAKMP_POLICIES,
    DEFAULT_TRANSFORM_SETS,
    IpsecProfile,
    IsakmpPolicy,
    SaLifetime,
)
from ..state.config.stored_secret import encrypts
from ..state.router import Router
from .config_show import transform_display

PEER_HASH = {"md5": "MD5", "sha": "SHA-1", "sha256": "SHA-256", "sha384": "SHA-384", "sha512": "SHA-512"}
PEER_AUTH = {"pre-share": "Pre-Shared Key", "rsa-sig": "RSA-SIG", "rsa-encr": "RSA-ENCR"}


def _lifetime_line(lifetime: SaLifetime, sa: IpsecGlobals) -> list[str]:
    seconds = lifetime.seconds or sa.lifetime_seconds
    if lifetime.kilobytes_disabled or (lifetime.kilobytes is None and sa.lifetime_kilobytes_disabled):
        return ["\tKilobyte Volume Rekey has been disabled.", f"\tSecurity association lifetime:{seconds} seconds"]
    kilobytes = lifetime.kilobytes or sa.lifetime_kilobytes
    return [f"\tSecurity association lifetime: {kilobytes} kilobytes/{seconds} seconds"]


def _ipsec_profile_block(router: Router, profile: IpsecProfile) -> list[str]:
    lines = [f"IPSEC profile {profile.name}"]
    if profile.isakmp_profile:
        lines.append(f"\tISAKMP Profile: {profile.isakmp_profile}")
    if profile.ikev2_profile:
        lines.append(f"\tIKEv2 Profile: {profile.ikev2_profile}")
    lines += _lifetime_line(profile.lifetime, router.running.ipsec_globals)
    lines += ["\tDualstack (Y/N): N", "", "\tResponder-Only (Y/N): N"]
    if profile.pfs:
        lines += ["\tPFS (Y/N): Y", "\t\tInherit (Y/N): N", f"\t\tDH group: {profile.pfs}"]
    else:
        lines.append("\tPFS (Y/N): N")
    lines += ["\tMixed-mode : Disabled", "\tTransform sets={"]
    sets = router.running.transform_sets
    if profile.transform_sets:
        offered = [sets[n] for n in profile.transform_sets if n in sets]
    else:
        offered = list(DEFAULT_TRANSFORM_SETS) if router.running.ipsec_default_transform_set else []
    lines += [f"\t\t{ts.name}:  {{ {transform_display(ts)}  }} ," for ts in offered]
    lines.append("\t}")
    return lines


def ipsec_profiles(router: Router, name: str | None = None) -> str:
    profiles = sorted(router.running.ipsec_profiles.values(), key=lambda p: p.name)
    blocks = [_ipsec_profile_block(router, p) for p in profiles if name is None or p.name == name]
    return "".join("\n".join(block) + "\n\n" for block in blocks)


def _isakmp_profile_block(router: Router, profile: IsakmpProfile) -> list[str]:
    users = sum(
        1
        for user in [*router.running.ipsec_profiles.values(),
                     *(e for m in router.running.crypto_maps.values() for e in m.entries.values()),
                     *(e for m in router.running.dynamic_maps.values() for e in m.entries.values())]
        if user.isakmp_profile == profile.name
    )
    lines = [f"ISAKMP PROFILE {profile.name}"]
    if profile.vrf:
        lines.append(f"   vrf: {profile.vrf}")
    lines += [f"   Ref Count = {users}", "   Identities matched are:"]
    lines += [f"    {_identity_text(identity)}" for identity in profile.match_identities]
    lines.append("   Certificate maps matched are:")
    if profile.self_identity:
        lines.append(f"   Identity presented is: {profile.self_identity}")
    keyrings = " ".join(profile.keyrings) if profile.keyrings else "<none>"
    trust_points = " ".join(profile.ca_trust_points) if profile.ca_trust_points else "<all>"
    lines += [f"   keyring(s): {keyrings}", f"   trustpoint(s): {trust_points}"]
    if profile.local_address:
        lines.append(f"   local address: {profile.local_address}")
    if profile.keepalive:
        lines.append(f"   keepalive: {profile.keepalive[0]} seconds, retry {profile.keepalive[1]} seconds")
    if profile.virtual_template is not None:
        lines.append(f"   virtual-template: {profile.virtual_template}")
    if profile.initiate_aggressive:
        lines.append("   initiate mode: aggressive")
    return lines


def _identity_text(identity: str) -> str:
    kind, _, rest = identity.partition(" ")
    label = {"address": "ip-address", "host": "host", "user-fqdn": "user-fqdn", "group": "group"}[kind]
    return f"{label} {rest.strip()}"


def isakmp_profiles(router: Router, name: str | None = None) -> str:
    profiles = [p for p in router.running.ikev1.profiles.values() if name is None or p.name == name]
    return "".join("\n".join(_isakmp_profile_block(router, p)) + "\n\n" for p in profiles)


def _keyring_block(keyring: Keyring, type6: bool) -> list[str]:
    vrf = keyring.vrf or "default"
    lines = [f"Keyring: {keyring.name}  (vrf: {vrf})"]
    if keyring.local_address:
        lines.append(f"  Local address: {keyring.local_address}")
    lines.append("  Pre-shared keys:")
    for key in keyring.keys:
        peer = f"{key.peer} {key.mask}" if key.mask else key.peer
        lines.append(f"    {key.kind} {peer}{'  (type 6)' if type6 else ''}")
    return lines


def keyrings(router: Router, name: str | None = None) -> str:
    """Keyrings and the peers they hold keys for; the keys themselves are never shown."""
    rings = [k for k in router.running.ikev1.keyrings.values() if name is None or k.name == name]
    return "".join("\n".join(_keyring_block(k, encrypts(router.running))) + "\n\n" for k in rings)


def _first_policy(router: Router) -> IsakmpPolicy:
    policies = router.running.isakmp_policies
    if policies:
        return policies[min(policies)]
    return DEFAULT_ISAKMP_POLICIES[0]


def _peer_encryption(policy: IsakmpPolicy) -> str:
    if policy.encryption == "aes":
        return f"AES-{policy.key_size or 128}"
    return policy.encryption.upper()


def configured_peers(router: Router) -> dict[str, str]:
    """Peers of the static crypto map entries (map and sequence order) -> the local identity used with them:
    the address of the interface the map is on (or its local-address), the hostname with `identity hostname`."""
    running = router.running
    peers: dict[str, str] = {}
    for cmap in running.crypto_maps.values():
        source = cmap.local_address or next(
            (i.name for i in running.interfaces.values() if i.crypto_map == cmap.name), None
        )
        iface = running.interfaces.get(source) if source else None
        local = running.hostname if running.ikev1.globals.identity == "hostname" else (iface.address if iface else None)
        for seq in sorted(cmap.entries):
            for peer in cmap.entries[seq].peers:
                peers.setdefault(peer, local or "0.0.0.0")
    return peers


def isakmp_peers_config(router: Router) -> str:
    """Each configured peer with the phase-1 suite this router offers it first (its lowest-numbered policy)."""
    policy = _first_policy(router)
    lines = ["ISAKMP Peers Configuration"]
    for peer, local_id in configured_peers(router).items():
        if len(lines) > 1:
            lines.append("")
        lines += [
            f"Peer: {peer}",
            "  Key Exchange: IKEv1",
            f"  Authentication Method: {PEER_AUTH[policy.authentication]}",
            f"  Encryption: {_peer_encryption(policy)}",
            f"  Hashing: {PEER_HASH[policy.hash]}",
            f"  DH Group: Group {policy.group}",
            f"  Lifetime: {policy.lifetime} seconds",
            f"  Local ID: {local_id}",
            f"  Remote ID: {peer}",
        ]
    return "\n".join(lines) + "\n"


def crypto_sockets(router: Router) -> str:
    """`show crypto sockets`: sockets belong to tunnel protection (VTI/DMVPN); crypto maps open none, and
    tunnel interfaces are not modelled yet, so the router lists no socket connections."""
    del router
    return "\nNumber of Crypto Socket connections 0\n\nCrypto Sockets in Listen state:\n\n"

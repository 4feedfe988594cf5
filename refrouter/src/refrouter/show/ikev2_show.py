"""`show crypto ikev2 proposal|policy|profile`: configured objects plus the IOS XE smart defaults."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..state.config.ikev2 import (
    DEFAULT_NAME,
    SMART_DEFAULT_POLICY,
    SMART_DEFAULT_PROPOSAL,
    Ikev2Policy,
    Ikev2Profile,
    Ikev2Proposal,
)

if TYPE_CHECKING:
    from ..state.config.model import RunningConfig

ENCRYPTION_NAMES = {
    "des": "DES",
    "3des": "3DES",
    "aes-cbc-128": "AES-CBC-128",
    "aes-cbc-192": "AES-CBC-192",
    "aes-cbc-256": "AES-CBC-256",
    "aes-gcm-128": "AES-GCM-128",
    "aes-gcm-256": "AES-GCM-256",
}
INTEGRITY_NAMES = {"md5": "MD596", "sha1": "SHA96", "sha256": "SHA256", "sha384": "SHA384", "sha512": "SHA512"}
PRF_NAMES = {"md5": "MD5", "sha1": "SHA1", "sha256": "SHA256", "sha384": "SHA384", "sha512": "SHA512"}
DH_NAMES = {
    1: "DH_GROUP_768_MODP",
    2: "DH_GROUP_1024_MODP",
    5: "DH_GROUP_1536_MODP",
    14: "DH_GROUP_2048_MODP",
    15: "DH_GROUP_3072_MODP",
    16: "DH_GROUP_4096_MODP",
    19: "DH_GROUP_256_ECP",
    20: "DH_GROUP_384_ECP",
    21: "DH_GROUP_521_ECP",
    24: "DH_GROUP_2048_256_MODP",
}


def proposals(config: RunningConfig, name: str | None = None) -> list[Ikev2Proposal]:
    """Configured proposals in order, the smart default first while it is enabled and not overridden."""
    ikev2 = config.ikev2
    found = list(ikev2.proposals.values())
    if ikev2.default_proposal and DEFAULT_NAME not in ikev2.proposals:
        found.insert(0, SMART_DEFAULT_PROPOSAL)
    return [p for p in found if name in (None, p.name)]


def policies(config: RunningConfig, name: str | None = None) -> list[Ikev2Policy]:
    ikev2 = config.ikev2
    found = list(ikev2.policies.values())
    if ikev2.default_policy and DEFAULT_NAME not in ikev2.policies:
        found.append(SMART_DEFAULT_POLICY)
    return [p for p in found if name in (None, p.name)]


def show_proposals(config: RunningConfig, name: str | None = None) -> str:
    out: list[str] = []
    for proposal in proposals(config, name):
        prf = proposal.prf or ([] if proposal.is_aead else proposal.integrity)
        out += [
            f" IKEv2 proposal: {proposal.name} ",
            f"     Encryption : {' '.join(ENCRYPTION_NAMES[e] for e in proposal.encryption)}",
            f"     Integrity  : {' '.join(INTEGRITY_NAMES[i] for i in proposal.integrity)}",
            f"     PRF        : {' '.join(PRF_NAMES[p] for p in prf)}",
            f"     DH Group   : {' '.join(f'{DH_NAMES[g]}/Group {g}' for g in proposal.groups)}",
        ]
    return "\n".join(out) + "\n" if out else ""


def show_policies(config: RunningConfig, name: str | None = None) -> str:
    out: list[str] = []
    for policy in policies(config, name):
        out += [f" IKEv2 policy : {policy.name}", f"      Match fvrf : {policy.match_fvrf or 'global'}"]
        for local in policy.match_local or ["any"]:
            out.append(f"      Match address local : {local}")
        for proposal in policy.proposals:
            out.append(f"      Proposal    : {proposal}")
        out.append("")
    return "\n".join(out) + "\n" if out else ""


def _profile_refs(config: RunningConfig, name: str) -> int:
    """IPsec profiles, crypto map and dynamic map entries (`set ikev2-profile`) and tunnels that name it."""
    refs = sum(1 for p in config.ipsec_profiles.values() if p.ikev2_profile == name)
    for cmap in [*config.crypto_maps.values(), *config.dynamic_maps.values()]:
        refs += sum(1 for entry in cmap.entries.values() if entry.ikev2_profile == name)
    tunnels = (i.tunnel for i in config.interfaces.values() if i.tunnel)
    return refs + sum(1 for t in tunnels if t.protection_ikev2_profile == name)


def _profile_lines(config: RunningConfig, profile: Ikev2Profile) -> list[str]:
    identities = [i.text for i in profile.match_identities] or ["none"]
    dpd = "interval {}, retry-interval {}, {}".format(*profile.dpd) if profile.dpd else "disabled"
    nat = f"{profile.nat_keepalive} seconds" if profile.nat_keepalive else "disabled"
    vt = f"Virtual-Template{profile.virtual_template}" if profile.virtual_template is not None else "none"
    group = next((a for a in profile.aaa_authorization if a.startswith("group")), "none")
    user = next((a for a in profile.aaa_authorization if a.startswith("user")), "none")
    return [
        f"IKEv2 profile: {profile.name}",
        " Shutdown: No",
        f" Ref Count: {_profile_refs(config, profile.name)}",
        " Match criteria: ",
        f"  Fvrf: {profile.match_fvrf or 'global'}",
        f"  Local address/interface: {', '.join(profile.match_local) or 'none'}",
        "  Identities: ",
        *(f"   {identity}" for identity in identities),
        "  Certificate maps: none",
        f" Local identity: {profile.identity_local.text if profile.identity_local else 'none'}",
        " Remote identity: none",
        f" Local authentication method: {' '.join(profile.auth_local) or 'none'}",
        f" Remote authentication method(s): {' '.join(profile.auth_remote) or 'none'}",
        " EAP options: none",
        f" Keyring: {profile.keyring_local or 'none'}",
        f" Trustpoint(s): {', '.join(profile.pki_trustpoints) or 'none'}",
        f" Lifetime: {profile.lifetime} seconds",
        f" DPD: {dpd}",
        f" NAT-keepalive: {nat}",
        f" Ivrf: {profile.ivrf or 'none'}",
        f" Virtual-template: {vt}",
        " mode auto: none",
        " AAA AnyConnect EAP authentication mlist: none",
        " AAA EAP authentication mlist: none",
        " AAA Accounting: none",
        f" AAA group authorization: {group}",
        f" AAA user authorization: {user}",
        "",
    ]


def show_profiles(config: RunningConfig, name: str | None = None) -> str:
    out: list[str] = []
    for profile in config.ikev2.profiles.values():
        if name in (None, profile.name):
            out += _profile_lines(config, profile)
    return "\n".join(out) + "\n" if out else ""

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IKE objects of one router's site_to_site_vpn ends beyond global keys and ISAKMP policies.

IKEv2: a keyring with one peer per tunnel, one profile per tunnel end (matched by the peer's address), and -
with the NGE suite - one explicit proposal and policy; with the smart defaults IOS negotiates with its
`default` proposal and policy. IKEv1 on VTIs: a keyring and one ISAKMP profile per tunnel end. A dynamic VTI
end's profile names the virtual template. Pre-shared keys are never in here: the role adds them by `index`.
"""

from __future__ import annotations

from typing import Any

NGE_PROPOSAL = {"encryption": ["aes-gcm-256"], "prf": ["sha384"], "group": [20, 21]}
HOST_MASK = "255.255.255.255"


def profile_name(prefix: str, tunnel_name: str) -> str:
    return f"{prefix}{tunnel_name}"


def keyring_name(prefix: str) -> str:
    return f"{prefix}KEYS"


def ikev2_objects(
    ends: list[dict[str, Any]], prefix: str, suite: str, virtual_template: int | None
) -> dict[str, Any]:
    """Proposals, policies, the keyring's peers and the profiles of IKEv2 ends (`virtual_template` for
    dynamic VTI ends, None otherwise)."""
    keyring = keyring_name(prefix)
    profiles = []
    for end in ends:
        profile: dict[str, Any] = {
            "name": profile_name(prefix, end["tunnel"]),
            "match_identity_remote": [f"address {end['peer']} {HOST_MASK}"],
            "authentication_remote": ["pre-share"],
            "authentication_local": "pre-share",
            "keyring_local": keyring,
        }
        if end["dynamic"] and virtual_template is not None:
            profile["virtual_template"] = virtual_template
        profiles.append(profile)
    explicit = suite == "nge" and bool(ends)
    name = f"{prefix}NGE"
    return {
        "ikev2_proposals": [{"name": name, **NGE_PROPOSAL}] if explicit else [],
        "ikev2_policies": [{"name": name, "proposals": [name]}] if explicit else [],
        "ikev2_keyring": {
            "name": keyring,
            "peers": [{"name": end["tunnel"], "address": end["peer"], "index": end["index"]} for end in ends],
        },
        "ikev2_profiles": profiles,
    }


def ikev1_profile_objects(
    ends: list[dict[str, Any]], prefix: str, virtual_template: int | None
) -> dict[str, Any]:
    """The IKEv1 keyring's keys (by peer address) and one ISAKMP profile per tunnel end."""
    keyring = keyring_name(prefix)
    profiles = []
    for end in ends:
        profile: dict[str, Any] = {
            "name": profile_name(prefix, end["tunnel"]),
            "keyrings": [keyring],
            "match_identities": [f"address {end['peer']} {HOST_MASK}"],
        }
        if end["dynamic"] and virtual_template is not None:
            profile["virtual_template"] = virtual_template
        profiles.append(profile)
    return {
        "keyring": {
            "name": keyring,
            "keys": [{"address": end["peer"], "index": end["index"]} for end in ends],
        },
        "isakmp_profiles": profiles,
    }

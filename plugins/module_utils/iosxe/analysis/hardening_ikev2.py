# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IKEv2 part of the crypto_hardening review: own IKEv2 proposals, the smart default proposal while IOS
uses it, negotiated IKEv2 SAs, and whether the default proposal can be disabled.

IOS uses the default IKEv2 policy (which offers the default proposal) only while no IKEv2 policy is configured;
an own policy may also name the default proposal. The default proposal's algorithms are the ones the device
prints (`show crypto ikev2 proposal default`, the `defaults` subset of ipsec_facts), spelled here as the
ikev2_proposals module spells them (`AES-CBC-256` -> `aes-cbc-256`, integrity `SHA96` -> `sha1`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Obj = Mapping[str, Any]
Use = tuple[str, str, Any]  # where, NGE table, value

DEFAULT = "default"
# `show crypto ikev2 ...` names -> the ikev2_proposals module's
INTEGRITY_SHOWN = {
    "MD596": "md5",
    "SHA96": "sha1",
    "SHA256": "sha256",
    "SHA384": "sha384",
    "SHA512": "sha512",
}
PRF_SHOWN = {"MD5": "md5", "SHA1": "sha1", "SHA256": "sha256", "SHA384": "sha384", "SHA512": "sha512"}


def ikev2_uses(resources: Obj, ipsec: Obj) -> list[Use]:
    return proposal_uses(resources) + default_proposal_uses(resources, ipsec) + negotiated_ikev2_uses(ipsec)


def proposal_uses(resources: Obj) -> list[Use]:
    """Every algorithm of the own IKEv2 proposals."""
    uses: list[Use] = []
    for proposal in resources.get("ikev2_proposals") or []:
        uses += _proposal(f"ikev2 proposal {proposal['name']}", proposal)
    return uses


def _proposal(where: str, proposal: Obj) -> list[Use]:
    return (
        [(where, "ikev2_encryption", value) for value in proposal.get("encryption") or []]
        + [(where, "ikev2_integrity", value) for value in proposal.get("integrity") or []]
        + [(where, "ikev2_prf", value) for value in proposal.get("prf") or []]
        + [(where, "dh_group", value) for value in proposal.get("group") or []]
    )


def default_proposal_in_use(resources: Obj) -> str | None:
    """Why IOS uses the smart default proposal (a phrase for the report), or None when it does not."""
    toggles = resources.get("ikev2_defaults") or {}
    if not toggles.get("proposal", True):
        return None
    policies = resources.get("ikev2_policies") or []
    naming = [policy["name"] for policy in policies if DEFAULT in (policy.get("proposals") or [])]
    if naming:
        return f"ikev2 policy {naming[0]} names it"
    if not policies and toggles.get("policy", True):
        return "no own IKEv2 policy"
    return None


def default_proposal_uses(resources: Obj, ipsec: Obj) -> list[Use]:
    reason = default_proposal_in_use(resources)
    if reason is None:
        return []
    return [
        use
        for shown in ipsec.get("default_ikev2_proposals") or []
        for use in _proposal(f"default ikev2 proposal (in use: {reason})", _from_show(shown))
    ]


def _from_show(shown: Obj) -> dict[str, list[Any]]:
    return {
        "encryption": [value.lower() for value in shown.get("encryption") or []],
        "integrity": [INTEGRITY_SHOWN.get(value, value) for value in shown.get("integrity") or []],
        "prf": [PRF_SHOWN.get(value, value) for value in shown.get("prf") or []],
        "group": list(shown.get("dh_groups") or []),
    }


def negotiated_ikev2_uses(ipsec: Obj) -> list[Use]:
    """The algorithms of the IKEv2 SAs up now (ipsec_facts subset ikev2_sa, where gathered); an SA still
    negotiating (IN-NEG, `Encr: Unknown - 0`) has none yet."""
    uses: list[Use] = []
    for sa in ipsec.get("ikev2_sa") or []:
        if sa.get("status") != "READY":
            continue
        where = f"IKEv2 SA with {sa['remote']} (negotiated)"
        encryption = str(sa["encryption"]).lower()
        if sa.get("keysize"):
            encryption = f"{encryption}-{sa['keysize']}"
        uses.append((where, "ikev2_encryption", encryption))
        if sa.get("prf"):
            uses.append((where, "ikev2_prf", PRF_SHOWN.get(sa["prf"], sa["prf"])))
        if sa.get("hash") not in (None, "None"):  # AES-GCM: no separate integrity
            uses.append((where, "ikev2_integrity", INTEGRITY_SHOWN.get(sa["hash"], sa["hash"])))
        uses.append((where, "dh_group", sa["dh_group"]))
    return uses


def default_proposal_toggle(resources: Obj) -> dict[str, bool]:
    """`ikev2_defaults` config that disables the default proposal where IOS cannot use it: own proposals and
    own policies exist and no policy names it. Empty when nothing is to change."""
    toggles = resources.get("ikev2_defaults") or {}
    policies = resources.get("ikev2_policies") or []
    if (
        toggles.get("proposal", True)
        and resources.get("ikev2_proposals")
        and policies
        and default_proposal_in_use(resources) is None
    ):
        return {"proposal": False}
    return {}

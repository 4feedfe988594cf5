"""crypto_hardening review of IKEv2 (analysis/hardening_ikev2.py), rule by rule: own proposals, the smart
default proposal while IOS uses it, negotiated IKEv2 SAs, and when the default proposal is disabled."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.hardening import Settings, review
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import parse

ROLE = Path(__file__).resolve().parents[3] / "roles" / "crypto_hardening"
DEFAULT_SHOWN = (
    Path(__file__).resolve().parents[1] / "fixtures" / "show_crypto_ikev2_proposal_default" / "refrouter"
)

NGE = {
    "ikev2_encryption": {
        "3des": {"status": "legacy", "blocked": True},
        "aes-cbc-256": {"status": "acceptable"},
        "aes-gcm-256": {"status": "nge"},
    },
    "ikev2_integrity": {
        "md5": {"status": "avoid", "blocked": True},
        "sha1": {"status": "legacy"},
        "sha384": {"status": "nge"},
        "sha512": {"status": "nge"},
    },
    "ikev2_prf": {"sha1": {"status": "legacy"}, "sha384": {"status": "nge"}, "sha512": {"status": "nge"}},
    "dh_group": {
        "2": {"status": "avoid"},
        "5": {"status": "avoid", "blocked": True},
        "14": {"status": "acceptable"},
        "19": {"status": "nge"},
        "21": {"status": "nge"},
    },
}
SETTINGS = Settings("R1", NGE, ["avoid", "legacy", "unknown"], True, True)
NGE_PROPOSAL = {
    "name": "NGE",
    "encryption": ["aes-gcm-256"],
    "integrity": [],
    "prf": ["sha384"],
    "group": [19],
}
OLD_PROPOSAL = {"name": "OLD", "encryption": ["3des"], "integrity": ["md5"], "prf": ["sha1"], "group": [2]}
# `show crypto ikev2 proposal default` on IOS XE 16.x/17.x, as the defaults subset parses it
SMART_DEFAULT = {
    "name": "default",
    "encryption": ["AES-CBC-256"],
    "integrity": ["SHA512", "SHA384"],
    "prf": ["SHA512", "SHA384"],
    "dh_groups": [19, 14, 21, 5],
}
DEFAULTS_SHOWN = {"default_ikev2_proposals": [SMART_DEFAULT]}
OWN_POLICY = {"name": "P", "match_fvrf": None, "match_address_local": [], "proposals": ["NGE"]}


def texts(resources: dict[str, Any], ipsec: dict[str, Any] | None = None) -> list[str]:
    return [finding["text"] for finding in review(resources, ipsec or {}, SETTINGS)["findings"]]


def test_own_proposal_algorithms_are_rated_in_proposal_order() -> None:
    resources = {"ikev2_proposals": [NGE_PROPOSAL, OLD_PROPOSAL], "ikev2_policies": [OWN_POLICY]}
    assert texts(resources) == [
        "ikev2 proposal OLD: 3des (legacy; blocked by default on IOS XE 17.11+)",
        "ikev2 proposal OLD: md5 (avoid; blocked by default on IOS XE 17.11+)",
        "ikev2 proposal OLD: sha1 (legacy)",
        "ikev2 proposal OLD: group 2 (avoid)",
    ]


def test_smart_default_proposal_is_rated_while_no_own_policy_exists() -> None:
    """The IOS XE default proposal offers DH group 5: reported while IOS uses the default policy."""
    assert texts({}, DEFAULTS_SHOWN) == [
        "default ikev2 proposal (in use: no own IKEv2 policy): group 5 (avoid; blocked by default on IOS XE 17.11+)"
    ]


def test_smart_default_proposal_is_rated_where_an_own_policy_names_it() -> None:
    policy = {**OWN_POLICY, "name": "FALLBACK", "proposals": ["NGE", "default"]}
    assert texts({"ikev2_policies": [policy]}, DEFAULTS_SHOWN) == [
        "default ikev2 proposal (in use: ikev2 policy FALLBACK names it): group 5 "
        "(avoid; blocked by default on IOS XE 17.11+)"
    ]


def test_smart_default_proposal_is_not_rated_when_unused_or_disabled() -> None:
    assert texts({"ikev2_policies": [OWN_POLICY]}, DEFAULTS_SHOWN) == []
    assert texts({"ikev2_defaults": {"proposal": False, "policy": True}}, DEFAULTS_SHOWN) == []
    assert texts({"ikev2_defaults": {"proposal": True, "policy": False}}, DEFAULTS_SHOWN) == []


def test_shown_names_are_mapped_to_the_module_spelling() -> None:
    old_default = {"name": "default", "encryption": ["3DES"], "integrity": ["MD596", "SHA96"], "prf": ["MD5"],
                   "dh_groups": [2]}  # fmt: skip
    found = review({}, {"default_ikev2_proposals": [old_default]}, SETTINGS)["findings"]
    assert [finding["algorithm"] for finding in found] == ["3des", "md5", "sha1", "md5", "group 2"]
    assert [finding["status"] for finding in found] == ["legacy", "avoid", "legacy", "unknown", "avoid"]


def test_negotiated_ikev2_sas_are_rated() -> None:
    ipsec = {
        "ikev2_sa": [
            {"remote": "192.0.2.2", "status": "READY", "encryption": "AES-GCM", "keysize": 256, "prf": "SHA384",
             "hash": "None", "dh_group": 19},
            {"remote": "192.0.2.3", "status": "READY", "encryption": "3DES", "keysize": None, "prf": None,
             "hash": "SHA96", "dh_group": 2},
            {"remote": "192.0.2.4", "status": "IN-NEG", "encryption": "Unknown - 0", "keysize": None,
             "prf": "Unknown - 0", "hash": "None", "dh_group": 0},
        ]
    }  # fmt: skip
    assert texts({}, ipsec) == [
        "IKEv2 SA with 192.0.2.3 (negotiated): 3des (legacy; blocked by default on IOS XE 17.11+)",
        "IKEv2 SA with 192.0.2.3 (negotiated): sha1 (legacy)",
        "IKEv2 SA with 192.0.2.3 (negotiated): group 2 (avoid)",
    ]


def test_default_proposal_is_disabled_only_where_ios_cannot_use_it() -> None:
    own = {"ikev2_proposals": [NGE_PROPOSAL], "ikev2_policies": [OWN_POLICY]}
    assert review(own, {}, SETTINGS)["ikev2_defaults"] == {"proposal": False}
    naming = {**own, "ikev2_policies": [{**OWN_POLICY, "proposals": ["default"]}]}
    assert review(naming, {}, SETTINGS)["ikev2_defaults"] == {}
    assert review({"ikev2_proposals": [NGE_PROPOSAL]}, {}, SETTINGS)["ikev2_defaults"] == {}
    already = {**own, "ikev2_defaults": {"proposal": False}}
    assert review(already, {}, SETTINGS)["ikev2_defaults"] == {}
    keep = Settings("R1", NGE, [], True, True, disable_ikev2_default_proposal=False)
    assert review(own, {}, keep)["ikev2_defaults"] == {}


def test_role_table_flags_group_5_of_the_recorded_smart_default_proposal() -> None:
    """The role's own NGE table on the default proposal the reference router prints (IOS XE 16.x/17.x): only
    DH group 5 is weak (avoid, blocked on 17.11+); AES-CBC-256 is acceptable, SHA-384/512 next generation."""
    table = yaml.safe_load((ROLE / "vars" / "main.yml").read_text())["__crypto_hardening_nge"]
    shown = parse("show crypto ikev2 proposal default", (DEFAULT_SHOWN / "output.txt").read_text())
    settings = Settings("R1", table, ["avoid", "legacy", "acceptable", "nge", "unknown"], True, True)
    found = review({}, {"default_ikev2_proposals": shown.data["ikev2_proposals"]}, settings)["findings"]
    assert [(finding["algorithm"], finding["status"], finding["blocked_17_11"]) for finding in found] == [
        ("aes-cbc-256", "acceptable", False),
        ("sha512", "nge", False),
        ("sha384", "nge", False),
        ("sha512", "nge", False),
        ("sha384", "nge", False),
        ("group 19", "nge", False),
        ("group 14", "acceptable", False),
        ("group 21", "nge", False),
        ("group 5", "avoid", True),
    ]

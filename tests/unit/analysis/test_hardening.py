"""crypto_hardening review (analysis/hardening.py), rule by rule, and the filter."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.filter.hardening_review import FilterModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.hardening import Settings, review

NGE = {
    "ike_encryption": {"des": {"status": "avoid", "blocked": True}, "aes-256": {"status": "next generation"}},
    "ike_hash": {"md5": {"status": "avoid", "note": "collisions"}, "sha256": {"status": "acceptable"}},
    "dh_group": {"1": {"status": "avoid"}, "14": {"status": "acceptable"}},
    "esp_encryption": {"esp-des": {"status": "avoid"}},
    "esp_integrity": {"esp-md5-hmac": {"status": "legacy"}},
}
SETTINGS = Settings("R1", NGE, ["avoid", "legacy", "unknown"], True, True)
STRONG = {"priority": 10, "encryption": "aes-256", "hash": "sha256", "group": 14}


def texts(
    resources: dict[str, Any], ipsec: dict[str, Any] | None = None, settings: Settings = SETTINGS
) -> list[str]:
    return [finding["text"] for finding in review(resources, ipsec or {}, settings)["findings"]]


def test_own_policy_algorithms_are_rated_and_only_reported_statuses_kept() -> None:
    weak = {"priority": 20, "encryption": "des", "hash": "md5", "group": 1}
    assert texts({"isakmp_policies": [STRONG, weak]}) == [
        "isakmp policy 20: des (avoid; blocked by default on IOS XE 17.11+)",
        "isakmp policy 20: md5 (avoid; collisions)",
        "isakmp policy 20: group 1 (avoid)",
    ]


def test_default_policies_count_only_without_own_policies_and_while_enabled() -> None:
    ipsec = {"default_policies": [{"priority": 65507, "encryption": "des", "hash": "sha256", "group": 14}]}
    assert texts({}, ipsec) == [
        "default isakmp policy 65507 (in use: no own ISAKMP policy): des (avoid; blocked by default on IOS XE 17.11+)"
    ]
    assert texts({"crypto_defaults": {"isakmp_default_policy": False}}, ipsec) == []
    assert texts({"isakmp_policies": [STRONG]}, ipsec) == []


def test_transform_sets_pfs_and_unrated_values() -> None:
    resources = {
        "transform_sets": [
            {
                "name": "T",
                "esp_encryption": "esp-des",
                "esp_integrity": "esp-md5-hmac",
                "ah_integrity": "ah-new",
            }
        ],
        "crypto_maps": [
            {"name": "D", "dynamic": True, "entries": [{"seq": 5, "pfs": "group1", "transform_sets": ["T"]}]}
        ],
    }
    assert texts(resources) == [
        "transform-set T: esp-des (avoid)",
        "transform-set T: esp-md5-hmac (legacy)",
        "transform-set T: ah-new (unknown; not in the NGE table)",
        "crypto dynamic-map D 5: group 1 (avoid)",
    ]


def test_default_transform_sets_count_when_an_entry_names_none() -> None:
    resources = {"crypto_maps": [{"name": "M", "entries": [{"seq": 10}, {"seq": 20, "dynamic_map": "D"}]}]}
    ipsec = {"default_transform_sets": [{"name": "#$!default_transform_set_0", "esp_encryption": "esp-des"}]}
    assert texts(resources, ipsec) == [
        "default transform-set #$!default_transform_set_0 (in use: crypto map M 10 names none): esp-des (avoid)"
    ]


def test_negotiated_ike_sas() -> None:
    ipsec = {
        "flowmib": {
            "isakmp": {
                "tunnels": [
                    {
                        "remote_address": "192.0.2.2",
                        "encryption_algo": "des",
                        "hash_algo": "sha256",
                        "diffie_hellman_grp": 14,
                    }
                ]
            }
        }
    }
    assert texts({}, ipsec) == [
        "IKE SA with 192.0.2.2 (negotiated): des (avoid; blocked by default on IOS XE 17.11+)"
    ]


def test_finding_fields() -> None:
    finding = review({"isakmp_policies": [{**STRONG, "group": 1}]}, {}, SETTINGS)["findings"][0]
    assert finding == {
        "host": "R1",
        "where": "isakmp policy 10",
        "algorithm": "group 1",
        "status": "avoid",
        "blocked_17_11": False,
        "note": "",
        "detail": "group 1 (avoid)",
        "text": "isakmp policy 10: group 1 (avoid)",
    }


def test_default_suites_are_disabled_where_own_ones_exist() -> None:
    resources = {"isakmp_policies": [STRONG], "transform_sets": [{"name": "T", "esp_encryption": "esp-aes"}]}
    assert review(resources, {}, SETTINGS)["defaults"] == {
        "isakmp_default_policy": False,
        "ipsec_default_transform_set": False,
    }
    keep = Settings("R1", NGE, [], False, True)
    assert review(resources, {}, keep)["defaults"] == {"ipsec_default_transform_set": False}
    assert review({}, {}, SETTINGS)["defaults"] == {}


def test_default_transform_sets_are_kept_while_an_entry_relies_on_them() -> None:
    resources = {"transform_sets": [{"name": "T"}], "crypto_maps": [{"name": "M", "entries": [{"seq": 10}]}]}
    result = review(resources, {}, SETTINGS)
    assert result["defaults"] == {}
    assert result["kept"] == [
        "default transform sets kept: these entries name no transform set: crypto map M 10"
    ]


def test_the_filter_reads_yes_no_options() -> None:
    resources = {"isakmp_policies": [STRONG]}
    result = FilterModule().filters()["hardening_review"](resources, {}, "R1", NGE, ["avoid"], "no", "yes")
    assert result == {"findings": [], "defaults": {}, "ikev2_defaults": {}, "kept": []}

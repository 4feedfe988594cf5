"""Why a site_to_site_vpn tunnel is down (analysis/diagnosis.py), with the role's own causes, and the filter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from ansible_collections.ipsecux.iosxe.plugins.filter.tunnel_diagnosis import FilterModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.diagnosis import (
    Causes,
    diagnose,
    policies_text,
    transform_sets_text,
)

ROLE_VARS = yaml.safe_load(
    (Path(__file__).resolve().parents[3] / "roles" / "site_to_site_vpn" / "vars" / "main.yml").read_text()
)
CAUSES = Causes(
    ROLE_VARS["__site_to_site_vpn_causes"],
    ROLE_VARS["__site_to_site_vpn_unknown_cause"],
    ROLE_VARS["__site_to_site_vpn_ignored_reasons"],
)
TUNNELS = [
    {
        "name": "t1",
        "initiator": {"host": "A", "address": "192.0.2.1"},
        "responder": {"host": "B", "address": "192.0.2.2"},
    }
]
DOWN = {
    "name": "t1",
    "state": "down",
    "initiator": "A",
    "responder": "B",
    "local": "192.0.2.1",
    "peer": "192.0.2.2",
    "replies": 0,
}


def run(hosts: dict[str, dict[str, Any]], status: dict[str, Any] | None = None) -> dict[str, Any]:
    result = diagnose([status or DOWN], TUNNELS, lambda host, name: hosts.get(host, {}).get(name), CAUSES)
    return result[0]


def sa(src: str, dst: str, state: str, **extra: Any) -> dict[str, Any]:
    return {"src": src, "dst": dst, "state": state, **extra}


def failures(proto: str, *rows: dict[str, Any]) -> dict[str, Any]:
    return {"flowmib": {proto: {"failures": list(rows)}}}


def test_a_tunnel_that_is_up_is_kept_as_it_is() -> None:
    up = {**DOWN, "state": "up"}
    assert diagnose([up], TUNNELS, lambda host, name: None, CAUSES) == [up]


def test_replies_without_encryption() -> None:
    assert run({}, {**DOWN, "replies": 3})["cause"] == "not_encrypted"


def test_nothing_seen_means_ike_never_started() -> None:
    result = run({})
    assert result["cause"] == "no_negotiation"
    assert result["message"].startswith(
        "tunnel t1 (A 192.0.2.1 -> B 192.0.2.2): traffic did not start IKE: no "
    )
    assert result["message"].endswith("(`show crypto map`). Seen: nothing from either end")


def test_key_exchange_state_at_the_initiator_names_a_key_mismatch() -> None:
    result = run({"A": {"__site_to_site_vpn_isakmp_states": [sa("192.0.2.1", "192.0.2.2", "MM_KEY_EXCH")]}})
    assert result["cause"] == "key_mismatch"
    assert "Seen: A: ISAKMP SA with 192.0.2.2 in MM_KEY_EXCH" in result["message"]


def test_deleted_sas_and_sas_with_other_peers_are_no_evidence() -> None:
    rows = [
        sa("192.0.2.1", "192.0.2.2", "MM_KEY_EXCH", deleted=True),
        sa("192.0.2.1", "192.0.2.9", "MM_KEY_EXCH"),
    ]
    assert run({"A": {"__site_to_site_vpn_isakmp_states": rows}})["cause"] == "no_negotiation"


def test_silent_peer_in_mm_no_state() -> None:
    assert (
        run({"A": {"__site_to_site_vpn_isakmp_states": [sa("192.0.2.2", "192.0.2.1", "MM_NO_STATE")]}})[
            "cause"
        ]
        == "peer_unreachable"
    )


def test_responder_still_negotiating_is_not_silent() -> None:
    hosts = {
        "A": {"__site_to_site_vpn_isakmp_states": [sa("192.0.2.1", "192.0.2.2", "MM_NO_STATE")]},
        "B": {"__site_to_site_vpn_isakmp_states": [sa("192.0.2.1", "192.0.2.2", "MM_NO_STATE")]},
    }
    assert run(hosts)["cause"] == "unknown"


def test_only_failures_newer_than_the_baseline_and_not_ignored_count() -> None:
    old = {"index": 4, "reason": "Proposal", "remote_address": "192.0.2.2"}
    ignored = {"index": 5, "reason": "Operation request", "remote_address": "192.0.2.2"}
    hosts = {
        "B": {
            "__site_to_site_vpn_ipsec": failures("isakmp", old, ignored),
            "__site_to_site_vpn_baseline": failures("isakmp", old),
        }
    }
    assert run(hosts)["cause"] == "no_negotiation"
    hosts["B"]["__site_to_site_vpn_ipsec"]["flowmib"]["isakmp"]["failures"].append(
        {"index": 6, "reason": "Proposal", "remote_address": "192.0.2.1"}
    )
    result = run(hosts)
    assert result["cause"] == "no_common_policy"
    assert "B: flow-MIB IKE failure 'Proposal' with 192.0.2.1" in result["message"]
    assert result["message"].endswith(". Configured policies: A: none; B: none")


def test_phase1_without_ipsec_sa_names_the_transform_sets() -> None:
    ipsec = {
        "transform_sets": [
            {"name": "T1", "transforms": ["esp-aes", "esp-sha-hmac"], "mode": "tunnel"},
            {"name": "#$!default_transform_set_1", "transforms": ["esp-aes"]},
        ]
    }
    hosts = {
        "A": {
            "__site_to_site_vpn_isakmp_states": [sa("192.0.2.1", "192.0.2.2", "QM_IDLE")],
            "__site_to_site_vpn_ipsec": ipsec,
        }
    }
    result = run(hosts)
    assert result["cause"] == "no_common_transform_set"
    assert result["message"].endswith(
        "Configured transform sets: A: T1 [esp-aes esp-sha-hmac tunnel]; B: none"
    )


def test_crypto_log_lines_are_quoted_from_the_tag_and_seen_lines_once() -> None:
    line = "Dec  7 07:00:00: %CRYPTO-4-IKMP_NO_PRESHARED_KEY: no key for 192.0.2.1"
    result = run({"B": {"__site_to_site_vpn_new_logs": [line, line]}})
    assert result["cause"] == "key_mismatch"
    assert result["message"].endswith("Seen: B: %CRYPTO-4-IKMP_NO_PRESHARED_KEY: no key for 192.0.2.1")


def test_policies_text_prefers_own_policies() -> None:
    own = {"priority": 10, "encryption": "aes", "hash": "sha", "authentication": "pre-share", "group": 14}
    default = {**own, "priority": 65507}
    assert policies_text(
        {"isakmp_policies": [own, {**own, "priority": 20}], "default_policies": [default]}
    ) == ("10 aes/sha/pre-share/group 14, 20 aes/sha/pre-share/group 14")
    assert policies_text({"default_policies": [default]}) == "65507 aes/sha/pre-share/group 14"
    assert transform_sets_text({}) == "none"


@pytest.mark.parametrize("missing", ["__site_to_site_vpn_ipsec", "__site_to_site_vpn_new_logs"])
def test_the_filter_reads_hostvars_that_may_lack_a_variable(missing: str) -> None:
    hostvars = {"A": {}, "B": {"__site_to_site_vpn_ipsec": {}, "__site_to_site_vpn_new_logs": []}}
    hostvars["B"].pop(missing)
    result = FilterModule().filters()["tunnel_diagnosis"](
        [DOWN], TUNNELS, hostvars, CAUSES.known, CAUSES.unknown, list(CAUSES.ignored_reasons)
    )
    assert result[0]["cause"] == "no_negotiation"

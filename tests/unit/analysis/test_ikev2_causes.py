"""IKEv2 failure causes from IOS syslog/debug lines (analysis/ikev2_causes.py), one test per cause through the
role's diagnosis (analysis/diagnosis.py with roles/site_to_site_vpn/vars/main.yml)."""

from __future__ import annotations

from typing import Any

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.diagnosis import diagnose
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.ikev2_causes import (
    concerns,
    ikev2_cause,
)
from test_diagnosis import CAUSES, DOWN, TUNNELS

STAMP = "*Dec  7 11:02:33.512:"
# (line, cause id, title the role prints)
LINES = {
    "no_proposal_chosen": (
        f"{STAMP} %IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: Failed to find a matching proposal",
        "ikev2_no_proposal_chosen",
        "no IKEv2 proposal chosen",
    ),
    "authentication_failed": (
        f"{STAMP} %IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: Auth exchange failed",
        "ikev2_authentication_failed",
        "IKEv2 authentication failed",
    ),
    "no_matching_profile": (
        f"{STAMP} %IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: Failed to locate an item in the database",
        "ikev2_no_matching_profile",
        "no matching IKEv2 profile",
    ),
    "ts_unacceptable": (
        f"{STAMP} %IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: Traffic selectors are unacceptable",
        "ikev2_ts_unacceptable",
        "IKEv2 traffic selectors unacceptable",
    ),
}
# The same failures as `debug crypto ikev2` prints the notify a peer sent (RFC 7296 names).
NOTIFY_LINES = {
    "no_proposal_chosen": "IKEv2:(SESSION ID = 1,SA ID = 1):Received Packet [From 192.0.2.2:500/To "
    "192.0.2.1:500/VRF i0:f0] Initiator SPI : 6A0B5F0A3F6F1A11 - Responder SPI : 0000000000000000 "
    "Message id: 0 IKEv2 IKE_SA_INIT Exchange RESPONSE Payload contents: NOTIFY(NO_PROPOSAL_CHOSEN)",
    "authentication_failed": "IKEv2:(SESSION ID = 1,SA ID = 1):Received Packet [From 192.0.2.2:500/To "
    "192.0.2.1:500/VRF i0:f0] Message id: 1 IKEv2 IKE_AUTH Exchange RESPONSE Payload contents: "
    "NOTIFY(AUTHENTICATION_FAILED)",
    "ts_unacceptable": "IKEv2:(SESSION ID = 1,SA ID = 1):Received Packet [From 192.0.2.2:500/To "
    "192.0.2.1:500/VRF i0:f0] Message id: 1 IKEv2 IKE_AUTH Exchange RESPONSE Payload contents: "
    "IDr AUTH NOTIFY(TS_UNACCEPTABLE)",
}


def diagnosed(initiator: dict[str, Any], responder: dict[str, Any] | None = None) -> dict[str, Any]:
    hosts = {"A": initiator, "B": responder or {}}
    return diagnose([DOWN], TUNNELS, lambda host, name: hosts.get(host, {}).get(name), CAUSES)[0]


@pytest.mark.parametrize("failure", sorted(LINES))
def test_each_neg_abort_text_names_its_cause(failure: str) -> None:
    line, cause, title = LINES[failure]
    assert ikev2_cause(line) == cause
    # The responder logged why it refused; the initiator saw only the SA go away.
    result = diagnosed({}, {"__site_to_site_vpn_new_logs": [line]})
    assert (result["cause"], result["title"]) == (cause, title)
    assert result["message"].startswith(f"tunnel t1 (A 192.0.2.1 -> B 192.0.2.2): {title}: ")
    assert "Seen: B: %IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: " in result["message"]


@pytest.mark.parametrize("failure", sorted(NOTIFY_LINES))
def test_each_notify_in_a_debug_line_names_its_cause(failure: str) -> None:
    result = diagnosed({"__site_to_site_vpn_new_logs": [NOTIFY_LINES[failure]]})
    assert result["cause"] == LINES[failure][1]


def test_lines_about_another_peer_or_without_ikev2_are_no_evidence() -> None:
    other_peer = NOTIFY_LINES["authentication_failed"].replace("192.0.2.2", "198.51.100.9")
    assert not concerns(other_peer, "192.0.2.2")
    assert (
        ikev2_cause("%CRYPTO-4-IKMP_NO_SA: IKE message from 192.0.2.2 has no SA: auth exchange failed")
        is None
    )
    assert diagnosed({"__site_to_site_vpn_new_logs": [other_peer]})["cause"] == "no_negotiation"


def test_ready_ikev2_sa_without_ipsec_sa_is_phase_one_only() -> None:
    """An IKEv2 SA in READY with the peer (ipsec_facts ikev2_sa) but no IPsec SA: the IKE SA came up and the
    child SA did not, as with IKEv1's QM_IDLE without an IPsec SA."""
    row = {"tunnel_id": 1, "local": "192.0.2.1", "remote": "192.0.2.2", "status": "READY"}
    result = diagnosed({"__site_to_site_vpn_ipsec": {"ikev2_sa": [row]}})
    assert result["cause"] == "no_common_transform_set"
    assert "Seen: A: IKEv2 SA with 192.0.2.2 in READY" in result["message"]
    in_negotiation = {**row, "status": "IN-NEG"}
    assert diagnosed({"__site_to_site_vpn_ipsec": {"ikev2_sa": [in_negotiation]}})["cause"] == "unknown"


def test_no_key_for_the_peer_is_an_authentication_failure() -> None:
    line = "%IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: Failed to locate the pre-shared key"
    assert ikev2_cause(line) == "ikev2_authentication_failed"

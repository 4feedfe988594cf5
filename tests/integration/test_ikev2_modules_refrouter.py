"""ipsecux.iosxe.ikev2_proposals and ikev2_policies over network_cli against the reference router (issue
#15): merged from empty, a second run changes nothing, --check --diff sends nothing, deleted, and a device
error rolls back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from refrouter_harness import require_refrouter, run_tasks, start_router

PROPOSAL = {
    "name": "AES",
    "encryption": ["aes-cbc-256", "aes-cbc-128"],
    "integrity": ["sha256"],
    "group": [19, 14],
}
PROPOSAL_FACT = {**PROPOSAL, "prf": []}
POLICY = {"name": "POL", "match_address_local": ["192.0.2.1"], "proposals": ["AES"]}
POLICY_FACT = {**POLICY, "match_fvrf": None}


def task(module: str, **args: Any) -> dict[str, Any]:
    return {f"ipsecux.iosxe.{module}": args}


def test_ikev2_proposals_and_policies_against_the_reference_router(tmp_path: Path) -> None:
    require_refrouter()
    router = start_router(
        tmp_path / "router", "interface GigabitEthernet2\n ip address 192.0.2.1 255.255.255.0\n"
    )
    tasks = [
        task("ikev2_proposals", config=[PROPOSAL]),
        task("ikev2_policies", config=[POLICY]),
        task("ikev2_proposals", config=[PROPOSAL]),
        task("ikev2_policies", config=[POLICY]),
        {
            **task(
                "ikev2_proposals", config=[{"name": "AES", "encryption": ["aes-gcm-256"], "integrity": []}]
            ),
            "check_mode": True,
            "diff": True,
        },
        {
            **task("ikev2_policies", config=[{"name": "POL", "match_fvrf": "BLUE", "proposals": ["AES"]}]),
            "ignore_errors": True,
        },
        task("ikev2_policies", state="gathered"),
        task("ikev2_policies", state="deleted"),
        task("ikev2_proposals", state="deleted"),
        task("ikev2_proposals", state="gathered"),
    ]
    try:
        run = run_tasks(router, tmp_path, tasks)
    finally:
        router.stop()
    (
        proposals,
        policies,
        proposals_again,
        policies_again,
        check,
        refused,
        gathered,
        deleted_pol,
        deleted_prop,
        empty,
    ) = run.results
    assert proposals["commands"] == [
        "crypto ikev2 proposal AES",
        "encryption aes-cbc-256 aes-cbc-128",
        "integrity sha256",
        "group 19 14",
    ]
    assert proposals["after"] == [PROPOSAL_FACT]
    assert policies["commands"] == [
        "crypto ikev2 policy POL",
        "match address local 192.0.2.1",
        "proposal AES",
    ]
    assert policies["after"] == [POLICY_FACT]
    assert (proposals_again["changed"], proposals_again["commands"]) == (False, [])
    assert (policies_again["changed"], policies_again["commands"]) == (False, [])
    assert check["changed"] is True
    assert check["commands"] == [
        "crypto ikev2 proposal AES",
        "no encryption",
        "encryption aes-gcm-256",
        "no integrity",
    ]
    assert check["diff"]["prepared"] == (
        "--- before\n"
        "+++ after\n"
        "@@ -1,4 +1,3 @@\n"
        " crypto ikev2 proposal AES\n"
        "- encryption aes-cbc-256 aes-cbc-128\n"
        "- integrity sha256\n"
        "+ encryption aes-gcm-256\n"
        "  group 19 14\n"
    )
    assert refused["failed"] is True and "% VRF BLUE not configured" in refused["msg"]
    assert refused["rollback"]["restored"] is True
    assert gathered["gathered"] == [
        POLICY_FACT
    ]  # the check-mode run and the refused edit left nothing behind
    assert deleted_pol["commands"] == ["no crypto ikev2 policy POL"]
    assert deleted_prop["commands"] == ["no crypto ikev2 proposal AES"]
    assert empty["gathered"] == []

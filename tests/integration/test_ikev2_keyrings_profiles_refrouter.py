"""ipsecux.iosxe.ikev2_keyrings and ikev2_profiles over network_cli against the reference router (issue
#15): merged from empty, a second run changes nothing, --check --diff sends nothing and shows no key,
deleted, and a device error rolls back. No pre-shared key appears in any result or in the playbook output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from refrouter_harness import require_refrouter, run_tasks, start_router

MASK = "********"
KEYS = {"psk_hub": "Hub-Key-9f1", "psk_new": "New-Key-77a"}
KEYRING = {
    "name": "KR1",
    "peers": [{"name": "HUB", "address": "192.0.2.1", "pre_shared_key": "{{ psk_hub }}"}],
}
PROFILE = {
    "name": "PR1",
    "match_identity_remote": ["address 192.0.2.1"],
    "authentication_remote": ["pre-share"],
    "authentication_local": "pre-share",
    "keyring_local": "KR1",
    "dpd": {"interval": 30, "retry": 5, "mode": "on-demand"},
}


def task(module: str, **args: Any) -> dict[str, Any]:
    return {f"ipsecux.iosxe.{module}": args}


def test_ikev2_keyrings_and_profiles_against_the_reference_router(tmp_path: Path) -> None:
    require_refrouter()
    router = start_router(tmp_path / "router", "")
    rotated = {"name": "KR1", "peers": [{"name": "HUB", "pre_shared_key": "{{ psk_new }}"}]}
    tasks = [
        task("ikev2_keyrings", config=[KEYRING]),
        task("ikev2_profiles", config=[PROFILE]),
        task("ikev2_keyrings", config=[KEYRING]),
        task("ikev2_profiles", config=[PROFILE]),
        {**task("ikev2_keyrings", config=[rotated]), "check_mode": True, "diff": True},
        {
            **task("ikev2_profiles", config=[{"name": "PR1", "lifetime": 600, "ivrf": "BLUE"}]),
            "ignore_errors": True,
        },
        task("ikev2_profiles", state="gathered"),
        {**task("ikev2_keyrings", state="deleted"), "ignore_errors": True},
        task("ikev2_profiles", state="deleted"),
        task("ikev2_keyrings", state="deleted"),
        task("ikev2_keyrings", state="gathered"),
    ]
    try:
        run = run_tasks(router, tmp_path, tasks, **KEYS)
    finally:
        router.stop()
    keyring, profile, keyring_again, profile_again, check, refused, gathered, in_use, gone, deleted, empty = (
        run.results
    )
    assert keyring["commands"] == [
        "crypto ikev2 keyring KR1",
        "peer HUB",
        "address 192.0.2.1",
        f"pre-shared-key {MASK}",
        "exit",
    ]
    assert keyring["after"][0]["peers"][0]["pre_shared_key"] == MASK
    assert profile["commands"] == [
        "crypto ikev2 profile PR1",
        "match identity remote address 192.0.2.1 255.255.255.255",
        "authentication remote pre-share",
        "authentication local pre-share",
        "keyring local KR1",
        "dpd 30 5 on-demand",
    ]
    assert (keyring_again["changed"], keyring_again["commands"]) == (False, [])
    assert (profile_again["changed"], profile_again["commands"]) == (False, [])
    assert check["changed"] is True
    assert check["commands"] == ["crypto ikev2 keyring KR1", "peer HUB", f"pre-shared-key {MASK}", "exit"]
    assert f"-  pre-shared-key {MASK}\n+  pre-shared-key {MASK}(changed)\n" in check["diff"]["prepared"]
    assert refused["failed"] is True and "% VRF BLUE not configured" in refused["msg"]
    assert refused["rollback"]["restored"] is True
    assert gathered["gathered"][0]["lifetime"] == 86400  # the refused task left nothing behind
    assert gathered["gathered"][0]["match_identity_remote"] == ["address 192.0.2.1 255.255.255.255"]
    assert in_use["failed"] is True and "IKEv2 keyring KR1 is used by IKEv2 profile PR1" in in_use["msg"]
    assert gone["commands"] == ["no crypto ikev2 profile PR1"]
    assert deleted["commands"] == ["no crypto ikev2 keyring KR1"]
    assert empty["gathered"] == []
    assert not any(secret in run.stdout or secret in str(run.results) for secret in KEYS.values())

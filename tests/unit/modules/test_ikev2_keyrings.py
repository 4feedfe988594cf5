from __future__ import annotations

import pytest
from iosxe_module_harness import ScriptedDevice, run_module

MASK = "********"
DEVICE = (
    "crypto ikev2 keyring KR1\n"
    " peer HUB\n  description hub router\n  address 192.0.2.1\n  pre-shared-key hub-secret-1\n !\n"
    " peer SPOKES\n  address 198.51.100.0 255.255.255.0\n  identity fqdn domain example.net\n"
    "  pre-shared-key local mine-secret-2\n  pre-shared-key remote theirs-secret-3\n !\n"
    "!\n"
)
EMPTY_PEER = {
    "description": None,
    "address": None,
    "mask": None,
    "hostname": None,
    "identity": None,
    "pre_shared_key": None,
    "pre_shared_key_local": None,
    "pre_shared_key_remote": None,
}
HUB = {
    **EMPTY_PEER,
    "name": "HUB",
    "description": "hub router",
    "address": "192.0.2.1",
    "pre_shared_key": MASK,
}
SPOKES = {
    **EMPTY_PEER,
    "name": "SPOKES",
    "address": "198.51.100.0",
    "mask": "255.255.255.0",
    "identity": "fqdn domain example.net",
    "pre_shared_key_local": MASK,
    "pre_shared_key_remote": MASK,
}
SECRETS = ("hub-secret-1", "mine-secret-2", "theirs-secret-3", "new-secret-4")


def no_secret_in(result: dict) -> None:
    assert not any(secret in result["_raw"] for secret in SECRETS)


def test_parsed_masks_every_key(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "ikev2_keyrings", {"running_config": DEVICE, "state": "parsed"})
    assert result["parsed"] == [{"name": "KR1", "peers": [HUB, SPOKES]}]
    assert result["warnings"] == []
    no_secret_in(result)


def test_unknown_peer_line_is_a_masked_warning(capsys: pytest.CaptureFixture[str]) -> None:
    text = "crypto ikev2 keyring KR2\n peer P\n  pre-shared-key 6 hub-secret-1 extra\n"
    result = run_module(capsys, "ikev2_keyrings", {"running_config": text, "state": "parsed"})
    assert any("crypto ikev2 keyring KR2" in w and MASK in w for w in result["warnings"])
    no_secret_in(result)


def test_rendered(capsys: pytest.CaptureFixture[str]) -> None:
    config = [
        {"name": "KR9", "peers": [{"name": "P", "address": "192.0.2.9", "pre_shared_key": "new-secret-4"}]}
    ]
    result = run_module(capsys, "ikev2_keyrings", {"config": config, "state": "rendered"})
    assert result["rendered"] == [
        "crypto ikev2 keyring KR9",
        "peer P",
        "address 192.0.2.9",
        f"pre-shared-key {MASK}",
        "exit",
    ]
    no_secret_in(result)


def test_merged_changes_a_key_and_adds_a_peer(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [
        {
            "name": "KR1",
            "peers": [
                {"name": "HUB", "pre_shared_key": "new-secret-4"},
                {"name": "NEW", "hostname": "r3", "pre_shared_key": "new-secret-4"},
            ],
        }
    ]
    result = run_module(capsys, "ikev2_keyrings", {"config": config}, device)
    assert result["commands"] == [
        "crypto ikev2 keyring KR1",
        "peer HUB",
        f"pre-shared-key {MASK}",
        "exit",
        "peer NEW",
        "hostname r3",
        f"pre-shared-key {MASK}",
        "exit",
    ]
    assert device.batches[0][2] == "pre-shared-key new-secret-4"
    no_secret_in(result)
    check = run_module(capsys, "ikev2_keyrings", {"config": config}, ScriptedDevice(DEVICE), True, True)
    assert check["diff"]["prepared"] == (
        "--- before\n+++ after\n@@ -1,10 +1,13 @@\n"
        " crypto ikev2 keyring KR1\n"
        "  peer HUB\n"
        "   description hub router\n"
        "   address 192.0.2.1\n"
        f"-  pre-shared-key {MASK}\n"
        f"+  pre-shared-key {MASK}(changed)\n"
        "  peer SPOKES\n"
        "   address 198.51.100.0 255.255.255.0\n"
        "   identity fqdn domain example.net\n"
        f"   pre-shared-key local {MASK}\n"
        f"   pre-shared-key remote {MASK}\n"
        "+ peer NEW\n"
        "+  hostname r3\n"
        f"+  pre-shared-key {MASK}\n"
    )
    no_secret_in(check)


def test_merged_again_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "KR1", "peers": [{"name": "HUB", "pre_shared_key": "hub-secret-1"}]}]
    result = run_module(capsys, "ikev2_keyrings", {"config": config}, ScriptedDevice(DEVICE))
    assert (result["changed"], result["commands"]) == (False, [])


def test_replaced_switches_to_a_symmetric_key_and_drops_other_peers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = [
        {
            "name": "KR1",
            "peers": [{"name": "SPOKES", "address": "198.51.100.0", "pre_shared_key": "new-secret-4"}],
        }
    ]
    result = run_module(
        capsys, "ikev2_keyrings", {"config": config, "state": "replaced"}, ScriptedDevice(DEVICE)
    )
    assert result["commands"] == [
        "crypto ikev2 keyring KR1",
        "peer SPOKES",
        "address 198.51.100.0",
        "no identity",
        f"pre-shared-key {MASK}",
        "no pre-shared-key local",
        "no pre-shared-key remote",
        "exit",
        "no peer HUB",
    ]
    no_secret_in(result)


def test_deleted_peers_or_keyrings(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "KR1", "peers": [{"name": "HUB"}]}]
    result = run_module(
        capsys, "ikev2_keyrings", {"config": config, "state": "deleted"}, ScriptedDevice(DEVICE)
    )
    assert result["commands"] == ["crypto ikev2 keyring KR1", "no peer HUB"]
    result = run_module(capsys, "ikev2_keyrings", {"state": "deleted"}, ScriptedDevice(DEVICE))
    assert result["commands"] == ["no crypto ikev2 keyring KR1"]


def test_keyring_in_use_is_not_removed(capsys: pytest.CaptureFixture[str]) -> None:
    profile = "crypto ikev2 profile PR1\n keyring local KR1\n"
    device = ScriptedDevice(DEVICE + profile)
    result = run_module(capsys, "ikev2_keyrings", {"state": "deleted"}, device)
    assert result["failed"] is True and "IKEv2 keyring KR1 is used by IKEv2 profile PR1" in result["msg"]
    assert device.batches == []


def test_device_error_rolls_back_without_showing_keys(capsys: pytest.CaptureFixture[str]) -> None:
    partial = DEVICE.replace("hub-secret-1", "new-secret-4")
    device = ScriptedDevice(
        DEVICE, partial, reject=("hostname r3", "% Invalid input detected at '^' marker.")
    )
    config = [{"name": "KR1", "peers": [{"name": "HUB", "pre_shared_key": "new-secret-4", "hostname": "r3"}]}]
    result = run_module(capsys, "ikev2_keyrings", {"config": config}, device)
    assert result["failed"] is True
    assert result["rollback"]["commands"] == [
        "crypto ikev2 keyring KR1",
        "peer HUB",
        f"pre-shared-key {MASK}",
        "exit",
    ]
    assert device.batches[1][2] == "pre-shared-key hub-secret-1"
    no_secret_in(result)

from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    parse_running_config,
)
from iosxe_module_harness import ScriptedDevice, run_module

DEVICE = """\
crypto keyring BRANCH
  description branch keys
  pre-shared-key address 192.0.2.2 key Branch-Secret-2
  pre-shared-key address 10.0.0.0 255.0.0.0 key Net-Secret-10
crypto keyring RED vrf RED
  local-address GigabitEthernet1
  pre-shared-key hostname peer.example key 6 Encrypted-6-String
!
"""
BRANCH = {
    "name": "BRANCH",
    "description": "branch keys",
    "keys": [
        {"address": "192.0.2.2", "key": "Branch-Secret-2"},
        {"address": "10.0.0.0", "mask": "255.0.0.0", "key": "Net-Secret-10"},
    ],
}
RED = {
    "name": "RED",
    "vrf": "RED",
    "local_address": "GigabitEthernet1",
    "keys": [{"hostname": "peer.example", "key": "Encrypted-6-String", "key_type": 6}],
}
SECRETS = ("Branch-Secret-2", "Net-Secret-10", "Encrypted-6-String", "New-Secret-3")


def no_secret_in(result: dict) -> None:
    for secret in SECRETS:
        assert secret not in result["_raw"], secret


def test_parsed_facts_keep_keys_until_masked(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_running_config(DEVICE).keyrings == [BRANCH, RED]
    result = run_module(capsys, "keyrings", {"running_config": DEVICE, "state": "parsed"})
    assert result["parsed"][1]["keys"] == [{"hostname": "peer.example", "key": "********", "key_type": 6}]
    no_secret_in(result)


def test_rendered_masks_the_keys(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "keyrings", {"config": [BRANCH, RED], "state": "rendered"})
    assert result["rendered"] == [
        "crypto keyring BRANCH",
        "description branch keys",
        "pre-shared-key address 192.0.2.2 key ********",
        "pre-shared-key address 10.0.0.0 255.0.0.0 key ********",
        "crypto keyring RED vrf RED",
        "local-address GigabitEthernet1",
        "pre-shared-key hostname peer.example key 6 ********",
    ]
    no_secret_in(result)


def test_merged_is_idempotent_with_masked_or_omitted_keys(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [
        {
            "name": "BRANCH",
            "keys": [
                {"address": "192.0.2.2", "key": "********"},
                {"address": "10.0.0.0", "mask": "255.0.0.0"},
            ],
        }
    ]
    result = run_module(capsys, "keyrings", {"config": config}, device)
    assert (result["changed"], result["commands"], device.batches) == (False, [], [])


def test_merged_adds_and_rotates_keys_and_keeps_others(capsys: pytest.CaptureFixture[str]) -> None:
    rotated = DEVICE.replace(
        "key Branch-Secret-2\n", "key New-Secret-3\n  pre-shared-key address 192.0.2.3 key New-Secret-3\n"
    )
    device = ScriptedDevice(DEVICE, rotated)

    config = [
        {
            "name": "BRANCH",
            "keys": [
                {"address": "192.0.2.3", "key": "New-Secret-3"},
                {"address": "192.0.2.2", "mask": "255.255.255.255", "key": "New-Secret-3"},
            ],
        }
    ]
    result = run_module(capsys, "keyrings", {"config": config}, device, diff=True)
    assert result["commands"] == [
        "crypto keyring BRANCH",
        "pre-shared-key address 192.0.2.2 key ********",
        "pre-shared-key address 192.0.2.3 key ********",
    ]
    assert device.batches == [
        [
            "crypto keyring BRANCH",
            "pre-shared-key address 192.0.2.2 key New-Secret-3",
            "pre-shared-key address 192.0.2.3 key New-Secret-3",
        ]
    ]
    assert "+  pre-shared-key address 192.0.2.2 key ********(changed)\n" in result["diff"]["prepared"]
    no_secret_in(result)


def test_replaced_removes_keys_and_fields_not_given(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [{"name": "RED", "keys": [{"address": "192.0.2.9", "key": "New-Secret-3"}]}]
    result = run_module(capsys, "keyrings", {"config": config, "state": "replaced"}, device)
    assert result["commands"] == [
        "crypto keyring RED",
        "no local-address",
        "pre-shared-key address 192.0.2.9 key ********",
        "no pre-shared-key hostname peer.example",
    ]


def test_a_clear_key_for_an_encrypted_device_key_is_kept_with_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    device = ScriptedDevice(DEVICE)
    config = [{"name": "RED", "vrf": "RED", "keys": [{"hostname": "peer.example", "key": "New-Secret-3"}]}]
    result = run_module(capsys, "keyrings", {"config": config}, device)
    assert result["commands"] == []
    assert any("keyring RED hostname peer.example" in w and "key_type: 6" in w for w in result["warnings"])


def test_overridden_and_deleted(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(
        capsys, "keyrings", {"config": [{"name": "NEW"}], "state": "overridden"}, ScriptedDevice(DEVICE)
    )
    assert result["commands"] == ["crypto keyring NEW", "no crypto keyring BRANCH", "no crypto keyring RED"]
    result = run_module(
        capsys, "keyrings", {"config": [{"name": "RED"}], "state": "deleted"}, ScriptedDevice(DEVICE, "")
    )
    assert result["commands"] == ["no crypto keyring RED"]
    result = run_module(capsys, "keyrings", {"state": "deleted"}, ScriptedDevice(DEVICE, ""))
    assert result["commands"] == ["no crypto keyring BRANCH", "no crypto keyring RED"]
    no_secret_in(result)


def test_a_new_key_needs_a_key(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "BRANCH", "keys": [{"address": "192.0.2.7"}]}]
    result = run_module(capsys, "keyrings", {"config": config}, ScriptedDevice(DEVICE))
    assert result["failed"] is True
    assert "keyring BRANCH, key for address 192.0.2.7: no key is configured on the device" in result["msg"]


def test_check_mode_predicts_and_sends_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [{"name": "BRANCH", "description": "new text"}]
    result = run_module(capsys, "keyrings", {"config": config}, device, True, True)
    assert device.batches == []
    assert result["commands"] == ["crypto keyring BRANCH", "description new text"]
    assert result["after"][0]["description"] == "new text"
    no_secret_in(result)


def test_device_error_rolls_back(capsys: pytest.CaptureFixture[str]) -> None:
    partial = DEVICE.replace("  description branch keys\n", "  description changed\n")
    device = ScriptedDevice(
        DEVICE, partial, reject=("crypto keyring BAD vrf NOPE", "% VRF NOPE does not exist")
    )
    config = [{"name": "BRANCH", "description": "changed"}, {"name": "BAD", "vrf": "NOPE"}]
    result = run_module(capsys, "keyrings", {"config": config}, device)
    assert result["failed"] is True
    assert result["rollback"] == {
        "commands": ["crypto keyring BRANCH", "description branch keys"],
        "restored": True,
    }
    no_secret_in(result)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ([{"name": "K"}, {"name": "K"}], "config[1]: duplicates config[0] (keyring K)"),
        ([{"name": "K", "keys": [{"key": "x"}]}], "config[0].keys[0]: give either address or hostname"),
        (
            [{"name": "K", "keys": [{"hostname": "h", "mask": "255.0.0.0", "key": "x"}]}],
            "only an address key",
        ),
        ([{"name": "K", "keys": [{"address": "1.2.3", "key": "x"}]}], "config[0].keys[0].address"),
        (
            [
                {
                    "name": "K",
                    "keys": [
                        {"address": "1.2.3.4", "key": "Key-One"},
                        {"address": "1.2.3.4", "key": "Key-Two"},
                    ],
                }
            ],
            "config[0].keys[1]: duplicates config[0].keys[0] (address 1.2.3.4)",
        ),
    ],
)
def test_bad_values_fail_before_device_contact(
    capsys: pytest.CaptureFixture[str], config: list, message: str
) -> None:
    result = run_module(capsys, "keyrings", {"config": config})
    assert result["failed"] is True
    assert message in result["msg"]

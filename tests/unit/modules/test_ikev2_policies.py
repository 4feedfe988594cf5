from __future__ import annotations

import pytest
from iosxe_module_harness import ScriptedDevice, run_module

DEVICE = (
    "crypto ikev2 proposal P1\n encryption aes-cbc-256\n integrity sha256\n group 19\n!\n"
    "crypto ikev2 proposal P2\n encryption aes-cbc-128\n integrity sha1\n group 14\n!\n"
    "crypto ikev2 policy POL\n match fvrf any\n match address local 192.0.2.1\n proposal P1\n!\n"
    "no crypto ikev2 policy default\n!\n"
)
POL = {"name": "POL", "match_fvrf": "any", "match_address_local": ["192.0.2.1"], "proposals": ["P1"]}


def test_parsed(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "ikev2_policies", {"running_config": DEVICE, "state": "parsed"})
    assert result["parsed"] == [POL]
    assert result["warnings"] == []


def test_rendered(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "P", "proposals": ["P2", "P1"], "match_address_local": ["192.0.2.9"]}]
    result = run_module(capsys, "ikev2_policies", {"config": config, "state": "rendered"})
    assert result["rendered"] == [
        "crypto ikev2 policy P",
        "match address local 192.0.2.9",
        "proposal P2",
        "proposal P1",
    ]


def test_merged_adds_the_new_proposal_before_removing_the_old(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    result = run_module(capsys, "ikev2_policies", {"config": [{"name": "POL", "proposals": ["P2"]}]}, device)
    assert result["commands"] == ["crypto ikev2 policy POL", "proposal P2", "no proposal P1"]


def test_merged_again_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "ikev2_policies", {"config": [POL]}, ScriptedDevice(DEVICE))
    assert (result["changed"], result["commands"]) == (False, [])


def test_reordering_proposals_rewrites_them(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE.replace(" proposal P1\n", " proposal P1\n proposal P2\n"))
    result = run_module(
        capsys, "ikev2_policies", {"config": [{"name": "POL", "proposals": ["P2", "P1"]}]}, device
    )
    assert result["commands"] == [
        "crypto ikev2 policy POL",
        "no proposal P1",
        "no proposal P2",
        "proposal P2",
        "proposal P1",
    ]


def test_replaced_removes_unset_matches(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "POL", "proposals": ["P1"]}]
    result = run_module(
        capsys, "ikev2_policies", {"config": config, "state": "replaced"}, ScriptedDevice(DEVICE)
    )
    assert result["commands"] == [
        "crypto ikev2 policy POL",
        "no match fvrf any",
        "no match address local 192.0.2.1",
    ]


def test_overridden_and_deleted(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "NEW", "proposals": ["default"]}]
    result = run_module(
        capsys, "ikev2_policies", {"config": config, "state": "overridden"}, ScriptedDevice(DEVICE)
    )
    assert result["commands"] == ["crypto ikev2 policy NEW", "proposal default", "no crypto ikev2 policy POL"]
    result = run_module(capsys, "ikev2_policies", {"state": "deleted"}, ScriptedDevice(DEVICE))
    assert result["commands"] == ["no crypto ikev2 policy POL"]


def test_missing_proposal_fails_before_sending(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    result = run_module(capsys, "ikev2_policies", {"config": [{"name": "X", "proposals": ["NOPE"]}]}, device)
    assert result["failed"] is True and "IKEv2 proposal NOPE" in result["msg"]
    assert device.batches == []


def test_device_error_rolls_back(capsys: pytest.CaptureFixture[str]) -> None:
    partial = DEVICE.replace(" match fvrf any\n", "")
    device = ScriptedDevice(DEVICE, partial, reject=("match fvrf BLUE", "% VRF BLUE not configured"))
    config = [{"name": "POL", "match_fvrf": "BLUE", "proposals": ["P2"]}]
    result = run_module(capsys, "ikev2_policies", {"config": config}, device)
    assert result["failed"] is True
    assert result["rollback"] == {"commands": ["crypto ikev2 policy POL", "match fvrf any"], "restored": True}

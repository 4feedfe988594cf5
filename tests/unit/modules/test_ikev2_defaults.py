from __future__ import annotations

import pytest
from iosxe_module_harness import ScriptedDevice, run_module

ALL_ON = {"proposal": True, "policy": True, "transform_set": True, "ipsec_profile": True}
DEVICE = "no crypto ikev2 proposal default\n!\nno crypto ipsec profile default\n!\n"


def test_parsed_owns_every_no_default_line(capsys: pytest.CaptureFixture[str]) -> None:
    text = DEVICE + "no crypto ikev2 policy default\nno crypto ipsec transform-set default\n"
    for resource in ("ikev2_defaults", "transform_sets", "ikev2_proposals"):
        result = run_module(capsys, resource, {"running_config": text, "state": "parsed"})
        assert result["warnings"] == []
    result = run_module(capsys, "ikev2_defaults", {"running_config": text, "state": "parsed"})
    assert result["parsed"] == dict.fromkeys(ALL_ON, False)


def test_rendered(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(
        capsys, "ikev2_defaults", {"config": {"policy": False, "proposal": True}, "state": "rendered"}
    )
    assert result["rendered"] == ["no crypto ikev2 policy default"]


def test_merged_replaced_deleted(capsys: pytest.CaptureFixture[str]) -> None:
    merged = run_module(capsys, "ikev2_defaults", {"config": {"policy": False}}, ScriptedDevice(DEVICE))
    assert merged["commands"] == ["no crypto ikev2 policy default"]
    again = run_module(capsys, "ikev2_defaults", {"config": {"proposal": False}}, ScriptedDevice(DEVICE))
    assert (again["changed"], again["commands"]) == (False, [])
    replaced = run_module(
        capsys, "ikev2_defaults", {"config": {"policy": False}, "state": "replaced"}, ScriptedDevice(DEVICE)
    )
    assert replaced["commands"] == [
        "default crypto ikev2 proposal",
        "no crypto ikev2 policy default",
        "default crypto ipsec profile",
    ]
    deleted = run_module(capsys, "ikev2_defaults", {"state": "deleted"}, ScriptedDevice(DEVICE))
    assert deleted["commands"] == ["default crypto ikev2 proposal", "default crypto ipsec profile"]


def test_check_mode_diff(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice("")
    result = run_module(capsys, "ikev2_defaults", {"config": {"transform_set": False}}, device, True, True)
    assert (
        result["diff"]["prepared"]
        == "--- before\n+++ after\n@@ -0,0 +1,1 @@\n+no crypto ipsec transform-set default\n"
    )
    assert device.batches == []


def test_warns_when_a_policy_names_the_default_proposal(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice("crypto ikev2 policy POL\n proposal default\n")
    result = run_module(capsys, "ikev2_defaults", {"config": {"proposal": False}}, device, check_mode=True)
    assert "the smart default proposal is turned off while IKEv2 policies name it: POL" in result["warnings"]


def test_xml_rendering_fails_naming_the_family(capsys: pytest.CaptureFixture[str]) -> None:
    args = {"config": {"proposal": False}, "state": "rendered", "rendered_format": "xml"}
    result = run_module(capsys, "ikev2_defaults", args)
    assert result["failed"] is True and "IKEv2 smart defaults (ikev2_defaults" in result["msg"]


def test_device_error_rolls_back(capsys: pytest.CaptureFixture[str]) -> None:
    partial = DEVICE + "no crypto ikev2 policy default\n"
    device = ScriptedDevice(DEVICE, partial, reject=("default crypto ipsec profile", "% Invalid input"))
    config = {"policy": False, "ipsec_profile": True}
    result = run_module(capsys, "ikev2_defaults", {"config": config}, device)
    assert result["failed"] is True
    assert result["rollback"] == {"commands": ["default crypto ikev2 policy"], "restored": True}

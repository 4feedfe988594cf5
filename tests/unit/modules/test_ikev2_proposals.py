from __future__ import annotations

import pytest
from iosxe_module_harness import ScriptedDevice, run_module

DEVICE = (
    "crypto ikev2 proposal P1\n encryption aes-cbc-256 aes-cbc-128\n integrity sha256\n group 19 14\n!\n"
    "crypto ikev2 proposal P2\n encryption aes-gcm-256\n prf sha384\n group 20\n!\n"
    "no crypto ikev2 proposal default\n!\n"
    "crypto ikev2 policy POL\n proposal P1\n!\n"
)
P1 = {
    "name": "P1",
    "encryption": ["aes-cbc-256", "aes-cbc-128"],
    "integrity": ["sha256"],
    "prf": [],
    "group": [19, 14],
}
P2 = {"name": "P2", "encryption": ["aes-gcm-256"], "integrity": [], "prf": ["sha384"], "group": [20]}


def test_parsed_keeps_the_order_of_preference(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "ikev2_proposals", {"running_config": DEVICE + " bogus\n", "state": "parsed"})
    assert result["parsed"] == [P1, P2]
    assert not any("proposal default" in w for w in result["warnings"])


def test_unknown_line_in_a_proposal_is_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    text = "crypto ikev2 proposal P9\n encryption aes-cbc-128\n frobnicate 3\n"
    result = run_module(capsys, "ikev2_proposals", {"running_config": text, "state": "parsed"})
    assert any("'frobnicate 3'" in w and "crypto ikev2 proposal P9" in w for w in result["warnings"])


def test_rendered(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(
        capsys, "ikev2_proposals", {"config": [{"name": "P3", "group": [14, 19]}], "state": "rendered"}
    )
    assert result["rendered"] == ["crypto ikev2 proposal P3", "group 14 19"]


def test_merged_appends_or_rewrites_lists(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [
        {"name": "P1", "encryption": ["aes-cbc-256", "aes-cbc-128", "aes-cbc-192"], "group": [14, 19]},
        {"name": "P3", "encryption": ["aes-cbc-128"], "integrity": ["sha1"]},
    ]
    result = run_module(capsys, "ikev2_proposals", {"config": config}, device)
    assert result["commands"] == [
        "crypto ikev2 proposal P1",
        "encryption aes-cbc-192",
        "no group",
        "group 14 19",
        "crypto ikev2 proposal P3",
        "encryption aes-cbc-128",
        "integrity sha1",
    ]
    assert device.batches == [result["commands"]]


def test_merged_again_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "ikev2_proposals", {"config": [P1]}, ScriptedDevice(DEVICE))
    assert (result["changed"], result["commands"]) == (False, [])


def test_replaced_clears_unset_lists(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "P2", "encryption": ["aes-gcm-256"], "group": [20]}]
    result = run_module(
        capsys, "ikev2_proposals", {"config": config, "state": "replaced"}, ScriptedDevice(DEVICE)
    )
    assert result["commands"] == ["crypto ikev2 proposal P2", "no prf"]


def test_overridden_refuses_to_remove_a_proposal_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    result = run_module(capsys, "ikev2_proposals", {"config": [P2], "state": "overridden"}, device)
    assert result["failed"] is True
    assert "IKEv2 proposal P1 is used by IKEv2 policy POL" in result["msg"]
    assert device.batches == []


def test_overridden_and_deleted(capsys: pytest.CaptureFixture[str]) -> None:
    unused = DEVICE.replace("policy POL\n proposal P1", "policy POL\n proposal P2")
    result = run_module(
        capsys, "ikev2_proposals", {"config": [P2], "state": "overridden"}, ScriptedDevice(unused)
    )
    assert result["commands"] == ["no crypto ikev2 proposal P1"]
    result = run_module(
        capsys, "ikev2_proposals", {"config": [{"name": "P1"}], "state": "deleted"}, ScriptedDevice(unused)
    )
    assert result["commands"] == ["no crypto ikev2 proposal P1"]


def test_name_default_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "ikev2_proposals", {"config": [{"name": "default"}], "state": "rendered"})
    assert result["failed"] is True and "ikev2_defaults" in result["msg"]


def test_device_error_rolls_back(capsys: pytest.CaptureFixture[str]) -> None:
    partial = DEVICE + "crypto ikev2 proposal P3\n encryption aes-cbc-128\n"
    device = ScriptedDevice(
        DEVICE, partial, reject=("integrity sha1", "% Invalid input detected at '^' marker.")
    )
    config = [{"name": "P3", "encryption": ["aes-cbc-128"], "integrity": ["sha1"]}]
    result = run_module(capsys, "ikev2_proposals", {"config": config}, device)
    assert result["failed"] is True
    assert result["rollback"] == {"commands": ["no crypto ikev2 proposal P3"], "restored": True}
    assert device.batches[1] == result["rollback"]["commands"]

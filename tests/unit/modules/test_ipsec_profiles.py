from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    parse_running_config,
)
from iosxe_module_harness import ScriptedDevice, fixture, run_module

DEVICE = """\
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto ipsec transform-set TS2 esp-gcm 256
 mode tunnel
!
crypto ipsec profile VTI
 set security-association lifetime seconds 3600
 set transform-set TS
 set pfs group14
!
crypto ipsec profile OLD
 set transform-set TS2
!
"""
VTI = {"name": "VTI", "sa_lifetime": {"seconds": 3600}, "transform_sets": ["TS"], "pfs": "group14"}
OLD = {"name": "OLD", "transform_sets": ["TS2"]}


def test_parsed_fields_in_ios_order() -> None:
    text = (
        "crypto ipsec profile P\n set security-association lifetime kilobytes 4608000\n"
        " set security-association lifetime seconds 120\n set transform-set A B \n set pfs\n"
        " set ikev2-profile IK\n"
    )
    assert parse_running_config(text).ipsec_profiles == [
        {
            "name": "P",
            "sa_lifetime": {"seconds": 120, "kilobytes": 4608000},
            "transform_sets": ["A", "B"],
            "pfs": "group1",
            "ikev2_profile": "IK",
        }
    ]


def test_unknown_profile_line_is_a_warning_and_owned_lines_are_not(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_module(
        capsys, "ipsec_profiles", {"running_config": fixture("unsupported_lines.txt"), "state": "parsed"}
    )
    assert result["parsed"] == [{"name": "PROF", "transform_sets": ["ts_ah"]}]
    text = "crypto ipsec profile P\n set transform-set A\n responder-only\n"
    result = run_module(capsys, "ipsec_profiles", {"running_config": text, "state": "parsed"})
    assert result["warnings"] == [
        "running-config line 3 under 'crypto ipsec profile P' was not understood and is left unchanged: "
        "'responder-only'"
    ]


def test_rendered(capsys: pytest.CaptureFixture[str]) -> None:
    config = [VTI | {"ikev2_profile": "IK"}, {"name": "EMPTY"}]
    result = run_module(capsys, "ipsec_profiles", {"config": config, "state": "rendered"})
    assert result["rendered"] == [
        "crypto ipsec profile VTI",
        "set security-association lifetime seconds 3600",
        "set transform-set TS",
        "set pfs group14",
        "set ikev2-profile IK",
        "crypto ipsec profile EMPTY",
    ]


def test_merged_changes_only_given_fields(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [{"name": "VTI", "transform_sets": ["TS2", "TS"], "sa_lifetime": {"kilobytes": 2560}}]
    result = run_module(capsys, "ipsec_profiles", {"config": config}, device)
    assert result["commands"] == [
        "crypto ipsec profile VTI",
        "set security-association lifetime kilobytes 2560",
        "set transform-set TS2 TS",
    ]
    assert device.batches == [result["commands"]]


def test_merged_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    result = run_module(capsys, "ipsec_profiles", {"config": [VTI]}, device)
    assert result["commands"] == []
    assert result["changed"] is False
    assert device.batches == []


def test_replaced_removes_fields_not_given(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [{"name": "VTI", "transform_sets": ["TS"], "isakmp_profile": "IKE1"}]
    result = run_module(capsys, "ipsec_profiles", {"config": config, "state": "replaced"}, device)
    assert result["commands"] == [
        "crypto ipsec profile VTI",
        "no set security-association lifetime seconds",
        "no set pfs",
        "set isakmp-profile IKE1",
    ]


def test_overridden_configures_before_removing(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [{"name": "NEW", "transform_sets": ["TS2"]}]
    result = run_module(capsys, "ipsec_profiles", {"config": config, "state": "overridden"}, device)
    assert result["commands"] == [
        "crypto ipsec profile NEW",
        "set transform-set TS2",
        "no crypto ipsec profile VTI",
        "no crypto ipsec profile OLD",
    ]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ([{"name": "OLD"}], ["no crypto ipsec profile OLD"]),
        ([{"name": "NONE"}], []),
        (None, ["no crypto ipsec profile VTI", "no crypto ipsec profile OLD"]),
    ],
)
def test_deleted(capsys: pytest.CaptureFixture[str], config: list | None, expected: list[str]) -> None:
    args = {"state": "deleted"} | ({"config": config} if config else {})
    result = run_module(capsys, "ipsec_profiles", args, ScriptedDevice(DEVICE, ""))
    assert result["commands"] == expected


def test_check_mode_diff(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    result = run_module(
        capsys, "ipsec_profiles", {"config": [{"name": "OLD", "pfs": "group19"}]}, device, True, True
    )
    assert device.batches == []
    assert result["commands"] == ["crypto ipsec profile OLD", "set pfs group19"]
    assert result["after"] == [VTI, OLD | {"pfs": "group19"}]
    assert result["diff"]["prepared"].endswith(
        " crypto ipsec profile OLD\n  set transform-set TS2\n+ set pfs group19\n"
    )


def test_device_error_rolls_back(capsys: pytest.CaptureFixture[str]) -> None:
    partial = DEVICE.replace(" set pfs group14\n", " set pfs group21\n")
    device = ScriptedDevice(
        DEVICE,
        partial,
        reject=("set transform-set NOPE", 'ERROR: transform set with tag "NOPE" does not exist.'),
    )
    config = [{"name": "VTI", "pfs": "group21"}, {"name": "OLD", "transform_sets": ["NOPE"]}]
    result = run_module(capsys, "ipsec_profiles", {"config": config}, device)
    assert result["failed"] is True
    assert result["rollback"] == {
        "commands": ["crypto ipsec profile VTI", "set pfs group14"],
        "restored": True,
    }


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ([{"name": "P"}, {"name": "P"}], "config[1]: duplicates config[0] (profile P)"),
        (
            [{"name": "P", "sa_lifetime": {"seconds": 60}}],
            "config[0].sa_lifetime.seconds: 60 is out of range",
        ),
        ([{"name": "P", "isakmp_profile": "A", "ikev2_profile": "B"}], "not both"),
        ([{"name": "P", "transform_sets": list("ABCDEFG")}], "at most 6"),
    ],
)
def test_bad_values_fail_before_device_contact(
    capsys: pytest.CaptureFixture[str], config: list, message: str
) -> None:
    result = run_module(capsys, "ipsec_profiles", {"config": config})
    assert result["failed"] is True
    assert message in result["msg"]

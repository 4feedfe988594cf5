from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    parse_running_config,
)
from iosxe_module_harness import ScriptedDevice, fixture, run_module

REFERENCE = fixture("reference_router.txt")  # both defaults disabled
BOTH_ON = {"isakmp_default_policy": True, "ipsec_default_transform_set": True}
BOTH_OFF = {"isakmp_default_policy": False, "ipsec_default_transform_set": False}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (REFERENCE, BOTH_OFF),
        (fixture("seed_routera_default_policy.txt"), BOTH_ON),
        (
            "crypto isakmp default policy\nno crypto ipsec default transform-set\n",
            {"isakmp_default_policy": True, "ipsec_default_transform_set": False},
        ),
    ],
)
def test_parse(text: str, expected: dict) -> None:
    assert parse_running_config(text).crypto_defaults == expected


@pytest.mark.parametrize(
    ("state", "config", "expected"),
    [
        ("merged", {"isakmp_default_policy": True}, ["crypto isakmp default policy"]),
        ("merged", BOTH_OFF, []),
        ("replaced", {"isakmp_default_policy": False}, ["crypto ipsec default transform-set"]),
        ("overridden", {"ipsec_default_transform_set": False}, ["crypto isakmp default policy"]),
        ("deleted", None, ["crypto isakmp default policy", "crypto ipsec default transform-set"]),
    ],
)
def test_states(
    capsys: pytest.CaptureFixture[str], state: str, config: dict | None, expected: list[str]
) -> None:
    args = {"state": state} | ({"config": config} if config else {})
    result = run_module(
        capsys, "crypto_defaults", args, ScriptedDevice(REFERENCE), check_mode=True, diff=True
    )
    assert result["commands"] == expected
    assert result["before"] == BOTH_OFF
    # each re-enabled default shows as its removed `no` line, in running-config order
    removed = [line for line in result["diff"]["prepared"].splitlines() if line.startswith("-no")]
    assert removed == [f"-no {command}" for command in expected]


def test_disabling_default_transform_sets_warns_about_entries_without_sets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = fixture("seed_routera_default_transform_set.txt")
    result = run_module(
        capsys,
        "crypto_defaults",
        {"config": {"ipsec_default_transform_set": False}},
        ScriptedDevice(text),
        check_mode=True,
        diff=True,
    )
    assert result["commands"] == ["no crypto ipsec default transform-set"]
    assert result["after"] == {"isakmp_default_policy": True, "ipsec_default_transform_set": False}
    assert result["diff"] == {
        "prepared": "--- before\n+++ after\n@@ -0,0 +1,1 @@\n+no crypto ipsec default transform-set\n"
    }
    assert any("relied on them: testmap 10" in w for w in result["warnings"])


def test_gathered_and_rendered(capsys: pytest.CaptureFixture[str]) -> None:
    gathered = run_module(capsys, "crypto_defaults", {"state": "gathered"}, ScriptedDevice(REFERENCE))
    assert gathered["gathered"] == BOTH_OFF
    rendered = run_module(capsys, "crypto_defaults", {"config": BOTH_OFF, "state": "rendered"})
    assert rendered["rendered"] == [
        "no crypto isakmp default policy",
        "no crypto ipsec default transform-set",
    ]


def test_empty_config_is_refused_for_merged(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "crypto_defaults", {"config": {}})
    assert result["failed"] is True
    assert "config: must not be empty for state merged" in result["msg"]


def test_parsed(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "crypto_defaults", {"running_config": REFERENCE, "state": "parsed"})
    assert result["parsed"] == BOTH_OFF

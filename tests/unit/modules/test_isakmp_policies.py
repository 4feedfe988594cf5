from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    parse_running_config,
)
from iosxe_module_harness import ScriptedDevice, fixture, run_module

REFERENCE = fixture("reference_router.txt")
POLICY_10 = {
    "priority": 10,
    "encryption": "aes-256",
    "hash": "sha256",
    "authentication": "pre-share",
    "group": 14,
    "lifetime": 3600,
}


def policies(text: str) -> list[dict]:
    return parse_running_config(text).isakmp_policies


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("reference_router.txt", [POLICY_10]),
        (
            "seed_routera_default_transform_set.txt",
            [
                {
                    "priority": 10,
                    "encryption": "aes",
                    "hash": "sha",
                    "authentication": "pre-share",
                    "group": 5,
                    "lifetime": 86400,
                }
            ],
        ),
        ("seed_routera_default_policy.txt", []),
        (
            "github_labs_section_crypto.txt",
            [
                {
                    "priority": 10,
                    "encryption": "aes-256",
                    "hash": "sha512",
                    "authentication": "pre-share",
                    "group": 2,
                    "lifetime": 86400,
                }
            ],
        ),
        (
            "otus_lab_section_crypto.txt",
            [
                {
                    "priority": 5,
                    "encryption": "3des",
                    "hash": "sha256",
                    "authentication": "pre-share",
                    "group": 19,
                    "lifetime": 86400,
                }
            ],
        ),
        (
            "unsupported_lines.txt",
            [
                {
                    "priority": 20,
                    "encryption": "aes-192",
                    "hash": "sha384",
                    "authentication": "rsa-encr",
                    "group": 19,
                    "lifetime": 28800,
                }
            ],
        ),
    ],
)
def test_parse_fixtures(name: str, expected: list[dict]) -> None:
    assert policies(fixture(name)) == expected


def test_defaults_are_filled_for_an_empty_policy() -> None:
    assert policies("crypto isakmp policy 1\n") == [
        {
            "priority": 1,
            "encryption": "des",
            "hash": "sha",
            "authentication": "rsa-sig",
            "group": 1,
            "lifetime": 86400,
        }
    ]


def test_encryption_keyword_variants() -> None:
    text = "crypto isakmp policy 1\n encryption aes 128\ncrypto isakmp policy 2\n encr aes 192\n"
    assert [p["encryption"] for p in policies(text)] == ["aes", "aes-192"]


def test_unknown_policy_line_is_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(
        capsys, "isakmp_policies", {"running_config": fixture("unsupported_lines.txt"), "state": "parsed"}
    )
    assert result["parsed"][0]["priority"] == 20
    assert any("'encr blowfish'" in w and "crypto isakmp policy 20" in w for w in result["warnings"])
    assert any("crypto frobnicate now" in w for w in result["warnings"])  # owned by no resource
    assert not any("idle-time" in w for w in result["warnings"])  # a crypto_maps line


def test_rendered(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(
        capsys, "isakmp_policies", {"config": [POLICY_10, {"priority": 5}], "state": "rendered"}
    )
    assert result["rendered"] == [
        "crypto isakmp policy 5",
        "crypto isakmp policy 10",
        "encryption aes 256",
        "hash sha256",
        "authentication pre-share",
        "group 14",
        "lifetime 3600",
    ]
    assert result["changed"] is False


def test_merged_adds_and_changes_only_given_fields(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(REFERENCE)
    config = [{"priority": 20, "encryption": "aes", "group": 19}, {"priority": 10, "group": 21}]
    result = run_module(capsys, "isakmp_policies", {"config": config}, device)
    assert result["commands"] == [
        "crypto isakmp policy 10",
        "group 21",
        "crypto isakmp policy 20",
        "encryption aes",
        "group 19",
    ]
    assert device.batches == [result["commands"]]
    assert result["changed"] is True


def test_merged_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(REFERENCE)
    result = run_module(capsys, "isakmp_policies", {"config": [POLICY_10]}, device)
    assert result["commands"] == []
    assert result["changed"] is False
    assert device.batches == []
    assert result["before"] == result["after"] == [POLICY_10]


def test_replaced_resets_unset_fields_to_ios_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(REFERENCE)
    result = run_module(
        capsys,
        "isakmp_policies",
        {"config": [{"priority": 10, "encryption": "aes-256"}], "state": "replaced"},
        device,
    )
    assert result["commands"] == [
        "crypto isakmp policy 10",
        "hash sha",
        "authentication rsa-sig",
        "group 1",
        "lifetime 86400",
    ]


def test_overridden_configures_before_removing(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(REFERENCE)
    config = [
        {"priority": 30, "encryption": "aes", "hash": "sha256", "authentication": "pre-share", "group": 14}
    ]
    result = run_module(capsys, "isakmp_policies", {"config": config, "state": "overridden"}, device)
    assert result["commands"] == [
        "crypto isakmp policy 30",
        "encryption aes",
        "hash sha256",
        "authentication pre-share",
        "group 14",
        "no crypto isakmp policy 10",
    ]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ([{"priority": 10}], ["no crypto isakmp policy 10"]),
        ([{"priority": 99}], []),
        (None, ["no crypto isakmp policy 10"]),
    ],
)
def test_deleted(capsys: pytest.CaptureFixture[str], config: list | None, expected: list[str]) -> None:
    args = {"state": "deleted"} | ({"config": config} if config else {})
    result = run_module(capsys, "isakmp_policies", args, ScriptedDevice(REFERENCE, ""))
    assert result["commands"] == expected


def test_gathered(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "isakmp_policies", {"state": "gathered"}, ScriptedDevice(REFERENCE))
    assert result["gathered"] == [POLICY_10]
    assert result["changed"] is False


def test_check_mode_predicts_after_and_sends_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(REFERENCE)
    result = run_module(
        capsys,
        "isakmp_policies",
        {"config": [{"priority": 10, "hash": "sha512"}]},
        device,
        check_mode=True,
        diff=True,
    )
    assert device.batches == []
    assert result["changed"] is True
    assert result["commands"] == ["crypto isakmp policy 10", "hash sha512"]
    assert result["after"] == [POLICY_10 | {"hash": "sha512"}]
    assert result["diff"]["prepared"] == (
        "--- before\n+++ after\n@@ -1,6 +1,6 @@\n"
        " crypto isakmp policy 10\n  encr aes 256\n- hash sha256\n+ hash sha512\n  authentication pre-share\n"
        "  group 14\n  lifetime 3600\n"
    )


def test_after_is_read_back_from_the_device(capsys: pytest.CaptureFixture[str]) -> None:
    changed = REFERENCE.replace(" hash sha256", " hash sha512")
    device = ScriptedDevice(REFERENCE, changed)
    result = run_module(capsys, "isakmp_policies", {"config": [{"priority": 10, "hash": "sha512"}]}, device)
    assert result["after"] == [POLICY_10 | {"hash": "sha512"}]
    assert device.reads == 2
    assert result["warnings"] == []


def test_device_that_disagrees_with_the_target_gives_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(REFERENCE, REFERENCE)  # the device silently ignored the change
    result = run_module(capsys, "isakmp_policies", {"config": [{"priority": 10, "hash": "sha512"}]}, device)
    assert any("different isakmp_policies configuration" in w for w in result["warnings"])


def test_device_error_rolls_back_to_before(capsys: pytest.CaptureFixture[str]) -> None:
    partial = REFERENCE.replace(" group 14", " group 21") + "crypto isakmp policy 20\n"
    device = ScriptedDevice(
        REFERENCE, partial, reject=("encryption aes", "% Invalid input detected at '^' marker.")
    )
    config = [{"priority": 10, "group": 21}, {"priority": 20, "encryption": "aes"}]
    result = run_module(capsys, "isakmp_policies", {"config": config}, device)
    assert result["failed"] is True
    assert "% Invalid input detected" in result["msg"]
    assert "restored the previous configuration with 3 command(s)" in result["msg"]
    assert result["commands"] == [
        "crypto isakmp policy 10",
        "group 21",
        "crypto isakmp policy 20",
        "encryption aes",
    ]
    assert result["rollback"] == {
        "commands": ["crypto isakmp policy 10", "group 14", "no crypto isakmp policy 20"],
        "restored": True,
    }
    assert device.batches[1] == result["rollback"]["commands"]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ([{"priority": 0}], "config[0].priority: 0 is out of range 1..10000"),
        ([{"priority": 10001}], "config[0].priority: 10001 is out of range 1..10000"),
        ([{"priority": 1, "lifetime": 59}], "config[0].lifetime: 59 is out of range 60..86400"),
        ([{"priority": 1}, {"priority": 1}], "config[1]: duplicates config[0] (priority 1)"),
        ([{"priority": 1, "encryption": "blowfish"}], "encryption"),
        ([{"priority": 1, "group": 3}], "group"),
        ([], "config: must not be empty for state merged"),
    ],
)
def test_bad_values_fail_before_device_contact(
    capsys: pytest.CaptureFixture[str], config: list, message: str
) -> None:
    result = run_module(capsys, "isakmp_policies", {"config": config})
    assert result["failed"] is True
    assert message in result["msg"]

from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    parse_running_config,
)
from iosxe_module_harness import ScriptedDevice, fixture, run_module

REFERENCE = fixture("reference_router.txt")
TEST_TRANSF = {
    "name": "test_transf",
    "esp_encryption": "esp-aes",
    "key_size": 128,
    "esp_integrity": "esp-sha-hmac",
    "mode": "tunnel",
}
TS256 = {
    "name": "ts256",
    "esp_encryption": "esp-aes",
    "key_size": 256,
    "esp_integrity": "esp-sha256-hmac",
    "mode": "transport",
}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("reference_router.txt", [TEST_TRANSF, TS256]),
        ("seed_routerb_default_policy.txt", [TEST_TRANSF]),
        ("seed_routera_default_transform_set.txt", []),
        (
            "github_labs_section_crypto.txt",
            [
                {
                    "name": "MySet",
                    "esp_encryption": "esp-aes",
                    "key_size": 256,
                    "esp_integrity": "esp-sha512-hmac",
                    "mode": "tunnel",
                }
            ],
        ),
        ("otus_lab_section_crypto.txt", [{"name": "SET1", "esp_encryption": "esp-3des", "mode": "tunnel"}]),
        (
            "unsupported_lines.txt",
            [
                {
                    "name": "ts_ah",
                    "esp_encryption": "esp-aes",
                    "key_size": 192,
                    "esp_integrity": "esp-sha384-hmac",
                    "ah_integrity": "ah-sha256-hmac",
                    "mode": "transport",
                }
            ],
        ),
    ],
)
def test_parse_fixtures(name: str, expected: list[dict]) -> None:
    assert parse_running_config(fixture(name)).transform_sets == expected


def test_unknown_transform_is_a_warning_and_the_set_is_never_touched(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = fixture("unsupported_lines.txt")
    result = run_module(capsys, "transform_sets", {"state": "deleted"}, ScriptedDevice(text, ""))
    assert any(
        "'crypto ipsec transform-set ts_comp esp-aes esp-sha-hmac comp-lzs' and its 1 child" in w
        for w in result["warnings"]
    )
    assert result["failed"] is True  # ts_ah is used by IPsec profile PROF
    assert "IPsec profile PROF" in result["msg"]


def test_rendered(capsys: pytest.CaptureFixture[str]) -> None:
    config = [
        {
            "name": "test_transf",
            "esp_encryption": "esp-aes",
            "esp_integrity": "esp-sha-hmac",
            "mode": "tunnel",
        },
        {"name": "gcm", "esp_encryption": "esp-gcm", "key_size": 256, "mode": "transport"},
        {"name": "ah", "ah_integrity": "ah-sha-hmac", "esp_encryption": "esp-3des"},
    ]
    result = run_module(capsys, "transform_sets", {"config": config, "state": "rendered"})
    assert result["rendered"] == [
        "crypto ipsec transform-set test_transf esp-aes esp-sha-hmac",
        "crypto ipsec transform-set gcm esp-gcm 256",
        "mode transport",
        "crypto ipsec transform-set ah ah-sha-hmac esp-3des",
    ]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ([TEST_TRANSF, TS256], []),
        (
            [{"name": "ts256", "mode": "tunnel"}],
            ["crypto ipsec transform-set ts256 esp-aes 256 esp-sha256-hmac", "mode tunnel"],
        ),
        (
            [{"name": "test_transf", "key_size": 192}],
            ["crypto ipsec transform-set test_transf esp-aes 192 esp-sha-hmac"],
        ),
        (
            [{"name": "ts256", "esp_encryption": "esp-3des"}],
            ["crypto ipsec transform-set ts256 esp-3des esp-sha256-hmac"],
        ),
        (
            [
                {
                    "name": "new",
                    "esp_encryption": "esp-aes",
                    "esp_integrity": "esp-sha256-hmac",
                    "mode": "transport",
                }
            ],
            ["crypto ipsec transform-set new esp-aes esp-sha256-hmac", "mode transport"],
        ),
    ],
)
def test_merged(capsys: pytest.CaptureFixture[str], config: list[dict], expected: list[str]) -> None:
    result = run_module(
        capsys, "transform_sets", {"config": config}, ScriptedDevice(REFERENCE), check_mode=True
    )
    assert result["commands"] == expected
    assert result["changed"] is bool(expected)


def test_merged_gcm_onto_a_set_with_integrity_needs_replaced(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(
        capsys,
        "transform_sets",
        {"config": [{"name": "ts256", "esp_encryption": "esp-gcm"}]},
        ScriptedDevice(REFERENCE),
    )
    assert result["failed"] is True
    assert "esp-gcm already provides integrity" in result["msg"]
    assert "use state replaced" in result["msg"]
    replaced = run_module(
        capsys,
        "transform_sets",
        {"config": [{"name": "ts256", "esp_encryption": "esp-gcm"}], "state": "replaced"},
        ScriptedDevice(REFERENCE),
        check_mode=True,
    )
    assert replaced["commands"] == ["crypto ipsec transform-set ts256 esp-gcm", "mode tunnel"]


def test_overridden_refuses_to_delete_a_referenced_set(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(REFERENCE)
    result = run_module(capsys, "transform_sets", {"config": [TS256], "state": "overridden"}, device)
    assert result["failed"] is True
    assert "dynamic map dyn_testmap 10 uses test_transf" in result["msg"]
    assert "crypto map testmap 10 uses test_transf" in result["msg"]
    assert "remove_references: true" in result["msg"]
    assert device.batches == []


def test_overridden_creates_before_deleting(capsys: pytest.CaptureFixture[str]) -> None:
    config = [
        TEST_TRANSF,
        {"name": "ts_new", "esp_encryption": "esp-aes", "key_size": 256, "esp_integrity": "esp-sha512-hmac"},
    ]
    result = run_module(
        capsys,
        "transform_sets",
        {"config": config, "state": "overridden"},
        ScriptedDevice(REFERENCE),
        check_mode=True,
    )
    assert result["commands"] == [
        "crypto ipsec transform-set ts_new esp-aes 256 esp-sha512-hmac",
        "no crypto ipsec transform-set ts256",
    ]


def test_remove_references_unreferences_before_deleting(capsys: pytest.CaptureFixture[str]) -> None:
    args = {"config": [{"name": "test_transf"}], "state": "deleted", "remove_references": True}
    result = run_module(capsys, "transform_sets", args, ScriptedDevice(REFERENCE), check_mode=True)
    assert result["commands"] == [
        "crypto dynamic-map dyn_testmap 10",
        "no set transform-set",
        "crypto map testmap 10 ipsec-isakmp",
        "set transform-set other_ts",
        "no crypto ipsec transform-set test_transf",
    ]
    assert any("dynamic map dyn_testmap 10 has no transform set left" in w for w in result["warnings"])
    assert result["after"] == [TS256]


def test_rollback_restores_crypto_maps_touched_by_remove_references(
    capsys: pytest.CaptureFixture[str],
) -> None:
    partial = REFERENCE.replace(
        "crypto dynamic-map dyn_testmap 10\n set transform-set test_transf\n",
        "crypto dynamic-map dyn_testmap 10\n",
    ).replace("set transform-set test_transf other_ts", "set transform-set other_ts")
    device = ScriptedDevice(
        REFERENCE,
        partial,
        reject=("no crypto ipsec transform-set test_transf", "% Transform set test_transf is in use"),
    )
    args = {"config": [{"name": "test_transf"}], "state": "deleted", "remove_references": True}
    result = run_module(capsys, "transform_sets", args, device)
    assert result["failed"] is True
    assert result["rollback"]["commands"] == [
        "crypto dynamic-map dyn_testmap 10",
        "set transform-set test_transf",
        "crypto map testmap 10 ipsec-isakmp",
        "set transform-set test_transf other_ts",
    ]
    assert device.batches[1] == result["rollback"]["commands"]


def test_deleted_all_unreferenced(capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "crypto ipsec transform-set a esp-3des\n mode tunnel\n"
        "crypto ipsec transform-set b esp-null\n mode tunnel\n"
    )
    result = run_module(capsys, "transform_sets", {"state": "deleted"}, ScriptedDevice(text, ""))
    assert result["commands"] == ["no crypto ipsec transform-set a", "no crypto ipsec transform-set b"]
    assert result["after"] == []


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"name": "x", "esp_encryption": "esp-3des", "key_size": 256},
            "config[0].key_size: only valid with esp_encryption esp-aes, esp-gcm, esp-gmac (got esp-3des)",
        ),
        (
            {"name": "x", "esp_encryption": "esp-gcm", "esp_integrity": "esp-sha-hmac"},
            "config[0].esp_integrity: esp-gcm already provides integrity",
        ),
        ({"name": "two words", "esp_encryption": "esp-aes"}, "config[0].name: 'two words' must be one word"),
        ({"name": "x", "esp_encryption": "esp-blowfish"}, "esp_encryption"),
        ({"name": "x", "key_size": 512}, "key_size"),
    ],
)
def test_bad_values_fail_before_device_contact(
    capsys: pytest.CaptureFixture[str], entry: dict, message: str
) -> None:
    result = run_module(capsys, "transform_sets", {"config": [entry]})
    assert result["failed"] is True
    assert message in result["msg"]


def test_a_set_needs_a_transform(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(
        capsys, "transform_sets", {"config": [{"name": "empty", "mode": "transport"}], "state": "rendered"}
    )
    assert result["failed"] is True
    assert "transform set empty: needs at least one transform" in result["msg"]


def test_gathered_and_parsed(capsys: pytest.CaptureFixture[str]) -> None:
    gathered = run_module(capsys, "transform_sets", {"state": "gathered"}, ScriptedDevice(REFERENCE))
    assert gathered["gathered"] == [TEST_TRANSF, TS256]
    parsed = run_module(
        capsys,
        "transform_sets",
        {"running_config": fixture("otus_lab_section_crypto.txt"), "state": "parsed"},
    )
    assert parsed["parsed"] == [{"name": "SET1", "esp_encryption": "esp-3des", "mode": "tunnel"}]
    assert parsed["warnings"] == []

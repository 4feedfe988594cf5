from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    parse_running_config,
)
from iosxe_module_harness import ScriptedDevice, fixture, run_module

REFERENCE = fixture("reference_router.txt")  # keys SECRET (209.165.200.226) and SECRET2 (10.0.0.0/8)
DEVICE_SECRETS = ("SECRET", "OneTwo34", "HostSecret", "EncryptedKey", "identity")


def assert_no_secret(result: dict, *secrets: str) -> None:
    for secret in DEVICE_SECRETS + secrets:
        assert secret not in result["_raw"], secret


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "reference_router.txt",
            [
                {"address": "209.165.200.226", "key": "SECRET"},
                {"address": "10.0.0.0", "mask": "255.0.0.0", "key": "SECRET2"},
            ],
        ),
        ("seed_routera_default_policy.txt", [{"address": "209.165.200.226", "key": "identity"}]),
        ("github_labs_section_crypto.txt", [{"address": "13.0.0.1", "key": "OneTwo34"}]),
        (
            "otus_lab_section_crypto.txt",
            [{"address": "89.100.1.2", "key": "cisco"}, {"address": "0.0.0.0", "key": "cisco"}],
        ),
        ("unsupported_lines.txt", [{"address": "192.0.2.9", "key": "EncryptedKey==", "key_type": 6}]),
    ],
)
def test_parse_fixtures_keeps_keys_internally(name: str, expected: list[dict]) -> None:
    assert parse_running_config(fixture(name)).isakmp_keys == expected


def test_key_named_like_a_key_type() -> None:
    text = "crypto isakmp key 6 address 192.0.2.1\ncrypto isakmp key 0 plain address 192.0.2.2 no-xauth\n"
    assert parse_running_config(text).isakmp_keys == [
        {"address": "192.0.2.1", "key": "6"},
        {"address": "192.0.2.2", "key": "plain", "no_xauth": True},
    ]


def test_parsed_and_gathered_keys_are_masked(capsys: pytest.CaptureFixture[str]) -> None:
    text = fixture("unsupported_lines.txt") + fixture("reference_router.txt")
    parsed = run_module(capsys, "isakmp_keys", {"running_config": text, "state": "parsed"})
    assert [item["key"] for item in parsed["parsed"]] == ["********"] * 3
    assert any("'crypto isakmp key ******** hostname peer.example.net'" in w for w in parsed["warnings"])
    assert_no_secret(parsed)
    gathered = run_module(capsys, "isakmp_keys", {"state": "gathered"}, ScriptedDevice(REFERENCE))
    assert gathered["gathered"] == [
        {"address": "209.165.200.226", "key": "********"},
        {"address": "10.0.0.0", "mask": "255.0.0.0", "key": "********"},
    ]
    assert_no_secret(gathered)


def test_replacing_a_key_never_removes_it_first(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(REFERENCE, REFERENCE.replace("key SECRET address", "key N3wK3y address"))
    result = run_module(
        capsys,
        "isakmp_keys",
        {"config": [{"address": "209.165.200.226", "key": "N3wK3y"}]},
        device,
        check_mode=False,
        diff=True,
    )
    assert device.batches == [["crypto isakmp key N3wK3y address 209.165.200.226"]]
    assert result["commands"] == ["crypto isakmp key ******** address 209.165.200.226"]
    assert result["diff"]["prepared"] == (
        "--- before\n+++ after\n"
        "@@ -1,1 +1,1 @@\n-crypto isakmp key ******** address 209.165.200.226\n"
        "+crypto isakmp key ********(changed) address 209.165.200.226\n"
    )
    assert_no_secret(result, "N3wK3y")


def test_same_key_is_idempotent_and_host_mask_is_the_same_peer(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"address": "209.165.200.226", "mask": "255.255.255.255", "key": "SECRET"}]
    result = run_module(capsys, "isakmp_keys", {"config": config}, ScriptedDevice(REFERENCE))
    assert result["commands"] == []
    assert result["changed"] is False


@pytest.mark.parametrize("placeholder", [None, "********"])
def test_overridden_keeps_device_keys_when_key_is_omitted(
    capsys: pytest.CaptureFixture[str], placeholder: str | None
) -> None:
    device = ScriptedDevice(REFERENCE, REFERENCE)
    entry = {"address": "209.165.200.226"} | ({"key": placeholder} if placeholder else {})
    result = run_module(capsys, "isakmp_keys", {"config": [entry], "state": "overridden"}, device)
    assert device.batches == [["no crypto isakmp key SECRET2 address 10.0.0.0 255.0.0.0"]]
    assert result["commands"] == ["no crypto isakmp key ******** address 10.0.0.0 255.0.0.0"]
    assert_no_secret(result)


def test_a_new_peer_needs_a_key(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(
        capsys, "isakmp_keys", {"config": [{"address": "192.0.2.1"}]}, ScriptedDevice(REFERENCE)
    )
    assert result["failed"] is True
    assert "address 192.0.2.1: no key is configured on the device" in result["msg"]


def test_merged_adds_with_mask_and_no_xauth(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(REFERENCE, REFERENCE)
    config = [
        {"address": "192.0.2.0", "mask": "255.255.255.0", "key": "K1", "no_xauth": True},
        {"address": "10.0.0.0", "mask": "255.0.0.0", "no_xauth": True},
    ]
    result = run_module(capsys, "isakmp_keys", {"config": config}, device)
    assert device.batches == [
        [
            "crypto isakmp key SECRET2 address 10.0.0.0 255.0.0.0 no-xauth",
            "crypto isakmp key K1 address 192.0.2.0 255.255.255.0 no-xauth",
        ]
    ]
    assert result["commands"] == [
        "crypto isakmp key ******** address 10.0.0.0 255.0.0.0 no-xauth",
        "crypto isakmp key ******** address 192.0.2.0 255.255.255.0 no-xauth",
    ]


def test_replaced_resets_no_xauth(capsys: pytest.CaptureFixture[str]) -> None:
    text = "crypto isakmp key K address 192.0.2.1 no-xauth\n"
    device = ScriptedDevice(text, text)
    result = run_module(
        capsys, "isakmp_keys", {"config": [{"address": "192.0.2.1"}], "state": "replaced"}, device
    )
    assert device.batches == [["crypto isakmp key K address 192.0.2.1"]]
    assert result["commands"] == ["crypto isakmp key ******** address 192.0.2.1"]


def test_encrypted_device_key_is_not_compared(capsys: pytest.CaptureFixture[str]) -> None:
    text = "crypto isakmp key 6 EncryptedKey== address 192.0.2.9\n"
    result = run_module(
        capsys, "isakmp_keys", {"config": [{"address": "192.0.2.9", "key": "plain"}]}, ScriptedDevice(text)
    )
    assert result["commands"] == []
    assert any("stores these keys encrypted" in w and "192.0.2.9" in w for w in result["warnings"])
    given = run_module(
        capsys,
        "isakmp_keys",
        {"config": [{"address": "192.0.2.9", "key": "NewEnc==", "key_type": 6}]},
        ScriptedDevice(text, text),
    )
    assert given["commands"] == ["crypto isakmp key 6 ******** address 192.0.2.9"]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ([{"address": "209.165.200.226"}], ["no crypto isakmp key ******** address 209.165.200.226"]),
        (
            None,
            [
                "no crypto isakmp key ******** address 209.165.200.226",
                "no crypto isakmp key ******** address 10.0.0.0 255.0.0.0",
            ],
        ),
    ],
)
def test_deleted(capsys: pytest.CaptureFixture[str], config: list | None, expected: list[str]) -> None:
    args = {"state": "deleted"} | ({"config": config} if config else {})
    result = run_module(capsys, "isakmp_keys", args, ScriptedDevice(REFERENCE, ""))
    assert result["commands"] == expected
    assert_no_secret(result)


def test_rendered_is_masked(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(
        capsys,
        "isakmp_keys",
        {"config": [{"address": "209.165.200.226", "key": "Rend3red"}], "state": "rendered"},
    )
    assert result["rendered"] == ["crypto isakmp key ******** address 209.165.200.226"]
    assert any(w.startswith("the keys in rendered are masked (********)") for w in result["warnings"])
    assert_no_secret(result, "Rend3red")


def test_rejected_key_line_is_masked_in_the_error_and_rolled_back(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(
        REFERENCE,
        REFERENCE,
        reject=("crypto isakmp key Fresh1 address 192.0.2.1", "% Invalid input detected at '^' marker."),
    )
    config = [{"address": "209.165.200.226", "key": "Fresh0"}, {"address": "192.0.2.1", "key": "Fresh1"}]
    partial = REFERENCE.replace("key SECRET address", "key Fresh0 address")
    device.configs = [REFERENCE, partial, REFERENCE]
    result = run_module(capsys, "isakmp_keys", {"config": config}, device)
    assert result["failed"] is True
    assert "'crypto isakmp key ******** address 192.0.2.1': % Invalid input" in result["msg"]
    assert device.batches[1] == ["crypto isakmp key SECRET address 209.165.200.226"]
    assert result["rollback"] == {
        "commands": ["crypto isakmp key ******** address 209.165.200.226"],
        "restored": True,
    }
    assert_no_secret(result, "Fresh0", "Fresh1")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"address": "209.165.200.300", "key": "Kx9-long"},
            "config[0].address: '209.165.200.300' is not a valid IPv4",
        ),
        (
            {"address": "10.0.0.0", "mask": "255.0.255.0", "key": "Kx9-long"},
            "config[0].mask: '255.0.255.0' is not a contiguous IPv4 netmask",
        ),
        (
            {"address": "10.0.0.0", "mask": "banana", "key": "Kx9-long"},
            "config[0].mask: 'banana' is not a valid IPv4 netmask",
        ),
        ({"address": "10.0.0.1", "key": "two words"}, "config[0].key: must be one word"),
        ({"address": "10.0.0.1", "key": "Kx9-long", "key_type": 7}, "key_type"),
    ],
)
def test_bad_values_fail_before_device_contact(
    capsys: pytest.CaptureFixture[str], entry: dict, message: str
) -> None:
    result = run_module(capsys, "isakmp_keys", {"config": [entry]})
    assert result["failed"] is True
    assert message in result["msg"]
    assert "two words" not in result["_raw"]


def test_a_short_device_key_does_not_mangle_other_text(capsys: pytest.CaptureFixture[str]) -> None:
    text = "crypto isakmp key 1 address 192.0.2.1\n"
    result = run_module(capsys, "isakmp_keys", {"state": "deleted"}, ScriptedDevice(text, ""))
    assert result["commands"] == ["no crypto isakmp key ******** address 192.0.2.1"]
    assert result["before"] == [{"address": "192.0.2.1", "key": "********"}]


@pytest.mark.parametrize("state", ["merged", "replaced", "overridden", "deleted", "rendered"])
def test_a_key_with_a_question_mark_is_refused_over_the_cli(
    capsys: pytest.CaptureFixture[str], state: str
) -> None:
    """IOS reads `?` as a request for help, so the line would arrive cut (issue #12): refused up front."""
    device = ScriptedDevice(REFERENCE)
    config = [{"address": "192.0.2.1", "key": "Wh?t-9"}]
    result = run_module(capsys, "isakmp_keys", {"config": config, "state": state}, device)
    assert result["failed"] is True
    assert result["msg"].startswith("config[0].key: contains '?', which the IOS command line takes as a")
    assert "use the netconf connection" in result["msg"]
    assert device.batches == [] and device.reads == 0
    assert_no_secret(result, "Wh?t-9")


def test_a_device_key_with_a_question_mark_is_never_sent_over_the_cli(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A key set over NETCONF can hold `?`; deleting it over the CLI would send a cut line."""
    device = ScriptedDevice("crypto isakmp key Dev?ce-1 address 192.0.2.1\n")
    result = run_module(capsys, "isakmp_keys", {"state": "deleted"}, device)
    assert result["failed"] is True
    assert result["msg"] == (
        "cannot send 'no crypto isakmp key ******** address 192.0.2.1' over network_cli: IOS takes '?' as "
        "a request for help; change this value over the netconf connection"
    )
    assert device.batches == []
    assert_no_secret(result, "Dev?ce-1")

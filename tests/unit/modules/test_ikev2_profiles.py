from __future__ import annotations

import pytest
from iosxe_module_harness import ScriptedDevice, run_module

DEVICE = (
    "crypto ikev2 keyring KR1\n peer HUB\n  address 192.0.2.1\n  pre-shared-key hub-secret-1\n !\n"
    "crypto ikev2 keyring KR2\n"
    "crypto ikev2 profile PR1\n"
    " description to the hub\n"
    " match fvrf any\n"
    " match address local 192.0.2.10\n"
    " match identity remote address 192.0.2.1 255.255.255.255\n"
    " match identity remote fqdn domain example.net\n"
    " identity local fqdn r1.example.net\n"
    " authentication remote pre-share\n"
    " authentication remote rsa-sig\n"
    " authentication local pre-share\n"
    " keyring local KR1\n"
    " lifetime 3600\n"
    " dpd 30 5 on-demand\n"
    " nat keepalive 20\n"
    " virtual-template 1\n"
    "!\n"
)
PR1 = {
    "name": "PR1",
    "description": "to the hub",
    "match_fvrf": "any",
    "match_address_local": ["192.0.2.10"],
    "match_identity_remote": ["address 192.0.2.1 255.255.255.255", "fqdn domain example.net"],
    "identity_local": "fqdn r1.example.net",
    "authentication_remote": ["pre-share", "rsa-sig"],
    "authentication_local": "pre-share",
    "keyring_local": "KR1",
    "pki_trustpoints": [],
    "lifetime": 3600,
    "dpd": {"interval": 30, "retry": 5, "mode": "on-demand"},
    "nat_keepalive": 20,
    "virtual_template": 1,
    "ivrf": None,
}


def test_parsed(capsys: pytest.CaptureFixture[str]) -> None:
    text = DEVICE + "crypto ikev2 profile PR2\n aaa authorization group psk list L1 default\n"
    result = run_module(capsys, "ikev2_profiles", {"running_config": text, "state": "parsed"})
    assert result["parsed"][0] == PR1
    assert result["parsed"][1]["name"] == "PR2"
    assert result["warnings"] == [
        "running-config line 24 under 'crypto ikev2 profile PR2' was not understood and is left unchanged: "
        "'aaa authorization group psk list L1 default'"
    ]


def test_rendered_adds_the_host_mask(capsys: pytest.CaptureFixture[str]) -> None:
    config = [
        {
            "name": "P",
            "match_identity_remote": ["address 192.0.2.2"],
            "authentication_remote": ["pre-share"],
            "authentication_local": "pre-share",
            "keyring_local": "KR1",
            "dpd": {"interval": 10, "retry": 2, "mode": "periodic"},
        }
    ]
    result = run_module(capsys, "ikev2_profiles", {"config": config, "state": "rendered"})
    assert result["rendered"] == [
        "crypto ikev2 profile P",
        "match identity remote address 192.0.2.2 255.255.255.255",
        "authentication remote pre-share",
        "authentication local pre-share",
        "keyring local KR1",
        "dpd 10 2 periodic",
    ]


def test_merged_changes_only_given_options(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [
        {
            "name": "PR1",
            "keyring_local": "KR2",
            "match_address_local": ["192.0.2.10", "192.0.2.11"],
            "authentication_remote": ["rsa-sig"],
            "lifetime": 86400,
        }
    ]
    result = run_module(capsys, "ikev2_profiles", {"config": config}, device)
    assert result["commands"] == [
        "crypto ikev2 profile PR1",
        "match address local 192.0.2.11",
        "no authentication remote pre-share",
        "no authentication remote rsa-sig",
        "authentication remote rsa-sig",
        "keyring local KR2",
        "no lifetime",
    ]


def test_merged_again_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{**PR1, "match_identity_remote": ["address 192.0.2.1", "fqdn domain example.net"]}]
    result = run_module(capsys, "ikev2_profiles", {"config": config}, ScriptedDevice(DEVICE))
    assert (result["changed"], result["commands"]) == (False, [])


def test_replaced_removes_unset_options(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "PR1", "keyring_local": "KR1", "match_address_local": ["192.0.2.12"]}]
    result = run_module(
        capsys, "ikev2_profiles", {"config": config, "state": "replaced"}, ScriptedDevice(DEVICE)
    )
    assert result["commands"] == [
        "crypto ikev2 profile PR1",
        "no description",
        "no match fvrf",
        "no match address local",
        "match address local 192.0.2.12",
        "no match identity remote address 192.0.2.1 255.255.255.255",
        "no match identity remote fqdn domain example.net",
        "no identity local",
        "no authentication remote pre-share",
        "no authentication remote rsa-sig",
        "no authentication local",
        "no lifetime",
        "no dpd",
        "no nat keepalive",
        "no virtual-template",
    ]


def test_overridden_and_deleted(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "NEW", "keyring_local": "KR2"}]
    result = run_module(
        capsys, "ikev2_profiles", {"config": config, "state": "overridden"}, ScriptedDevice(DEVICE)
    )
    assert result["commands"] == [
        "crypto ikev2 profile NEW",
        "keyring local KR2",
        "no crypto ikev2 profile PR1",
    ]
    result = run_module(capsys, "ikev2_profiles", {"state": "deleted"}, ScriptedDevice(DEVICE))
    assert result["commands"] == ["no crypto ikev2 profile PR1"]


def test_missing_keyring_fails_before_sending(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    result = run_module(
        capsys, "ikev2_profiles", {"config": [{"name": "X", "keyring_local": "NOPE"}]}, device
    )
    assert result["failed"] is True and "IKEv2 keyring NOPE" in result["msg"]
    assert device.batches == []


def test_bad_identity_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "X", "match_identity_remote": ["hostname r1"]}]
    result = run_module(capsys, "ikev2_profiles", {"config": config, "state": "rendered"})
    assert result["failed"] is True and "config[0].match_identity_remote[0]: 'hostname r1'" in result["msg"]


def test_device_error_rolls_back(capsys: pytest.CaptureFixture[str]) -> None:
    partial = DEVICE.replace(" lifetime 3600\n", "")
    device = ScriptedDevice(DEVICE, partial, reject=("ivrf BLUE", "% VRF BLUE not configured"))
    result = run_module(
        capsys, "ikev2_profiles", {"config": [{"name": "PR1", "lifetime": 86400, "ivrf": "BLUE"}]}, device
    )
    assert result["failed"] is True
    assert result["rollback"] == {"commands": ["crypto ikev2 profile PR1", "lifetime 3600"], "restored": True}

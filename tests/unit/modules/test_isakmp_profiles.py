from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    parse_running_config,
)
from iosxe_module_harness import ScriptedDevice, run_module

DEVICE = """\
crypto keyring K1
  pre-shared-key address 192.0.2.2 key Secret-1
crypto keyring K2
!
crypto isakmp profile BRANCH
   description branch peers
   keyring K1
   keyring K2
   match identity address 192.0.2.2 255.255.255.255
   match identity host peer.example
   keepalive 10 retry 3
!
crypto isakmp profile OLD
   keyring K2
   initiate mode aggressive
!
"""
BRANCH = {
    "name": "BRANCH",
    "description": "branch peers",
    "keyrings": ["K1", "K2"],
    "match_identities": ["address 192.0.2.2 255.255.255.255", "host peer.example"],
    "keepalive": {"interval": 10, "retry": 3},
}
OLD = {"name": "OLD", "keyrings": ["K2"], "initiate_aggressive": True}


def test_parsed_every_field_in_ios_order() -> None:
    text = (
        "crypto isakmp profile P\n   description two words\n   vrf RED\n   keyring K\n   ca trust-point TP\n"
        "   self-identity user-fqdn me@example\n   match identity address 10.0.0.0 255.0.0.0 RED\n"
        "   local-address GigabitEthernet1\n   keepalive 20 retry 5\n   initiate mode aggressive\n"
        "   virtual-template 7\n"
    )
    assert parse_running_config(text).isakmp_profiles == [
        {
            "name": "P",
            "description": "two words",
            "vrf": "RED",
            "keyrings": ["K"],
            "ca_trust_points": ["TP"],
            "self_identity": "user-fqdn me@example",
            "match_identities": ["address 10.0.0.0 255.0.0.0 RED"],
            "local_address": "GigabitEthernet1",
            "keepalive": {"interval": 20, "retry": 5},
            "initiate_aggressive": True,
            "virtual_template": 7,
        }
    ]
    assert parse_running_config(DEVICE).isakmp_profiles == [BRANCH, OLD]


def test_client_lines_are_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    text = "crypto isakmp profile P\n   keyring K\n   client authentication list AUTH\n"
    result = run_module(capsys, "isakmp_profiles", {"running_config": text, "state": "parsed"})
    assert result["parsed"] == [{"name": "P", "keyrings": ["K"]}]
    assert result["warnings"] == [
        "running-config line 3 under 'crypto isakmp profile P' was not understood and is left unchanged: "
        "'client authentication list AUTH'"
    ]


def test_rendered(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{**BRANCH, "match_identities": ["address 192.0.2.2", "host peer.example"]}]
    result = run_module(capsys, "isakmp_profiles", {"config": config, "state": "rendered"})
    assert result["rendered"] == [
        "crypto isakmp profile BRANCH",
        "description branch peers",
        "keyring K1",
        "keyring K2",
        "match identity address 192.0.2.2 255.255.255.255",
        "match identity host peer.example",
        "keepalive 10 retry 3",
    ]


def test_merged_is_idempotent_with_a_host_address_and_reordered_lists(
    capsys: pytest.CaptureFixture[str],
) -> None:
    device = ScriptedDevice(DEVICE)
    config = [
        {**BRANCH, "keyrings": ["K2", "K1"], "match_identities": ["host peer.example", "address 192.0.2.2"]}
    ]
    result = run_module(capsys, "isakmp_profiles", {"config": config}, device)
    assert (result["changed"], result["commands"], device.batches) == (False, [], [])


def test_merged_adds_list_items_before_removing_dropped_ones(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [{"name": "BRANCH", "keyrings": ["K2", "K3"], "vrf": "RED"}]
    result = run_module(capsys, "isakmp_profiles", {"config": config}, device)
    assert result["commands"] == ["crypto isakmp profile BRANCH", "vrf RED", "keyring K3", "no keyring K1"]


def test_replaced_removes_fields_not_given(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [{"name": "BRANCH", "keyrings": ["K1"], "virtual_template": 1}]
    result = run_module(capsys, "isakmp_profiles", {"config": config, "state": "replaced"}, device)
    assert result["commands"] == [
        "crypto isakmp profile BRANCH",
        "no description",
        "no keyring K2",
        "no match identity address 192.0.2.2 255.255.255.255",
        "no match identity host peer.example",
        "no keepalive",
        "virtual-template 1",
    ]


def test_overridden_configures_before_removing(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    result = run_module(
        capsys, "isakmp_profiles", {"config": [BRANCH, {"name": "NEW"}], "state": "overridden"}, device
    )
    assert result["commands"] == ["crypto isakmp profile NEW", "no crypto isakmp profile OLD"]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ([{"name": "OLD"}], ["no crypto isakmp profile OLD"]),
        ([{"name": "NONE"}], []),
        (None, ["no crypto isakmp profile BRANCH", "no crypto isakmp profile OLD"]),
    ],
)
def test_deleted(capsys: pytest.CaptureFixture[str], config: list | None, expected: list[str]) -> None:
    args = {"state": "deleted"} | ({"config": config} if config else {})
    result = run_module(capsys, "isakmp_profiles", args, ScriptedDevice(DEVICE, ""))
    assert result["commands"] == expected


def test_check_mode_diff(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [{"name": "OLD", "initiate_aggressive": False}]
    result = run_module(capsys, "isakmp_profiles", {"config": config}, device, True, True)
    assert device.batches == []
    assert result["commands"] == ["crypto isakmp profile OLD", "no initiate mode aggressive"]
    assert result["after"] == [BRANCH, {"name": "OLD", "keyrings": ["K2"]}]
    assert result["diff"]["prepared"].endswith("    keyring K2\n-   initiate mode aggressive\n")


def test_device_error_rolls_back(capsys: pytest.CaptureFixture[str]) -> None:
    partial = DEVICE.replace("   keepalive 10 retry 3\n", "   keepalive 30 retry 3\n")
    device = ScriptedDevice(DEVICE, partial, reject=("keyring NOPE", "% Keyring NOPE does not exist"))
    config = [
        {"name": "BRANCH", "keepalive": {"interval": 30, "retry": 3}},
        {"name": "OLD", "keyrings": ["NOPE"]},
    ]
    result = run_module(capsys, "isakmp_profiles", {"config": config}, device)
    assert result["failed"] is True
    assert result["rollback"] == {
        "commands": ["crypto isakmp profile BRANCH", "keepalive 10 retry 3"],
        "restored": True,
    }


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ([{"name": "P"}, {"name": "P"}], "config[1]: duplicates config[0] (profile P)"),
        ([{"name": "P", "match_identities": ["fqdn x"]}], "config[0].match_identities[0]: 'fqdn x' is not"),
        ([{"name": "P", "self_identity": "dn"}], "config[0].self_identity: 'dn' is not"),
        ([{"name": "P", "keepalive": {"interval": 5, "retry": 2}}], "config[0].keepalive.interval: 5 is out"),
        ([{"name": "P", "virtual_template": 0}], "config[0].virtual_template: 0 is out of range"),
    ],
)
def test_bad_values_fail_before_device_contact(
    capsys: pytest.CaptureFixture[str], config: list, message: str
) -> None:
    result = run_module(capsys, "isakmp_profiles", {"config": config})
    assert result["failed"] is True
    assert message in result["msg"]

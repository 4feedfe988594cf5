from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    parse_running_config,
)
from iosxe_module_harness import ScriptedDevice, run_module

DEVICE = """\
interface Loopback0
 ip address 10.255.0.1 255.255.255.255
!
interface Tunnel1
 description to branch
 ip address 172.16.0.1 255.255.255.252
 ip mtu 1400
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination 192.0.2.2
 tunnel protection ipsec profile VTI
!
interface Tunnel9
 no ip address
 tunnel source Loopback0
 tunnel key 99
 crypto map CMAP
!
interface GigabitEthernet1
 ip address 192.0.2.1 255.255.255.0
"""
TUNNEL1 = {
    "name": "Tunnel1",
    "address": "172.16.0.1",
    "mask": "255.255.255.252",
    "source": "GigabitEthernet1",
    "mode": "ipsec ipv4",
    "destination": "192.0.2.2",
    "protection": {"profile": "VTI"},
}
TUNNEL9 = {"name": "Tunnel9", "source": "Loopback0", "mode": "gre ip"}


def test_parsed_tunnels_and_the_crypto_map_binding_goes_to_crypto_maps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = parse_running_config(DEVICE)
    assert config.tunnel_interfaces == [TUNNEL1, TUNNEL9]
    assert config.crypto_maps == [{"name": "CMAP", "dynamic": False, "interfaces": ["Tunnel9"]}]
    result = run_module(capsys, "tunnel_interfaces", {"running_config": DEVICE, "state": "parsed"})
    assert result["warnings"] == [
        "running-config line 16 under 'interface Tunnel9' was not understood and is left unchanged: "
        "'tunnel key 99'"
    ]


def test_protection_with_ikev2_profile_and_shared() -> None:
    text = "interface Tunnel2\n tunnel protection ipsec profile P ikev2-profile IK shared\n"
    assert parse_running_config(text).tunnel_interfaces == [
        {
            "name": "Tunnel2",
            "mode": "gre ip",
            "protection": {"profile": "P", "ikev2_profile": "IK", "shared": True},
        }
    ]


def test_rendered(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(
        capsys, "tunnel_interfaces", {"config": [TUNNEL1, {"name": "Tunnel5"}], "state": "rendered"}
    )
    assert result["rendered"] == [
        "interface Tunnel1",
        "ip address 172.16.0.1 255.255.255.252",
        "tunnel source GigabitEthernet1",
        "tunnel mode ipsec ipv4",
        "tunnel destination 192.0.2.2",
        "tunnel protection ipsec profile VTI",
        "exit",
        "interface Tunnel5",
        "exit",
    ]


def test_merged_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    result = run_module(capsys, "tunnel_interfaces", {"config": [TUNNEL1]}, device)
    assert (result["changed"], result["commands"], device.batches) == (False, [], [])


def test_merged_changes_only_given_fields(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [
        {"name": "Tunnel1", "destination": "192.0.2.3", "protection": {"profile": "VTI", "shared": True}}
    ]
    result = run_module(capsys, "tunnel_interfaces", {"config": config}, device)
    assert result["commands"] == [
        "interface Tunnel1",
        "tunnel destination 192.0.2.3",
        "tunnel protection ipsec profile VTI shared",
        "exit",
    ]


def test_replaced_removes_fields_not_given(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [{"name": "Tunnel1", "source": "GigabitEthernet1", "destination": "192.0.2.2"}]
    result = run_module(capsys, "tunnel_interfaces", {"config": config, "state": "replaced"}, device)
    assert result["commands"] == [
        "interface Tunnel1",
        "no ip address",
        "no tunnel mode",
        "no tunnel protection",
        "exit",
    ]


def test_overridden_configures_before_removing(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [TUNNEL1, {"name": "Tunnel2", "source": "Loopback0", "destination": "192.0.2.9"}]
    result = run_module(capsys, "tunnel_interfaces", {"config": config, "state": "overridden"}, device)
    assert result["commands"] == [
        "interface Tunnel2",
        "tunnel source Loopback0",
        "tunnel destination 192.0.2.9",
        "exit",
        "no interface Tunnel9",
    ]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ([{"name": "Tunnel9"}], ["no interface Tunnel9"]),
        ([{"name": "Tunnel3"}], []),
        (None, ["no interface Tunnel1", "no interface Tunnel9"]),
    ],
)
def test_deleted(capsys: pytest.CaptureFixture[str], config: list | None, expected: list[str]) -> None:
    args = {"state": "deleted"} | ({"config": config} if config else {})
    result = run_module(capsys, "tunnel_interfaces", args, ScriptedDevice(DEVICE, ""))
    assert result["commands"] == expected


def test_check_mode_diff(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    config = [{"name": "Tunnel9", "mode": "gre multipoint"}]
    result = run_module(capsys, "tunnel_interfaces", {"config": config}, device, True, True)
    assert device.batches == []
    assert result["commands"] == ["interface Tunnel9", "tunnel mode gre multipoint", "exit"]
    assert result["after"] == [TUNNEL1, TUNNEL9 | {"mode": "gre multipoint"}]
    assert result["diff"]["prepared"].endswith(
        " interface Tunnel9\n  tunnel source Loopback0\n+ tunnel mode gre multipoint\n"
    )


def test_device_error_rolls_back(capsys: pytest.CaptureFixture[str]) -> None:
    partial = DEVICE.replace(" tunnel destination 192.0.2.2\n", " tunnel destination 192.0.2.7\n")
    device = ScriptedDevice(
        DEVICE,
        partial,
        reject=("tunnel protection ipsec profile NOPE", "% IPSEC profile NOPE does not exist"),
    )
    config = [
        {"name": "Tunnel1", "destination": "192.0.2.7"},
        {"name": "Tunnel9", "protection": {"profile": "NOPE"}},
    ]
    result = run_module(capsys, "tunnel_interfaces", {"config": config}, device)
    assert result["failed"] is True
    assert result["rollback"] == {
        "commands": ["interface Tunnel1", "tunnel destination 192.0.2.2", "exit"],
        "restored": True,
    }


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ([{"name": "Tunnel1"}, {"name": "Tunnel1"}], "config[1]: duplicates config[0] (interface Tunnel1)"),
        ([{"name": "GigabitEthernet1"}], "config[0].name: 'GigabitEthernet1' is not a tunnel interface name"),
        ([{"name": "Tunnel1", "address": "10.0.0.1"}], "config[0]: address and mask are given together"),
        ([{"name": "Tunnel1", "mode": "gre ipx"}], "mode"),
    ],
)
def test_bad_values_fail_before_device_contact(
    capsys: pytest.CaptureFixture[str], config: list, message: str
) -> None:
    result = run_module(capsys, "tunnel_interfaces", {"config": config})
    assert result["failed"] is True
    assert message in result["msg"]

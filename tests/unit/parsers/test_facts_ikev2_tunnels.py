"""ipsec_facts subsets ikev2_sa, ikev2_session and tunnel_interfaces: which commands run, the facts they give,
and what happens when the device does not know a command (left out of `all` with a warning, named: failure)."""

from __future__ import annotations

import pytest
from ansible.module_utils.connection import ConnectionError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.assemble import assemble
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.over_cli import (
    FactsFailed,
    gather_over_cli,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.subsets import commands_for

from .cases import output_of

INVALID = "show crypto ikev2 sa detail\n                          ^\n% Invalid input detected at '^' marker."


class RecordedDevice:
    """Answers show commands from recorded outputs; a command it has no output for fails as IOS does."""

    def __init__(self, outputs: dict[str, str], error: str = INVALID) -> None:
        self.outputs, self.error, self.asked = outputs, error, []

    def get(self, command: str) -> str:
        self.asked.append(command)
        if command not in self.outputs:
            raise ConnectionError(self.error)
        return self.outputs[command]

    def get_config(self, source: str) -> str:
        raise AssertionError("no resources were asked for")


def params(*subsets: str) -> dict[str, object]:
    return {"gather_subset": list(subsets), "gather_network_resources": None, "vrf": None}


def test_commands_of_the_new_subsets() -> None:
    assert commands_for(["ikev2_sa", "ikev2_session", "tunnel_interfaces"], None) == [
        "show crypto ikev2 sa detail",
        "show crypto ikev2 session detail",
        "show interfaces",
    ]


def test_tunnel_interfaces_are_the_tunnels_of_show_interfaces_in_device_order() -> None:
    facts, warnings = assemble({"show interfaces": output_of("show_interfaces", "refrouter")})
    assert warnings == []
    assert list(facts) == ["tunnel_interfaces"]
    assert facts["tunnel_interfaces"] == [
        {"name": "Tunnel1", "status": "up", "line_protocol": "up", "address": "10.0.0.1/30", "source": None,
         "source_interface": None, "destination": None, "mode": None, "protection_profile": None},
        {"name": "Tunnel2", "status": "administratively down", "line_protocol": "down", "address": "10.0.1.1/30",
         "source": None, "source_interface": None, "destination": None, "mode": None, "protection_profile": None},
    ]  # fmt: skip


def test_tunnel_lines_fill_source_destination_mode_and_protection() -> None:
    outputs = {
        "show interfaces Tunnel10": output_of("show_interfaces_Tunnel10", "written_vti"),
        "show interfaces Tunnel20": output_of("show_interfaces_Tunnel20", "written_gre_down"),
    }
    facts = {}
    for command, text in outputs.items():
        facts[command] = assemble({command: text})[0]["tunnel_interfaces"]
    assert facts["show interfaces Tunnel10"] == [
        {"name": "Tunnel10", "status": "up", "line_protocol": "up", "address": "172.31.255.1/30",
         "source": "192.0.2.10", "source_interface": "GigabitEthernet1", "destination": "198.51.100.20",
         "mode": "ipsec ipv4", "protection_profile": "VTI-PROF"},
    ]  # fmt: skip
    [gre] = facts["show interfaces Tunnel20"]
    assert (gre["line_protocol"], gre["address"], gre["mode"], gre["protection_profile"]) == (
        "down",
        None,
        "gre ip",
        "GRE-PROF",
    )


def test_ikev2_facts_keep_the_parsers_shape() -> None:
    facts, warnings = assemble(
        {
            "show crypto ikev2 sa detail": output_of("show_crypto_ikev2_sa_detail", "written"),
            "show crypto ikev2 session detail": output_of("show_crypto_ikev2_session_detail", "written"),
        }
    )
    assert warnings == []
    assert [sa["tunnel_id"] for sa in facts["ikev2_sa"]] == [4, 9]
    assert facts["ikev2_sa"][0]["remote_id"] == "branch7.example.net"
    assert [session["session_id"] for session in facts["ikev2_session"]] == [7, 15]
    assert facts["ikev2_session"][0]["children"][0]["esp_spi_out"] == "0xC0FFEE01"


def test_all_leaves_out_a_subset_whose_command_the_device_lacks() -> None:
    device = RecordedDevice({"show interfaces": output_of("show_interfaces", "refrouter")})
    result, warnings = gather_over_cli(
        device, params("all", "!config", "!defaults", "!sa", "!sessions", "!flowmib")
    )
    assert device.asked == [
        "show crypto ikev2 sa detail",
        "show crypto ikev2 session detail",
        "show interfaces",
    ]
    assert result["commands"] == device.asked
    assert list(result["ansible_facts"]["ipsec"]) == ["tunnel_interfaces"]
    assert warnings == [
        f"gather_subset all: ikev2_sa left out: show crypto ikev2 sa detail: {INVALID}",
        f"gather_subset all: ikev2_session left out: show crypto ikev2 session detail: {INVALID}",
    ]


def test_a_named_subset_whose_command_the_device_lacks_fails() -> None:
    device = RecordedDevice({})
    with pytest.raises(FactsFailed) as failed:
        gather_over_cli(device, params("ikev2_sa"))
    assert str(failed.value) == f"show crypto ikev2 sa detail: {INVALID}"
    assert failed.value.commands == ["show crypto ikev2 sa detail"]


def test_other_device_errors_fail_even_under_all() -> None:
    device = RecordedDevice({}, error="% Authorization failed.")
    with pytest.raises(FactsFailed, match=r"^show crypto ikev2 sa detail: % Authorization failed\.$"):
        gather_over_cli(device, params("all", "!config", "!defaults", "!sa", "!sessions", "!flowmib"))

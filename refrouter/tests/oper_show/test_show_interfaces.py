"""`show interfaces`, `show ip interface` and `show arp` after traffic, read by judges written by others
(Genie's IOS XE parsers and ntc-templates): counters, MACs, addresses and ARP entries equal the router's
state at the same frozen instant."""

from __future__ import annotations

import ipaddress
from typing import Any, ClassVar

import pytest

from refrouter.state.interfaces import burned_in_mac
from refrouter.state.oper.interface_stats import InterfaceCounters
from refrouter.state.router import Router

from .showlab import PEER_A, PEER_B, ShowLab

show_interface = pytest.importorskip("genie.libs.parser.iosxe.show_interface", reason="genie parsers not installed")
ntc = pytest.importorskip("ntc_templates.parse", reason="ntc-templates not installed")
ROUTER = "RouterA"
IFACE = "GigabitEthernet1"


class ParserDevice:
    name = "refrouter"
    os = "iosxe"
    custom: ClassVar[dict[str, Any]] = {}


def counters(router: Router) -> InterfaceCounters:
    return router.oper.interfaces.of(IFACE)


def counters_and_rates(router: Router) -> tuple[InterfaceCounters, tuple[tuple[int, int], tuple[int, int]]]:
    return router.oper.interfaces.of(IFACE), router.oper.interfaces.rates(IFACE)


def test_show_interfaces_counters_equal_the_data_plane(seed_lab: ShowLab) -> None:
    [out], (state, rates), _ = seed_lab.capture(ROUTER, ["show interfaces"], counters_and_rates)
    assert state.packets_in > 0 and state.packets_out > 0  # the seed's pings crossed Gi1
    parsed = show_interface.ShowInterfaces(device=ParserDevice()).parse(output=out)
    gi1 = parsed[IFACE]
    assert (gi1["enabled"], gi1["oper_status"], gi1["line_protocol"]) == (True, "up", "up")
    assert gi1["mac_address"] == burned_in_mac(ROUTER, IFACE) == gi1["phys_address"]
    assert gi1["ipv4"] == {f"{PEER_A}/27": {"ip": PEER_A, "prefix_length": "27"}}
    assert (gi1["counters"]["in_pkts"], gi1["counters"]["in_octets"]) == (state.packets_in, state.bytes_in)
    assert (gi1["counters"]["out_pkts"], gi1["counters"]["out_octets"]) == (state.packets_out, state.bytes_out)
    rate = gi1["counters"]["rate"]
    assert ((rate["in_rate"], rate["in_rate_pkts"]), (rate["out_rate"], rate["out_rate_pkts"])) == rates
    assert rate["load_interval"] == 300
    assert parsed["GigabitEthernet3"]["enabled"] is False  # factory default: shut
    assert list(parsed) == ["GigabitEthernet1", "GigabitEthernet2", "GigabitEthernet3", "GigabitEthernet4"]


def test_show_interfaces_ntc_records(seed_lab: ShowLab) -> None:
    [out], state, _ = seed_lab.capture(ROUTER, [f"show interfaces {IFACE}"], counters)
    [record] = ntc.parse_output(platform="cisco_ios", command="show interfaces", data=out)
    assert record["interface"] == IFACE
    assert record["mac_address"] == burned_in_mac(ROUTER, IFACE)
    assert (record["ip_address"], record["prefix_length"]) == (PEER_A, "27")
    assert (record["input_packets"], record["output_packets"]) == (str(state.packets_in), str(state.packets_out))


def test_show_ip_interface(seed_lab: ShowLab) -> None:
    [out] = seed_lab.shows(ROUTER, "show ip interface")
    records = ntc.parse_output(platform="cisco_ios", command="show ip interface", data=out)
    addresses = {r["interface"]: (r["ip_address"], r["prefix_length"]) for r in records}
    assert addresses == {
        "GigabitEthernet1": ([PEER_A], ["27"]),
        "GigabitEthernet2": (["10.0.1.1"], ["30"]),
        "GigabitEthernet3": ([], []),
        "GigabitEthernet4": ([], []),
    }


def test_show_arp_lists_own_and_learned_entries(seed_lab: ShowLab) -> None:
    [out], arp, now = seed_lab.capture(ROUTER, ["show arp"], lambda r: r.oper.interfaces.arp)
    records = ntc.parse_output(platform="cisco_ios", command="show arp", data=out)
    rows = [(r["address"], r["age_min"], r["hardware_address"], r["interface"]) for r in records]
    learned = arp[PEER_B]
    assert (PEER_B, str(int((now - learned.learned) // 60)), burned_in_mac("RouterB", IFACE), IFACE) in rows
    assert (PEER_A, "-", burned_in_mac(ROUTER, IFACE), IFACE) in rows
    assert [ipaddress.IPv4Address(r[0]) for r in rows] == sorted(ipaddress.IPv4Address(r[0]) for r in rows)
    assert len(rows) == len(set(rows))

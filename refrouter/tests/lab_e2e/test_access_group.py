"""`ip access-group` in the data plane: an inbound list drops what it denies and counts the matching entry in
`show access-lists`; an outbound list filters forwarded packets but not the router's own."""

from __future__ import annotations

import asyncio
from ipaddress import IPv4Address
from pathlib import Path

from refrouter.dataplane.node import DataPlane
from refrouter.dataplane.packet import ICMP, ICMP_ECHO_REQUEST, IcmpEcho, Packet
from refrouter.lab.boot import BootableRouter

from .harness import configure, lab_copy, run, running_lab
from .test_failures import two_routers

FILTER = ["ip access-list extended EDGE-IN", "10 deny icmp host 192.0.2.1 host 192.0.2.2",
          "20 permit ip any any", "interface GigabitEthernet1", "ip access-group EDGE-IN in"]


def test_an_inbound_access_group_drops_denied_packets_and_counts_hits(tmp_path: Path) -> None:
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> tuple[str, str, str, str, str]:
        async with running_lab(path, tmp_path) as lab:
            router_a, router_b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            assert configure(router_b, FILTER) == []
            denied = await run(router_a, "ping 192.0.2.2 repeat 3 timeout 1")
            permitted = await run(router_a, "ping 10.2.0.1 repeat 2")
            counters = await run(router_b, "show access-lists EDGE-IN")
            brief = await run(router_b, "show ip interface GigabitEthernet1")
            assert configure(router_b, ["interface GigabitEthernet1", "no ip access-group EDGE-IN in"]) == []
            lifted = await run(router_a, "ping 192.0.2.2 repeat 2")
            return denied, permitted, counters, brief, lifted

    denied, permitted, counters, brief, lifted = asyncio.run(scenario())
    assert "Success rate is 0 percent (0/3)" in denied
    assert "Success rate is 100 percent (2/2)" in permitted
    assert counters == ("Extended IP access list EDGE-IN\n"
                        "    10 deny icmp host 192.0.2.1 host 192.0.2.2 (3 matches)\n"
                        "    20 permit ip any any (2 matches)\n")
    assert "  Inbound  access list is EDGE-IN\n" in brief and "  Outgoing access list is not set\n" in brief
    assert "Success rate is 100 percent (2/2)" in lifted


def test_an_outbound_access_group_filters_forwarded_packets_only(tmp_path: Path) -> None:
    router = BootableRouter("R")
    configure(router, ["interface GigabitEthernet1", "ip address 192.0.2.1 255.255.255.0", "no shutdown",
                       "ip access-group 150 out", "access-list 150 deny icmp any host 192.0.2.9"])
    plane = DataPlane(router)
    echo = IcmpEcho(ICMP_ECHO_REQUEST, 1, 1, b"x").encode()
    transit = Packet(IPv4Address("198.51.100.7"), IPv4Address("192.0.2.9"), ICMP, echo)
    own = Packet(IPv4Address("192.0.2.1"), IPv4Address("192.0.2.9"), ICMP, echo)
    assert plane.forward(transit, local=False) == "dropped"
    assert plane.forward(own, local=True) == "dropped"  # no link attached: it got past the list
    assert plane.drops == {"access list out": 1, "no link": 1}
    assert router.acl_hits == {("150", 10): 1}


def test_access_group_lines_render_in_ios_order_and_bad_numbers_are_refused() -> None:
    router = BootableRouter("R")
    assert configure(router, ["interface GigabitEthernet2", "ip address 192.0.2.1 255.255.255.0",
                              "ip access-group OUT-LIST out", "ip access-group 101 in", "ip mtu 1400"]) == []
    assert ("interface GigabitEthernet2\n ip address 192.0.2.1 255.255.255.0\n ip access-group 101 in\n"
            " ip access-group OUT-LIST out\n ip mtu 1400\n") in router.running_config_text()
    refused = configure(router, ["interface GigabitEthernet2", "ip access-group 5000 in"])
    caret = " " * len("R(config-if)#ip access-group ") + "^"  # under the number
    assert refused == [f"ip access-group 5000 in -> {caret}\n% Invalid input detected at '^' marker.\n"]
    assert configure(router, ["interface GigabitEthernet2", "no ip access-group in"]) == []
    assert " ip access-group 101 in" not in router.running_config_text()
    assert " ip access-group OUT-LIST out" in router.running_config_text()

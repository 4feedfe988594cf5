"""Tunnel and Virtual-Template interfaces: tunnel source/destination/mode/key/protection, NHRP, IP tuning."""

from __future__ import annotations

from refrouter.cli.grammar import INVALID

from .cli import console, run, section

PROFILE = (
    "crypto ipsec transform-set TS esp-aes esp-sha-hmac\n mode transport\n"
    "crypto ipsec profile DMVPN\n set transform-set TS\n exit"
)

DMVPN_HUB = """
interface tunnel 0
 ip address 172.16.0.1 255.255.255.0
 tunnel source GigabitEthernet1
 tunnel mode gre multipoint
 tunnel key 100
 ip nhrp map multicast dynamic
 ip nhrp authentication NHRPPASS
 ip nhrp network-id 1
 ip nhrp holdtime 300
 ip mtu 1400
 ip tcp adjust-mss 1360
 tunnel protection ipsec profile DMVPN shared
 ip nhrp redirect
"""


def test_a_dmvpn_hub_tunnel_is_rendered_in_ios_order() -> None:
    session = console()
    run(session, PROFILE)
    assert [out for out in run(session, DMVPN_HUB) if out] == []
    assert section(session, "interface Tunnel0") == (
        "interface Tunnel0\n"
        " ip address 172.16.0.1 255.255.255.0\n"
        " ip mtu 1400\n"
        " ip nhrp authentication NHRPPASS\n"
        " ip nhrp map multicast dynamic\n"
        " ip nhrp network-id 1\n"
        " ip nhrp holdtime 300\n"
        " ip nhrp redirect\n"
        " ip tcp adjust-mss 1360\n"
        " tunnel source GigabitEthernet1\n"
        " tunnel mode gre multipoint\n"
        " tunnel key 100\n"
        " tunnel protection ipsec profile DMVPN shared\n"
    )
    tunnel = session.router.running.interfaces["Tunnel0"].tunnel
    assert tunnel is not None and tunnel.key == 100 and tunnel.protection_shared


def test_a_flexvpn_virtual_template_is_a_tunnel_interface() -> None:
    session = console()
    run(session, PROFILE)
    outputs = run(
        session,
        "interface Loopback0\n ip address 10.0.0.1 255.255.255.255\n"
        "interface virtual-template 1 type tunnel\n ip unnumbered Loopback0\n tunnel mode ipsec ipv4\n"
        " tunnel destination dynamic\n ip nhrp shortcut virtual-template 1\n tunnel protection ipsec profile DMVPN",
    )
    assert [out for out in outputs if out] == []
    assert section(session, "interface Virtual-Template1") == (
        "interface Virtual-Template1 type tunnel\n"
        " ip unnumbered Loopback0\n"
        " ip nhrp shortcut virtual-template 1\n"
        " tunnel mode ipsec ipv4\n"
        " tunnel destination dynamic\n"
        " tunnel protection ipsec profile DMVPN\n"
    )


def test_tunnel_protection_needs_an_existing_profile_and_changes_nothing_otherwise() -> None:
    session = console()
    run(session, "interface Tunnel5\n tunnel source GigabitEthernet1")
    before = session.router.running_config_text()
    assert session.execute("tunnel protection ipsec profile NOPE") == "% IPSEC profile NOPE does not exist\n"
    assert session.router.running_config_text() == before


def test_tunnel_commands_are_invalid_on_a_physical_interface() -> None:
    session = console()
    run(session, "interface GigabitEthernet2")
    before = session.router.running_config_text()
    prompt = session.mode.prompt()
    assert session.execute("tunnel source Loopback0") == " " * len(prompt) + "^\n" + INVALID + "\n"
    assert session.router.running_config_text() == before


def test_virtual_access_interfaces_are_not_user_configurable() -> None:
    session = console()
    output = session.execute("interface Virtual-Access1")
    assert INVALID in output
    assert "Virtual-Access1" not in session.router.running.interfaces


def test_no_forms_reset_to_the_defaults() -> None:
    session = console()
    run(session, PROFILE)
    run(session, DMVPN_HUB)
    run(
        session,
        " no tunnel mode\n no tunnel key\n no ip nhrp network-id\n no ip nhrp map multicast dynamic\n no ip mtu",
    )
    iface = session.router.running.interfaces["Tunnel0"]
    assert iface.tunnel is not None and iface.tunnel.mode == "gre ip" and iface.tunnel.key is None
    assert iface.nhrp.network_id is None and iface.nhrp.map_multicast == [] and iface.ip_mtu is None
    assert " tunnel mode" not in section(session, "interface Tunnel0")


def test_out_of_range_values_are_rejected_with_the_caret() -> None:
    session = console()
    run(session, "interface Tunnel1")
    prompt = session.mode.prompt()
    for line, column in (("ip tcp adjust-mss 99", 18), ("tunnel mode gre bogus", 16), ("ip mtu 20", 7)):
        assert session.execute(line) == " " * (len(prompt) + column) + "^\n" + INVALID + "\n"
    assert section(session, "interface Tunnel1") == "interface Tunnel1\n no ip address\n"


def test_virtual_template_and_virtual_access_names() -> None:
    from refrouter.state.interfaces import canonical_interface, short_interface, virtual_access_name

    assert canonical_interface("virtual-template1") == "Virtual-Template1"
    assert canonical_interface("Vi2") == "Virtual-Access2"
    assert canonical_interface("virtual-t 4") == "Virtual-Template4"
    assert virtual_access_name(3) == "Virtual-Access3"
    assert short_interface(virtual_access_name(3)) == "Vi3"


def test_a_virtual_template_without_type_tunnel_takes_no_tunnel_commands() -> None:
    session = console()
    run(session, "interface Virtual-Template2")
    assert INVALID in session.execute("tunnel mode ipsec ipv4")
    assert section(session, "interface Virtual-Template2") == "interface Virtual-Template2\n no ip address\n"

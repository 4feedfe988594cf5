"""NAPALM's `ios` driver (netmiko underneath, regexes written by others against real devices) reads the
seed lab's RouterA after traffic has flowed: every getter returns the router's own state, and the ARP
entry for the neighbour carries the MAC the neighbour itself reports."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Any

import pytest

from refrouter.state.config.render import sorted_interfaces
from refrouter.state.interfaces import burned_in_mac
from refrouter.state.router import Router

from .showlab import PEER_A, PEER_B, ShowLab

napalm = pytest.importorskip("napalm", reason="napalm not installed (requirements-napalm.txt)")
ROUTER = "RouterA"


def napalm_mac(dotted: str) -> str:
    """NAPALM's form of a MAC: `52:54:00:AB:CD:EF`."""
    raw = dotted.replace(".", "")
    return ":".join(raw[i : i + 2] for i in range(0, 12, 2)).upper()


@pytest.fixture(scope="module")
def device(seed_lab: ShowLab) -> Iterator[Any]:
    driver = napalm.get_network_driver("ios")
    conn = driver(
        hostname="127.0.0.1",
        username="admin",
        password="admin",
        timeout=20,
        optional_args={"port": seed_lab.ssh_port(ROUTER), "secret": "admin", "ssh_config_file": None,
                       "allow_agent": False, "use_keys": False},
    )
    conn.open()
    try:
        yield conn
    finally:
        conn.close()


def test_get_facts(device: Any, seed_lab: ShowLab) -> None:
    router = seed_lab.router(ROUTER)
    booted_before = router.uptime_seconds()
    facts = device.get_facts()
    booted_after = router.uptime_seconds()
    names = seed_lab.state(ROUTER, lambda r: [i.name for i in sorted_interfaces(r.running)])
    assert facts["hostname"] == "RouterA"
    assert facts["serial_number"] == router.identity.serial
    assert facts["model"] == router.identity.model
    assert facts["os_version"].startswith(f"Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version "
                                          f"{router.identity.version}")
    assert facts["interface_list"] == names
    # `show version` prints whole minutes; NAPALM turns them back into seconds
    assert int(booted_before // 60) * 60 <= facts["uptime"] <= booted_after


def test_get_interfaces(device: Any, seed_lab: ShowLab) -> None:
    interfaces = device.get_interfaces()

    def expected(router: Router) -> dict[str, tuple[bool, str]]:
        return {i.name: (not i.shutdown, i.description or "") for i in sorted_interfaces(router.running)}

    state = seed_lab.state(ROUTER, expected)
    assert list(interfaces) == list(state)
    for name, (enabled, description) in state.items():
        got = interfaces[name]
        assert (got["is_enabled"], got["is_up"], got["description"]) == (enabled, enabled, description), name
        mac = burned_in_mac(ROUTER, name)
        assert got["mac_address"] == (napalm_mac(mac) if mac else ""), name
        assert (got["mtu"], got["speed"]) == (1500, 1000.0), name


def test_get_interfaces_ip(device: Any, seed_lab: ShowLab) -> None:
    def expected(router: Router) -> dict[str, dict[str, dict[str, dict[str, int]]]]:
        return {
            i.name: {"ipv4": {i.address: {"prefix_length": ipaddress.IPv4Network(f"0.0.0.0/{i.mask}").prefixlen}}}
            for i in router.running.interfaces.values()
            if i.address
        }

    assert device.get_interfaces_ip() == seed_lab.state(ROUTER, expected)


def test_get_arp_table_has_own_and_learned_entries(device: Any, seed_lab: ShowLab) -> None:
    table = device.get_arp_table()
    by_ip = {entry["ip"]: entry for entry in table}
    # own address: age -1 (IOS `-`), own MAC
    assert by_ip[PEER_A]["mac"] == napalm_mac(burned_in_mac(ROUTER, "GigabitEthernet1") or "")
    assert by_ip[PEER_A]["age"] == -1.0
    # the IPsec peer answered on Gi1: its MAC is the one RouterB's own interface has
    assert by_ip[PEER_B]["interface"] == "GigabitEthernet1"
    assert by_ip[PEER_B]["mac"] == napalm_mac(burned_in_mac("RouterB", "GigabitEthernet1") or "")
    assert by_ip[PEER_B]["age"] >= 0
    addresses = [ipaddress.IPv4Address(entry["ip"]) for entry in table]
    assert addresses == sorted(addresses)  # IOS lists by address


def test_get_config(device: Any, seed_lab: ShowLab) -> None:
    config = device.get_config()
    running = seed_lab.state(ROUTER, lambda r: r.running_config_text())
    assert config["running"].endswith(running.rstrip("\n"))
    assert "crypto map" in config["running"]  # the seed's crypto configuration is there
    startup = seed_lab.state(ROUTER, lambda r: r.read_startup())
    assert config["startup"] == (startup.rstrip("\n") if startup else "startup-config is not present")

"""Two routers as containers: SSH (netmiko), `write memory` across a container restart, the link, a tunnel."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from netmiko import ConnectHandler
from netmiko.base_connection import BaseConnection
from podmanlab import PASSWORD, SECRET, USERNAME, ContainerLab, podman, probe_line

from refrouter.lab.podman_backend import ssh_answers

pytestmark = pytest.mark.timeout(900)  # the first test here may build the image (and its base)

WAIT_STEPS = 120  # x 0.5 s


def site(name: str, transport: str, peer: str, lan: str, peer_lan: str) -> str:
    return f"""hostname {name}
crypto isakmp policy 10
 encryption aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key two-site-key address {peer}
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
access-list 101 permit ip {lan}.0 0.0.0.255 {peer_lan}.0 0.0.0.255
crypto map CMAP 10 ipsec-isakmp
 set peer {peer}
 set transform-set TS
 match address 101
interface Loopback0
 ip address {lan}.1 255.255.255.0
interface GigabitEthernet1
 ip address {transport} 255.255.255.0
 no shutdown
 crypto map CMAP
ip route {peer_lan}.0 255.255.255.0 {peer}
"""


TWO_SITES: dict[str, Any] = {  # ports (and RouterA's NETCONF port) are filled in with free ones
    "routers": {
        "RouterA": {
            "netconf_port": None,
            "startup_config": site("RouterA", "192.0.2.1", "192.0.2.2", "10.1.1", "10.2.2"),
        },
        "RouterB": {"startup_config": site("RouterB", "192.0.2.2", "192.0.2.1", "10.2.2", "10.1.1")},
    },
    "links": [{"a": "RouterA:GigabitEthernet1", "b": "RouterB:GigabitEthernet1"}],
}


@pytest.fixture(scope="module")
def two_sites(container_labs: Callable[[str, dict[str, Any]], ContainerLab]) -> ContainerLab:
    return container_labs(f"ctwo{os.getpid()}", TWO_SITES)


def connect(lab: ContainerLab, router: str) -> BaseConnection:
    return ConnectHandler(device_type="cisco_xe", host="127.0.0.1", port=lab.ssh_port(router), username=USERNAME,
                          password=PASSWORD, secret=SECRET, fast_cli=True, conn_timeout=30,
                          read_timeout_override=30, ssh_config_file=None, allow_agent=False, use_keys=False)


def configure_and_save(lab: ContainerLab, router: str, lines: list[str]) -> None:
    conn = connect(lab, router)
    try:
        conn.enable()
        conn.send_config_set(lines)
        assert "[OK]" in conn.save_config()
    finally:
        conn.disconnect()


def running_section(lab: ContainerLab, router: str, section: str) -> str:
    conn = connect(lab, router)
    try:
        conn.enable()
        return str(conn.send_command(f"show running-config | section {section}"))
    finally:
        conn.disconnect()


def wait_for_ssh(lab: ContainerLab, router: str) -> None:
    for _ in range(WAIT_STEPS):
        if ssh_answers(lab.ssh_port(router)):
            return
        time.sleep(0.5)
    raise AssertionError(f"{router} did not come back:\n{lab.logs(router)}")


def test_write_memory_survives_a_container_restart(two_sites: ContainerLab) -> None:
    configure_and_save(two_sites, "RouterA", ["interface Loopback5", "ip address 10.55.0.1 255.255.255.255",
                                              "description saved-before-restart"])
    assert "Loopback5" in (two_sites.state_dir("RouterA") / "startup-config").read_text()
    address = two_sites.address("RouterA")
    podman("restart", "-t", "5", two_sites.container("RouterA"))
    wait_for_ssh(two_sites, "RouterA")
    section = running_section(two_sites, "RouterA", "Loopback5")
    assert "description saved-before-restart" in section
    assert "ip address 10.55.0.1 255.255.255.255" in section
    assert two_sites.address("RouterA") == address, "a restarted router keeps its lab-network address"


def test_the_link_carries_pings_between_containers(two_sites: ContainerLab) -> None:
    out = two_sites.run({"RouterA": "ping 192.0.2.2 repeat 5 timeout 5"})["RouterA"]
    assert "Success rate is 100 percent (5/5)" in out, out


def test_a_crypto_map_tunnel_between_containers(two_sites: ContainerLab) -> None:
    command = "ping 10.2.2.1 source Loopback0 repeat 5 timeout 5"
    first = two_sites.run({"RouterA": command})["RouterA"]
    probes = probe_line(first)
    assert probes.startswith("."), f"the packet that triggers IKE is lost while the SA comes up: {first}"
    assert "!" in probes, f"the tunnel never came up: {first}"
    second = two_sites.run({"RouterA": command})["RouterA"]
    assert "Success rate is 100 percent (5/5)" in second, second


def test_status_and_inventory_match_the_in_process_runtime(two_sites: ContainerLab) -> None:
    status = two_sites.cli("status").stdout
    for router in ("RouterA", "RouterB"):
        line = next(line for line in status.splitlines() if line.split()[:1] == [router])
        assert line.split()[1] == "up", status
    podman_inventory = two_sites.cli("inventory").stdout
    assert podman_inventory == two_sites.cli("inventory", runtime="process").stdout
    hosts = yaml.safe_load(podman_inventory)["all"]["children"]["iosxe"]["hosts"]
    assert hosts["RouterA"] == {"ansible_host": "127.0.0.1", "ansible_port": two_sites.ssh_port("RouterA"),
                                "netconf_port": two_sites.data["routers"]["RouterA"]["netconf_port"]}


def test_down_and_up_bring_back_the_saved_config(two_sites: ContainerLab) -> None:
    configure_and_save(two_sites, "RouterB", ["interface Loopback6", "ip address 10.66.0.1 255.255.255.255"])
    two_sites.cli("down")
    assert podman("ps", "-a", "-q", "--filter", f"name={two_sites.container('RouterB')}").stdout.strip() == ""
    two_sites.cli("up")
    assert "ip address 10.66.0.1 255.255.255.255" in running_section(two_sites, "RouterB", "Loopback6")

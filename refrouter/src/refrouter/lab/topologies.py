"""Generated lab topologies (hub and spoke) for tests, benchmarks and `labs/hub_spoke.yml`."""

from __future__ import annotations

from ipaddress import IPv4Address
from typing import Any

HUB_LAN = "10.0.0.1"
TRANSPORT_NET = IPv4Address("172.16.0.0")  # hub .1, spoke N = .N+1 (a /16 fits 65,000 spokes)
PSK = "hubspoke-psk"


def spoke_lan(index: int) -> str:
    """Spoke N's protected LAN: 10.<N div 250 + 1>.<N mod 250>.0/24 (index starts at 1)."""
    return f"10.{index // 250 + 1}.{index % 250}.0"


def spoke_transport(index: int) -> str:
    return str(TRANSPORT_NET + 1 + index)


def hub_config(spokes: int) -> str:
    lines = [
        "hostname Hub",
        "crypto isakmp policy 10",
        " encryption aes 256",
        " hash sha256",
        " authentication pre-share",
        " group 14",
        f"crypto isakmp key {PSK} address 0.0.0.0 0.0.0.0",
        "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac",
        " mode tunnel",
        "crypto dynamic-map DYN 10",
        " set transform-set TS",
        "crypto map VPN 10 ipsec-isakmp dynamic DYN",
        "interface Loopback0",
        f" ip address {HUB_LAN} 255.255.255.0",
        "interface GigabitEthernet1",
        f" ip address {TRANSPORT_NET + 1} 255.255.0.0",
        " no shutdown",
        " crypto map VPN",
    ]
    lines += [f"ip route {spoke_lan(i)} 255.255.255.0 {spoke_transport(i)}" for i in range(1, spokes + 1)]
    return "\n".join(lines) + "\n"


def spoke_config(index: int) -> str:
    lan = spoke_lan(index)
    host = lan.rsplit(".", 1)[0] + ".1"
    return "\n".join(
        [
            f"hostname Spoke{index}",
            "crypto isakmp policy 10",
            " encryption aes 256",
            " hash sha256",
            " authentication pre-share",
            " group 14",
            f"crypto isakmp key {PSK} address {TRANSPORT_NET + 1}",
            "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac",
            " mode tunnel",
            "ip access-list extended VPN-TRAFFIC",
            f" permit ip {lan} 0.0.0.255 10.0.0.0 0.0.0.255",
            "crypto map VPN 10 ipsec-isakmp",
            f" set peer {TRANSPORT_NET + 1}",
            " set transform-set TS",
            " match address VPN-TRAFFIC",
            "interface Loopback0",
            f" ip address {host} 255.255.255.0",
            "interface GigabitEthernet1",
            f" ip address {spoke_transport(index)} 255.255.0.0",
            " no shutdown",
            " crypto map VPN",
            f"ip route 0.0.0.0 0.0.0.0 {TRANSPORT_NET + 1}",
        ]
    ) + "\n"


def hub_and_spoke(spokes: int, first_port: int = 20000, time_scale: float = 1) -> dict[str, Any]:
    """Lab data: one hub, `spokes` spokes on one segment (all links share Hub:GigabitEthernet1)."""
    routers: dict[str, Any] = {"Hub": {"ssh_port": first_port, "startup_config": hub_config(spokes)}}
    links = []
    for index in range(1, spokes + 1):
        routers[f"Spoke{index}"] = {"ssh_port": first_port + index, "startup_config": spoke_config(index)}
        links.append({"a": "Hub:GigabitEthernet1", "b": f"Spoke{index}:GigabitEthernet1"})
    return {"time_scale": time_scale, "routers": routers, "links": links}

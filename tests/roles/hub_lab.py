"""A hub with five spokes for the site_to_site_vpn tests: addressing, tunnels, and one fault per spoke.

Spokes 1-3 and 5 share the hub's GigabitEthernet1 segment (172.16.0.0/24); spoke 4 reaches the hub on its
own link, hub GigabitEthernet2 (172.17.0.0/24). Every router has a Loopback0 LAN to protect: the hub
10.0.0.1/24, spoke N 10.N.0.1/24.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SPOKES = (1, 2, 3, 4, 5)
HUB_LAN = "10.0.0.0/24"
IKE = {"priority": 10, "encryption": "aes-256", "hash": "sha256", "group": 14, "lifetime": 3600}
TRANSFORM_SET = {
    "name": "TS-AES256",
    "esp_encryption": "esp-aes",
    "key_size": 256,
    "esp_integrity": "esp-sha256-hmac",
}


@dataclass(frozen=True)
class Fault:
    """CLI lines that break one spoke's tunnel after the role configured it; the cause the role must name."""

    host: str
    lines: tuple[str, ...]
    cause: str


FAULTS = {
    1: Fault("Spoke1", ("crypto isakmp key wrong-key-1 address 172.16.0.1",), "key_mismatch"),
    2: Fault(
        "Spoke2", ("crypto isakmp policy 10", " encryption 3des", " hash md5", " group 2"), "no_common_policy"
    ),
    3: Fault(
        "Spoke3", ("crypto ipsec transform-set TS-AES256 esp-3des esp-sha-hmac",), "no_common_transform_set"
    ),
    4: Fault("Hub", ("interface GigabitEthernet2", " shutdown"), "peer_unreachable"),
}


def hub_side(spoke: int) -> tuple[str, str]:
    """(interface, address) of the hub toward `spoke`."""
    return ("GigabitEthernet2", "172.17.0.1") if spoke == 4 else ("GigabitEthernet1", "172.16.0.1")


def spoke_address(spoke: int) -> str:
    return "172.17.0.2" if spoke == 4 else f"172.16.0.{spoke + 1}"


def router_configs() -> dict[str, str]:
    hub = [
        "hostname Hub",
        "interface Loopback0",
        " ip address 10.0.0.1 255.255.255.0",
        "interface GigabitEthernet1",
        " ip address 172.16.0.1 255.255.255.0",
        " no shutdown",
        "interface GigabitEthernet2",
        " ip address 172.17.0.1 255.255.255.0",
        " no shutdown",
    ]
    hub += [f"ip route 10.{n}.0.0 255.255.255.0 {spoke_address(n)}" for n in SPOKES]
    configs = {"Hub": "\n".join(hub) + "\n"}
    for n in SPOKES:
        mask = "255.255.255.0"
        configs[f"Spoke{n}"] = (
            "\n".join(
                [
                    f"hostname Spoke{n}",
                    "interface Loopback0",
                    f" ip address 10.{n}.0.1 {mask}",
                    "interface GigabitEthernet1",
                    f" ip address {spoke_address(n)} {mask}",
                    " no shutdown",
                    f"ip route 0.0.0.0 0.0.0.0 {hub_side(n)[1]}",
                ]
            )
            + "\n"
        )
    return configs


def links() -> list[tuple[str, str]]:
    return [(f"Hub:{hub_side(n)[0]}", f"Spoke{n}:GigabitEthernet1") for n in SPOKES]


def tunnels(psk_variable: str) -> list[dict[str, Any]]:
    """One tunnel per spoke; the hub end is dynamic, so each spoke starts its tunnel."""
    result = []
    for n in SPOKES:
        interface, address = hub_side(n)
        result.append(
            {
                "name": f"spoke{n}",
                "psk": "{{ " + psk_variable + " }}",
                "ike": IKE,
                "ipsec": {"transform_set": TRANSFORM_SET, "pfs": "group14"},
                "a": {
                    "host": "Hub",
                    "interface": interface,
                    "address": address,
                    "subnets": [HUB_LAN],
                    "dynamic": True,
                    "probe": {"address": "10.0.0.1"},
                },
                "b": {
                    "host": f"Spoke{n}",
                    "interface": "GigabitEthernet1",
                    "address": spoke_address(n),
                    "subnets": [f"10.{n}.0.0/24"],
                    "probe": {"source": "Loopback0", "address": f"10.{n}.0.1"},
                },
            }
        )
    return result

"""Labs for the site_to_site_vpn IKE-version and topology tests: a pair of routers on one link and a hub
with two spokes. Routers start empty of crypto configuration; each has a Loopback0 LAN to protect
(router N: 10.N.0.1/24, the hub 10.0.0.1/24)."""

from __future__ import annotations

from typing import Any

PAIR_LINK = [("R1:GigabitEthernet1", "R2:GigabitEthernet1")]
SPOKES = (1, 2)
HUB_LINKS = [("Hub:GigabitEthernet1", f"Spoke{n}:GigabitEthernet1") for n in SPOKES]


def _router(name: str, lan: str, interfaces: dict[str, str], routes: list[str]) -> str:
    lines = [f"hostname {name}", "interface Loopback0", f" ip address {lan} 255.255.255.0"]
    for interface, address in interfaces.items():
        lines += [f"interface {interface}", f" ip address {address} 255.255.255.0", " no shutdown"]
    return "\n".join(lines + routes) + "\n"


def pair_configs(lan_routes: bool) -> dict[str, str]:
    """R1 192.0.2.1 and R2 192.0.2.2 on GigabitEthernet1; `lan_routes` routes each other's LAN over the link
    (what a crypto map needs; a VTI gets its routes from the role)."""
    configs = {}
    for n, other in ((1, 2), (2, 1)):
        routes = [f"ip route 10.{other}.0.0 255.255.255.0 192.0.2.{other}"] if lan_routes else []
        configs[f"R{n}"] = _router(f"R{n}", f"10.{n}.0.1", {"GigabitEthernet1": f"192.0.2.{n}"}, routes)
    return configs


def pair_tunnel(psk: str, **extra: Any) -> dict[str, Any]:
    def end(n: int) -> dict[str, Any]:
        return {
            "host": f"R{n}",
            "interface": "GigabitEthernet1",
            "address": f"192.0.2.{n}",
            "subnets": [f"10.{n}.0.0/24"],
            "probe": {"address": f"10.{n}.0.1", "source": "Loopback0"},
        }

    return {"name": "r1-r2", "psk": psk, "a": end(1), "b": end(2), **extra}


def hub_configs() -> dict[str, str]:
    """Hub GigabitEthernet1 172.16.0.1 and spoke N 172.16.0.N+1 on one segment."""
    configs = {"Hub": _router("Hub", "10.0.0.1", {"GigabitEthernet1": "172.16.0.1"}, [])}
    for n in SPOKES:
        configs[f"Spoke{n}"] = _router(f"Spoke{n}", f"10.{n}.0.1", {"GigabitEthernet1": spoke_address(n)}, [])
    return configs


def spoke_address(spoke: int) -> str:
    return f"172.16.0.{spoke + 1}"


def hub_tunnels(psk: str) -> list[dict[str, Any]]:
    """One tunnel per spoke; the hub end is dynamic (a dynamic VTI), so each spoke starts its tunnel."""
    return [
        {
            "name": f"spoke{n}",
            "psk": psk,
            "a": {
                "host": "Hub",
                "interface": "GigabitEthernet1",
                "address": "172.16.0.1",
                "subnets": ["10.0.0.0/24"],
                "dynamic": True,
                "probe": {"address": "10.0.0.1"},
            },
            "b": {
                "host": f"Spoke{n}",
                "interface": "GigabitEthernet1",
                "address": spoke_address(n),
                "subnets": [f"10.{n}.0.0/24"],
                "probe": {"address": f"10.{n}.0.1", "source": "Loopback0"},
            },
        }
        for n in SPOKES
    ]

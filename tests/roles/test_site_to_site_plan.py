"""What site_to_site_vpn would configure on each router (its plan), and the definitions it refuses, without a
device: the role runs with site_to_site_vpn_configure and site_to_site_vpn_verify off."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import hub_lab
import pytest
import yaml
from rolelab import require_tools, run_playbook

PLAYBOOK = Path(__file__).parent / "playbooks" / "plan.yml"
ROUTERS = ["Hub"] + [f"Spoke{n}" for n in hub_lab.SPOKES]


def plan(directory: Path, tunnels: list[dict[str, Any]], **extra: Any) -> tuple[dict[str, Any], str]:
    """Run the role on local hosts; return (plan per host, output)."""
    inventory = {
        "all": {
            "hosts": {
                name: {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
                for name in ROUTERS
            }
        }
    }
    (directory / "inventory.yml").write_text(yaml.safe_dump(inventory))
    plan_file = directory / "plan.json"
    (directory / "vars.yml").write_text(
        yaml.safe_dump(
            {"site_to_site_vpn_tunnels": tunnels, "hub_psk": "unused", "plan_file": str(plan_file), **extra}
        )
    )
    run = run_playbook(PLAYBOOK, directory / "inventory.yml", "-e", f"@{directory / 'vars.yml'}")
    return (json.loads(plan_file.read_text()) if plan_file.exists() else {}), run.stdout


def seed_like(**changes: Any) -> dict[str, Any]:
    """A tunnel between Spoke1 and Spoke2 without `ike` or `ipsec`, with subnets of every ACL form."""
    tunnel = {
        "name": "t1",
        "psk": "k",
        "a": {
            "host": "Spoke1",
            "interface": "Gi1",
            "address": "192.0.2.1",
            "subnets": ["10.1.1.5/24", "0.0.0.0/0"],
        },
        "b": {
            "host": "Spoke2",
            "interface": "Gi1",
            "address": "192.0.2.2",
            "subnets": ["198.51.100.7/32", "10.8.0.0/13"],
        },
    }
    return tunnel | changes


@pytest.fixture(scope="module")
def hub_plan(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The hub and spokes of hub_lab, plus seed_like() as a sixth tunnel (seq 60)."""
    require_tools()
    plans, output = plan(tmp_path_factory.mktemp("plan"), [*hub_lab.tunnels("hub_psk"), seed_like()])
    assert plans, output[-4000:]
    return plans


def test_hub_gets_a_dynamic_map_entry_per_spoke(hub_plan: dict[str, Any]) -> None:
    dynamic, static = hub_plan["Hub"]["crypto_maps"]
    assert dynamic["name"] == "IPSECUX-DYN" and dynamic["dynamic"] is True
    assert [(e["seq"], e["peers"], e["match_address"]) for e in dynamic["entries"]] == [
        (10 * n, [hub_lab.spoke_address(n)], f"IPSECUX-spoke{n}") for n in hub_lab.SPOKES
    ]
    assert all(e["transform_sets"] == ["TS-AES256"] and e["pfs"] == "group14" for e in dynamic["entries"])
    assert static == {
        "name": "IPSECUX-VPN",
        "dynamic": False,
        "entries": [{"seq": 65000, "dynamic_map": "IPSECUX-DYN"}],
        "interfaces": ["GigabitEthernet1", "GigabitEthernet2"],
    }


def test_shared_policy_and_transform_set_are_configured_once(hub_plan: dict[str, Any]) -> None:
    assert hub_plan["Hub"]["policies"] == [hub_lab.IKE | {"authentication": "pre-share"}]
    assert hub_plan["Hub"]["transform_sets"] == [hub_lab.TRANSFORM_SET | {"mode": "tunnel"}]


def test_spoke_gets_a_static_entry_and_a_mirrored_acl(hub_plan: dict[str, Any]) -> None:
    spoke = hub_plan["Spoke3"]
    assert spoke["crypto_maps"] == [
        {
            "name": "IPSECUX-VPN",
            "dynamic": False,
            "interfaces": ["GigabitEthernet1"],
            "entries": [
                {
                    "seq": 30,
                    "match_address": "IPSECUX-spoke3",
                    "transform_sets": ["TS-AES256"],
                    "pfs": "group14",
                    "peers": ["172.16.0.1"],
                }
            ],
        }
    ]
    assert spoke["acls"] == [
        {"name": "IPSECUX-spoke3", "entries": ["permit ip 10.3.0.0 0.0.0.255 10.0.0.0 0.0.0.255"]}
    ]
    assert hub_plan["Hub"]["acls"][2] == {
        "name": "IPSECUX-spoke3",
        "entries": ["permit ip 10.0.0.0 0.0.0.255 10.3.0.0 0.0.0.255"],
    }


def test_acl_addresses_are_written_as_ios_prints_them(hub_plan: dict[str, Any]) -> None:
    assert hub_plan["Spoke1"]["acls"][1] == {
        "name": "IPSECUX-t1",
        "entries": [
            "permit ip 10.1.1.0 0.0.0.255 host 198.51.100.7",
            "permit ip 10.1.1.0 0.0.0.255 10.8.0.0 0.7.255.255",
            "permit ip any host 198.51.100.7",
            "permit ip any 10.8.0.0 0.7.255.255",
        ],
    }


def test_a_tunnel_without_ike_or_ipsec_keeps_the_defaults(hub_plan: dict[str, Any]) -> None:
    """No policy and no transform set of its own: the routers use their defaults, as in the seed guide."""
    entry = {"seq": 60, "match_address": "IPSECUX-t1", "peers": ["192.0.2.1"]}
    assert hub_plan["Spoke2"]["crypto_maps"][0]["entries"][1] == entry


def test_bad_definitions_are_refused_with_every_problem(tmp_path: Path) -> None:
    require_tools()
    both_dynamic = seed_like(
        name="t2",
        a=seed_like()["a"] | {"dynamic": True, "address": "192.0.2.9"},
        b=seed_like()["b"] | {"dynamic": True, "subnets": ["10.0.0.0/33"]},
    )
    unknown_host = seed_like(name="t 3", b=seed_like()["b"] | {"host": "Nowhere"})
    plans, output = plan(
        tmp_path, [seed_like(), both_dynamic, unknown_host, seed_like(), seed_like(name="t4", seq=10)]
    )
    assert plans == {}
    for problem in (
        "tunnel t2: both ends are dynamic",
        "tunnel t2.b: subnet 10.0.0.0/33 is not address/prefix",
        "tunnel t 3: name may hold only letters, digits, - and _",
        "tunnel t 3.b: host Nowhere is not in this play",
        "tunnel t1: name used twice",
        "Spoke1: tunnel t1 and tunnel t4 share crypto map seq 10",
        "Spoke2: tunnel t1 and tunnel t4 have the same peer 192.0.2.1",
    ):
        assert problem in output, problem


def test_ike_version_and_topology_are_checked_before_anything_else(tmp_path: Path) -> None:
    require_tools()
    plans, output = plan(tmp_path, [seed_like()], site_to_site_vpn_ike_version=3)
    assert plans == {}
    assert "site_to_site_vpn_ike_version" in output and "1, 2" in output
    plans, output = plan(tmp_path, [seed_like()], site_to_site_vpn_topology="gre")
    assert plans == {}
    assert "site_to_site_vpn_topology" in output and "crypto_map, vti" in output


def test_ikev2_refuses_an_isakmp_policy_and_vti_plans_tunnel_interfaces(tmp_path: Path) -> None:
    require_tools()
    plans, output = plan(tmp_path, [seed_like(ike={"encryption": "aes"})], site_to_site_vpn_ike_version=2)
    assert plans == {}
    assert "tunnel t1: ike is an ISAKMP (IKEv1) policy; with site_to_site_vpn_ike_version 2" in output
    plans, output = plan(
        tmp_path,
        [seed_like(tunnel_subnet="169.254.0.0/31")],
        site_to_site_vpn_ike_version=2,
        site_to_site_vpn_topology="vti",
    )
    assert plans, output[-4000:]
    assert plans["Spoke2"]["tunnel_interfaces"] == [
        {
            "name": "Tunnel10",
            "source": "Gi1",
            "mode": "ipsec ipv4",
            "destination": "192.0.2.1",
            "protection": {"profile": "IPSECUX-t1"},
            "address": "169.254.0.1",
            "mask": "255.255.255.254",
        }
    ]
    assert (plans["Spoke2"]["crypto_maps"], plans["Spoke2"]["acls"]) == ([], [])
    assert "psk" not in json.dumps(plans) and '"k"' not in json.dumps(plans)

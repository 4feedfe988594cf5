"""One router's plan of site_to_site_vpn tunnels (analysis/tunnel_plan.py), rule by rule, and the filter."""

from __future__ import annotations

from typing import Any

import pytest
from ansible_collections.ipsecux.iosxe.plugins.filter.tunnel_plan import FilterModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnel_plan import Names, plan
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnels import acl_address

NAMES = Names(acl_prefix="ACL-", crypto_map="VPN", dynamic_map="DYN", dynamic_map_seq=65000)


def tunnel(name: str, spoke: str, address: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "a": {"host": "Hub", "address": "192.0.2.1", "interface": "Gi1", "subnets": ["10.0.0.0/16"]},
        "b": {
            "host": spoke,
            "address": address,
            "interface": "Gi2",
            "subnets": ["10.9.1.0/24", "10.9.2.7/32"],
        },
        **extra,
    }


@pytest.mark.parametrize(
    ("cidr", "shown"),
    [
        ("10.9.2.7/32", "host 10.9.2.7"),
        ("10.9.2.7", "host 10.9.2.7"),
        ("0.0.0.0/0", "any"),
        ("10.9.1.77/24", "10.9.1.0 0.0.0.255"),
        ("172.16.5.1/12", "172.16.0.0 0.15.255.255"),
    ],
)
def test_acl_addresses_as_ios_prints_them(cidr: str, shown: str) -> None:
    assert acl_address(cidr) == shown


def test_a_router_without_ends_gets_an_empty_plan() -> None:
    assert plan([tunnel("t1", "S1", "192.0.2.11")], "Elsewhere", NAMES) == {
        "ends": [],
        "policies": [],
        "transform_sets": [],
        "acls": [],
        "crypto_maps": [],
        "ipsec_profiles": [],
        "tunnel_interfaces": [],
        "interface_lines": {},
        "routes": [],
        "ikev2_proposals": [],
        "ikev2_policies": [],
        "ikev2_keyring": {"peers": []},
        "ikev2_profiles": [],
        "keyring": {"keys": []},
        "isakmp_profiles": [],
        "global_keys": True,
    }


def test_static_end_entry_acl_and_binding() -> None:
    result = plan(
        [
            tunnel(
                "t1",
                "S1",
                "192.0.2.11",
                ipsec={"pfs": "group14", "sa_lifetime": {"seconds": 3600, "kilobytes": None}},
            )
        ],
        "S1",
        NAMES,
    )
    assert result["ends"] == [
        {
            "tunnel": "t1",
            "index": 0,
            "side": "b",
            "seq": 10,
            "interface": "Gi2",
            "address": "192.0.2.11",
            "peer": "192.0.2.1",
            "peer_host": "Hub",
            "acl": "ACL-t1",
            "dynamic": False,
        }
    ]
    assert result["acls"] == [
        {
            "name": "ACL-t1",
            "entries": [
                "permit ip 10.9.1.0 0.0.0.255 10.0.0.0 0.0.255.255",
                "permit ip host 10.9.2.7 10.0.0.0 0.0.255.255",
            ],
        }
    ]
    assert result["crypto_maps"] == [
        {
            "name": "VPN",
            "dynamic": False,
            "interfaces": ["Gi2"],
            "entries": [
                {
                    "seq": 10,
                    "match_address": "ACL-t1",
                    "pfs": "group14",
                    "sa_lifetime": {"seconds": 3600},
                    "peers": ["192.0.2.1"],
                }
            ],
        }
    ]


def test_dynamic_ends_go_to_the_dynamic_map_in_seq_order_referenced_from_the_static_map() -> None:
    hub = {
        "host": "Hub",
        "address": "192.0.2.1",
        "interface": "Gi1",
        "subnets": ["10.0.0.0/16"],
        "dynamic": "yes",
    }
    tunnels = [tunnel("t2", "S2", "192.0.2.12", seq=30, a=hub), tunnel("t1", "S1", "192.0.2.11", a=hub)]
    assert plan(tunnels, "Hub", NAMES)["crypto_maps"] == [
        {
            "name": "DYN",
            "dynamic": True,
            "entries": [
                {"seq": 20, "match_address": "ACL-t1", "peers": ["192.0.2.11"]},
                {"seq": 30, "match_address": "ACL-t2", "peers": ["192.0.2.12"]},
            ],
        },
        {
            "name": "VPN",
            "dynamic": False,
            "entries": [{"seq": 65000, "dynamic_map": "DYN"}],
            "interfaces": ["Gi1"],
        },
    ]


def test_shared_policy_and_transform_set_are_listed_once_policies_by_priority() -> None:
    ike = {"encryption": "aes-256", "hash": "sha256", "group": 14, "lifetime": None}
    ipsec = {"transform_set": {"esp_encryption": "esp-aes", "key_size": 256, "mode": None}}
    tunnels = [
        tunnel("t1", "S1", "192.0.2.11", ike={**ike, "priority": 20}, ipsec=ipsec),
        tunnel(
            "t2",
            "S2",
            "192.0.2.12",
            ike=ike,
            ipsec={"transform_set": {"name": "TS", "esp_encryption": "esp-3des"}},
        ),
        tunnel("t3", "S3", "192.0.2.13", ike=ike, ipsec=ipsec),
    ]
    result = plan(tunnels, "Hub", NAMES)
    assert result["policies"] == [
        {
            "encryption": "aes-256",
            "hash": "sha256",
            "group": 14,
            "priority": 10,
            "authentication": "pre-share",
        },
        {
            "encryption": "aes-256",
            "hash": "sha256",
            "group": 14,
            "priority": 20,
            "authentication": "pre-share",
        },
    ]
    assert result["transform_sets"] == [
        {"esp_encryption": "esp-aes", "key_size": 256, "name": "ipsecux-t1", "mode": "tunnel"},
        {"name": "TS", "esp_encryption": "esp-3des", "mode": "tunnel"},
        {"esp_encryption": "esp-aes", "key_size": 256, "name": "ipsecux-t3", "mode": "tunnel"},
    ]
    assert [entry.get("transform_sets") for entry in result["crypto_maps"][0]["entries"]] == [
        ["ipsecux-t1"],
        ["TS"],
        ["ipsecux-t3"],
    ]


def test_the_filter_is_registered() -> None:
    tunnels = [tunnel("t1", "S1", "192.0.2.11")]
    result = FilterModule().filters()["tunnel_plan"](
        tunnels, "S1", acl_prefix="A-", crypto_map="M", dynamic_map="D", dynamic_map_seq="65000"
    )
    assert result["crypto_maps"][0]["name"] == "M"
    assert result["acls"][0]["name"] == "A-t1"

"""site_to_site_vpn plans for IKEv2 and route-based (VTI) tunnels (analysis/tunnel_plan.py, tunnel_ike.py,
tunnel_vti.py) and the problems that depend on the IKE version and topology (topology_problems.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.filter.tunnel_keys import tunnel_keys
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.topology_problems import (
    topology_problems,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnel_plan import Names, plan
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnel_vti import (
    interface_changes,
    tunnel_address,
)

NAMES = Names(acl_prefix="X-", crypto_map="VPN", dynamic_map="DYN", dynamic_map_seq=65000)
V2_MAP = replace(NAMES, ike_version=2)
V2_VTI = replace(NAMES, ike_version=2, topology="vti")
V1_VTI = replace(NAMES, topology="vti")
TS = {"esp_encryption": "esp-gcm", "key_size": 256}


def tunnel(name: str, spoke: str, address: str, hub_dynamic: bool = False, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "psk": f"key-{name}",
        "a": {
            "host": "Hub",
            "address": "192.0.2.1",
            "interface": "GigabitEthernet1",
            "subnets": ["10.0.0.0/24"],
            "dynamic": hub_dynamic,
        },
        "b": {"host": spoke, "address": address, "interface": "GigabitEthernet2", "subnets": ["10.9.0.0/24"]},
        **extra,
    }


def test_ikev2_crypto_map_entry_names_the_tunnel_profile() -> None:
    result = plan([tunnel("t1", "S1", "192.0.2.11", ike={"encryption": "aes"})], "S1", V2_MAP)
    assert result["crypto_maps"][0]["entries"] == [
        {"seq": 10, "match_address": "X-t1", "peers": ["192.0.2.1"], "ikev2_profile": "X-t1"}
    ]
    assert result["ikev2_profiles"] == [
        {
            "name": "X-t1",
            "match_identity_remote": ["address 192.0.2.1 255.255.255.255"],
            "authentication_remote": ["pre-share"],
            "authentication_local": "pre-share",
            "keyring_local": "X-KEYS",
        }
    ]
    assert result["ikev2_keyring"] == {
        "name": "X-KEYS",
        "peers": [{"name": "t1", "address": "192.0.2.1", "index": 0}],
    }
    # IKEv2: no ISAKMP policy, no global key; smart defaults: no proposal or policy of the role's own.
    assert (result["policies"], result["global_keys"]) == ([], False)
    assert (result["ikev2_proposals"], result["ikev2_policies"]) == ([], [])


def test_nge_suite_adds_one_proposal_and_the_policy_that_offers_it() -> None:
    result = plan([tunnel("t1", "S1", "192.0.2.11")], "S1", replace(V2_MAP, ikev2_suite="nge"))
    assert result["ikev2_proposals"] == [
        {"name": "X-NGE", "encryption": ["aes-gcm-256"], "prf": ["sha384"], "group": [20, 21]}
    ]
    assert result["ikev2_policies"] == [{"name": "X-NGE", "proposals": ["X-NGE"]}]


def test_static_vti_pair_gets_tunnels_addresses_profiles_and_routes() -> None:
    tunnels = [tunnel("t1", "S1", "192.0.2.11", tunnel_subnet="169.254.0.0/30", ipsec={"transform_set": TS})]
    hub, spoke = plan(tunnels, "Hub", V2_VTI), plan(tunnels, "S1", V2_VTI)
    assert hub["tunnel_interfaces"] == [
        {
            "name": "Tunnel10",
            "source": "GigabitEthernet1",
            "mode": "ipsec ipv4",
            "destination": "192.0.2.11",
            "protection": {"profile": "X-t1"},
            "address": "169.254.0.1",
            "mask": "255.255.255.252",
        }
    ]
    assert spoke["tunnel_interfaces"][0]["address"] == "169.254.0.2"
    assert hub["ipsec_profiles"] == [
        {"name": "X-t1", "ikev2_profile": "X-t1", "transform_sets": ["ipsecux-t1"]}
    ]
    assert hub["routes"] == [{"dest": "10.9.0.0/24", "next_hops": [{"interface": "Tunnel10"}]}]
    assert spoke["routes"] == [{"dest": "10.0.0.0/24", "next_hops": [{"interface": "Tunnel10"}]}]
    assert (hub["acls"], hub["crypto_maps"], hub["interface_lines"]) == ([], [], {})


def test_static_vti_without_subnet_is_unnumbered_to_the_end_interface() -> None:
    result = plan([tunnel("t1", "S1", "192.0.2.11", seq=7)], "S1", V2_VTI)
    assert "address" not in result["tunnel_interfaces"][0]
    assert result["interface_lines"] == {"interface Tunnel7": [" ip unnumbered GigabitEthernet2"]}


def test_dynamic_vti_hub_shares_one_virtual_template_and_profile() -> None:
    tunnels = [tunnel("s1", "S1", "192.0.2.11", True), tunnel("s2", "S2", "192.0.2.12", True)]
    hub = plan(tunnels, "Hub", replace(V2_VTI, virtual_template=5))
    assert hub["interface_lines"] == {
        "interface Virtual-Template5 type tunnel": [
            " ip unnumbered GigabitEthernet1",
            " tunnel source GigabitEthernet1",
            " tunnel mode ipsec ipv4",
            " tunnel protection ipsec profile X-DVTI",
        ]
    }
    assert hub["ipsec_profiles"] == [{"name": "X-DVTI"}]
    assert [p["virtual_template"] for p in hub["ikev2_profiles"]] == [5, 5]
    assert (hub["tunnel_interfaces"], hub["routes"]) == ([], [])
    spoke = plan(tunnels, "S2", replace(V2_VTI, virtual_template=5))
    assert spoke["tunnel_interfaces"][0]["name"] == "Tunnel20"
    assert "virtual_template" not in spoke["ikev2_profiles"][0]


def test_ikev1_vti_uses_a_keyring_and_isakmp_profiles() -> None:
    tunnels = [tunnel("s1", "S1", "192.0.2.11", True)]
    hub, spoke = plan(tunnels, "Hub", V1_VTI), plan(tunnels, "S1", V1_VTI)
    assert hub["isakmp_profiles"] == [
        {
            "name": "X-s1",
            "keyrings": ["X-KEYS"],
            "match_identities": ["address 192.0.2.11 255.255.255.255"],
            "virtual_template": 1,
        }
    ]
    assert spoke["keyring"] == {"name": "X-KEYS", "keys": [{"address": "192.0.2.1", "index": 0}]}
    assert spoke["ipsec_profiles"] == [{"name": "X-s1", "isakmp_profile": "X-s1"}]
    assert (spoke["global_keys"], spoke["ikev2_profiles"]) == (False, [])


def test_keys_are_taken_from_the_tunnel_by_index() -> None:
    tunnels = [tunnel("t1", "S1", "192.0.2.11"), tunnel("t2", "S2", "192.0.2.12")]
    peers = [{"name": "t2", "address": "192.0.2.12", "index": 1}]
    assert tunnel_keys(peers, tunnels, "pre_shared_key") == [
        {"name": "t2", "address": "192.0.2.12", "pre_shared_key": "key-t2"}
    ]


def test_tunnel_subnet_gives_each_end_its_host() -> None:
    assert tunnel_address("169.254.1.4/30", "a") == ("169.254.1.5", "255.255.255.252")
    assert tunnel_address("169.254.1.4/31", "b") == ("169.254.1.5", "255.255.255.254")


def test_interface_changes_send_only_missing_lines() -> None:
    wanted = {"interface Virtual-Template1 type tunnel": [" ip unnumbered Gi1", " tunnel mode ipsec ipv4"]}
    running = "interface Virtual-Template1 type tunnel\n ip unnumbered Gi1\n no ip redirects\n"
    assert interface_changes(wanted, running) == [
        "interface Virtual-Template1 type tunnel",
        "tunnel mode ipsec ipv4",
        "exit",
    ]
    assert interface_changes(wanted, running + " tunnel mode ipsec ipv4\n") == []


def test_topology_problems_name_the_variable_and_tunnel() -> None:
    ikev1_policy = tunnel("t1", "S1", "192.0.2.11", ike={"priority": 10})
    assert topology_problems([ikev1_policy], 2, "crypto_map") == [
        "tunnel t1: ike is an ISAKMP (IKEv1) policy; with site_to_site_vpn_ike_version 2 choose the IKEv2 "
        "proposal with site_to_site_vpn_ikev2_suite"
    ]
    assert topology_problems(
        [tunnel("t2", "S1", "192.0.2.11", tunnel_subnet="10.0.0.0/30")], 1, "crypto_map"
    ) == ["tunnel t2: tunnel_subnet addresses tunnel interfaces, so it needs site_to_site_vpn_topology vti"]
    assert topology_problems([tunnel("t3", "S1", "192.0.2.11", tunnel_subnet="10.0.0.1/32")], 1, "vti") == [
        "tunnel t3: tunnel_subnet 10.0.0.1/32 holds no two addresses for the two ends (use /30 or /31)"
    ]


def test_hub_tunnels_of_one_virtual_template_must_agree_on_ipsec() -> None:
    tunnels = [
        tunnel("s1", "S1", "192.0.2.11", True, ipsec={"pfs": "group14"}),
        tunnel("s2", "S2", "192.0.2.12", True, ipsec={"pfs": "group14", "sa_lifetime": None}),
        tunnel("s3", "S3", "192.0.2.13", True, ipsec={"pfs": "group19"}),
    ]
    assert topology_problems(tunnels, 2, "vti") == [
        "Hub: tunnel s1 and tunnel s3 are dynamic VTI ends of one virtual template, so their interface and "
        "ipsec settings must be the same"
    ]
    assert topology_problems(tunnels, 2, "crypto_map") == []

"""Each rule of the site_to_site_vpn tunnel checks (analysis/tunnel_problems.py), and the filter plugin."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.filter.tunnel_problems import FilterModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnel_problems import problems

HOSTS = ["A", "B", "C", "Probe"]


def tunnel(name: str = "t1", **extra: Any) -> dict[str, Any]:
    ends = {
        "a": {"host": "A", "address": "192.0.2.1", "interface": "Gi1", "subnets": ["10.1.0.0/24"]},
        "b": {"host": "B", "address": "192.0.2.2", "interface": "Gi1", "subnets": ["10.2.0.0/24"]},
    }
    return {"name": name, **ends, **extra}


def test_a_good_list_has_no_problems() -> None:
    assert (
        problems(
            [tunnel("t1"), tunnel("t2", b={**tunnel()["b"], "host": "C", "address": "192.0.2.3"})],
            HOSTS,
            65000,
        )
        == []
    )


def test_names_are_words_and_unique() -> None:
    assert problems([tunnel("t 1"), tunnel("t 1", seq=20, b={**tunnel()["b"], "host": "C"})], HOSTS, 65000)[
        :3
    ] == [
        "tunnel t 1: name may hold only letters, digits, - and _",
        "tunnel t 1: name may hold only letters, digits, - and _",
        "tunnel t 1: name used twice",
    ]


def test_a_tunnel_without_name_is_labelled_by_position() -> None:
    nameless = {key: value for key, value in tunnel().items() if key != "name"}
    assert problems([nameless], HOSTS, 65000)[0] == "tunnel 1: name may hold only letters, digits, - and _"


def test_seq_must_stay_below_the_dynamic_map_reference() -> None:
    assert problems([tunnel(seq=65000)], HOSTS, 65000) == ["tunnel t1: seq 65000 is outside 1-64999"]
    assert problems([tunnel(seq=0)], HOSTS, 65000) == []  # 0 is "not given": the default 10 applies
    assert problems([tunnel(seq="0")], HOSTS, 65000) == ["tunnel t1: seq 0 is outside 1-64999"]


def test_both_ends_on_one_router_or_both_dynamic() -> None:
    same = tunnel(b={**tunnel()["b"], "host": "A"})
    dynamic = tunnel(a={**tunnel()["a"], "dynamic": "yes"}, b={**tunnel()["b"], "dynamic": True})
    assert "tunnel t1: both ends are on A" in problems([same], HOSTS, 65000)
    assert problems([dynamic], HOSTS, 65000) == [
        "tunnel t1: both ends are dynamic, so neither can start the tunnel"
    ]


def test_hosts_and_probe_hosts_must_be_in_the_play() -> None:
    probe = tunnel(a={**tunnel()["a"], "probe": {"host": "Elsewhere"}})
    assert problems([probe], HOSTS, 65000) == ["tunnel t1.a: host Elsewhere is not in this play"]


def test_addresses_and_subnets() -> None:
    bad = tunnel(a={**tunnel()["a"], "address": "192.0.2.256", "subnets": ["10.0.0.0/33", "10.0.0.1", "x/8"]})
    assert problems([bad], HOSTS, 65000) == [
        "tunnel t1.a: address 192.0.2.256 is not an IPv4 address",
        "tunnel t1.a: subnet 10.0.0.0/33 is not address/prefix",
        "tunnel t1.a: subnet x/8 is not address/prefix",
    ]
    assert problems([tunnel(b={**tunnel()["b"], "subnets": []})], HOSTS, 65000) == [
        "tunnel t1.b: subnets is empty"
    ]


def test_ends_on_one_router_must_not_share_seq_or_peer() -> None:
    second = tunnel(
        "t2", seq=10, a={**tunnel()["a"], "address": "192.0.2.9"}, b={**tunnel()["b"], "host": "C"}
    )
    assert problems([tunnel(), second], HOSTS, 65000) == [
        "A: tunnel t1 and tunnel t2 share crypto map seq 10",
        "A: tunnel t1 and tunnel t2 have the same peer 192.0.2.2 (put all subnets into one tunnel)",
    ]


def test_one_policy_priority_or_transform_set_name_defined_two_ways() -> None:
    first = tunnel(
        ike={"priority": 10, "encryption": "aes"},
        ipsec={"transform_set": {"name": "TS", "esp_encryption": "esp-aes"}},
    )
    second = tunnel(
        "t2",
        b={**tunnel()["b"], "host": "C", "address": "192.0.2.3"},
        ike={"encryption": "3des", "hash": None},
        ipsec={"transform_set": {"name": "TS", "esp_encryption": "esp-3des"}},
    )
    same = tunnel(
        "t3",
        b={**tunnel()["b"], "host": "C", "address": "192.0.2.4"},
        seq=30,
        ike={"priority": 10, "encryption": "aes", "group": None},
    )
    assert problems([first, second], HOSTS, 65000) == [
        "A: tunnel t1 and tunnel t2 define different ISAKMP policies with priority 10",
        "A: tunnel t1 and tunnel t2 define transform set TS differently",
    ]
    assert problems([first, same], HOSTS, 65000) == []


def test_the_filter_is_registered() -> None:
    assert FilterModule().filters()["tunnel_problems"]([tunnel(seq=70000)], HOSTS, "65000") == [
        "tunnel t1: seq 70000 is outside 1-64999"
    ]

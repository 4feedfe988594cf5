from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps.commands import (
    peer_commands,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    parse_running_config,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import interface_name
from iosxe_module_harness import ScriptedDevice, fixture, run_module

# The reference router's example, plus the transform set `other_ts` that its crypto map names.
BASE = (
    fixture("reference_router.txt")
    + "crypto ipsec transform-set other_ts esp-3des esp-sha-hmac\n mode tunnel\n"
)
DYN = {"name": "dyn_testmap", "dynamic": True, "entries": [{"seq": 10, "transform_sets": ["test_transf"]}]}
ENTRY_10 = {
    "seq": 10,
    "peers": ["209.165.200.226"],
    "match_address": "101",
    "transform_sets": ["test_transf", "other_ts"],
    "pfs": "group14",
    "sa_lifetime": {"seconds": 1800, "kilobytes": 100000},
}
TESTMAP = {
    "name": "testmap",
    "dynamic": False,
    "entries": [ENTRY_10, {"seq": 20, "dynamic_map": "dyn_testmap"}],
    "interfaces": ["GigabitEthernet1"],
}


def maps(name: str) -> list[dict]:
    return parse_running_config(fixture(name)).crypto_maps


def plan(
    capsys: pytest.CaptureFixture[str], config: list[dict] | None, state: str = "merged", text: str = BASE
) -> dict:
    args = {"state": state} | ({"config": config} if config is not None else {})
    return run_module(capsys, "crypto_maps", args, ScriptedDevice(text), check_mode=True)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("reference_router.txt", [DYN, TESTMAP]),
        (
            "seed_routera_default_policy.txt",
            [
                {
                    "name": "testmap",
                    "dynamic": False,
                    "entries": [
                        {
                            "seq": 10,
                            "peers": ["209.165.200.226"],
                            "match_address": "101",
                            "transform_sets": ["test_transf"],
                        }
                    ],
                    "interfaces": ["FastEthernet1/2"],
                }
            ],
        ),
        (
            "seed_routerb_default_policy.txt",
            [
                DYN,
                {
                    "name": "testmap",
                    "dynamic": False,
                    "entries": [{"seq": 10, "dynamic_map": "dyn_testmap"}],
                    "interfaces": ["GigabitEthernet0/1"],
                },
            ],
        ),
        (
            "seed_routerb_default_transform_set.txt",
            [
                {"name": "dyn_testmap", "dynamic": True, "entries": [{"seq": 10}]},
                {
                    "name": "testmap",
                    "dynamic": False,
                    "entries": [{"seq": 10, "dynamic_map": "dyn_testmap"}],
                    "interfaces": ["GigabitEthernet0/1"],
                },
            ],
        ),
        (
            "github_labs_section_crypto.txt",
            [
                {
                    "name": "MyMap",
                    "dynamic": False,
                    "entries": [
                        {
                            "seq": 10,
                            "peers": ["13.0.0.1"],
                            "match_address": "MyACL",
                            "transform_sets": ["MySet"],
                        }
                    ],
                }
            ],
        ),
        (
            "otus_lab_section_crypto.txt",
            [
                {
                    "name": "MAP",
                    "dynamic": False,
                    "entries": [
                        {
                            "seq": 5,
                            "peers": ["89.100.1.2"],
                            "match_address": "GRE_IPSEC_MO-PETER_TUN_1",
                            "transform_sets": ["SET1"],
                        }
                    ],
                }
            ],
        ),
        (
            "unsupported_lines.txt",
            [
                {
                    "name": "vpn",
                    "dynamic": False,
                    "entries": [
                        {
                            "seq": 10,
                            "peers": ["192.0.2.1", "192.0.2.2"],
                            "match_address": "VPN_ACL",
                            "pfs": "group1",
                        }
                    ],
                    "interfaces": ["GigabitEthernet2"],
                }
            ],
        ),
    ],
)
def test_parse_fixtures(name: str, expected: list[dict]) -> None:
    assert maps(name) == expected


def test_unparsed_map_lines_are_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    labs = run_module(
        capsys,
        "crypto_maps",
        {"running_config": fixture("github_labs_section_crypto.txt"), "state": "parsed"},
    )
    assert labs["warnings"] == [
        (
            "running-config line 20 under 'int e0/1' was not understood and is left "
            "unchanged: 'crypto map MyMap'"
        )
    ]
    other = run_module(
        capsys, "crypto_maps", {"running_config": fixture("unsupported_lines.txt"), "state": "parsed"}
    )
    expected = [
        "'crypto map vpn local-address GigabitEthernet1'",
        "'description to branch'",
        "'set security-association idle-time 300'",
        "'crypto map vpn 30 ipsec-manual' and its 1 child",
        "'crypto frobnicate now'",
    ]
    assert len(other["warnings"]) == len(expected)
    for warning, text in zip(other["warnings"], expected, strict=True):
        assert text in warning
    assert not any(
        "df-bit" in w or "engine" in w or "pki" in w or "encr blowfish" in w for w in other["warnings"]
    )


def test_rendered_seed_router_b_creates_the_dynamic_map_first(capsys: pytest.CaptureFixture[str]) -> None:
    config = [
        {"name": "testmap", "entries": [{"seq": 10, "dynamic_map": "dyn_testmap"}], "interfaces": ["Gi0/1"]},
        {"name": "dyn_testmap", "dynamic": True, "entries": [{"seq": 10, "transform_sets": ["test_transf"]}]},
    ]
    result = run_module(capsys, "crypto_maps", {"config": config, "state": "rendered"})
    assert result["rendered"] == [
        "crypto dynamic-map dyn_testmap 10",
        "set transform-set test_transf",
        "crypto map testmap 10 ipsec-isakmp dynamic dyn_testmap",
        "interface GigabitEthernet0/1",
        "crypto map testmap",
        "exit",
    ]


def test_merged_from_empty_configures_entries_before_binding(capsys: pytest.CaptureFixture[str]) -> None:
    text = "crypto ipsec transform-set test_transf esp-aes esp-sha-hmac\n mode tunnel\n"
    config = [
        {
            "name": "testmap",
            "interfaces": ["GigabitEthernet1"],
            "entries": [
                {
                    "seq": 10,
                    "peers": ["209.165.200.226"],
                    "transform_sets": ["test_transf"],
                    "match_address": "101",
                    "pfs": "group14",
                    "sa_lifetime": {"kilobytes": 100000, "seconds": 1800},
                }
            ],
        }
    ]
    result = plan(capsys, config, text=text)
    assert result["commands"] == [
        "crypto map testmap 10 ipsec-isakmp",
        "set peer 209.165.200.226",
        "set security-association lifetime seconds 1800",
        "set security-association lifetime kilobytes 100000",
        "set transform-set test_transf",
        "set pfs group14",
        "match address 101",
        "interface GigabitEthernet1",
        "crypto map testmap",
        "exit",
    ]


def test_changing_transform_sets_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "testmap", "entries": [{"seq": 10, "transform_sets": ["ts256", "test_transf"]}]}]
    result = plan(capsys, config)
    assert result["commands"] == ["crypto map testmap 10 ipsec-isakmp", "set transform-set ts256 test_transf"]


def test_merged_is_idempotent_with_interface_abbreviations(capsys: pytest.CaptureFixture[str]) -> None:
    config = [dict(TESTMAP, interfaces=["gi1"]), DYN]
    result = plan(capsys, config)
    assert result["commands"] == []
    assert result["changed"] is False


def test_missing_transform_set_fails_before_sending(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(BASE)
    config = [{"name": "testmap", "entries": [{"seq": 10, "transform_sets": ["nope", "ts256"]}]}]
    result = run_module(capsys, "crypto_maps", {"config": config}, device)
    assert result["failed"] is True
    assert "crypto map testmap 10: transform set(s) nope do not exist on the device" in result["msg"]
    assert device.batches == []


def test_merged_appends_peers(capsys: pytest.CaptureFixture[str]) -> None:
    result = plan(capsys, [{"name": "testmap", "entries": [{"seq": 10, "peers": ["192.0.2.7"]}]}])
    assert result["commands"] == ["crypto map testmap 10 ipsec-isakmp", "set peer 192.0.2.7"]


@pytest.mark.parametrize(
    ("have", "target", "first", "last"),
    [
        (["a"], ["a", "b"], ["set peer b"], []),
        (["a", "b"], ["b"], [], ["no set peer a"]),
        (["a", "b"], ["a", "c"], ["set peer c"], ["no set peer b"]),
        (["a", "b"], ["b", "a"], ["no set peer a", "set peer a"], []),
        (["a", "b", "c"], ["a", "c", "b"], ["no set peer b", "set peer b"], []),
        (
            ["a", "b", "c"],
            ["c", "b", "a"],
            ["no set peer a", "no set peer b", "set peer b", "set peer a"],
            [],
        ),
        (["a", "b"], ["c", "a"], ["no set peer a", "set peer c", "set peer a"], ["no set peer b"]),
        (["a", "x", "b"], ["a", "b", "c"], ["set peer c"], ["no set peer x"]),
    ],
)
def test_peer_order_is_kept_with_make_before_break(
    have: list[str], target: list[str], first: list[str], last: list[str]
) -> None:
    assert peer_commands(have, target) == (first, last)


def test_peers_beyond_the_ios_limit_are_removed_before_new_ones_are_added() -> None:
    """10 peers replaced by 10 others: adding first would need 20 at once, which IOS refuses (issue #12)."""
    have = [f"192.0.2.{host}" for host in range(1, 11)]
    target = ["192.0.2.1", *(f"198.51.100.{host}" for host in range(1, 10))]
    first, last = peer_commands(have, target)
    assert first == [f"no set peer 192.0.2.{host}" for host in range(2, 11)] + [
        f"set peer 198.51.100.{host}" for host in range(1, 10)
    ]
    assert last == []


def test_replaced_entry_removes_unset_fields(capsys: pytest.CaptureFixture[str]) -> None:
    config = [
        {
            "name": "testmap",
            "interfaces": ["GigabitEthernet1"],
            "entries": [
                {
                    "seq": 10,
                    "peers": ["192.0.2.7", "209.165.200.226"],
                    "match_address": "102",
                    "transform_sets": ["test_transf"],
                },
                {"seq": 20, "dynamic_map": "dyn_testmap"},
            ],
        }
    ]
    result = plan(capsys, config, "replaced")
    assert result["commands"] == [
        "crypto map testmap 10 ipsec-isakmp",
        "no set peer 209.165.200.226",
        "set peer 192.0.2.7",
        "set peer 209.165.200.226",
        "no set security-association lifetime seconds",
        "no set security-association lifetime kilobytes",
        "set transform-set test_transf",
        "no set pfs",
        "match address 102",
    ]


def test_overridden_with_map_on_interface_reconfigures_in_place(capsys: pytest.CaptureFixture[str]) -> None:
    config = [
        {"name": "testmap", "interfaces": ["GigabitEthernet1"], "entries": [dict(ENTRY_10, pfs="group19")]}
    ]
    result = plan(capsys, config, "overridden")
    assert result["commands"] == [
        "crypto map testmap 10 ipsec-isakmp",
        "set pfs group19",
        "no crypto map testmap 20",
        "no crypto dynamic-map dyn_testmap 10",
    ]


def test_overridden_moving_an_interface_to_a_new_map(capsys: pytest.CaptureFixture[str]) -> None:
    config = [
        {
            "name": "newmap",
            "interfaces": ["GigabitEthernet1"],
            "entries": [
                {"seq": 5, "peers": ["192.0.2.7"], "transform_sets": ["ts256"], "match_address": "110"}
            ],
        }
    ]
    result = plan(capsys, config, "overridden")
    assert result["commands"] == [
        "crypto map newmap 5 ipsec-isakmp",
        "set peer 192.0.2.7",
        "set transform-set ts256",
        "match address 110",
        "interface GigabitEthernet1",
        "crypto map newmap",
        "exit",
        "no crypto map testmap 10",
        "no crypto map testmap 20",
        "no crypto dynamic-map dyn_testmap 10",
    ]


def test_deleting_a_bound_map_unbinds_it_first(capsys: pytest.CaptureFixture[str]) -> None:
    result = plan(capsys, [{"name": "testmap"}], "deleted")
    assert result["commands"] == [
        "interface GigabitEthernet1",
        "no crypto map testmap",
        "exit",
        "no crypto map testmap 10",
        "no crypto map testmap 20",
    ]
    assert result["after"] == [DYN]


def test_deleted_all(capsys: pytest.CaptureFixture[str]) -> None:
    result = plan(capsys, None, "deleted")
    assert result["commands"] == [
        "interface GigabitEthernet1",
        "no crypto map testmap",
        "exit",
        "no crypto map testmap 10",
        "no crypto map testmap 20",
        "no crypto dynamic-map dyn_testmap 10",
    ]


def test_deleted_listed_entries_and_interfaces_only(capsys: pytest.CaptureFixture[str]) -> None:
    entries = plan(capsys, [{"name": "testmap", "entries": [{"seq": 20}]}], "deleted")
    assert entries["commands"] == ["no crypto map testmap 20"]
    unbind = plan(capsys, [{"name": "testmap", "interfaces": ["GigabitEthernet1"]}], "deleted")
    assert unbind["commands"] == ["interface GigabitEthernet1", "no crypto map testmap", "exit"]


def test_deleting_a_referenced_dynamic_map_fails(capsys: pytest.CaptureFixture[str]) -> None:
    result = plan(capsys, [{"name": "dyn_testmap", "dynamic": True}], "deleted")
    assert result["failed"] is True
    assert "crypto map testmap 20 references dynamic map dyn_testmap, which would not exist" in result["msg"]


def test_entry_that_changes_kind_is_recreated(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "testmap", "entries": [{"seq": 20, "peers": ["192.0.2.9"], "match_address": "120"}]}]
    result = plan(capsys, config)
    assert result["commands"] == [
        "no crypto map testmap 20",
        "crypto map testmap 20 ipsec-isakmp",
        "set peer 192.0.2.9",
        "match address 120",
    ]


def test_interface_given_to_two_maps_fails(capsys: pytest.CaptureFixture[str]) -> None:
    entry = [{"seq": 10, "peers": ["192.0.2.1"]}]
    config = [
        {"name": "a", "entries": entry, "interfaces": ["Gi2"]},
        {"name": "b", "entries": entry, "interfaces": ["GigabitEthernet2"]},
    ]
    result = plan(capsys, config)
    assert result["failed"] is True
    assert "interface GigabitEthernet2 is given to crypto maps a and b" in result["msg"]


def test_rollback_after_a_rejected_interface(capsys: pytest.CaptureFixture[str]) -> None:
    config = [
        {
            "name": "newmap",
            "interfaces": ["GigabitEthernet9"],
            "entries": [{"seq": 5, "peers": ["192.0.2.7"]}],
        }
    ]
    partial = BASE + "crypto map newmap 5 ipsec-isakmp\n set peer 192.0.2.7\n"
    device = ScriptedDevice(
        BASE, partial, reject=("interface GigabitEthernet9", "% Invalid input detected at '^' marker.")
    )
    result = run_module(capsys, "crypto_maps", {"config": config}, device)
    assert result["failed"] is True
    assert result["commands"] == [
        "crypto map newmap 5 ipsec-isakmp",
        "set peer 192.0.2.7",
        "interface GigabitEthernet9",
    ]
    assert result["rollback"] == {"commands": ["no crypto map newmap 5"], "restored": True}


@pytest.mark.parametrize(
    ("crypto_map", "message"),
    [
        (
            {"name": "d", "dynamic": True, "interfaces": ["Gi1"], "entries": [{"seq": 1}]},
            "config[0].interfaces: a dynamic map cannot be applied to interfaces",
        ),
        ({"name": "m", "entries": [{"seq": 0}]}, "config[0].entries[0].seq: 0 is out of range 1..65535"),
        (
            {"name": "m", "entries": [{"seq": 70000}]},
            "config[0].entries[0].seq: 70000 is out of range 1..65535",
        ),
        (
            {"name": "m", "entries": [{"seq": 1, "peers": ["192.0.2.1", "10.1.1"]}]},
            "config[0].entries[0].peers[1]: '10.1.1' is not a valid IPv4 address",
        ),
        ({"name": "m", "entries": [{"seq": 1, "pfs": "group3"}]}, "pfs"),
        (
            {"name": "m", "entries": [{"seq": 1, "sa_lifetime": {"seconds": 100}}]},
            "config[0].entries[0].sa_lifetime.seconds: 100 is out of range 120..2592000",
        ),
        (
            {"name": "m", "entries": [{"seq": 1, "dynamic_map": "d", "peers": ["192.0.2.1"]}]},
            "config[0].entries[0].dynamic_map: an entry that references a dynamic map takes no peers",
        ),
        (
            {"name": "d", "dynamic": True, "entries": [{"seq": 1, "dynamic_map": "x"}]},
            "config[0].entries[0].dynamic_map: only entries of static maps can reference a dynamic map",
        ),
        (
            {"name": "m", "entries": [{"seq": 1, "transform_sets": list("abcdefg")}]},
            "config[0].entries[0].transform_sets: IOS accepts at most 6",
        ),
        (
            {"name": "m", "entries": [{"seq": 1}, {"seq": 1}]},
            "config[0].entries[1]: duplicates config[0].entries[0]",
        ),
        ({"name": "m", "interfaces": ["Gi1"]}, "crypto map m: applied to interfaces but has no entries"),
    ],
)
def test_bad_values_fail_before_device_contact(
    capsys: pytest.CaptureFixture[str], crypto_map: dict, message: str
) -> None:
    result = run_module(capsys, "crypto_maps", {"config": [crypto_map], "state": "rendered"})
    assert result["failed"] is True
    assert message in result["msg"]


def test_gathered(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "crypto_maps", {"state": "gathered"}, ScriptedDevice(BASE))
    assert result["gathered"] == [DYN, TESTMAP]
    assert result["changed"] is False


def test_entries_the_module_does_not_understand_are_never_removed(capsys: pytest.CaptureFixture[str]) -> None:
    result = plan(capsys, [{"name": "vpn"}], "deleted", text=fixture("unsupported_lines.txt"))
    assert result["commands"] == [
        "interface GigabitEthernet2",
        "no crypto map vpn",
        "exit",
        "no crypto map vpn 10",  # entry 30 (ipsec-manual) is left alone
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Gi1", "GigabitEthernet1"),
        ("gi0/0/1", "GigabitEthernet0/0/1"),
        ("GigabitEthernet2", "GigabitEthernet2"),
        ("Te1/0/1", "TenGigabitEthernet1/0/1"),
        ("fa1/2", "FastEthernet1/2"),
        ("e0/1", "Ethernet0/1"),
        ("Tu10", "Tunnel10"),
        ("Lo0", "Loopback0"),
        ("Po1.100", "Port-channel1.100"),
        ("BDI10", "BDI10"),
    ],
)
def test_interface_names_are_expanded(given: str, expected: str) -> None:
    assert interface_name(given) == expected


@pytest.mark.parametrize(("state", "given"), [("merged", 1), ("replaced", 11)])
def test_more_than_ten_peers_fail_before_anything_is_sent(
    capsys: pytest.CaptureFixture[str], state: str, given: int
) -> None:
    """IOS refuses the 11th `set peer` of an entry (issue #12); merged counts the peers already there."""
    device = ScriptedDevice(
        "crypto map M 10 ipsec-isakmp\n" + "".join(f" set peer 192.0.2.{host}\n" for host in range(1, 11))
    )
    peers = [f"198.51.100.{host}" for host in range(1, given + 1)]
    result = run_module(
        capsys,
        "crypto_maps",
        {"config": [{"name": "M", "entries": [{"seq": 10, "peers": peers}]}], "state": state},
        device,
    )
    assert result["failed"] is True
    assert (
        result["msg"]
        == f"crypto map M 10: {10 + given if state == 'merged' else given} peers, but IOS allows at most 10 per entry"
    )
    assert device.batches == []


def test_ikev2_profile_is_set_parsed_and_removed(capsys: pytest.CaptureFixture[str]) -> None:
    entry = {"seq": 10, "peers": ["192.0.2.2"], "match_address": "VPN", "ikev2_profile": "PR1"}
    created = plan(capsys, [{"name": "m2", "entries": [entry]}], text="")
    assert created["commands"] == [
        "crypto map m2 10 ipsec-isakmp",
        "set peer 192.0.2.2",
        "set ikev2-profile PR1",
        "match address VPN",
    ]
    text = "crypto map m2 10 ipsec-isakmp\n set peer 192.0.2.2\n set ikev2-profile PR1\n match address VPN\n"
    assert parse_running_config(text).crypto_maps == [{"name": "m2", "dynamic": False, "entries": [entry]}]
    assert plan(capsys, [{"name": "m2", "entries": [entry]}], text=text)["commands"] == []
    without = {key: value for key, value in entry.items() if key != "ikev2_profile"}
    replaced = plan(capsys, [{"name": "m2", "entries": [without]}], "replaced", text=text)
    assert replaced["commands"] == ["crypto map m2 10 ipsec-isakmp", "no set ikev2-profile"]

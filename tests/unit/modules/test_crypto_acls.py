"""ipsecux.iosxe.crypto_acls against scripted running configs: exact command lists for each state."""

from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_acls.ace import (
    AceError,
    parse_entry,
)
from iosxe_module_harness import ScriptedDevice, run_module

DEVICE = (
    "ip access-list standard MGMT\n 10 permit 192.0.2.10\n"
    "ip access-list extended VPN\n 10 permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255\n"
    " 20 permit ip host 209.165.200.227 host 209.165.200.225\n"
    "access-list 10 permit 192.0.2.1\n"
    "access-list 101 permit ip host 209.165.200.227 host 209.165.200.225\n"
    "crypto map CMAP 10 ipsec-isakmp\n set peer 192.0.2.2\n match address VPN\n"
)
FACTS = [
    {
        "name": "VPN",
        "entries": [
            "10 permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255",
            "20 permit ip host 209.165.200.227 host 209.165.200.225",
        ],
    },
    {"name": "101", "entries": ["permit ip host 209.165.200.227 host 209.165.200.225"]},
]


def plan(capsys: pytest.CaptureFixture[str], config: list[dict] | None, state: str = "merged") -> dict:
    args = {"state": state} | ({"config": config} if config is not None else {})
    return run_module(capsys, "crypto_acls", args, ScriptedDevice(DEVICE), check_mode=True)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("permit ip 10.0.1.7 0.0.0.255 any", "permit ip 10.0.1.0 0.0.0.255 any"),
        ("permit ip 10.0.1.5 0.0.0.0 0.0.0.0 255.255.255.255", "permit ip host 10.0.1.5 any"),
        ("10  deny 50 HOST 1.1.1.1 any LOG", "deny esp host 1.1.1.1 any log"),
        ("permit udp any eq isakmp any range 4500 4501", "permit udp any eq 500 any range 4500 4501"),
    ],
)
def test_entries_are_stored_as_ios_stores_them(typed: str, stored: str) -> None:
    assert parse_entry(typed).text == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("permit ip 10.0.0.300 0.0.0.255 any", "'10.0.0.300' is not an IPv4 address"),
        ("permit ip any", "an address (any, host A, or A WILDCARD) is missing"),
        ("permit tcp any any eq 70000", "port '70000' is not a number"),
        ("permit ip any any established", "'established' is not understood here"),
        ("allow ip any any", "expected [SEQ] permit|deny"),
    ],
)
def test_bad_entries_are_refused_with_the_reason(
    capsys: pytest.CaptureFixture[str], typed: str, reason: str
) -> None:
    with pytest.raises(AceError, match=r".+"):
        parse_entry(typed)
    result = run_module(capsys, "crypto_acls", {"config": [{"name": "X", "entries": [typed]}]})
    assert result["failed"] is True and reason in result["msg"]


def test_gathered_holds_extended_acls_only(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "crypto_acls", {"state": "gathered"}, ScriptedDevice(DEVICE))
    assert result["gathered"] == FACTS
    assert result["warnings"] == []


def test_natural_spelling_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    config = [
        {"name": "VPN", "entries": ["permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255",
                                    "permit ip 209.165.200.227 0.0.0.0 host 209.165.200.225"]},
        {"name": "101", "entries": ["permit ip host 209.165.200.227 209.165.200.225 0.0.0.0"]},
    ]  # fmt: skip
    result = plan(capsys, config)
    assert (result["changed"], result["commands"]) == (False, [])


def test_new_named_acl_is_numbered_by_tens(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "NEW", "entries": ["permit ip 10.0.3.0 0.0.0.255 any", "deny ip any any"]}]
    result = plan(capsys, config)
    assert result["commands"] == [
        "ip access-list extended NEW",
        "10 permit ip 10.0.3.0 0.0.0.255 any",
        "20 deny ip any any",
        "exit",
    ]
    new = {"name": "NEW", "entries": ["10 permit ip 10.0.3.0 0.0.0.255 any", "20 deny ip any any"]}
    assert result["after"][-1] == new


def test_inserted_entry_goes_into_the_gap_and_kept_entries_keep_their_numbers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = [
        {
            "name": "VPN",
            "entries": [
                "permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255",
                "permit ip 10.0.5.0 0.0.0.255 10.0.2.0 0.0.0.255",
                "permit ip host 209.165.200.227 host 209.165.200.225",
            ],
        }
    ]
    result = plan(capsys, config)
    assert result["commands"] == [
        "ip access-list extended VPN",
        "15 permit ip 10.0.5.0 0.0.0.255 10.0.2.0 0.0.0.255",
        "exit",
    ]


def test_changed_entry_is_removed_then_written_with_its_number(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "VPN", "entries": ["permit ip 10.0.1.0 0.0.0.255 10.0.9.0 0.0.0.255"]}]
    result = plan(capsys, config, "replaced")
    assert result["commands"] == [
        "ip access-list extended VPN",
        "no 10",
        "no 20",
        "10 permit ip 10.0.1.0 0.0.0.255 10.0.9.0 0.0.0.255",
        "exit",
    ]


def test_given_sequence_numbers_are_used(capsys: pytest.CaptureFixture[str]) -> None:
    config = [
        {
            "name": "VPN",
            "entries": [
                "10 permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255",
                "30 permit ip host 209.165.200.227 host 209.165.200.225",
            ],
        }
    ]
    result = plan(capsys, config)
    assert result["commands"] == [
        "ip access-list extended VPN",
        "no 20",
        "30 permit ip host 209.165.200.227 host 209.165.200.225",
        "exit",
    ]


def test_numbered_acl_appends_or_is_rewritten(capsys: pytest.CaptureFixture[str]) -> None:
    first = "permit ip host 209.165.200.227 host 209.165.200.225"
    appended = plan(capsys, [{"name": "101", "entries": [first, "permit ip host 10.0.0.1 any"]}])
    assert appended["commands"] == ["access-list 101 permit ip host 10.0.0.1 any"]
    rewritten = plan(capsys, [{"name": "101", "entries": ["permit ip host 10.0.0.1 any", first]}])
    assert rewritten["commands"] == [
        "no access-list 101",
        "access-list 101 permit ip host 10.0.0.1 any",
        f"access-list 101 {first}",
    ]


def test_removing_an_acl_a_crypto_map_matches_fails(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice(DEVICE)
    result = run_module(capsys, "crypto_acls", {"config": [{"name": "VPN"}], "state": "deleted"}, device)
    assert result["failed"] is True and device.batches == []
    assert "crypto map CMAP 10 matches VPN" in result["msg"]
    # in check mode an earlier task of the play may have changed the map: a warning, and the prediction
    check = plan(capsys, [{"name": "VPN"}], "deleted")
    assert check["commands"] == ["no ip access-list extended VPN"]
    warning = (
        "cannot remove ACLs still matched by crypto maps: crypto map CMAP 10 matches VPN; change the match "
        "address with ipsecux.iosxe.crypto_maps first (check mode: an earlier task may change this)"
    )
    assert [w for w in check["warnings"] if "crypto map CMAP 10 matches VPN" in w] == [warning]
    unused = plan(capsys, [{"name": "101"}], "deleted")
    assert unused["commands"] == ["no access-list 101"]


def test_overridden_removes_other_extended_acls_after_the_given_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = [FACTS[0], {"name": "NEW", "entries": ["permit ip any any"]}]
    result = plan(capsys, config, "overridden")
    assert result["commands"] == [
        "ip access-list extended NEW",
        "10 permit ip any any",
        "exit",
        "no access-list 101",
    ]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ([{"name": "10", "entries": ["permit ip any any"]}], "10 is not an extended ACL number"),
        ([{"name": "101", "entries": ["10 permit ip any any"]}], "numbered ACLs carry no sequence numbers"),
        (
            [{"name": "A", "entries": ["10 permit ip any any", "deny ip any any"]}],
            "to every entry or to none",
        ),
        ([{"name": "A", "entries": ["20 permit ip any any", "10 deny ip any any"]}], "unique and increasing"),
        ([{"name": "1A"}], "is not an ACL name"),
        ([{"name": "A", "entries": ["remark site B"]}], "remarks are not managed by this module"),
        (
            [{"name": "A", "entries": ["permit ip host 1.1.1.1 any", "permit ip 1.1.1.1 0.0.0.0 any"]}],
            "'permit ip host 1.1.1.1 any' is given twice",
        ),
    ],
)
def test_invalid_config_is_refused(
    capsys: pytest.CaptureFixture[str], config: list[dict], message: str
) -> None:
    result = run_module(capsys, "crypto_acls", {"config": config, "state": "rendered"})
    assert result["failed"] is True and message in result["msg"]


def test_rendered_and_parsed_round_trip(capsys: pytest.CaptureFixture[str]) -> None:
    rendered = run_module(capsys, "crypto_acls", {"config": FACTS, "state": "rendered"})
    assert rendered["rendered"] == [
        "ip access-list extended VPN",
        "10 permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255",
        "20 permit ip host 209.165.200.227 host 209.165.200.225",
        "exit",
        "access-list 101 permit ip host 209.165.200.227 host 209.165.200.225",
    ]
    parsed = run_module(capsys, "crypto_acls", {"running_config": DEVICE, "state": "parsed"})
    assert parsed["parsed"] == FACTS


def test_unreadable_entry_is_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "ip access-list extended X\n 5 remark to site B\n 10 permit ip any any\n"
        " 20 permit tcp any any established\naccess-list 101 remark site C\n"
    )
    result = run_module(capsys, "crypto_acls", {"running_config": text, "state": "parsed"})
    assert result["parsed"] == [
        {"name": "X", "entries": ["10 permit ip any any"]},
        {"name": "101", "entries": []},
    ]
    warning = (
        "running-config line 4 under 'ip access-list extended X' was not understood and is left unchanged: "
        "'20 permit tcp any any established'"
    )
    assert result["warnings"] == [warning]


def test_numbered_acl_in_the_ios_xe_17_form_reads_as_the_classic_form(capsys: pytest.CaptureFixture[str]) -> None:
    """IOS XE 17 prints `access-list 101 ...` lines back as an `ip access-list extended 101` block with
    sequence numbers; the facts (and so the commands planned against them) are the same either way."""
    classic = "access-list 101 permit ip host 209.165.200.227 host 209.165.200.225\n"
    named_form = "ip access-list extended 101\n 10 permit ip host 209.165.200.227 host 209.165.200.225\n"
    facts = [
        run_module(capsys, "crypto_acls", {"running_config": text, "state": "parsed"})["parsed"]
        for text in (classic, named_form)
    ]
    assert facts[0] == facts[1] == [
        {"name": "101", "entries": ["permit ip host 209.165.200.227 host 209.165.200.225"]}
    ]

"""show tech-support ipsec: splitting never drops text, sections are parsed or listed as unparsed."""

from __future__ import annotations

import json
import re

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.techsupport import collect
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import parse
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.techsupport import split_sections

from .cases import FIXTURES, output_of

TECH_CASES = sorted(FIXTURES.glob("show_tech-support_ipsec*/*/output.txt"))
REPLAY_LOG = "%IPSEC-3-REPLAY_ERROR"


def tech_case_id(path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}"


@pytest.mark.parametrize("path", TECH_CASES, ids=tech_case_id)
def test_split_rebuilds_the_input_exactly(path) -> None:
    text = path.read_text()
    assert "".join(section.header + section.text for section in split_sections(text)) == text


@pytest.mark.parametrize("path", TECH_CASES, ids=tech_case_id)
def test_sections_keep_device_order(path) -> None:
    text = path.read_text()
    headers = re.findall(r"^-{18} (.+) -{18}$", text, flags=re.MULTILINE)
    sections = parse("show tech-support ipsec", text).data["sections"]
    assert [key for key in sections if key != "preamble"] == headers


def test_header_forms_and_crlf() -> None:
    text = (
        "intro\r\n--- show version ---\r\nCisco IOS XE Software, Version 17.9.4a\r\n"
        "------------------------------   show crypto map   ----------------------------  \r\n"
    )
    sections = split_sections(text)
    assert [(s.command, s.text) for s in sections] == [
        (None, "intro\r\n"),
        ("show version", "Cisco IOS XE Software, Version 17.9.4a\r\n"),
        ("show crypto map", ""),
    ]
    assert "".join(s.header + s.text for s in sections) == text


def test_dash_lines_inside_sections_are_not_headers() -> None:
    text = (
        "------------------ show version ------------------\n"
        "--------------------------------------------------------------------------------\n"
        "-- show nothing\n"
    )
    (_preamble, section) = split_sections(text)
    assert section.command == "show version"
    assert section.text.count("\n") == 2


def test_log_line_inside_a_section_stays_data() -> None:
    result = parse("show tech-support ipsec", output_of("show_tech-support_ipsec", "log_line"))
    sections, parsed = result.data["sections"], result.data["parsed"]
    assert REPLAY_LOG in sections["show crypto ipsec sa detail"]
    assert all(REPLAY_LOG not in key for key in sections)
    (warning,) = result.warnings
    assert (
        warning.startswith("[show crypto ipsec sa detail] line 30: unrecognised line:")
        and REPLAY_LOG in warning
    )
    recorded = parse("show tech-support ipsec", output_of("show_tech-support_ipsec", "refrouter"))
    assert recorded.warnings == []
    assert parsed["show crypto ipsec sa detail"] == recorded.data["parsed"]["show crypto ipsec sa detail"]


def test_preamble_and_unparsed_sections() -> None:
    result = parse("show tech-support ipsec", output_of("show_tech-support_ipsec", "log_line"))
    data = result.data
    assert data["sections"]["preamble"] == "RouterA#show tech-support ipsec\n\n"
    assert data["unparsed"] == [
        "show running-config",
        "show crypto session summary",
        "show crypto ruleset detail",
        "show processes memory | include Crypto IKMP",
        "show processes cpu | include Crypto IKMP",
        "show crypto eli",
        "show crypto engine accelerator statistic",
    ]
    assert set(data["parsed"]) | set(data["unparsed"]) | {"preamble"} == set(data["sections"])


def test_peer_and_vrf_variants_map_to_parsers() -> None:
    peer = parse(
        "show tech-support ipsec peer 209.165.200.226",
        output_of("show_tech-support_ipsec_peer_209.165.200.226", "refrouter"),
    )
    assert set(peer.data["parsed"]) == {
        "show version",
        "show crypto session remote 209.165.200.226 detail",
        "show crypto isakmp sa peer 209.165.200.226 detail",
        "show crypto ipsec sa peer 209.165.200.226 detail",
        "show crypto isakmp peers 209.165.200.226",
    }
    vrf = parse("show tech-support ipsec vrf RED", output_of("show_tech-support_ipsec_vrf_RED", "written"))
    assert vrf.data["parsed"]["show crypto session fvrf RED detail"]["sessions"][0]["fvrf"] == "RED"
    count = vrf.data["parsed"]["show crypto isakmp sa count vrf RED"]["isakmp_sa_count"]
    assert count["active_isakmp_sas"] == 1


def test_repeated_section_is_kept_under_a_new_key() -> None:
    block = (
        "------------------ show crypto ipsec sa count ------------------\n"
        "IPsec SA total: {n}, active: {n}, rekeying: 0, unused: 0, invalid: 0\n"
    )
    text = "".join(block.format(n=n) for n in (1, 2, 3))
    result = parse("show tech-support ipsec", text)
    parsed = result.data["parsed"]
    assert [parsed[key]["ipsec_sa_count"]["active"] for key in parsed] == [1, 2, 3]
    assert list(parsed) == [
        "show crypto ipsec sa count",
        "show crypto ipsec sa count #2",
        "show crypto ipsec sa count #3",
    ]
    assert result.warnings == [
        "[show crypto ipsec sa count] section printed again, kept as 'show crypto ipsec sa count #2'",
        "[show crypto ipsec sa count] section printed again, kept as 'show crypto ipsec sa count #3'",
    ]


def test_no_header_at_all_is_one_preamble() -> None:
    result = parse("show tech-support ipsec", "% Invalid input detected at '^' marker.\n")
    assert result.data == {
        "sections": {"preamble": "% Invalid input detected at '^' marker.\n"},
        "parsed": {},
        "unparsed": [],
    }


def test_tech_support_module_result_masks_keys_everywhere() -> None:
    """The tech_support module result and its `dest` text (`_raw`) never carry a pre-shared key."""
    recorded = output_of("show_tech-support_ipsec_peer_209.165.200.226", "refrouter")
    # refrouter, like IOS, prints `<removed>` for keys in show tech; a device that does not is simulated here.
    text = recorded.replace("key <removed> address 192.0.2.99", "key OneTwo34 address 192.0.2.99")
    text += "------------------ show crypto isakmp sa detail ------------------\n pre-shared-key Junk-Key-5\n"
    result = collect(text)
    assert "OneTwo34" in text
    assert "crypto isakmp key ******** address 192.0.2.99" in result["sections"]["show running-config"]
    assert "crypto isakmp key ******** address 192.0.2.99" in result["_raw"]
    # every secret, including the ones the device printed as `<removed>`, reads as the same mask
    masked = text.replace("OneTwo34", "********").replace("Junk-Key-5", "********")
    assert result["_raw"] == masked.replace("<removed>", "********")
    assert result["warnings"][-1] == (
        '[show crypto isakmp sa detail] line 1: unrecognised line: "pre-shared-key ********"'
    )
    assert result["order"] == list(result["sections"])
    for secret in ("OneTwo34", "Junk-Key-5"):
        assert secret not in json.dumps(result)

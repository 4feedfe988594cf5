"""Tolerant and honest: empty, truncated and damaged output give partial data and quoted warnings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import (
    PARSERS,
    TECH_SUPPORT,
    parse,
)

from .cases import CASE_DIRS, case_id, command_of, output_of, read_output
from .shared_captures import SHARED_CAPTURES, sample_output, seed_output

EMPTY_DATA = {
    "show crypto isakmp sa": {"isakmp_sa": []},
    "show crypto isakmp sa detail": {"isakmp_sa": []},
    "show crypto isakmp sa count": {"isakmp_sa_count": {}},
    "show crypto isakmp peers": {"isakmp_peers": []},
    "show crypto isakmp policy": {"isakmp_policies": [], "default_policies": []},
    "show crypto isakmp default policy": {"default_policies": []},
    "show crypto ipsec sa": {"ipsec_sa": []},
    "show crypto ipsec sa detail": {"ipsec_sa": []},
    "show crypto ipsec sa count": {"ipsec_sa_count": {}},
    "show crypto ipsec transform-set": {"transform_sets": []},
    "show crypto ipsec default transform-set": {"default_transform_sets": []},
    "show crypto session": {"sessions": []},
    "show crypto session detail": {"sessions": []},
    "show crypto map": {"crypto_maps": []},
    "show crypto ikev2 sa": {"ikev2_sa": []},
    "show crypto ikev2 sa detail": {"ikev2_sa": []},
    "show crypto ikev2 session": {"ikev2_session": []},
    "show crypto ikev2 session detail": {"ikev2_session": []},
    "show crypto ikev2 stats": {"ikev2_stats": {}},
    "show crypto ikev2 proposal": {"ikev2_proposals": []},
    "show interfaces": {"interfaces": []},
    "show version": {
        "device": dict.fromkeys(
            ("version", "hostname", "uptime", "uptime_seconds", "model", "image", "serial")
        )
    },
    TECH_SUPPORT: {"sections": {}, "parsed": {}, "unparsed": []},
}
TABLE_DESTS = {
    "failure": "failures",
    "history": "history",
    "peer": "peers",
    "tunnel": "tunnels",
    "endpoint": "endpoints",
    "spi": "spis",
}


def _empty_data(command: str) -> dict:
    if command in EMPTY_DATA:
        return EMPTY_DATA[command]
    words = command.split()
    protocol, table = words[3], words[5]
    return {"flowmib": {protocol: {"global": {}} if table == "global" else {TABLE_DESTS[table]: []}}}


BLANK_OUTPUTS = [
    (command, text)
    for command in sorted({*PARSERS, TECH_SUPPORT})
    for text in ("", "\n\n   \n", "Router#\n")
    if not (command == TECH_SUPPORT and "#" in text)
]


@pytest.mark.parametrize(("command", "text"), BLANK_OUTPUTS)
def test_empty_output_gives_empty_structure(command: str, text: str) -> None:
    result = parse(command, text)
    assert (result.data, result.warnings) == (_empty_data(command), [])


# Recorded outputs of ours and the other people's captures (../shared, skipped where absent).
TRUNCATION_CASES = [
    *((command_of(path), lambda path=path: read_output(path), case_id(path))
      for path in CASE_DIRS if path.name.startswith("refrouter")),
    *((capture.command, capture.text, capture.id) for capture in SHARED_CAPTURES),
]


@pytest.mark.parametrize(("command", "output", "name"), TRUNCATION_CASES, ids=[case[2] for case in TRUNCATION_CASES])
def test_every_truncation_parses(command: str, output: Callable[[], str], name: str) -> None:
    """Cut the output after every line and in the middle of every line: never an exception, and a
    cut that ends inside a line costs at most that line (all lines before it parse as before)."""
    text = output()
    lines = text.splitlines(keepends=True)
    full = parse(command, text).as_dict()
    for count in range(len(lines) + 1):
        head = "".join(lines[:count])
        assert isinstance(parse(command, head).data, dict)
        if count < len(lines) and len(lines[count].strip()) > 3:
            cut = head + lines[count].rstrip("\r\n")[: len(lines[count].strip()) // 2]
            result = parse(command, cut)
            assert isinstance(result.data, dict)
            assert len(result.warnings) <= len(full["warnings"]) + 1


def test_truncated_record_keeps_what_was_printed() -> None:
    result = parse(
        "show crypto mib ipsec flowmib tunnel", output_of("show_crypto_mib_ipsec_flowmib_tunnel", "truncated")
    )
    (row,) = result.data["flowmib"]["ipsec"]["tunnels"]
    assert row["total_number_of_refreshes"] == 0
    assert "expired_sa_instances" not in row
    assert result.warnings == ['line 13: unrecognised line: "Expired SA inst"']


@pytest.mark.parametrize(
    ("command", "junk"),
    [
        ("show crypto isakmp sa", "%CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON"),
        (
            "show crypto ipsec sa detail",
            "*Nov 28 10:00:01.123: %IPSEC-3-REPLAY_ERROR: IPSec SA receives anti-replay",
        ),
        ("show crypto session detail", "garbled"),
        ("show crypto map", "Reverse Route Injection Enabled"),
        ("show crypto mib isakmp flowmib tunnel", "zzz"),
        ("show version", "~ stray text ~"),
    ],
)
def test_unknown_line_is_quoted_in_a_warning(command: str, junk: str) -> None:
    output = {
        "show crypto isakmp sa": lambda: sample_output("genieparser/show_crypto_isakmp_sa__1"),
        "show crypto ipsec sa detail": lambda: sample_output("genieparser/show_crypto_ipsec_sa_detail__4"),
        "show crypto session detail": lambda: sample_output("genieparser/show_crypto_session_detail__1"),
        "show crypto map": lambda: sample_output("genieparser/show_crypto_map__2"),
        "show crypto mib isakmp flowmib tunnel": lambda: seed_output("show crypto mib isakmp flowmib tunnel"),
        "show version": lambda: sample_output("genieparser/show_version__1"),
    }[command]()
    lines = output.splitlines()
    lines.insert(3, junk)
    clean = parse(command, output)
    result = parse(command, "\n".join(lines))
    assert f'line 4: unrecognised line: "{junk}"' in result.warnings
    assert len(result.warnings) == len(clean.warnings) + 1


def test_history_and_failure_record_boundaries() -> None:
    history = parse(
        "show crypto mib isakmp flowmib history", seed_output("show crypto mib isakmp flowmib history")
    )
    failure = parse(
        "show crypto mib isakmp flowmib failure", seed_output("show crypto mib isakmp flowmib failure")
    )
    assert [(row["reason"], row["index"]) for row in history.data["flowmib"]["isakmp"]["history"]] == [
        ("peer lost", 2),
        ("peer lost", 3),
    ]
    assert [row["index"] for row in failure.data["flowmib"]["isakmp"]["failures"]] == [1, 2, 3]


def test_repeated_label_keeps_both_values() -> None:
    result = parse(
        "show crypto mib ipsec flowmib tunnel", seed_output("show crypto mib ipsec flowmib tunnel")
    )
    (row,) = result.data["flowmib"]["ipsec"]["tunnels"]
    assert (row["decompressed_octets"], row["decompressed_octets_2"]) == (400, 0)
    assert (row["out_uncompressed_octets"], row["out_uncompressed_octets_2"]) == (704, 704)


def test_missing_colon_is_repaired_and_reported() -> None:
    result = parse(
        "show crypto mib ipsec flowmib history", seed_output("show crypto mib ipsec flowmib history")
    )
    assert result.data["flowmib"]["ipsec"]["history"][0]["in_sa_encrypt_algorithm"] == "aes"
    assert result.warnings == [
        (
            "line 17: missing ':' after label, read as 'In sa encrypt algorithm': "
            '"In sa encrypt algorithm aes"'
        )
    ]


def test_comment_line_in_seed_is_not_data() -> None:
    text = seed_output("show crypto mib ipsec flowmib global")
    assert "! Number of SA Failures." in text
    result = parse("show crypto mib ipsec flowmib global", text)
    assert result.warnings == []
    assert result.data["flowmib"]["ipsec"]["global"]["Global"]["protocol_use_failures"] == 0


def test_repeated_vrf_block_is_kept_and_reported() -> None:
    result = parse(
        "show crypto mib ipsec flowmib global",
        sample_output("genieparser/show_crypto_mib_ipsec_flowmib_global__1"),
    )
    blocks = result.data["flowmib"]["ipsec"]["global"]
    assert list(blocks) == ["CC-INTERNET", "???", "???#2", "Global"]
    assert (blocks["???"]["previous_tunnels"], blocks["???#2"]["previous_tunnels"]) == (16, 38)
    assert result.warnings == ["line 55: repeated vrf block kept as '???#2': \"vrf ???\""]


def test_spi_decimal_mismatch_is_reported_not_hidden() -> None:
    result = parse("show crypto ipsec sa detail", sample_output("ntc-templates/show_crypto_ipsec_sa_detail__1"))
    tunnel2 = result.data["ipsec_sa"][1]["idents"][0]
    assert tunnel2["current_outbound_spi"] == "0x4321DCBA"
    assert any("0987612345 does not match 0x4321DCBA" in warning for warning in result.warnings)

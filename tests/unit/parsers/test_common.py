"""Key, value and line rules shared by all parsers."""

from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.common import (
    content_lines,
    duration_seconds,
    pairs,
    snake_case,
    typed_fields,
    unique_key,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import parse


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("In P2 exchg invalids", "in_p2_exchg_invalids"),
        ("Failure time since reset", "failure_time_since_reset"),
        ("Lifetime threshold (Sec)", "lifetime_threshold_sec"),
        ("Active ISAKMP SA's", "active_isakmp_sas"),
        ("pkts compr. failed", "pkts_compr_failed"),
        ("  Remote Value ", "remote_value"),
        ("Diffie-Hellman group", "diffie_hellman_group"),
    ],
)
def test_snake_case(label: str, key: str) -> None:
    assert snake_case(label) == key


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("00:07:27", 447),
        ("23:59:53", 86393),
        ("1d02h", 93600),
        ("2w3d", 1468800),
        ("7w0d", 4233600),
        ("1y2w", 32745600),
        ("1 hours, 10 mins", 4200),
        ("4 weeks, 14 hours, 49 minutes", 2472540),
        ("1 year, 22 weeks, 6 days, 9 hours, 38 minutes", 45394680),
        ("900 seconds", 900),
        ("0", 0),
    ],
)
def test_duration_seconds(text: str, seconds: int) -> None:
    assert duration_seconds(text) == seconds


@pytest.mark.parametrize(
    "text", ["aes", "3des", "1536 bit", "86400 seconds, no volume limit", "", "ID_IPV4_ADDR"]
)
def test_not_a_duration(text: str) -> None:
    assert duration_seconds(text) is None


def test_typed_fields_rules() -> None:
    assert typed_fields("In octets", " 2856 ") == {"in_octets": 2856}
    assert typed_fields("Active time", "00:03:08") == {"active_time": "00:03:08", "active_time_seconds": 188}
    assert typed_fields("PFS (Y/N)", "Y") == {"pfs": True}
    assert typed_fields("Dualstack (Y/N)", "N") == {"dualstack": False}
    assert typed_fields("initiator ", "False") == {"initiator": False}
    assert typed_fields("SPI", "0") == {"spi": "0"}
    assert typed_fields("SPI Value", "0x68612DF") == {"spi_value": "0x68612DF"}
    assert typed_fields("Local address", "192.1.3.0 255.255.255.0") == {
        "local_address": "192.1.3.0 255.255.255.0"
    }


def test_pairs_with_and_without_colons() -> None:
    line = "conn id: 5, flow_id: Onboard VPN:124, sibling_flags 80004040, crypto map: CM, initiator : True"
    assert pairs(line) == {
        "conn_id": 5,
        "flow_id": "Onboard VPN:124",
        "sibling_flags": "80004040",
        "crypto_map": "CM",
        "initiator": True,
    }
    assert pairs("plaintext mtu 1438, path mtu 1500, ip mtu idb Gi3") == {
        "plaintext_mtu": 1438,
        "path_mtu": 1500,
        "ip_mtu_idb": "Gi3",
    }


def test_unique_key_numbers_repeats() -> None:
    record = {"decompressed_octets": 1, "decompressed_octets_2": 2}
    assert unique_key(record, "decompressed_octets") == "decompressed_octets_3"
    assert unique_key(record, "in_octets") == "in_octets"
    assert unique_key({"a": 1, "a #2": 2}, "a", "{} #{}") == "a #3"


def test_content_lines_skips_only_non_data() -> None:
    text = (
        "Router#show crypto map\n\n  ! a comment\nshow crypto map\nPeer = 1.1.1.1\nR1(config)#\n"
        "#pkts encaps: 1\n"
    )
    assert list(content_lines(text)) == [(5, "Peer = 1.1.1.1"), (7, "#pkts encaps: 1")]


@pytest.mark.parametrize(
    ("command", "text", "warning"),
    [
        (
            "show crypto isakmp sa",
            "IPv4 Crypto ISAKMP SA\ncrypto isakmp key S3cr3t-9 address 192.0.2.1\n",
            'line 2: unrecognised line: "crypto isakmp key ******** address 192.0.2.1"',
        ),
        (
            "show crypto session detail",
            " pre-shared-key S3cr3t-9\n",
            'line 1: unrecognised line: "pre-shared-key ********"',
        ),
    ],
)
def test_warnings_quote_unparsed_lines_with_secrets_masked(command: str, text: str, warning: str) -> None:
    """ipsec_facts and parse_show pass these warnings on verbatim."""
    assert parse(command, text).warnings == [warning]

"""Genie's IOS XE parsers (written by others, from real devices) parse the router's show output.

The expected structures are the real captures' expected JSON in shared/reference/samples/genieparser/.
Deviations, each asserted explicitly below:
- show crypto map: the capture's map is IKEv2 (`IKEv2 Profile:`) with an SA up (`Current peer:`) on
  `Vlan1`; this router speaks IKEv1 and no SA is up in this test, and its interface is GigabitEthernet1.
- show version: the C8000V capture is a development build (`build_label`, `image_type: developer image`)
  with empty license levels; ours is the 17.9.4a release, which prints `License Level: ax`.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import pytest
from clishell import privileged_shell
from routerlab import TEST_CREDENTIALS, LiveRouter
from seedtext import SAMPLES

from refrouter.cli.session import is_error_output
from refrouter.show import system_show
from refrouter.state.oper.clock import ManualClock
from refrouter.state.router import Router

show_crypto = pytest.importorskip("genie.libs.parser.iosxe.show_crypto", reason="genie parsers not installed")
show_platform = pytest.importorskip("genie.libs.parser.iosxe.show_platform")

GENIE = SAMPLES / "genieparser"


class ParserDevice:
    """The minimum a Genie parser needs when it is handed `output=` (as genie's own unit tests do)."""

    def __init__(self) -> None:
        self.name = "refrouter"
        self.os = "iosxe"
        self.custom: dict[str, Any] = {}


def parse(parser_class: type, output: str) -> dict[str, Any]:
    """Parse, with integer keys turned into strings as in the samples' expected JSON."""
    return json.loads(json.dumps(parser_class(device=ParserDevice()).parse(output=output)))


def expected(name: str) -> dict[str, Any]:
    path = GENIE / f"{name}.expected.json"
    if not path.exists():
        pytest.skip(f"reference sample {path} not found")
    return json.loads(path.read_text())


def run_shows(live: LiveRouter, *commands: str) -> list[str]:
    async def collect() -> list[str]:
        creds = TEST_CREDENTIALS
        async with privileged_shell(live.port, creds.username, creds.password, creds.enable_secret) as shell:
            return [await shell.command(command) for command in commands]

    return asyncio.run(collect())


# The seed's table of the 8 default policies, spelled with the labels the real capture uses.
def _default_policies(sample: dict[str, Any]) -> dict[str, Any]:
    rsa, psk = sample["65507"]["authentication_method"], sample["65508"]["authentication_method"]
    aes, sha, dh5 = (sample["65507"][key] for key in ("encryption_algorithm", "hash_algorithm", "diffie_hellman_group"))
    labels = {"RSA": rsa, "PSK": psk, "AES": aes, "3DES": "Three key triple DES", "SHA": sha,
              "MD5": "Message Digest 5", "DH5": dh5, "DH2": "#2 (1024 bit)"}
    table = [
        ("65507", "RSA", "AES", "SHA", "DH5"), ("65508", "PSK", "AES", "SHA", "DH5"),
        ("65509", "RSA", "AES", "MD5", "DH5"), ("65510", "PSK", "AES", "MD5", "DH5"),
        ("65511", "RSA", "3DES", "SHA", "DH2"), ("65512", "PSK", "3DES", "SHA", "DH2"),
        ("65513", "RSA", "3DES", "MD5", "DH2"), ("65514", "PSK", "3DES", "MD5", "DH2"),
    ]
    return {
        priority: {
            "encryption_algorithm": labels[enc],
            "hash_algorithm": labels[hsh],
            "authentication_method": labels[auth],
            "diffie_hellman_group": labels[dh],
            "lifetime": sample["65507"]["lifetime"],
        }
        for priority, auth, enc, hsh, dh in table
    }


def test_show_crypto_isakmp_default_policy(live_router: LiveRouter) -> None:
    sample = expected("show_crypto_isakmp_default_policy__1")
    (output,) = run_shows(live_router, "show crypto isakmp default policy")
    parsed = parse(show_crypto.ShowCryptoIsakmpDefaultPolicy, output)
    # The capture holds the first two policies; they must parse to exactly what the real device gave.
    assert {p: parsed["policies"][p] for p in sample["policies"]} == sample["policies"]
    assert parsed == {"policies": _default_policies(sample["policies"])}


MAP_LIKE_SAMPLE_2 = [
    "crypto ipsec transform-set aes256-sha1 esp-aes esp-sha-hmac",
    "access-list 102 permit ip 10.1.1.0 0.0.0.255 10.2.2.0 0.0.0.255",
    "crypto map ikev2-cryptomap 1 ipsec-isakmp",
    "set peer 172.20.249.12",
    "set peer 172.20.249.3",
    "set transform-set aes256-sha1",
    "match address 102",
    "interface GigabitEthernet1",
    "crypto map ikev2-cryptomap",
]


def test_show_crypto_map_parses_like_the_real_capture(live_router: LiveRouter) -> None:
    sample = expected("show_crypto_map__2")
    assert not any(is_error_output(out) for out in live_router.configure(MAP_LIKE_SAMPLE_2))
    (output,) = run_shows(live_router, "show crypto map")
    parsed = parse(show_crypto.ShowCryptoMap, output)
    want = sample["ipv4"]["crypto_map_tag"]["ikev2-cryptomap"]
    got = parsed["ipv4"]["crypto_map_tag"]["ikev2-cryptomap"]
    assert set(want) - set(got) == {"ikev2_profile", "current_peer"}  # IKEv2 / SA-only lines (see top)
    assert set(got) == set(want) - {"ikev2_profile", "current_peer"}
    for key in ("sequence_number", "ipsec", "peer", "access_list_ss_dynamic", "extended_ip_access_list",
                "security_association_lifetime", "dualstack", "responder_only", "pfs", "mixed_mode",
                "transform_sets"):
        assert got[key] == want[key], key
    assert got["interfaces_crypto_map"] == {"crypto_map_tag": "ikev2-cryptomap", "interfaces": ["GigabitEthernet1"]}


def test_show_crypto_map_non_default_lifetime_and_pfs(live_router: LiveRouter) -> None:
    lines = [*MAP_LIKE_SAMPLE_2[:7], "set pfs group14", "set security-association lifetime seconds 1800",
             "set security-association lifetime kilobytes 102400"]
    live_router.configure(lines)
    (output,) = run_shows(live_router, "show crypto map")
    got = parse(show_crypto.ShowCryptoMap, output)["ipv4"]["crypto_map_tag"]["ikev2-cryptomap"]
    assert got["pfs"] is True
    assert got["security_association_lifetime"] == {"kilobytes": 102400, "seconds": 1800}


def test_show_crypto_map_incomplete_entry_is_byte_identical_to_the_capture(live_router: LiveRouter) -> None:
    """genieparser/show_crypto_map__1: a peer and `match address 101` naming an undefined ACL."""
    live_router.configure([
        "crypto ipsec transform-set default esp-aes esp-sha-hmac",
        "crypto map VPN_To_Switch2 1 ipsec-isakmp",
        "set peer 172.20.249.12",
        "set transform-set default",
        "match address 101",
    ])
    (output,) = run_shows(live_router, "show crypto map")
    capture_path = GENIE / "show_crypto_map__1.txt"
    if not capture_path.exists():
        pytest.skip(f"reference sample {capture_path} not found")
    capture = capture_path.read_text()
    assert output.rstrip("\n") == capture.rstrip("\n")
    assert parse(show_crypto.ShowCryptoMap, output) == expected("show_crypto_map__1")


def test_show_version(live_router: LiveRouter) -> None:
    (output,) = run_shows(live_router, "show version")
    got = parse(show_platform.ShowVersion, output)["version"]
    sample = expected("show_version__3")["version"]  # a real C8000V
    assert set(sample) - set(got) == {"build_label"}
    assert set(got) - set(sample) == {"license_level", "next_reload_license_level"}
    assert got["xe_version"] == "17.09.04a"
    assert got["version"] == "17.9.4a"
    assert got["version_short"] == "17.9"
    assert got["hostname"] == "RouterA"
    assert re.fullmatch(r"\d+ minutes?", got["uptime"])  # booted moments ago (the forms: see below)
    assert got["chassis"] == got["rtr_type"] == "C8000V"
    for key in ("platform", "os", "image_id", "processor_type", "rom", "system_image", "router_operating_mode",
                "returned_to_rom_by", "last_reload_reason", "curr_config_register"):
        assert got[key] == sample[key], key
    assert got["number_of_intfs"] == {"Gigabit Ethernet": "4"}


@pytest.mark.parametrize(
    ("seconds", "uptime"),
    [
        (59, "0 minutes"),
        (3600 + 120, "1 hour, 2 minutes"),
        (86400 * 9 + 3 * 3600 + 4 * 60, "1 week, 2 days, 3 hours, 4 minutes"),
        (86400 * 365 + 60, "1 year, 1 minute"),
    ],
)
def test_show_version_uptime_forms_parse(seconds: int, uptime: str) -> None:
    router = Router("RouterA")
    clock = ManualClock()
    router.clock = clock
    clock.advance(seconds)
    got = parse(show_platform.ShowVersion, system_show.version(router))["version"]
    assert got["uptime"] == got["uptime_this_cp"] == uptime

"""Deliberately wrong and fuzzed lines of the IKEv1/IPsec families get IOS's error and change nothing; the
`no` forms with arguments undo exactly what IOS undoes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refrouter.cli.grammar import CliError
from refrouter.cli.modes.config import ConfigMode
from refrouter.cli.session import INTERNAL_ERROR, CliSession
from refrouter.lab.boot import BootableRouter

OURS = Path(__file__).parent / "ours"
INVALID = "% Invalid input detected at '^' marker."
INCOMPLETE = "% Incomplete command."

# (lines entering the mode, the wrong line, the last line of IOS's answer)
WRONG = [
    (
        ["crypto ipsec profile VTI-PROF"],
        "set transform-set NOPE",
        'ERROR: transform set with tag "NOPE" does not exist.',
    ),
    (
        ["crypto map CMAP 10"],
        "set transform-set TS-AES NOPE",
        'ERROR: transform set with tag "NOPE" does not exist.',
    ),
    (["crypto map CMAP 10"], "set isakmp-profile NOPE", "% ISAKMP profile NOPE does not exist"),
    (["crypto dynamic-map DYN 10"], "set isakmp-profile NOPE", "% ISAKMP profile NOPE does not exist"),
    (["crypto ipsec profile VTI-PROF"], "set isakmp-profile NOPE", "% ISAKMP profile NOPE does not exist"),
    (["crypto isakmp profile IKE-BRANCH"], "keyring NOPE", "% Keyring NOPE does not exist"),
    (["crypto isakmp profile IKE-BRANCH"], "vrf NOPE", "% VRF NOPE does not exist"),
    (
        ["crypto isakmp profile IKE-BRANCH"],
        "match identity address 192.0.2.1 255.255.255.255 NOPE",
        "% VRF NOPE does not exist",
    ),
    (
        ["crypto isakmp profile IKE-BRANCH"],
        "no match identity address 192.0.2.99",
        "% No such identity configured.",
    ),
    (["crypto isakmp profile IKE-BRANCH"], "keepalive 5 retry 3", INVALID),
    (["crypto isakmp profile IKE-BRANCH"], "keepalive 20", INCOMPLETE),
    (["crypto isakmp profile IKE-BRANCH"], "virtual-template 0", INVALID),
    (["crypto isakmp profile IKE-BRANCH"], "initiate mode main", INVALID),
    (["crypto keyring KR-BRANCH"], "pre-shared-key address 198.51.100.7 key", INCOMPLETE),
    (["crypto keyring KR-BRANCH"], "pre-shared-key address 198.51.100.777 key x", INVALID),
    (["crypto keyring KR-BRANCH"], "pre-shared-key address 198.51.100.0 255.0.255.0 key x", "% Invalid mask"),
    (["crypto keyring KR-BRANCH"], "no pre-shared-key address 192.0.2.99", "% No such key configured."),
    (["crypto isakmp client configuration group RA-USERS"], "max-users 0", INVALID),
    (["crypto isakmp client configuration group RA-USERS"], "dns not-an-address", INVALID),
    ([], "crypto keyring KR-X vrf NOPE", "% VRF NOPE does not exist"),
    ([], "no crypto keyring KR-BRANCH", "% Keyring KR-BRANCH is in use by ISAKMP profile IKE-BRANCH"),
    ([], "no crypto keyring NOPE", "% Keyring NOPE does not exist"),
    ([], "no crypto isakmp profile IKE-MAP", "% ISAKMP profile IKE-MAP is in use"),
    ([], "no crypto isakmp profile NOPE", "% ISAKMP profile NOPE does not exist"),
    ([], "crypto isakmp nat keepalive 4", INVALID),
    ([], "crypto isakmp keepalive 10 3 sometimes", INVALID),
    ([], "crypto isakmp identity fqdn", INVALID),
    ([], "crypto isakmp key 7 k address 192.0.2.5", INVALID),
    ([], "crypto ipsec security-association replay window-size 100", INVALID),
    ([], "crypto ipsec security-association lifetime seconds 60", INVALID),
    ([], "crypto ipsec security-association idle-time 30", INVALID),
    ([], "crypto ipsec df-bit maybe", INVALID),
    ([], "crypto ipsec fragmentation during-encryption", INVALID),
    ([], "crypto ipsec nat-transparency tcp", INVALID),
    ([], "no crypto ipsec transform-set TS-AES esp-aes 256 esp-bogus", INVALID),
    ([], "key config-key password-encrypt short", "% New key must be at least 8 characters long"),
    (["crypto map CMAP 10"], "reverse-route dynamic", INVALID),
    (["crypto map CMAP 10"], "set security-association lifetime kilobytes 100", INVALID),
]


def loaded_router() -> BootableRouter:
    router = BootableRouter(name="R")
    router.boot("\n".join((OURS / name).read_text(encoding="utf-8") for name in ("ikev1_profiles.cfg",
                                                                                  "ipsec_families.cfg")))
    assert router.boot_errors == []
    return router


def session_in(router: BootableRouter, entry: list[str]) -> CliSession:
    session = CliSession(router, privilege=15)
    session.push(ConfigMode(session))
    for line in entry:
        session.execute(line)
    return session


@pytest.mark.parametrize(("entry", "line", "error"), WRONG, ids=[w[1] for w in WRONG])
def test_wrong_line_gets_the_ios_error_and_changes_nothing(entry: list[str], line: str, error: str) -> None:
    router = loaded_router()
    session = session_in(router, entry)
    modes = list(session.modes)
    before = router.running_config_text()
    output = session.execute(line)
    assert isinstance(output, str)
    assert output.rstrip("\n").splitlines()[-1] == error
    assert session.modes == modes
    assert router.running_config_text() == before


NO_FORMS = [
    # (entry, the `no` line, the running-config line that must be gone, a line that must stay)
    ([], "no crypto isakmp keepalive 10", "crypto isakmp keepalive 10 3 periodic", "crypto isakmp nat keepalive 30"),
    ([], "no crypto isakmp nat keepalive 30", "crypto isakmp nat keepalive 30", "crypto isakmp invalid-spi-recovery"),
    ([], "no crypto ipsec transform-set TS-GCM esp-gcm 256", "crypto ipsec transform-set TS-GCM esp-gcm 256 ",
     "crypto ipsec transform-set TS-AES esp-aes 256 esp-sha256-hmac "),
    (["crypto map CMAP 10"], "no set security-association lifetime seconds 1800",
     " set security-association lifetime seconds 1800", " set security-association lifetime kilobytes disable"),
    (["crypto map CMAP 10"], "no reverse-route static", " reverse-route static", " match address BRANCH-TRAFFIC"),
    (["crypto isakmp profile IKE-CUST"], "no match identity address 192.0.2.10 255.255.255.255 CUST",
     "   match identity address 192.0.2.10 255.255.255.255 CUST", "   keyring KR-CUST"),
    (["crypto keyring KR-BRANCH"], "no pre-shared-key address 203.0.113.0 255.255.255.0 key branch-psk-2",
     "  pre-shared-key address 203.0.113.0 255.255.255.0 key branch-psk-2",
     "  pre-shared-key address 198.51.100.2 key branch-psk-1"),
    ([], "no crypto ipsec security-association replay window-size 1024",
     "crypto ipsec security-association replay window-size 1024", "crypto ipsec df-bit clear"),
    ([], "no crypto isakmp client configuration group RA-USERS", "crypto isakmp client configuration group RA-USERS",
     "crypto isakmp profile IKE-RA"),
]


@pytest.mark.parametrize(("entry", "line", "gone", "kept"), NO_FORMS, ids=[n[1] for n in NO_FORMS])
def test_no_form_with_arguments(entry: list[str], line: str, gone: str, kept: str) -> None:
    router = loaded_router()
    session = session_in(router, entry)
    lines = router.running_config_text().splitlines()
    assert gone in lines and kept in lines
    assert session.execute(line) == ""
    lines = router.running_config_text().splitlines()
    assert gone not in lines
    assert kept in lines


FAMILY_LINES = [
    "crypto keyring KR-BRANCH", "pre-shared-key address 198.51.100.3 key k3", "pre-shared-key hostname h.example key k",
    "local-address GigabitEthernet2", "crypto isakmp profile IKE-BRANCH", "match identity address 10.9.9.9",
    "match identity user-fqdn domain example.net", "keyring KR-CUST", "self-identity user-fqdn me@example.net",
    "keepalive 30 retry 4", "virtual-template 7", "ca trust-point TP1", "client configuration group RA-USERS",
    "crypto isakmp client configuration group RA-USERS", "pool POOL2", "max-users 40", "save-password",
    "crypto ipsec security-association idle-time 900 default", "crypto ipsec security-association ecn discard",
    "crypto ipsec df-bit set", "crypto ipsec profile VTI-PROF", "set ikev2-profile X", "set pfs group21",
    "crypto map CMAP 10", "reverse-route", "set isakmp-profile IKE-BRANCH", "crypto map CMAP redundancy X",
    "crypto isakmp aggressive-mode disable", "no crypto isakmp invalid-spi-recovery", "password encryption aes",
]
MUTATIONS = ["", "-1", "65536", "256.1.1.1", "0x", "%s", "'", "\\", "ééé", "NOPE", "key", "address", "vrf", "?"]


def _mutate(line: str, index: int, word: str) -> str:
    words = line.split()
    index %= len(words) + 1
    return " ".join([*words[:index], word, *words[index + 1 :]]) if word else " ".join(words[:index])


ROUTER = loaded_router()
FUZZ = settings(max_examples=600, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(entry=st.sampled_from([[], ["crypto keyring KR-BRANCH"], ["crypto isakmp profile IKE-BRANCH"],
                              ["crypto isakmp client configuration group RA-USERS"],
                              ["crypto ipsec profile VTI-PROF"], ["crypto map CMAP 10"]]),
       line=st.builds(_mutate, st.sampled_from(FAMILY_LINES), st.integers(0, 8), st.sampled_from(MUTATIONS)),
       no=st.booleans())
def test_fuzzed_family_lines_change_config_only_when_accepted(entry: list[str], line: str, no: bool) -> None:
    session = session_in(ROUTER, entry)
    line = f"no {line}" if no else line
    accepted = any(_matches(mode, line) for mode in session.modes if mode.is_config)
    before = ROUTER.running_config_text()
    output = session.execute(line)
    assert isinstance(output, str) and INTERNAL_ERROR not in output
    if ROUTER.running_config_text() != before:
        assert accepted, f"{line!r} changed the config without matching the grammar"
    if not accepted and line.strip():
        assert "%" in output, (line, output)


def _matches(mode: object, line: str) -> bool:
    try:
        mode.table.match(line, 15)  # type: ignore[attr-defined]
    except CliError:
        return False
    return True

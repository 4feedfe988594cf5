"""IKEv2 configuration: proposals, policies, keyrings, profiles, globals and the IOS XE smart defaults."""

from __future__ import annotations

import pytest

from refrouter.cli.grammar import INVALID
from refrouter.show import ikev2_show
from refrouter.state.config.ikev2 import Ikev2Identity

from .cli import console, run, section

FLEX = """
crypto ikev2 proposal P1
 encryption aes-cbc-128 aes-cbc-256
 integrity sha256
 group 19 14
crypto ikev2 policy POL
 match address local 10.0.0.1
 proposal P1
crypto ikev2 keyring KR
 peer SPOKE
  address 0.0.0.0 0.0.0.0
  pre-shared-key local LocalKey1
  pre-shared-key remote RemoteKey1
  exit
 peer HUB
  address 192.0.2.1
  identity fqdn hub.example.net
  pre-shared-key SharedKey
crypto ikev2 profile PROF
 match identity remote address 192.0.2.1
 match identity remote fqdn domain example.net
 identity local fqdn spoke.example.net
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
 lifetime 28800
 dpd 10 3 periodic
 virtual-template 1
crypto ikev2 dpd 30 5 on-demand
crypto ikev2 nat keepalive 20
crypto ikev2 cookie-challenge 100
"""

EXPECTED = """\
crypto ikev2 proposal P1
 encryption aes-cbc-128 aes-cbc-256
 integrity sha256
 group 19 14
!
crypto ikev2 policy POL
 match address local 10.0.0.1
 proposal P1
!
crypto ikev2 keyring KR
 peer SPOKE
  address 0.0.0.0 0.0.0.0
  pre-shared-key local LocalKey1
  pre-shared-key remote RemoteKey1
 !
 peer HUB
  address 192.0.2.1
  identity fqdn hub.example.net
  pre-shared-key SharedKey
 !
!
crypto ikev2 profile PROF
 match identity remote address 192.0.2.1 255.255.255.255
 match identity remote fqdn domain example.net
 identity local fqdn spoke.example.net
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
 lifetime 28800
 dpd 10 3 periodic
 virtual-template 1
!
crypto ikev2 dpd 30 5 on-demand
crypto ikev2 nat keepalive 20
crypto ikev2 cookie-challenge 100
!
"""


def test_a_flexvpn_configuration_is_kept_typed_and_rendered_as_ios_prints_it() -> None:
    session = console()
    assert [out for out in run(session, FLEX) if out] == []
    text = session.router.running_config_text()
    assert EXPECTED in text
    assert text.index("crypto ikev2 proposal") < text.index("interface GigabitEthernet1")
    ikev2 = session.router.running.ikev2
    assert ikev2.proposals["P1"].groups == [19, 14]
    assert ikev2.keyrings["KR"].peers["SPOKE"].psk_remote == "RemoteKey1"
    assert ikev2.profiles["PROF"].dpd == (10, 3, "periodic")
    assert ikev2.profiles["PROF"].virtual_template == 1
    assert ikev2.profiles["PROF"].match_identities[1] == Ikev2Identity("fqdn", "example.net", domain=True)
    assert ikev2.keyrings["KR"].peers["HUB"].identity == Ikev2Identity("fqdn", "hub.example.net")


def test_the_smart_defaults_show_until_disabled_and_come_back() -> None:
    session = console()
    shown = ikev2_show.show_proposals(session.router.running, "default")
    assert "IKEv2 proposal: default" in shown
    assert "DH_GROUP_256_ECP/Group 19 DH_GROUP_2048_MODP/Group 14" in shown
    run(session, "no crypto ikev2 proposal default\nno crypto ikev2 policy default")
    assert ikev2_show.show_proposals(session.router.running, "default") == ""
    assert ikev2_show.show_policies(session.router.running) == ""
    assert "no crypto ikev2 proposal default\n!\nno crypto ikev2 policy default" in session.router.running_config_text()
    # with the default proposal gone, a policy cannot name it; configuring it explicitly brings it back
    assert run(session, "crypto ikev2 policy default\n proposal default")[1] == (
        "% IKEv2 proposal default does not exist\n"
    )
    run(session, "crypto ikev2 proposal default\n encryption aes-cbc-256\n integrity sha256\n group 14\n exit")
    assert run(session, "crypto ikev2 policy default\n proposal default") == ["", ""]
    assert "Proposal    : default" in ikev2_show.show_policies(session.router.running, "default")


def test_a_policy_cannot_name_a_proposal_that_does_not_exist_and_nothing_changes() -> None:
    session = console()
    run(session, "crypto ikev2 policy POL")
    before = session.router.running_config_text()
    assert run(session, " proposal NOPE") == ["% IKEv2 proposal NOPE does not exist\n"]
    assert session.router.running_config_text() == before
    assert run(session, " proposal default") == [""]  # the smart default proposal exists


def test_a_profile_cannot_name_a_missing_keyring_or_trustpoint() -> None:
    session = console()
    outputs = run(session, "crypto ikev2 profile P\n keyring local NOPE\n pki trustpoint NOTP")
    assert outputs[1:] == ["% IKEv2 keyring NOPE does not exist\n", "% Trustpoint NOTP does not exist\n"]
    profile = session.router.running.ikev2.profiles["P"]
    assert (profile.keyring_local, profile.pki_trustpoints) == (None, [])


def test_a_proposal_in_use_cannot_be_removed() -> None:
    session = console()
    run(session, FLEX)
    assert run(session, "no crypto ikev2 proposal P1") == ["% IKEv2 proposal P1 is in use by policy POL\n"]
    assert "P1" in session.router.running.ikev2.proposals
    run(session, "no crypto ikev2 policy POL\nno crypto ikev2 proposal P1")
    assert "P1" not in session.router.running.ikev2.proposals


def test_a_keyring_in_use_cannot_be_removed() -> None:
    session = console()
    run(session, "crypto ikev2 keyring KR\ncrypto ikev2 profile P\n keyring local KR\n exit")
    assert run(session, "no crypto ikev2 keyring KR") == ["% Keyring KR is in use by profile P\n"]
    assert "KR" in session.router.running.ikev2.keyrings
    assert run(session, "no crypto ikev2 keyring NOPE") == ["% IKEv2 keyring NOPE does not exist\n"]


def test_no_forms_with_arguments_remove_exactly_what_they_name() -> None:
    session = console()
    run(session, FLEX)
    run(session, "crypto ikev2 proposal P1\n no encryption aes-cbc-128\n no group 19\n exit")
    assert section(session, "crypto ikev2 proposal") == (
        "crypto ikev2 proposal P1\n encryption aes-cbc-256\n integrity sha256\n group 14\n"
    )
    run(session, "crypto ikev2 profile PROF\n no match identity remote fqdn domain example.net\n no dpd")
    profile = session.router.running.ikev2.profiles["PROF"]
    assert profile.match_identities == [Ikev2Identity("address", "192.0.2.1", "255.255.255.255")]
    assert profile.dpd is None
    run(session, "crypto ikev2 keyring KR\n no peer SPOKE")
    assert list(session.router.running.ikev2.keyrings["KR"].peers) == ["HUB"]


@pytest.mark.parametrize(
    ("mode", "line", "column"),
    [
        ("crypto ikev2 proposal P", "encryption aes-cbc-512", 11),
        ("crypto ikev2 proposal P", "integrity sha256 sha999", 17),
        ("crypto ikev2 proposal P", "group 14 7", 9),
        ("crypto ikev2 profile P", "dpd 5 3 periodic", 4),
        ("crypto ikev2 profile P", "lifetime 100", 9),
        ("crypto ikev2 profile P", "authentication local telepathy", 21),
        ("crypto ikev2 keyring K", "peer", None),
    ],
)
def test_wrong_lines_get_the_ios_error_and_change_nothing(mode: str, line: str, column: int | None) -> None:
    session = console()
    run(session, mode)
    before = session.router.running_config_text()
    output = session.execute(line)
    if column is None:
        assert output == "% Incomplete command.\n"
    else:
        prompt = session.mode.prompt()
        assert output == " " * (len(prompt) + column) + "^\n" + INVALID + "\n"
    assert session.router.running_config_text() == before


def test_show_profile_reports_what_the_profile_holds() -> None:
    session = console()
    run(session, FLEX)
    shown = ikev2_show.show_profiles(session.router.running, "PROF")
    assert "IKEv2 profile: PROF\n" in shown
    assert "   address 192.0.2.1 255.255.255.255\n   fqdn domain example.net\n" in shown
    assert " Keyring: KR\n" in shown
    assert " DPD: interval 10, retry-interval 3, periodic\n" in shown
    assert " Virtual-template: Virtual-Template1\n" in shown
    assert " Lifetime: 28800 seconds\n" in shown


def test_the_smart_default_transform_set_is_shown_first_and_can_be_turned_off() -> None:
    session = console()
    shown = session.execute("do show crypto ipsec transform-set")
    assert shown.startswith(
        "Transform set default: { esp-aes esp-sha-hmac  } \n   will negotiate = { Transport,  }, \n"
    )
    run(session, "no crypto ipsec transform-set default\nno crypto ipsec profile default")
    assert "Transform set default:" not in session.execute("do show crypto ipsec transform-set")
    text = session.router.running_config_text()
    assert "no crypto ipsec transform-set default\n!\nno crypto ipsec profile default\n" in text
    run(session, "crypto ipsec transform-set default esp-gcm 256\n exit")
    assert session.execute("do show crypto ipsec transform-set tag default") == (
        "Transform set default: { esp-gcm 256  } \n   will negotiate = { Tunnel,  }, \n   \n"
    )


def test_set_ikev2_profile_needs_the_profile_and_is_counted_in_its_ref_count() -> None:
    """Crypto maps, dynamic maps and IPsec profiles name IKEv2 profiles (`set ikev2-profile`); a missing one
    gets IOS's error and the entry keeps what it had."""
    session = console()
    run(session, FLEX)
    refused = run(session, "crypto ipsec profile IPP\n set ikev2-profile NOPE")
    assert refused == ["", "% IKEv2 profile NOPE does not exist\n"]
    assert session.router.running.ipsec_profiles["IPP"].ikev2_profile is None
    assert " Ref Count: 0\n" in ikev2_show.show_profiles(session.router.running, "PROF")
    run(session, " set ikev2-profile PROF\ncrypto map CM 10 ipsec-isakmp\n set ikev2-profile PROF")
    run(session, "crypto dynamic-map DM 5\n set ikev2-profile PROF\ninterface Tunnel1")
    run(session, " tunnel protection ipsec profile IPP ikev2-profile PROF")
    assert " Ref Count: 4\n" in ikev2_show.show_profiles(session.router.running, "PROF")
    assert run(session, "crypto map CM 10\n set ikev2-profile OTHER")[1] == "% IKEv2 profile OTHER does not exist\n"
    assert session.router.running.crypto_maps["CM"].entries[10].ikev2_profile == "PROF"


def test_default_crypto_turns_each_smart_default_back_on() -> None:
    session = console()
    kinds = ("ikev2 proposal", "ikev2 policy", "ipsec transform-set", "ipsec profile")
    run(session, "\n".join(f"no crypto {kind} default" for kind in kinds))
    text = session.router.running_config_text()
    assert all(f"no crypto {kind} default" in text for kind in kinds)
    assert run(session, "\n".join(f"default crypto {kind}" for kind in kinds)) == ["", "", "", ""]
    assert "default" not in section(session, "crypto")
    assert "IKEv2 proposal: default" in ikev2_show.show_proposals(session.router.running, "default")

"""The new families over real SSH with netmiko (cisco_xe), and Genie's IOS XE parsers reading the shows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from netmiko import ConnectHandler
from netmiko.base_connection import BaseConnection
from routerlab import TEST_CREDENTIALS, LiveRouter

show_crypto = pytest.importorskip("genie.libs.parser.iosxe.show_crypto", reason="genie parsers not installed")

CONFIG = [
    "crypto ikev2 proposal AZURE",
    " encryption aes-cbc-256",
    " integrity sha1",
    " group 2",
    "crypto ikev2 policy AZURE-POL",
    " proposal AZURE",
    " match address local 10.10.1.9",
    "crypto ikev2 keyring AZURE-KR",
    " peer 20.126.205.249",
    "  address 20.126.205.249",
    "  pre-shared-key Azure-Secret-1",
    "crypto ikev2 profile AZURE-PROF",
    " match address local 10.10.1.9",
    " match identity remote address 20.126.205.249 255.255.255.255",
    " authentication remote pre-share",
    " authentication local pre-share",
    " keyring local AZURE-KR",
    " lifetime 28800",
    " dpd 10 5 on-demand",
    "crypto ipsec transform-set TS esp-gcm 256",
    "crypto ipsec profile AZURE-IPSEC",
    " set transform-set TS",
    "interface Tunnel0",
    " ip address 10.10.10.1 255.255.255.252",
    " tunnel mode ipsec ipv4",
    " ip tcp adjust-mss 1350",
    " tunnel source 10.10.1.9",
    " tunnel destination 20.126.205.249",
    " tunnel protection ipsec profile AZURE-IPSEC",
]


@pytest.fixture
def conn(live_router: LiveRouter) -> Iterator[BaseConnection]:
    connection = ConnectHandler(
        device_type="cisco_xe", host=live_router.host, port=live_router.port,
        username=TEST_CREDENTIALS.username, password=TEST_CREDENTIALS.password,
        secret=TEST_CREDENTIALS.enable_secret, fast_cli=True, conn_timeout=20, read_timeout_override=20,
        ssh_config_file=None, allow_agent=False, use_keys=False,
    )
    connection.enable()
    try:
        yield connection
    finally:
        connection.disconnect()


def test_a_route_based_vpn_is_configured_and_parsed_by_genie(conn: BaseConnection, live_router: LiveRouter) -> None:
    output = conn.send_config_set(CONFIG)
    assert "%" not in output
    proposals = show_crypto.ShowCryptoIkev2Proposal(device=None).cli(
        output=conn.send_command("show crypto ikev2 proposal")
    )
    assert proposals["proposal_name"]["AZURE"] == {
        "encryption": "AES-CBC-256", "integrity": "SHA96", "prf": "SHA1", "dh_group": ["DH_GROUP_1024_MODP/Group 2"],
    }
    assert proposals["proposal_name"]["default"]["dh_group"][0] == "DH_GROUP_256_ECP/Group 19"
    policies = show_crypto.ShowCryptoIkev2Policy(device=None).cli(output=conn.send_command("show crypto ikev2 policy"))
    # (Genie's `Match address local` pattern takes no dotted address; the policy's name and proposal it reads)
    assert policies["policy_name"]["AZURE-POL"] == {"match_fvrf": "global", "proposal": "AZURE"}
    assert policies["policy_name"]["default"] == {
        "match_fvrf": "any",
        "match_address_local": "any",
        "proposal": "default",
    }
    profile_text = conn.send_command("show crypto ikev2 profile AZURE-PROF")
    parsed = show_crypto.ShowCryptoIkev2Profile(device=None).cli(profile_name="AZURE-PROF", output=profile_text)
    profile = parsed["ikev2_profile"]["AZURE-PROF"]
    assert profile["match_criteria"]["local_address_interface"] == "10.10.1.9"
    assert (profile["keyring"], profile["lifetime"]) == ("AZURE-KR", 28800)
    assert (profile["local_authentication_method"], profile["remote_authentication_methods"]) == ("pre-share",) * 2
    running = conn.send_command("show running-config | section interface Tunnel0")
    assert running.splitlines() == [
        "interface Tunnel0",
        " ip address 10.10.10.1 255.255.255.252",
        " ip tcp adjust-mss 1350",
        " tunnel source 10.10.1.9",
        " tunnel mode ipsec ipv4",
        " tunnel destination 20.126.205.249",
        " tunnel protection ipsec profile AZURE-IPSEC",
    ]
    assert "Azure-Secret-1" not in conn.send_command("show crypto ikev2 profile")


def test_a_wrong_line_over_ssh_gets_the_ios_error(conn: BaseConnection, live_router: LiveRouter) -> None:
    output = conn.send_config_set(["crypto ikev2 profile P", " keyring local MISSING"])
    assert "% IKEv2 keyring MISSING does not exist" in output
    assert live_router.call(lambda: live_router.router.running.ikev2.profiles["P"].keyring_local) is None
    running = live_router.running_config()
    assert "crypto ikev2 profile P\n!\n" in running  # the profile itself exists, as on IOS; the keyring is not set
    assert "MISSING" not in running

"""Which running-config lines the collection owns, ignores or reports: the more specific prefix decides."""

from __future__ import annotations

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    is_ignored,
    owner_of,
    parse_running_config,
)

UNMANAGED_IKEV2 = """\
crypto ikev2 dpd 10 2 on-demand
crypto ikev2 nat keepalive 20
crypto ikev2 cookie-challenge 100
crypto ikev2 authorization policy AUTHZ
 pool POOL1
crypto isakmp keepalive 10 3 periodic
"""


def test_unmanaged_crypto_globals_are_ignored_without_warning() -> None:
    config = parse_running_config(UNMANAGED_IKEV2)
    assert config.unparsed == []


def test_an_owned_header_that_does_not_parse_is_reported_not_ignored() -> None:
    text = "crypto ikev2 proposal NGE tunnel-only\n encryption aes-gcm-256\n prf sha384\n group 20\n"
    config = parse_running_config(text)
    assert [(item.owner, item.line.words, item.skipped_children) for item in config.unparsed] == [
        ("ikev2_proposals", "crypto ikev2 proposal NGE tunnel-only", 3)
    ]
    assert "line 1" in config.warnings_for("ikev2_proposals")[0]
    assert config.ikev2_proposals == parse_running_config("").ikev2_proposals


def test_the_longer_prefix_wins() -> None:
    assert is_ignored("crypto isakmp keepalive 10 3")
    assert owner_of("crypto isakmp key 0 k address 192.0.2.1") == "isakmp_keys"
    assert not is_ignored("crypto isakmp key 0 k address 192.0.2.1")
    assert not is_ignored("crypto ikev2 profile P")
    assert owner_of("no crypto ikev2 keyring KR") == "ikev2_keyrings"
    assert is_ignored("no crypto ikev2 dpd 10 2 on-demand")

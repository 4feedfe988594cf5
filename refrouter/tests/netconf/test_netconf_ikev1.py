"""The IKEv1/IPsec families (keyrings, ISAKMP profiles, set isakmp-profile, reverse-route) read and write
through the 17.18.1 crypto YANG with ncclient; a family without a node is named in the error; an edit of one
family loses nothing of the families NETCONF does not serve."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from ncclient.operations.rpc import RPCError
from nchelpers import CRYPTO, NATIVE, NetconfRouter, config, isakmp, texts

from refrouter.state.config.type6 import seal, unseal

pytest_plugins = ["ncfixtures"]

OURS = Path(__file__).resolve().parents[1] / "realcfg" / "ours"
STARTUP = "\n".join((OURS / name).read_text(encoding="utf-8") for name in ("ikev1_profiles.cfg", "ipsec_families.cfg"))
KEYRING = f'<keyring xmlns="{CRYPTO}">{{}}</keyring>'


@pytest.fixture
def nc_loaded(nc_factory) -> NetconfRouter:  # type: ignore[no-untyped-def]
    nc = nc_factory(STARTUP)
    assert nc.router.boot_errors == []
    return nc


def test_get_config_serves_keyrings_and_profiles(nc_loaded: NetconfRouter) -> None:
    with nc_loaded.connect() as m:
        keyrings = f'<native xmlns="{NATIVE}"><crypto>{KEYRING.format("")}</crypto></native>'
        reply = m.get_config("running", filter=("subtree", keyrings))
        assert texts(reply, "//crypto:keyring/crypto:name") == ["KR-BRANCH", "KR-CUST"]
        assert texts(reply, "//crypto:keyring[crypto:name='KR-CUST']/crypto:vrf") == ["CUST"]
        assert texts(reply, "//crypto:keyring[crypto:name='KR-BRANCH']//crypto:ipv4/crypto:ipv4-addr") == [
            "198.51.100.2", "203.0.113.0"]
        full = m.get_config("running")
        assert texts(full, "//crypto:isakmp/crypto:profile/crypto:name") == ["IKE-BRANCH", "IKE-CUST", "IKE-RA",
                                                                            "IKE-MAP"]
        assert texts(full, "//crypto:profile[crypto:name='IKE-BRANCH']/crypto:keyring/crypto:name") == ["KR-BRANCH"]
        assert texts(full, "//crypto:profile[crypto:name='IKE-BRANCH']/crypto:keepalive/crypto:retry") == ["5"]
        assert texts(full, "//crypto:map-seq/crypto:map[crypto:seq='10']/crypto:set/crypto:isakmp-profile") == [
            "IKE-MAP"]


def test_get_then_replace_with_the_same_tree_changes_nothing(nc_loaded: NetconfRouter) -> None:
    """Everything NETCONF serves comes back in the same form; everything it does not serve is kept."""
    before = nc_loaded.running_config()
    with nc_loaded.connect() as m:
        native = m.get_config("running").data_ele[0]
        payload = f'<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">{etree.tostring(native).decode()}</config>'
        m.edit_config(target="running", config=payload, default_operation="replace")
    assert nc_loaded.running_config() == before


def test_edit_config_writes_a_keyring_and_a_profile(nc_loaded: NetconfRouter) -> None:
    keyring = KEYRING.format(
        "<name>KR-NEW</name><local-address><bind-ip-address><ip-address>198.51.100.1</ip-address>"
        "</bind-ip-address></local-address><pre-shared-key><address-v2><ipv4><ipv4-addr>192.0.2.77</ipv4-addr>"
        "<key/><unencryt-key>new-psk</unencryt-key></ipv4></address-v2></pre-shared-key>"
    )
    profile = isakmp(
        "<profile><name>IKE-NEW</name><keyring><name>KR-NEW</name></keyring><match><identity><address>"
        "<ip>192.0.2.77</ip><mask>255.255.255.255</mask></address></identity></match>"
        "<keepalive><number>15</number><retry>4</retry></keepalive></profile>"
    )
    with nc_loaded.connect() as m:
        m.edit_config(target="running", config=config(keyring + profile))
    assert nc_loaded.section("crypto keyring KR-NEW") == (
        "crypto keyring KR-NEW \n  local-address 198.51.100.1\n  pre-shared-key address 192.0.2.77 key new-psk")
    assert nc_loaded.section("crypto isakmp profile IKE-NEW") == (
        "crypto isakmp profile IKE-NEW\n   keyring KR-NEW\n   match identity address 192.0.2.77 255.255.255.255 \n"
        "   keepalive 15 retry 4")
    assert "crypto isakmp client configuration group RA-USERS" in nc_loaded.running_config()  # not served, kept
    assert "crypto ipsec df-bit clear" in nc_loaded.running_config()


def test_a_family_without_a_node_is_named_in_the_error(nc_loaded: NetconfRouter) -> None:
    before = nc_loaded.running_config()
    payload = config(isakmp("<client><configuration><group><name>G</name></group></configuration></client>"))
    with nc_loaded.connect() as m, pytest.raises(RPCError) as err:
        m.edit_config(target="running", config=payload)
    assert err.value.tag == "unknown-element"
    assert "client" in str(err.value.info) + str(err.value.message)
    assert nc_loaded.running_config() == before


TYPE6_STARTUP = (
    "key config-key password-encrypt Master-Key-NC\npassword encryption aes\n"
    "crypto keyring KR6\n pre-shared-key address 192.0.2.66 key ring-psk-6\n"
)


def test_type_6_keyring_keys_are_served_encrypted_and_a_foreign_text_is_refused(nc_factory) -> None:  # type: ignore[no-untyped-def]
    nc = nc_factory(TYPE6_STARTUP)
    assert nc.router.boot_errors == []
    before = nc.running_config()
    assert "ring-psk-6" not in before
    with nc.connect() as m:
        keyrings = f'<native xmlns="{NATIVE}"><crypto>{KEYRING.format("")}</crypto></native>'
        reply = m.get_config("running", filter=("subtree", keyrings))
        assert texts(reply, "//crypto:ipv4/crypto:encryption") == ["6"]
        [served] = texts(reply, "//crypto:ipv4/crypto:unencryt-key")
        assert unseal("Master-Key-NC", served) == "ring-psk-6"
        foreign = KEYRING.format(
            "<name>KR6</name><pre-shared-key><address-v2><ipv4><ipv4-addr>192.0.2.66</ipv4-addr><key/>"
            f"<encryption>6</encryption><unencryt-key>{seal('Another-Master', 'x-psk')}</unencryt-key>"
            "</ipv4></address-v2></pre-shared-key>")
        with pytest.raises(RPCError) as err:
            m.edit_config(target="running", config=config(foreign))
    assert err.value.tag == "invalid-value"
    assert nc.running_config() == before

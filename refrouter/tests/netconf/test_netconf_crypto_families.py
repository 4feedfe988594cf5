"""IKEv2 and tunnel interfaces over NETCONF (ncclient): get-config renders the 17.18.1 `crypto ikev2` nodes,
edit-config writes them (cross-checked in `show running-config`), yanglint accepts the result, and families
without a node are named in the error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree
from ncclient.operations.rpc import RPCError
from nchelpers import CRYPTO, NS, NetconfRouter, config, texts, yanglint

from refrouter.lab.boot import BootableRouter
from refrouter.netconf.datastore import edit_running, running_tree
from refrouter.netconf.xml import parse_xml, to_bytes

pytest_plugins = ["ncfixtures"]

STARTUP = """crypto ikev2 proposal P1
 encryption aes-cbc-256 aes-cbc-128
 integrity sha256
 group 19 14
crypto ikev2 policy POL
 match fvrf any
 proposal P1
crypto ikev2 keyring KR
 peer HUB
  address 192.0.2.1
  identity fqdn hub.example.net
  pre-shared-key local LocalKey1
  pre-shared-key remote RemoteKey1
crypto ikev2 authorization policy AUTHZ
 pool POOL
crypto ikev2 profile PROF
 match identity remote address 192.0.2.1 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
 dpd 10 3 periodic
 aaa authorization group psk list default AUTHZ
 virtual-template 1
crypto ikev2 dpd 30 5 on-demand
no crypto ikev2 proposal default
no crypto ipsec transform-set default
"""


def ikev2(inner: str) -> str:
    return config(f'<ikev2 xmlns="{CRYPTO}">{inner}</ikev2>')


def test_get_config_reports_the_ikev2_objects(nc_factory) -> None:  # type: ignore[no-untyped-def]
    nc: NetconfRouter = nc_factory(STARTUP)
    subtree = f'<native xmlns="{NS["ios"]}"><crypto><ikev2 xmlns="{CRYPTO}"/></crypto></native>'
    with nc.connect() as m:
        reply = m.get_config("running", filter=("subtree", subtree))
    base = "//crypto:ikev2"
    assert texts(reply, f"{base}/crypto:proposal/crypto:name") == ["P1"]
    encryption = etree.fromstring(reply.xml.encode()).find(f".//{{{CRYPTO}}}proposal/{{{CRYPTO}}}encryption")
    assert encryption is not None
    assert [etree.QName(e).localname for e in encryption] == ["aes-cbc-128", "aes-cbc-256"]  # YANG order
    assert texts(reply, f"{base}/crypto:policy/crypto:proposal/crypto:proposals") == ["P1"]
    assert texts(reply, f"{base}/crypto:keyring/crypto:peer/crypto:pre-shared-key/crypto:remote-option/crypto:key") == [
        "RemoteKey1"
    ]
    assert texts(reply, f"{base}/crypto:profile/crypto:keyring/crypto:local/crypto:name") == ["KR"]
    assert texts(reply, f"{base}/crypto:dpd-container/crypto:dpd-query") == ["on-demand"]


def test_edit_config_writes_ikev2_and_keeps_what_netconf_does_not_serve(nc_factory) -> None:  # type: ignore[no-untyped-def]
    nc: NetconfRouter = nc_factory(STARTUP)
    payload = ikev2(
        "<proposal><name>P2</name><encryption><aes-gcm-256/></encryption><group><twenty/></group>"
        "<prf><sha384/></prf></proposal>"
        "<profile><name>PROF</name><lifetime><seconds>28800</seconds></lifetime>"
        "<match><identity><remote><fqdn><domains>example.net</domains></fqdn></remote></identity></match></profile>"
    )
    with nc.connect() as m:
        m.edit_config(target="running", config=payload)
    assert nc.section("crypto ikev2 proposal P2") == (
        "crypto ikev2 proposal P2\n encryption aes-gcm-256\n prf sha384\n group 20"
    )
    # CLI order of P1's algorithms survives an unrelated edit; the profile keeps its AAA authorization
    assert " encryption aes-cbc-256 aes-cbc-128\n" in nc.section("crypto ikev2 proposal P1") + "\n"
    profile = nc.section("crypto ikev2 profile PROF")
    assert " lifetime 28800" in profile
    assert (
        " match identity remote address 192.0.2.1 255.255.255.255\n match identity remote fqdn domain example.net\n"
        in (profile + "\n")
    )
    assert " aaa authorization group psk list default AUTHZ" in profile
    assert "crypto ikev2 authorization policy AUTHZ\n pool POOL" in nc.running_config()
    assert "no crypto ikev2 proposal default\n" in nc.running_config()
    assert "no crypto ipsec transform-set default\n" in nc.running_config()


def test_an_edit_naming_a_missing_keyring_is_refused_and_changes_nothing(nc_factory) -> None:  # type: ignore[no-untyped-def]
    nc: NetconfRouter = nc_factory(STARTUP)
    before = nc.running_config()
    payload = ikev2("<profile><name>PROF</name><keyring><local><name>NOPE</name></local></keyring></profile>")
    with nc.connect() as m, pytest.raises(RPCError) as err:
        m.edit_config(target="running", config=payload)
    assert "IKEv2 keyring must exist (NOPE)" in str(err.value)
    assert nc.running_config() == before


def test_a_family_without_a_served_node_is_named_in_the_error(nc_factory) -> None:  # type: ignore[no-untyped-def]
    nc: NetconfRouter = nc_factory(STARTUP)
    payload = config(f'<pki xmlns="{CRYPTO}"><trustpoint><id>TP</id></trustpoint></pki>')
    with nc.connect() as m, pytest.raises(RPCError) as err:
        m.edit_config(target="running", config=payload)
    assert "pki is not part of the served subtree" in str(err.value)


def test_the_rendered_ikev2_tree_validates_against_the_yang(tmp_path: Path) -> None:
    if shutil.which("yanglint") is None:
        pytest.skip("yanglint (Debian libyang-tools) is not installed")
    router = BootableRouter("R1")
    router.boot(STARTUP)
    assert router.boot_errors == []
    edit_running(router, parse_xml(ikev2("<proposal><name>P3</name><encryption><en-3des/></encryption>"
                                         "<group><two/></group><integrity><md5/></integrity></proposal>").encode()),
                 "merge")
    assert yanglint({"ikev2": to_bytes(running_tree(router))}, "config", tmp_path) == ""


def test_tunnel_settings_outside_the_served_leaves_survive_an_interface_edit(nc_factory) -> None:  # type: ignore[no-untyped-def]
    tunnel = (
        "crypto ipsec transform-set TS esp-aes esp-sha-hmac\ncrypto ipsec profile VTI\n set transform-set TS\n"
        "interface Tunnel0\n ip address 10.0.0.1 255.255.255.252\n ip mtu 1400\n ip nhrp network-id 1\n"
        " tunnel source GigabitEthernet1\n tunnel mode ipsec ipv4\n tunnel destination 192.0.2.1\n"
        " tunnel protection ipsec profile VTI\n"
    )
    nc: NetconfRouter = nc_factory(tunnel)
    payload = config('<interface><Tunnel><name>0</name><description>to HQ</description></Tunnel></interface>',
                     crypto=False)
    with nc.connect() as m:
        m.edit_config(target="running", config=payload)
    assert nc.section("interface Tunnel0") == (
        "interface Tunnel0\n description to HQ\n ip address 10.0.0.1 255.255.255.252\n ip mtu 1400\n"
        " ip nhrp network-id 1\n tunnel source GigabitEthernet1\n tunnel mode ipsec ipv4\n"
        " tunnel destination 192.0.2.1\n tunnel protection ipsec profile VTI"
    )

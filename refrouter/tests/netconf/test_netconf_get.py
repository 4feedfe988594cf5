"""ncclient 0.7.1 (iosxe and default handlers) reads the running and startup datastores with filters."""

from __future__ import annotations

import pytest
from ncclient.operations.rpc import RPCError
from nchelpers import CRYPTO, NATIVE, NC, NS, NetconfRouter, texts, xml

pytest_plugins = ["ncfixtures"]

STARTUP = """hostname Branch
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp policy 20
 encr 3des
crypto isakmp key s3cr3t-psk address 203.0.113.2
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto ipsec transform-set TT esp-3des esp-md5-hmac
 mode transport
ip access-list extended VPN
 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255
crypto map CMAP 10 ipsec-isakmp
 set peer 203.0.113.2
 set transform-set TS
 match address VPN
interface GigabitEthernet1
 ip address 203.0.113.1 255.255.255.0
 crypto map CMAP
 no shutdown
"""
POLICY_SUBTREE = (
    f'<native xmlns="{NATIVE}"><crypto><isakmp xmlns="{CRYPTO}">'
    "<policy><number>10</number></policy></isakmp></crypto></native>"
)


@pytest.fixture
def branch(nc_factory) -> NetconfRouter:  # type: ignore[no-untyped-def]
    return nc_factory(STARTUP, name="Branch")


@pytest.mark.parametrize("device", ["iosxe", None])
def test_hello_and_full_running_config(branch: NetconfRouter, device: str | None) -> None:
    with branch.connect(device) as m:
        assert "urn:ietf:params:netconf:base:1.1" in m.server_capabilities
        assert m.session_id.isdigit()
        reply = m.get_config("running")
    assert texts(reply, "//ios:hostname") == ["Branch"]
    assert texts(reply, "//crypto:isakmp/crypto:policy/crypto:number") == ["10", "20"]
    assert texts(reply, "//crypto:key-address-host/crypto:key") == ["s3cr3t-psk"]
    assert texts(reply, "//ios:GigabitEthernet[ios:name='1']/crypto:crypto/crypto:map/crypto:tag") == ["CMAP"]
    assert texts(reply, "//acl:extended/acl:name") == ["VPN"]


def test_subtree_filter_content_match_selects_one_list_entry(branch: NetconfRouter) -> None:
    with branch.connect() as m:
        reply = m.get_config("running", filter=("subtree", POLICY_SUBTREE))
    policies = xml(reply).xpath("//crypto:policy", namespaces=NS)
    assert len(policies) == 1
    assert texts(reply, "//crypto:policy/crypto:hash") == ["sha256"]
    assert texts(reply, "//crypto:aes-choice/crypto:key-type") == ["256"]
    assert xml(reply).xpath("//ios:hostname|//crypto:transform-set", namespaces=NS) == []


def test_subtree_filter_selection_node_keeps_list_keys(branch: NetconfRouter) -> None:
    selection = (f'<native xmlns="{NATIVE}"><crypto><ipsec xmlns="{CRYPTO}"><transform-set><mode/>'
                 "</transform-set></ipsec></crypto></native>")
    with branch.connect() as m:
        reply = m.get_config("running", filter=("subtree", selection))
    assert texts(reply, "//crypto:transform-set/crypto:tag") == ["TS", "TT"]
    assert len(xml(reply).xpath("//crypto:transform-set/crypto:mode/crypto:transport-choice", namespaces=NS)) == 1
    assert xml(reply).xpath("//crypto:esp", namespaces=NS) == []


@pytest.mark.parametrize(
    "select, namespaces",
    [
        ("/native/crypto/isakmp/policy[number='20']", {}),
        ("/ios:native/ios:crypto/ios-crypto:isakmp/ios-crypto:policy[ios-crypto:number='20']",
         {"ios": NATIVE, "ios-crypto": CRYPTO}),
    ],
)
def test_xpath_filter_returns_the_node_with_ancestors(
    branch: NetconfRouter, select: str, namespaces: dict[str, str]
) -> None:
    with branch.connect() as m:
        reply = m.get_config("running", filter=("xpath", (namespaces, select) if namespaces else select))
    assert texts(reply, "/nc:rpc-reply/nc:data/ios:native/ios:crypto/crypto:isakmp/crypto:policy/crypto:number") == [
        "20"
    ]
    assert xml(reply).xpath("//crypto:a3des", namespaces=NS)
    assert xml(reply).xpath("//ios:interface", namespaces=NS) == []


def test_xpath_filter_on_a_key_leaf_and_a_bad_expression(branch: NetconfRouter) -> None:
    with branch.connect() as m:
        reply = m.get_config("running", filter=("xpath", "/native/interface/GigabitEthernet/crypto/map/tag"))
        assert texts(reply, "//ios:GigabitEthernet/ios:name") == ["1"]
        assert texts(reply, "//crypto:tag") == ["CMAP"]
        with pytest.raises(RPCError) as err:
            m.get_config("running", filter=("xpath", "/native/["))
    assert err.value.tag == "invalid-value"


def test_startup_datastore_is_empty_until_saved_then_holds_the_save(branch: NetconfRouter) -> None:
    branch.cli(["crypto isakmp policy 30", " hash md5"])
    with branch.connect() as m:
        assert xml(m.get_config("startup")).xpath("/nc:rpc-reply/nc:data/*", namespaces=NS) == []
        saved = m.save_config()
        assert texts(saved, "//*[local-name()='result']") == ["Save running-config successful"]
        startup = m.get_config("startup", filter=("xpath", "/native/crypto/isakmp/policy/number"))
    assert texts(startup, "//crypto:policy/crypto:number") == ["10", "20", "30"]
    assert "crypto isakmp policy 30" in branch.router.read_startup()


def test_copy_config_running_to_startup_and_close_session(branch: NetconfRouter) -> None:
    m = branch.connect(None)
    reply = m.copy_config(source="running", target="startup")
    assert reply.ok
    assert "hostname Branch" in branch.router.read_startup()
    m.close_session()
    assert branch.service.sessions == {}


def test_get_returns_config_and_an_empty_crypto_oper_container(branch: NetconfRouter) -> None:
    oper = '<crypto-oper-data xmlns="http://cisco.com/ns/yang/Cisco-IOS-XE-crypto-oper"/>'
    with branch.connect() as m:
        full = m.get()
        only_oper = m.get(filter=("subtree", oper))
    assert texts(full, "//ios:hostname") == ["Branch"]
    data = xml(only_oper).find(f"{{{NC}}}data")
    assert [child.tag for child in data] == ["{http://cisco.com/ns/yang/Cisco-IOS-XE-crypto-oper}crypto-oper-data"]

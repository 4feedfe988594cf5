"""edit-config on running over ncclient, each result cross-checked in `show running-config` (CLI rendering).

`EDITS` is also validated against the YANG modules by test_netconf_yang.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from ncclient.operations.rpc import RPCError
from nchelpers import ACL, CRYPTO, NATIVE, NS, NetconfRouter, config, crypto_map, ipsec, isakmp, texts, xml

pytest_plugins = ["ncfixtures"]

STARTUP = """crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key oldkey address 198.51.100.2
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto ipsec profile PROF
 set transform-set TS
crypto dynamic-map DYN 10
 set transform-set TS
crypto map CMAP 10 ipsec-isakmp
 set peer 198.51.100.2
 set transform-set TS
 match address 101
access-list 101 permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255
interface GigabitEthernet1
 ip address 198.51.100.1 255.255.255.0
 crypto map CMAP
 no shutdown
"""
OP = 'nc:operation="{}"'


@dataclass
class Edit:
    payload: str
    present: list[str] = field(default_factory=list)  # running-config blocks that must appear
    absent: list[str] = field(default_factory=list)  # running-config text that must be gone
    default_operation: str | None = None


def gi(number: str, inner: str) -> str:
    return f"<interface><GigabitEthernet><name>{number}</name>{inner}</GigabitEthernet></interface>"


EDITS: dict[str, Edit] = {
    "policy-merge-new": Edit(
        config(isakmp("<policy><number>20</number><authentication>pre-share</authentication><encryption>"
                      "<aes-choice/></encryption><group>19</group><lifetime>3600</lifetime></policy>")),
        ["crypto isakmp policy 20\n encr aes\n authentication pre-share\n group 19\n lifetime 3600"],
    ),
    "policy-merge-existing": Edit(
        config(isakmp("<policy><number>10</number><lifetime>28800</lifetime></policy>")),
        ["crypto isakmp policy 10\n encr aes 256\n hash sha256\n authentication pre-share\n group 14\n lifetime 28800"],
    ),
    "policy-merge-choice": Edit(
        config(isakmp("<policy><number>10</number><encryption><a3des/></encryption></policy>")),
        ["crypto isakmp policy 10\n encr 3des\n hash sha256"], ["encr aes"],
    ),
    "policy-replace": Edit(
        config(isakmp(f"<policy {OP.format('replace')}><number>10</number><hash>md5</hash></policy>")),
        ["crypto isakmp policy 10\n hash md5\ncrypto isakmp key"], ["encr aes 256"],
    ),
    "policy-create": Edit(
        config(isakmp(f"<policy {OP.format('create')}><number>30</number><encryption><a3des/></encryption>"
                      "</policy>")),
        ["crypto isakmp policy 30\n encr 3des"],
    ),
    "policy-delete": Edit(
        config(isakmp(f"<policy {OP.format('delete')}><number>10</number></policy>")),
        absent=["crypto isakmp policy 10"],
    ),
    "policy-remove-missing": Edit(
        config(isakmp(f"<policy {OP.format('remove')}><number>99</number></policy>")),
        ["crypto isakmp policy 10\n encr aes 256"],
    ),
    "policy-delete-leaf": Edit(
        config(isakmp(f"<policy><number>10</number><group {OP.format('delete')}>14</group></policy>")),
        ["crypto isakmp policy 10\n encr aes 256\n hash sha256\n authentication pre-share\ncrypto"], [" group 14"],
    ),
    "key-merge": Edit(
        config(isakmp("<key><key-address-host><key>new-psk</key><address><address-v4><address>192.0.2.0</address>"
                      "<mask>255.255.255.0</mask></address-v4></address></key-address-host></key>")),
        ["crypto isakmp key oldkey address 198.51.100.2\ncrypto isakmp key new-psk address 192.0.2.0 255.255.255.0"],
    ),
    "key-merge-same-peer": Edit(
        config(isakmp("<key><key-address-host><key>rotated</key><address><address-v4><address>198.51.100.2"
                      "</address></address-v4></address></key-address-host></key>")),
        ["crypto isakmp key rotated address 198.51.100.2"], ["oldkey"],
    ),
    "key-delete": Edit(
        config(isakmp(f"<key><key-address-host {OP.format('delete')}><key>oldkey</key></key-address-host></key>")),
        absent=["crypto isakmp key"],
    ),
    "default-policy-off": Edit(
        config(isakmp(f"<default><policy {OP.format('delete')}/></default>")),
        ["no crypto isakmp default policy"],
    ),
    "transform-set-merge-new": Edit(
        config(ipsec("<transform-set><tag>TS2</tag><esp>esp-gcm</esp><key-bit>256</key-bit><mode>"
                     "<transport-choice/></mode></transform-set>")),
        ["crypto ipsec transform-set TS2 esp-gcm 256 \n mode transport"],
    ),
    "transform-set-merge-mode": Edit(
        config(ipsec("<transform-set><tag>TS</tag><mode><transport-choice/></mode></transform-set>")),
        ["crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac \n mode transport"],
    ),
    "transform-set-replace": Edit(
        config(ipsec(f"<transform-set {OP.format('replace')}><tag>TS</tag><esp>esp-3des</esp>"
                     "<esp-hmac>esp-sha-hmac</esp-hmac></transform-set>")),
        ["crypto ipsec transform-set TS esp-3des esp-sha-hmac \n mode tunnel"],
    ),
    "transform-set-remove-missing": Edit(
        config(ipsec(f"<transform-set {OP.format('remove')}><tag>NOPE</tag></transform-set>")),
        ["crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac "],
    ),
    "profile-merge": Edit(
        config(ipsec("<profile><name>PROF</name><set><pfs><group>group14</group></pfs><security-association>"
                     "<lifetime><seconds-case>7200</seconds-case></lifetime></security-association></set></profile>")),
        [("crypto ipsec profile PROF\n set security-association lifetime seconds 7200\n set transform-set TS \n"
          " set pfs group14")],
    ),
    "profile-delete": Edit(
        config(ipsec(f"<profile {OP.format('delete')}><name>PROF</name></profile>")),
        absent=["crypto ipsec profile"],
    ),
    "map-merge-new-entry": Edit(
        config(crypto_map("<map><name>CMAP</name><seq>20</seq><ipsec-isakmp/><match><address>VPN2</address></match>"
                          "<set><peer><addresses>192.0.2.1</addresses><addresses>192.0.2.2</addresses></peer><pfs>"
                          "<group>group19</group></pfs><transform-set>TS</transform-set><security-association>"
                          "<lifetime><seconds-case>1800</seconds-case><kilobytes>102400</kilobytes></lifetime>"
                          "</security-association></set></map>")),
        [("crypto map CMAP 20 ipsec-isakmp \n set peer 192.0.2.1\n set peer 192.0.2.2\n"
          " set security-association lifetime seconds 1800\n set security-association lifetime kilobytes 102400\n"
          " set transform-set TS \n set pfs group19\n match address VPN2")],
    ),
    "map-merge-peer": Edit(
        config(crypto_map("<map><name>CMAP</name><seq>10</seq><set><peer><addresses>192.0.2.7</addresses></peer>"
                          "</set></map>")),
        ["crypto map CMAP 10 ipsec-isakmp \n set peer 198.51.100.2\n set peer 192.0.2.7\n set transform-set TS "],
    ),
    "map-replace-entry": Edit(
        config(crypto_map(f"<map {OP.format('replace')}><name>CMAP</name><seq>10</seq><ipsec-isakmp/>"
                          "<set><peer><addresses>192.0.2.8</addresses></peer></set></map>")),
        ["crypto map CMAP 10 ipsec-isakmp \n set peer 192.0.2.8\n!"], ["match address 101", " set peer 198.51.100.2"],
    ),
    "map-remove-transform-set": Edit(
        config(crypto_map(f"<map><name>CMAP</name><seq>10</seq><set><transform-set {OP.format('remove')}>TS"
                          "</transform-set></set></map>")),
        ["crypto map CMAP 10 ipsec-isakmp \n set peer 198.51.100.2\n match address 101"],
    ),
    "map-dynamic-entry": Edit(
        config(crypto_map("<map><name>CMAP</name><seq>30</seq><ipsec-isakmp><dynamic><mode>DYN</mode></dynamic>"
                          "</ipsec-isakmp></map>")),
        ["crypto map CMAP 30 ipsec-isakmp dynamic DYN "],
    ),
    "map-delete-entry": Edit(
        config(crypto_map(f"<map {OP.format('delete')}><name>CMAP</name><seq>10</seq></map>")),
        absent=["crypto map CMAP 10"],
    ),
    "dynamic-map-merge": Edit(
        config(f'<dynamic-map xmlns="{CRYPTO}"><name>DYN</name><sequence>20</sequence><set><pfs><group>group14'
               "</group></pfs><transform-set>TS</transform-set></set></dynamic-map>"),
        ["crypto dynamic-map DYN 20\n set transform-set TS \n set pfs group14"],
    ),
    "dynamic-map-delete": Edit(
        config(f'<dynamic-map xmlns="{CRYPTO}" {OP.format("delete")}><name>DYN</name><sequence>10</sequence>'
               "</dynamic-map>"),
        absent=["crypto dynamic-map"],
    ),
    "interface-bind": Edit(
        config(gi("2", f"<shutdown {OP.format('delete')}/><ip><address><primary><address>192.0.2.1</address>"
                       f'<mask>255.255.255.0</mask></primary></address></ip><crypto xmlns="{CRYPTO}"><map><tag>CMAP'
                       "</tag></map></crypto>"), crypto=False),
        ["interface GigabitEthernet2\n ip address 192.0.2.1 255.255.255.0\n crypto map CMAP\n negotiation auto"],
    ),
    "interface-unbind": Edit(
        config(gi("1", f'<crypto xmlns="{CRYPTO}"><map {OP.format("delete")}/></crypto>'), crypto=False),
        ["interface GigabitEthernet1\n ip address 198.51.100.1 255.255.255.0\n negotiation auto"],
        [" crypto map CMAP\n"],
    ),
    "interface-access-group": Edit(
        config(gi("1", "<ip><access-group><in><acl><acl-name>101</acl-name><in/></acl></in><out><acl><acl-name>"
                       "OUT-F</acl-name><out/></acl></out></access-group></ip>"), crypto=False),
        ["interface GigabitEthernet1\n ip address 198.51.100.1 255.255.255.0\n ip access-group 101 in\n"
         " ip access-group OUT-F out\n crypto map CMAP"],
    ),
    "hostname": Edit(config("<hostname>Edge-7</hostname>", crypto=False), ["hostname Edge-7"]),
    "acl-create": Edit(
        config(f'<ip><access-list><extended xmlns="{ACL}" {OP.format("create")}><name>VPN2</name>'
               "<access-list-seq-rule><sequence>10</sequence><remarks>to branch</remarks></access-list-seq-rule>"
               "<access-list-seq-rule><sequence>20</sequence><ace-rule><action>permit</action><protocol>tcp"
               "</protocol><host-address>10.1.1.1</host-address><dst-any/><dst-eq>www</dst-eq><log/></ace-rule>"
               "</access-list-seq-rule></extended>"
               f'<standard xmlns="{ACL}"><name>10</name><access-list-seq-rule><sequence>10'
               "</sequence><deny><std-ace><ipv4-address-prefix>10.9.0.0</ipv4-address-prefix><mask>0.0.255.255"
               "</mask></std-ace></deny></access-list-seq-rule></standard></access-list></ip>", crypto=False),
        ["ip access-list extended VPN2\n 10 remark to branch\n 20 permit tcp host 10.1.1.1 any eq 80 log",
         "ip access-list standard 10\n 10 deny 10.9.0.0 0.0.255.255\nip access-list extended 101\n 10 permit"],
    ),
    "default-operation-none": Edit(
        config(isakmp(f"<policy><number>10</number><hash {OP.format('merge')}>sha384</hash></policy>")),
        ["crypto isakmp policy 10\n encr aes 256\n hash sha384"], default_operation="none",
    ),
}


@pytest.fixture
def router(nc_factory) -> NetconfRouter:  # type: ignore[no-untyped-def]
    return nc_factory(STARTUP)


@pytest.mark.parametrize("name", list(EDITS))
def test_edit_is_visible_in_show_running_config(router: NetconfRouter, name: str) -> None:
    edit = EDITS[name]
    with router.connect() as m:
        reply = m.edit_config(target="running", config=edit.payload, default_operation=edit.default_operation)
        assert reply.ok
    running = router.running_config()
    for block in edit.present:
        assert block in running, f"{block!r} not in\n{running}"
    for text in edit.absent:
        assert text not in running, f"{text!r} still in\n{running}"


ERRORS: dict[str, tuple[str, str, str | None]] = {  # payload, error-tag, bad-element
    "priority-0": (config(isakmp("<policy><number>0</number></policy>")), "invalid-value", "number"),
    "unknown-cipher": (
        config(isakmp("<policy><number>10</number><encryption><blowfish/></encryption></policy>")),
        "unknown-element", "blowfish",
    ),
    "bad-esp": (config(ipsec("<transform-set><tag>X</tag><esp>esp-rc4</esp></transform-set>")), "invalid-value", "esp"),
    "bad-group": (config(isakmp("<policy><number>10</number><group>3</group></policy>")), "invalid-value", "group"),
    "delete-missing": (
        config(isakmp(f"<policy {OP.format('delete')}><number>77</number></policy>")), "data-missing", "policy",
    ),
    "create-existing": (
        config(ipsec(f"<transform-set {OP.format('create')}><tag>TS</tag><esp>esp-aes</esp></transform-set>")),
        "data-exists", "transform-set",
    ),
    "delete-used-transform-set": (
        config(ipsec(f"<transform-set {OP.format('delete')}><tag>TS</tag></transform-set>")),
        "operation-failed", None,
    ),
    "profile-missing-transform-set": (
        config(ipsec("<profile><name>P2</name><set><transform-set>GHOST</transform-set></set></profile>")),
        "operation-failed", None,
    ),
    "missing-key": (config(isakmp("<policy><hash>md5</hash></policy>")), "missing-element", "number"),
    "no-transforms": (config(ipsec("<transform-set><tag>EMPTY</tag></transform-set>")), "missing-element", "esp"),
    "gcm-with-hmac": (
        config(ipsec("<transform-set><tag>G</tag><esp>esp-gcm</esp><esp-hmac>esp-sha-hmac</esp-hmac></transform-set>")),
        "invalid-value", "esp-hmac",
    ),
    "unknown-namespace": (
        ('<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><interfaces xmlns="urn:ietf:params:xml:ns:yang:'
         'ietf-interfaces"/></config>'), "unknown-namespace", "interfaces",
    ),
    "access-group-without-acl-name": (
        config(gi("1", "<ip><access-group><in><acl><in/></acl></in></access-group></ip>"), crypto=False),
        "missing-element", "acl-name",
    ),
    "access-group-bad-acl-name": (
        config(gi("1", "<ip><access-group><in><acl><acl-name>5000</acl-name><in/></acl></in></access-group></ip>"),
               crypto=False),
        "invalid-value", "acl-name",
    ),
    "no-such-interface": (config(gi("9", "<description>x</description>"), crypto=False), "invalid-value", "name"),
    "unqualified-operation": (
        config(isakmp('<policy operation="delete"><number>10</number></policy>')), "unknown-attribute", "policy",
    ),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_bad_edits_are_refused_with_rfc6241_errors(router: NetconfRouter, name: str) -> None:
    payload, tag, element = ERRORS[name]
    before = router.running_config()
    with router.connect() as m, pytest.raises(RPCError) as err:
        m.edit_config(target="running", config=payload)
    assert err.value.tag == tag
    if element is not None:
        assert f"<bad-element>{element}</bad-element>" in err.value.info
    assert router.running_config() == before


def test_default_operation_none_refuses_a_new_entry_without_operation(router: NetconfRouter) -> None:
    with router.connect() as m, pytest.raises(RPCError) as err:
        m.edit_config(target="running", default_operation="none",
                      config=config(isakmp("<policy><number>55</number><hash>md5</hash></policy>")))
    assert err.value.tag == "data-missing"
    assert "crypto isakmp policy 55" not in router.running_config()


@pytest.mark.parametrize("error_option", [None, "stop-on-error", "rollback-on-error"])
def test_a_failing_edit_applies_nothing(router: NetconfRouter, error_option: str | None) -> None:
    payload = config(isakmp("<policy><number>40</number><hash>md5</hash></policy>"
                            "<policy><number>41</number><lifetime>5</lifetime></policy>"))
    before = router.running_config()
    with router.connect() as m, pytest.raises(RPCError) as err:
        m.edit_config(target="running", config=payload, error_option=error_option)
    assert err.value.tag == "invalid-value"
    assert router.running_config() == before
    assert "crypto isakmp policy 40" not in before


def test_access_group_set_over_cli_is_served_and_deleted_by_direction(router: NetconfRouter) -> None:
    router.cli(["interface GigabitEthernet1", " ip access-group 101 in", " ip access-group 110 out"])
    with router.connect() as m:
        served = m.get_config(source="running", filter=("subtree", f'<native xmlns="{NATIVE}">{gi("1", "")}</native>'))
        served_xml = served.data_xml
        m.edit_config(target="running", config=config(
            gi("1", f"<ip><access-group><in {OP.format('delete')}/></access-group></ip>"), crypto=False))
    assert "<access-group><in><acl><acl-name>101</acl-name><in/></acl></in><out><acl><acl-name>110</acl-name><out/>" \
        in served_xml
    running = router.running_config()
    assert "interface GigabitEthernet1\n ip address 198.51.100.1 255.255.255.0\n ip access-group 110 out\n" in running
    assert " ip access-group 101 in" not in running


def test_cli_changes_show_up_in_get_config(router: NetconfRouter) -> None:
    router.cli(["crypto ipsec transform-set CLI-TS esp-aes esp-sha-hmac", " mode transport",
                "interface GigabitEthernet3", " crypto map CMAP"])
    with router.connect() as m:
        reply = m.get_config("running")
    assert texts(reply, "//crypto:transform-set[crypto:tag='CLI-TS']/crypto:esp") == ["esp-aes"]
    assert len(xml(reply).xpath("//crypto:transform-set[crypto:tag='CLI-TS']/crypto:mode/crypto:transport-choice",
                                namespaces=NS)) == 1
    assert texts(reply, "//ios:GigabitEthernet[ios:name='3']/crypto:crypto/crypto:map/crypto:tag") == ["CMAP"]


def test_netconf_edit_logs_dmi_config_without_secrets(router: NetconfRouter) -> None:
    with router.connect() as m:
        m.edit_config(target="running", config=EDITS["key-merge"].payload)
    messages = [e.message for e in router.router.logs.entries()]
    assert any(msg.startswith("%DMI-5-CONFIG_I:") and router.live.credentials.username in msg for msg in messages)
    assert not any("new-psk" in msg for msg in messages)


def test_namespace_prefixes_in_payloads_are_honoured(router: NetconfRouter) -> None:
    payload = (f'<nc:config xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0"><ios:native xmlns:ios="{NATIVE}">'
               f'<ios:crypto><c:isakmp xmlns:c="{CRYPTO}"><c:policy><c:number>60</c:number><c:hash>sha512</c:hash>'
               "</c:policy></c:isakmp></ios:crypto></ios:native></nc:config>")
    with router.connect() as m:
        m.edit_config(target="running", config=payload)
    assert "crypto isakmp policy 60\n hash sha512" in router.running_config()

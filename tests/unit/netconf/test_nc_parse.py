"""get-config XML -> facts: the same facts as the CLI parser, every not-understood element reported."""

from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import parse_config_xml
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    parse_running_config,
)
from nc_inprocess import RouterDatastore

NS = (
    'xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" xmlns:ios="http://cisco.com/ns/yang/Cisco-IOS-XE-native" '
    'xmlns:crypto="http://cisco.com/ns/yang/Cisco-IOS-XE-crypto"'
)
# A reply with prefixes and the older forms a device may still report (obsolete aes/key and des, the
# separate aes-256 leaf, esp-256-aes, a single peer/address, lifetime/seconds, pfs without a group).
PREFIXED_REPLY = f"""<nc:rpc-reply message-id="1" {NS}><nc:data><ios:native><ios:crypto>
<crypto:ipsec><crypto:transform-set><crypto:tag>OLD</crypto:tag><crypto:esp>esp-256-aes</crypto:esp>
<crypto:esp-hmac>esp-sha-hmac</crypto:esp-hmac></crypto:transform-set></crypto:ipsec>
<crypto:isakmp>
 <crypto:policy><crypto:number>1</crypto:number><crypto:encryption><crypto:aes><crypto:key>192</crypto:key>
  </crypto:aes></crypto:encryption></crypto:policy>
 <crypto:policy><crypto:number>2</crypto:number><crypto:encryption><crypto:des/></crypto:encryption>
  <crypto:hash>md5</crypto:hash></crypto:policy>
 <crypto:policy><crypto:number>3</crypto:number><crypto:encryption><crypto:aes-256/></crypto:encryption>
  <crypto:lifetime>600</crypto:lifetime><crypto:group>20</crypto:group></crypto:policy>
</crypto:isakmp>
<crypto:map><crypto:map-seq><crypto:map><crypto:name>M</crypto:name><crypto:seq>5</crypto:seq>
 <crypto:ipsec-isakmp/><crypto:set><crypto:peer><crypto:address>192.0.2.5</crypto:address></crypto:peer>
 <crypto:pfs/><crypto:security-association><crypto:lifetime><crypto:seconds>900</crypto:seconds>
 </crypto:lifetime></crypto:security-association></crypto:set></crypto:map></crypto:map-seq></crypto:map>
</ios:crypto></ios:native></nc:data></nc:rpc-reply>"""

UNDERSTOOD_LESS = """<data xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
<native xmlns="http://cisco.com/ns/yang/Cisco-IOS-XE-native">
 <interface>
  <GigabitEthernet><name>1</name><crypto xmlns="http://cisco.com/ns/yang/Cisco-IOS-XE-crypto">
   <map><tag>M</tag><redundancy>R</redundancy></map><ipsec><df-bit>clear</df-bit></ipsec></crypto></GigabitEthernet>
 </interface>
 <crypto>
  <dynamic-map xmlns="http://cisco.com/ns/yang/Cisco-IOS-XE-crypto"><name>D</name><sequence>1</sequence>
   <description>x</description><set><reverse-route/><transform-set>T</transform-set></set></dynamic-map>
  <ipsec xmlns="http://cisco.com/ns/yang/Cisco-IOS-XE-crypto">
   <transform-set><tag>LZS</tag><esp>esp-aes</esp><comp-lzs/></transform-set>
   <transform-set><tag>T</tag><esp>esp-aes</esp><esn/><mode><transport-choice><require/></transport-choice></mode>
   </transform-set>
   <profile><name>P</name><set><transform-set>T</transform-set></set></profile>
  </ipsec>
  <isakmp xmlns="http://cisco.com/ns/yang/Cisco-IOS-XE-crypto">
   <keepalive><number>10</number></keepalive>
   <key><key-address-host><key>Do-Not-Show</key><address><address-v6><ipv6>2001:db8::/64</ipv6></address-v6>
    <address-v4><address>192.0.2.1</address></address-v4></address><hostname><name>peer.example</name></hostname>
   </key-address-host></key>
   <policy><number>7</number><default><hash/></default></policy>
  </isakmp>
  <map xmlns="http://cisco.com/ns/yang/Cisco-IOS-XE-crypto">
   <map-seq>
    <map><name>M</name><seq>10</seq><gdoi/></map>
    <map><name>M</name><seq>20</seq><ipsec-isakmp><profile>P</profile></ipsec-isakmp></map>
    <map><name>M</name><seq>30</seq><ipsec-isakmp/><match><address>101</address></match></map>
   </map-seq>
   <map-local><map><name>M</name><local-address><Loopback>0</Loopback></local-address></map></map-local>
  </map>
 </crypto>
</native></data>"""


def test_router_get_config_reads_as_the_cli_parser_reads_show_running_config() -> None:
    startup = """crypto isakmp policy 10
 encr aes 256
 hash sha384
 authentication pre-share
 group 21
 lifetime 600
crypto isakmp key Rich-Key address 192.0.2.1
crypto isakmp key Rich-Key address 192.0.2.2 255.255.255.255 no-xauth
crypto isakmp key Net-Key address 10.0.0.0 255.0.0.0
no crypto isakmp default policy
crypto ipsec transform-set T1 esp-null esp-md5-hmac
crypto ipsec transform-set T2 esp-gmac 192
 mode transport
crypto ipsec transform-set T3 ah-sha512-hmac
crypto ipsec profile VTI
 set transform-set T1 T2
crypto dynamic-map DYN 5
 set transform-set T2
 set security-association lifetime seconds 120
 match address 2001
crypto map VPN 10 ipsec-isakmp
 set peer 203.0.113.9
 set peer 203.0.113.10
 set pfs
 set transform-set T1 T3
 match address 2001
crypto map VPN 65535 ipsec-isakmp dynamic DYN
interface GigabitEthernet4
 crypto map VPN
"""
    device = RouterDatastore(startup)
    xml = parse_config_xml(device.running_config())
    cli = parse_running_config(device.cli_text())
    for resource in ("isakmp_policies", "isakmp_keys", "transform_sets", "crypto_maps", "ipsec_profiles"):
        assert getattr(xml, resource) == getattr(cli, resource), resource
    assert xml.ipsec_profiles == cli.ipsec_profiles == [{"name": "VTI", "transform_sets": ["T1", "T2"]}]
    assert xml.crypto_defaults == {"isakmp_default_policy": False}
    assert cli.crypto_defaults["isakmp_default_policy"] is False
    assert xml.unparsed == []


def test_prefixed_reply_and_older_forms() -> None:
    config = parse_config_xml(PREFIXED_REPLY)
    assert [
        (p["priority"], p["encryption"], p["hash"], p["group"], p["lifetime"]) for p in config.isakmp_policies
    ] == [
        (1, "aes-192", "sha", 1, 86400),
        (2, "des", "md5", 1, 86400),
        (3, "aes-256", "sha", 20, 600),
    ]
    assert config.transform_sets == [
        {
            "name": "OLD",
            "esp_encryption": "esp-aes",
            "key_size": 256,
            "esp_integrity": "esp-sha-hmac",
            "mode": "tunnel",
        }
    ]
    assert config.crypto_maps == [
        {
            "name": "M",
            "dynamic": False,
            "entries": [{"seq": 5, "peers": ["192.0.2.5"], "pfs": "group1", "sa_lifetime": {"seconds": 900}}],
        }
    ]
    assert config.crypto_defaults == {"isakmp_default_policy": False}
    assert config.unparsed == []


def test_elements_the_facts_cannot_carry_are_reported_and_left_out() -> None:
    config = parse_config_xml(UNDERSTOOD_LESS)
    assert config.transform_sets == [
        {"name": "T", "esp_encryption": "esp-aes", "key_size": 128, "mode": "transport"}
    ]
    assert config.isakmp_keys == [{"address": "192.0.2.1", "key": "Do-Not-Show"}]
    assert config.crypto_maps == [
        {"name": "D", "dynamic": True, "entries": [{"seq": 1, "transform_sets": ["T"]}]},
        {
            "name": "M",
            "dynamic": False,
            "entries": [{"seq": 30, "match_address": "101"}],
            "interfaces": ["GigabitEthernet1"],
        },
    ]
    assert config.ipsec_profiles == [{"name": "P", "transform_sets": ["T"]}]
    paths = {item.owner: [] for item in config.unparsed}
    for item in config.unparsed:
        paths[item.owner].append(item.line.text)
    assert paths == {
        "crypto_maps": [
            "/native/crypto/dynamic-map[name='D'][sequence='1']/description",
            "/native/crypto/dynamic-map[name='D'][sequence='1']/set/reverse-route",
            "/native/crypto/map/map-seq/map[name='M'][seq='10'] (not an ipsec-isakmp entry this module manages)",
            "/native/crypto/map/map-seq/map[name='M'][seq='20'] (not an ipsec-isakmp entry this module manages)",
            "/native/crypto/map/map-local",
            "/native/interface/GigabitEthernet1/crypto/map/redundancy",
        ],
        "transform_sets": [
            "/native/crypto/ipsec/transform-set[tag='LZS'] (transform comp-lzs)",
            "/native/crypto/ipsec/transform-set[tag='T']/esn",
            "/native/crypto/ipsec/transform-set[tag='T']/mode/transport-choice/require",
        ],
        "isakmp_keys": [
            "/native/crypto/isakmp/key/key-address-host[key='********']/address/address-v6",
            "/native/crypto/isakmp/key/key-address-host[key='********']/hostname",
        ],
        "isakmp_policies": ["/native/crypto/isakmp/policy[number='7']/default"],
        None: ["/native/interface/GigabitEthernet1/crypto/ipsec"],
    }
    warnings = config.warnings_for("isakmp_keys")
    assert warnings[0] == (
        "get-config element /native/crypto/isakmp/key/key-address-host[key='********']/address/address-v6 "
        "was not understood and is left unchanged"
    )
    assert "Do-Not-Show" not in str(warnings)
    assert len(warnings) == 3  # two key elements and the interface element no resource owns


def test_malformed_xml_is_a_clear_error() -> None:
    with pytest.raises(ResourceError, match="not well-formed XML"):
        parse_config_xml("<data><native>")

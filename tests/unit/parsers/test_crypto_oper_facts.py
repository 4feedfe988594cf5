"""ipsec_facts over NETCONF: crypto-oper replies to isakmp_sa / ipsec_sa, and which subsets NETCONF serves."""

from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.crypto_oper import parse_crypto_oper
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.over_netconf import (
    NotOverNetconf,
    subsets_over_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.subsets import resolve_subsets

NS = "http://cisco.com/ns/yang/Cisco-IOS-XE-crypto-oper"
REPLY = f"""<data xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><crypto-oper-data xmlns="{NS}">
<crypto-ipsec-ident><interface>GigabitEthernet1</interface><ident-data>
 <local-ident-addr>10.0.1.0</local-ident-addr><local-ident-mask>255.255.255.0</local-ident-mask>
 <local-ident-protocol>0</local-ident-protocol><remote-ident-addr>10.0.2.0</remote-ident-addr>
 <remote-ident-mask>255.255.255.0</remote-ident-mask><remote-ident-protocol>0</remote-ident-protocol>
 <local-endpt-addr>192.0.2.1</local-endpt-addr><remote-endpt-addr>192.0.2.2</remote-endpt-addr>
 <dh-group>crypto-dh-grouptype-group14</dh-group>
 <inbound-esp-sa><spi>3472883219</spi><dir>crypto-dir-inbound</dir><protocol>crypto-prot-esp</protocol>
  <flow-id>2001</flow-id><sa-status>crypto-sa-status-active</sa-status>
  <transform-set>crypto-transform-esp-aes-cbc-256 crypto-transform-esp-hmac-sha256</transform-set></inbound-esp-sa>
</ident-data></crypto-ipsec-ident>
<crypto-ikev1-sa><sa-id>1001</sa-id><sa-data><sa-id>1001</sa-id><sa-status>crypto-sa-status-active</sa-status>
 <local-ip-addr>192.0.2.1</local-ip-addr><local-port>500</local-port><remote-ip-addr>192.0.2.2</remote-ip-addr>
 <remote-port>500</remote-port><dh-group>crypto-dh-grouptype-group14</dh-group><fvrf>none</fvrf>
 <lifetime>3599</lifetime><hash-algo>crypto-hash-alg-auth-hmac-sha256</hash-algo>
 <encr-alg>crypto-encr-alg-cast</encr-alg><my-auth-method>crypto-ikev2-auth-psk</my-auth-method>
</sa-data></crypto-ikev1-sa>
</crypto-oper-data></data>"""


def test_crypto_oper_reply_becomes_the_cli_shaped_sa_tables() -> None:
    facts, warnings = parse_crypto_oper(REPLY)
    assert facts["isakmp_sa"] == [
        {"address_family": "IPv4", "c_id": 1001, "local": "192.0.2.1", "remote": "192.0.2.2", "local_port": 500,
         "remote_port": 500, "f_vrf": None, "status": "ACTIVE", "encr": "crypto-encr-alg-cast", "hash": "sha256",
         "auth": "psk", "dh": 14, "lifetime": "0:59:59", "lifetime_seconds": 3599}
    ]  # fmt: skip
    assert warnings == [
        "crypto-oper encr-alg: 'crypto-encr-alg-cast' has no CLI spelling; kept as the model names it"
    ]
    [entry] = facts["ipsec_sa"]
    [ident] = entry["idents"]
    assert (entry["interface"], entry["local_addr"]) == ("GigabitEthernet1", "192.0.2.1")
    assert ident["local_ident"] == {"addr": "10.0.1.0", "mask": "255.255.255.0", "prot": 0}
    assert ident["inbound_esp_sas"] == [
        {
            "spi": "0xCEFFFE13",
            "transform": ["esp-256-aes", "esp-sha256-hmac"],
            "flow_id": 2001,
            "status": "ACTIVE",
        }
    ]
    assert ident["outbound_esp_sas"] == [] and ident["dh_group"] == 14


def test_all_over_netconf_gathers_sa_and_names_what_it_left_out() -> None:
    subsets, warnings = subsets_over_netconf(["all"], resolve_subsets(["all"]))
    assert subsets == ["sa"]
    assert warnings[0].endswith(
        "left out: config, defaults, sessions, isakmp_flowmib, ipsec_flowmib, ikev2_sa, ikev2_session, "
        "tunnel_interfaces (gather them over ansible.netcommon.network_cli)"
    )
    assert subsets_over_netconf(["all", "!sa"], resolve_subsets(["all", "!sa"]))[0] == []


@pytest.mark.parametrize(
    ("requested", "named"), [(["sessions"], "sessions"), (["sa", "flowmib"], "isakmp_flowmib")]
)
def test_a_subset_named_explicitly_that_netconf_lacks_fails(requested: list[str], named: str) -> None:
    with pytest.raises(NotOverNetconf, match=f"gather_subset .*{named}.*: no YANG model"):
        subsets_over_netconf(requested, resolve_subsets(requested))


def test_ikev2_and_tunnel_subsets_over_netconf_say_what_the_model_offers() -> None:
    requested = ["sessions", "ikev2_sa", "tunnel_interfaces"]
    with pytest.raises(NotOverNetconf) as refused:
        subsets_over_netconf(requested, resolve_subsets(requested))
    message = str(refused.value)
    assert message.startswith(
        "gather_subset sessions: no YANG model of the device carries these show-command tables; "
    )
    assert "gather_subset ikev2_sa: Cisco-IOS-XE-crypto-oper has crypto-ikev2-sa" in message
    assert "no tunnel id, PRF, key size" in message
    assert "gather_subset tunnel_interfaces: the crypto-oper model has no interface state" in message
    assert message.endswith(
        "gather them over ansible.netcommon.network_cli (over NETCONF: sa and gather_network_resources)"
    )


def test_an_spi_below_0x10000000_reads_as_the_cli_prints_it() -> None:
    """IOS prints `spi: 0x31CA189(52208009)`, unpadded; the NETCONF facts must give the same text as the CLI's,
    or a playbook comparing the two fails for one SA in sixteen."""
    facts, warnings = parse_crypto_oper(REPLY.replace("<spi>3472883219</spi>", "<spi>52208009</spi>"))
    [inbound] = facts["ipsec_sa"][0]["idents"][0]["inbound_esp_sas"]
    assert inbound["spi"] == "0x31CA189" and len(warnings) == 1  # the cast cipher, as above

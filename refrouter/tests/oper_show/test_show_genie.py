"""Genie's IOS XE parsers (written by others, from real devices) read the router's operational shows, and
the values they extract equal the router's state: SPIs, peers, conn-ids, counters, lifetimes, states.

Each output is captured together with a copy of the state at one frozen instant (ShowLab.capture), so
remaining lifetimes and uptimes can be compared exactly.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from refrouter.state.oper.sa import IkeSa, IpsecTunnel
from refrouter.state.router import Router

from .conftest import PINGS_OK
from .showlab import HOST_A, HOST_B, LOCAL_ROLES, PEER_A, PEER_B, PING_BYTES, ShowLab

show_crypto = pytest.importorskip("genie.libs.parser.iosxe.show_crypto", reason="genie parsers not installed")

IFACE = "GigabitEthernet1"
FLOW_A = f"permit ip host {HOST_A} host {HOST_B}"  # RouterA's selectors; RouterB's are mirrored
FLOW_B = f"permit ip host {HOST_B} host {HOST_A}"


class ParserDevice:
    """The minimum a Genie parser needs when it is handed `output=` (as genie's own unit tests do)."""

    name = "refrouter"
    os = "iosxe"
    custom: ClassVar[dict[str, Any]] = {}


def genie(parser: str, output: str) -> dict[str, Any]:
    return dict(getattr(show_crypto, parser)(device=ParserDevice()).parse(output=output))


def hms(seconds: float) -> str:
    total = int(seconds)
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def tunnel_of(router: Router) -> IpsecTunnel:
    [tunnel] = router.oper.ipsec_tunnel_list()
    return tunnel


def live_sa(router: Router) -> IkeSa:
    [sa] = [sa for sa in router.oper.ike_sa_list() if sa.active]
    return sa


def spi(value: int) -> str:
    return f"0x{value:X}({value})"


# ------------------------------------------------------------------------------------------- ISAKMP


@pytest.mark.parametrize("name", ["RouterA", "RouterB"])
def test_isakmp_sa(seed_lab: ShowLab, name: str) -> None:
    [out], sas, _ = seed_lab.capture(name, ["show crypto isakmp sa"], lambda r: r.oper.ike_sa_list())
    assert [sa.state for sa in sas] == ["QM_IDLE"]
    # RouterA initiated: the exchange went from .228 (src) to .226 (dst) on both routers
    assert genie("ShowCryptoIsakmpSa", out) == {"isakmp_stats": {"IPv4": {1: {
        "destination": PEER_B, "source": PEER_A, "session_state": "QM_IDLE", "conn_id": sas[0].conn_id,
        "status": "ACTIVE"}}}}


def test_isakmp_sa_detail_with_keepalives(history_lab: ShowLab) -> None:
    """`crypto isakmp keepalive` fills the Cap. column (D), which Genie's row pattern needs."""
    [out], sas, now = history_lab.capture("RouterA", ["show crypto isakmp sa detail"], lambda r: r.oper.ike_sa_list())
    rows = genie("ShowCryptoIsakmpSaDetail", out)["isakmp_stats"]["IPv4"]
    expected = {}
    for position, sa in enumerate(sas, start=1):
        assert sa.policy is not None
        lifetime = hms(sa.expires - now) if sa.active and sa.expires else "0"
        expected[position] = {
            "c_id": sa.conn_id, "local_ip": PEER_A, "remote_ip": PEER_B, "status": "ACTIVE", "encr_algo": "aes",
            "hash_algo": "sha", "auth_type": "psk", "dh_group": 5, "lifetime": lifetime, "capabilities": "D",
            "engine_id": "SW", "conn_id": sa.conn_id - 1000,
        }
    assert rows == expected
    assert sas[0].active  # the newest SA (after `clear`) is listed first


def test_isakmp_sa_count_and_peers(seed_lab: ShowLab) -> None:
    count, peers = seed_lab.shows("RouterA", "show crypto isakmp sa count", "show crypto isakmp peers")
    assert genie("ShowCryptoIsakmpSaCount", count) == {
        "active_isakmp_sas": 1, "standby_isakmp_sas": 0, "negotiating_isakmp_sas": 0, "dead_isakmp_sas": 0}
    assert genie("ShowCryptoIsakmpPeer", peers) == {
        "peer_entries": {1: {"peer_ip": PEER_B, "port": 500, "local_ip": PEER_A, "phase_id": PEER_B}}}


# ------------------------------------------------------------------------------------------- IPsec SAs


def _expected_sa(router_tunnel: IpsecTunnel, direction: str, now: float) -> dict[str, dict[str, Any]]:
    [child] = [sa for sa in router_tunnel.child_sas() if sa.direction == direction]
    remaining_kb = child.lifetime_kb - child.bytes_used // 1024
    return {"spi": {spi(child.spi): {
        "transform": "esp-aes esp-sha-hmac", "in_use_settings": "Tunnel, ", "conn_id": child.conn_id,
        "flow_id": "CSR", "flow_id_val": child.conn_id - 2000, "sibling_flags": "FFFFFFFF80004048",
        "crypto_map": "testmap", "remaining_key_lifetime": f"({remaining_kb}/{int(child.created + 3600 - now)})",
        "iv_size": "16 bytes", "status": "ACTIVE(ACTIVE)"}}}


@pytest.mark.parametrize("name", ["RouterA", "RouterB"])
@pytest.mark.parametrize("command,parser", [
    ("show crypto ipsec sa", "ShowCryptoIpsecSa"),
    ("show crypto ipsec sa detail", "ShowCryptoIpsecSaDetail"),
    ("show crypto ipsec sa peer {peer} detail", "ShowCryptoIpsecSaPeerDetail"),
])
def test_ipsec_sa(seed_lab: ShowLab, name: str, command: str, parser: str) -> None:
    local, peer, host, remote_host = LOCAL_ROLES[name]
    [out], tunnel, now = seed_lab.capture(name, [command.format(peer=peer)], tunnel_of)
    parsed = genie(parser, out)["interface"][IFACE]
    assert (parsed["crypto_map_tag"], parsed["local_addr"]) == ("testmap", local)
    ident = parsed["ident"][1]
    counters = tunnel.counters
    assert {key: ident[key] for key in ("pkts_encaps", "pkts_encrypt", "pkts_digest")} == {
        "pkts_encaps": counters.out_pkts, "pkts_encrypt": counters.out_encrypts, "pkts_digest": counters.out_auths}
    assert {key: ident[key] for key in ("pkts_decaps", "pkts_decrypt", "pkts_verify")} == {
        "pkts_decaps": counters.in_pkts, "pkts_decrypt": counters.in_decrypts, "pkts_verify": counters.in_auths}
    assert counters.out_pkts == counters.in_pkts == PINGS_OK
    assert ident["local_ident"] == {"addr": host, "mask": "255.255.255.255", "prot": "0", "port": "0"}
    assert ident["remote_ident"] == {"addr": remote_host, "mask": "255.255.255.255", "prot": "0", "port": "0"}
    assert (ident["peer_ip"], ident["port"], ident["action"], ident["protected_vrf"]) == (peer, 500, "PERMIT", "(none)")
    assert (ident["local_crypto_endpt"], ident["remote_crypto_endpt"]) == (local, peer)
    assert (ident["plaintext_mtu"], ident["path_mtu"], ident["ip_mtu_idb"]) == (1438, 1500, IFACE)
    assert ident["current_outbound_spi"] == spi(tunnel.outbound_spi)
    assert (ident["pfs"], ident["dh_group"]) == ("N", "none")
    assert ident["inbound_esp_sas"] == _expected_sa(tunnel, "in", now)
    assert ident["outbound_esp_sas"] == _expected_sa(tunnel, "out", now)
    assert ident["inbound_ah_sas"] == ident["outbound_ah_sas"] == {}


def test_ipsec_sa_count(seed_lab: ShowLab) -> None:
    [out], tunnel, _ = seed_lab.capture("RouterA", ["show crypto ipsec sa count"], tunnel_of)
    total = len(tunnel.child_sas())
    assert genie("ShowCryptoIpsecSaCount", out) == {
        "ipsec_sa_total": total, "active": total, "rekeying": 0, "unused": 0, "invalid": 0}


# ------------------------------------------------------------------------------------------- sessions


def _state(router: Router) -> tuple[IkeSa, IpsecTunnel]:
    return live_sa(router), tunnel_of(router)


@pytest.mark.parametrize("name", ["RouterA", "RouterB"])
def test_crypto_session(seed_lab: ShowLab, name: str) -> None:
    local, peer, *_ = LOCAL_ROLES[name]
    [brief, detail], (sa, tunnel), now = seed_lab.capture(
        name, ["show crypto session", "show crypto session detail"], _state)
    ike = {"local": local, "local_port": "500", "remote": peer, "remote_port": "500", "sa_status": "Active",
           "version": "IKEv1", "session_id": "0"}
    flow_text = FLOW_A if name == "RouterA" else FLOW_B
    parsed = genie("ShowCryptoSession", brief)["interface"][IFACE]
    assert parsed == {"session_status": "UP-ACTIVE", "peer": {peer: {"port": {"500": {
        "ike_sa": {"1": ike}, "ipsec_flow": {flow_text: {"active_sas": 2, "origin": "crypto map"}}}}}}}

    parsed = genie("ShowCryptoSessionDetail", detail)["interface"][IFACE]
    assert sa.established is not None and sa.expires is not None
    assert parsed["session_status"] == "UP-ACTIVE"
    assert parsed["uptime"] == hms(now - sa.established)
    port = parsed["peer"][peer]["port"]["500"]
    assert (port["fvrf"], port["ivrf"], port["phase1_id"], port["desc"]) == ("none", "none", peer, "none")
    assert port["ike_sa"] == {"1": {**ike, "capabilities": "none", "conn_id": str(sa.conn_id),
                                    "lifetime": hms(sa.expires - now)}}
    [inbound] = tunnel.inbound
    [outbound] = tunnel.outbound
    assert port["ipsec_flow"] == {flow_text: {
        "active_sas": 2, "origin": "crypto map",
        "inbound_pkts_decrypted": tunnel.counters.in_decrypts, "inbound_pkts_drop": 0,
        "inbound_life_kb": str(inbound.lifetime_kb - inbound.bytes_used // 1024),
        "inbound_life_secs": str(int(inbound.created + inbound.lifetime_sec - now)),
        "outbound_pkts_encrypted": tunnel.counters.out_encrypts, "outbound_pkts_drop": 0,
        "outbound_life_kb": str(outbound.lifetime_kb - outbound.bytes_used // 1024),
        "outbound_life_secs": str(int(outbound.created + outbound.lifetime_sec - now)),
    }}


def test_crypto_session_remote_detail(seed_lab: ShowLab) -> None:
    [out], (sa, tunnel), _ = seed_lab.capture("RouterA", [f"show crypto session remote {PEER_B} detail"], _state)
    parsed = genie("ShowCryptoSessionRemoteDetail", out)["interfaces"][IFACE]
    assert (parsed["session_status"], parsed["peer_ip"], parsed["peer_port"]) == ("UP-ACTIVE", PEER_B, 500)
    assert parsed["IKEv1"]["connid"] == sa.conn_id
    assert parsed["ipsec_flow"][1]["flow"] == FLOW_A
    assert parsed["ipsec_flow"][1]["inbound"]["decrypted"] == tunnel.counters.in_decrypts == PINGS_OK
    assert parsed["ipsec_flow"][1]["outbound"]["encrypted"] == tunnel.counters.out_encrypts == PINGS_OK


# ------------------------------------------------------------------------------------------- crypto map


def test_crypto_map_static_entry_with_current_peer(seed_lab: ShowLab) -> None:
    [out] = seed_lab.shows("RouterA", "show crypto map")
    entry = genie("ShowCryptoMap", out)["ipv4"]["crypto_map_tag"]["testmap"]
    assert entry["sequence_number"] == 10
    assert (entry["peer"], entry["current_peer"], entry["extended_ip_access_list"]) == ([PEER_B], PEER_B, "101")
    assert entry["transform_sets"] == {"test_transf": ["esp-aes", "esp-sha-hmac"]}
    assert entry["interfaces_crypto_map"] == {"crypto_map_tag": "testmap", "interfaces": [IFACE]}


def test_crypto_map_entry_created_from_the_dynamic_map(seed_lab: ShowLab) -> None:
    [out], instances, _ = seed_lab.capture("RouterB", ["show crypto map"], lambda r: r.oper.dynamic_entry_list())
    [instance] = instances
    entry = genie("ShowCryptoMap", out)["ipv4"]["crypto_map_tag"]["testmap"]
    # Genie keeps one record per map: the created entry, printed after the template entry, fills it
    assert entry["sequence_number"] == instance.seq == 65536
    assert (entry["peer"], entry["current_peer"]) == ([PEER_A], PEER_A)
    assert entry["security_association_lifetime"] == {"kilobytes": 4608000, "seconds": 3600}
    assert entry["transform_sets"] == {"test_transf": ["esp-aes", "esp-sha-hmac"]}
    assert f"access-list permit ip host {HOST_B} host {HOST_A}" in out
    assert "dynamic (created from dynamic map dyn_testmap/10)" in out


# ------------------------------------------------------------------------------------------- flow MIB


def test_flowmib_ipsec_global(seed_lab: ShowLab) -> None:
    [out], stats, _ = seed_lab.capture(
        "RouterA", ["show crypto mib ipsec flowmib global"], lambda r: r.oper.flowmib.ipsec.global_stats())
    c, e = stats.counters, stats.events
    assert genie("ShowCryptoMibIpsecFlowmibGlobal", out) == {"ipsec_flowmib_global": {"total_vrf": 1, "Global": {
        "active_tunnels": 1, "previous_tunnels": 0, "in_octets": c.in_octets, "out_octets": c.out_octets,
        "in_packets": c.in_pkts, "out_packets": c.out_pkts, "uncompressed_encrypted_bytes": c.out_uncomp_octets,
        "in_packet_drops": c.in_drop_pkts, "out_packet_drops": c.out_drop_pkts,
        "in_replay_drops": c.in_replay_drop_pkts, "in_authentications": c.in_auths,
        "out_authentications": c.out_auths, "in_decrypts": c.in_decrypts, "out_encrypts": c.out_encrypts,
        "compressed_bytes": 0, "uncompressed_bytes": 0, "in_uncompressed_bytes": 0, "out_uncompressed_bytes": 0,
        "in_decrypt_failures": c.in_decrypt_fails, "out_encrypt_failures": c.out_encrypt_fails,
        "no_sa_failures": e.no_sa_fails, "protocol_use_failures": e.protocol_use_fails,
        "system_capacity_failures": e.sys_cap_fails, "in_auth_failures": c.in_auth_fails,
        "out_auth_failures": c.out_auth_fails,
    }}}
    assert c.out_octets == c.in_octets == PINGS_OK * PING_BYTES


def test_flowmib_ipsec_tunnel(seed_lab: ShowLab) -> None:
    [out], tunnel, now = seed_lab.capture("RouterA", ["show crypto mib ipsec flowmib tunnel"], tunnel_of)
    c = tunnel.counters
    assert genie("ShowCryptoMibIpsecFlowmibTunnel", out) == {"ipsec_flowmib_tunnel": {"total_vrf": 1, "Global": {
        "1": {
            "index": str(tunnel.mib_index), "local_address": PEER_A, "remote_address": PEER_B, "ipsec_keying": "IKE",
            "encap_mode": 1, "lifetime_kb": 4608000, "lifetime_sec": 3600, "active_time": hms(now - tunnel.created),
            "lifetime_threshold_kb": 64, "lifetime_threshold_sec": 10, "no_of_refresh": 0, "expired_sa": 0,
            "current_sa": 2, "in_sa_dh_group": "None", "in_sa_encrypt_algorithm": "aes",
            "in_sa_ah_auth_algorithm": "None", "in_sa_esp_auth_algorithm": "ESP_HMAC_SHA",
            "in_sa_uncompress_algorithm": "None", "out_sa_dh_group": "None", "out_sa_encrypt_algorithm": "aes",
            "out_sa_ah_auth_algorithm": "None", "out_sa_esp_auth_algorithm": "ESP_HMAC_SHA",
            "out_sa_uncompress_algorithm": "None", "in_octets": c.in_octets, "decompressed_octets": c.in_decomp_octets,
            "in_packets": c.in_pkts, "in_drops": c.in_drop_pkts, "in_replay_drops": c.in_replay_drop_pkts,
            "in_authentications": c.in_auths, "in_auth_failures": c.in_auth_fails, "in_decrypts": c.in_decrypts,
            "in_decrypt_failures": c.in_decrypt_fails, "out_octets": c.out_octets,
            "out_uncompressed_octets": c.out_uncomp_octets, "out_packets": c.out_pkts, "out_drops": c.out_drop_pkts,
            "out_authentications": c.out_auths, "out_auth_failures": c.out_auth_fails,
            "out_encryptions": c.out_encrypts, "out_encryption_failures": c.out_encrypt_fails,
            "compressed_octets": 0, "decompressed_octets_1": 0, "out_uncompressed_octets_1": c.out_uncomp_octets,
        }}}}


def test_flowmib_ipsec_endpoint(seed_lab: ShowLab) -> None:
    [out], tunnel, _ = seed_lab.capture("RouterB", ["show crypto mib ipsec flowmib endpoint"], tunnel_of)
    assert genie("ShowCryptoMibIpsecFlowmibEndpoint", out) == {"ipsec_flowmib_endpoints": {"total_vrf": 1, "Global": {
        "1": {"index": str(tunnel.mib_endpoint_index), "local_type": "Single IP address", "local_address": HOST_B,
              "protocol": 0, "local_port": 0, "remote_type": "Single IP address", "remote_address": HOST_A,
              "remote_port": 0}}}}


def test_flowmib_ike_tunnel_with_the_ike_keyword(seed_lab: ShowLab) -> None:
    """Genie's parser for the newer `ike` spelling reads the seed's `isakmp` layout too."""
    outputs, sa, now = seed_lab.capture(
        "RouterA", ["show crypto mib ike flowmib tunnel", "show crypto mib isakmp flowmib tunnel"], live_sa)
    assert outputs[0] == outputs[1]
    row = genie("ShowCryptoMibIkeFlowmibTunnel", outputs[0])["ike_flowmib_tunnel"]["Global"]["1"]
    c = sa.counters
    assert sa.policy is not None and sa.established is not None
    assert {k: row[k] for k in ("index", "local_address", "remote_address", "negotiation_mode")} == {
        "index": str(sa.mib_index), "local_address": PEER_A, "remote_address": PEER_B, "negotiation_mode": "Main Mode"}
    assert (row["diffie_hellman_grp"], row["encryption_algorithm"], row["hash_algorithm"]) == (5, "aes", "sha")
    assert (row["auth_method"], row["lifetime"], row["policy_priority"]) == ("psk", 86400, 65508)
    assert (row["active_time"], row["keepalive_enabled"]) == (hms(now - sa.established), "No")
    assert row["incoming"] == {
        "in_octets": c.in_octets, "in_packets": c.in_pkts, "in_drops": c.in_drop_pkts, "in_notifys": c.in_notifys,
        "in_p2_exchanges": c.in_p2_exchgs, "in_p2_exchg_invalids": c.in_p2_exchg_invalids,
        "in_p2_exchg_rejected": c.in_p2_exchg_rejects, "in_p2_sa_delete_requests": c.in_p2_sa_del_requests}
    assert row["outgoing"]["out_packets"] == c.out_pkts and row["outgoing"]["out_p2_exchgs"] == c.out_p2_exchgs


def test_crypto_eli(seed_lab: ShowLab) -> None:
    [out] = seed_lab.shows("RouterA", "show crypto eli")
    parsed = genie("ShowCryptoEli", out)
    engine = parsed["crypto_engines"]["IOSXE-ESG(9)"]
    assert engine["ipsec_session"] == {"active": 1, "max": 16000, "failed": 0, "created": 1}
    assert parsed["hardware_encryption"] == "ACTIVE"

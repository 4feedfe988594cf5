"""Cross-check key values against other projects' expected outputs for the same captures.

The oracles are genieparser golden dicts (converted to JSON; integer keys became strings) and ntc-templates
records, kept next to their captures in ``../shared/reference/samples`` (its INDEX.md names the upstream
repository, path and commit); the tests skip where ../shared is absent. Their key names and value types
differ from ours, so each test maps a handful of values explicitly.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import parse
from sharedref import shared_path, shared_text

SAMPLES = "reference/samples"


def genie(name: str) -> dict[str, Any]:
    return json.loads(shared_path(f"{SAMPLES}/genieparser/{name}.expected.json").read_text())


def ntc(name: str) -> list[dict[str, str]]:
    text = shared_path(f"{SAMPLES}/ntc-templates/{name}.parsed.yml").read_text()
    return yaml.safe_load(text)["parsed_sample"]


def ours(command: str, capture: str) -> dict[str, Any]:
    """Our parse of the capture ``reference/samples/<capture>.txt``."""
    return parse(command, shared_text(f"{SAMPLES}/{capture}.txt")).data


@pytest.mark.parametrize("vrf", ["CC-INTERNET", "Global"])
def test_ipsec_flowmib_global(vrf: str) -> None:
    mine = ours(
        "show crypto mib ipsec flowmib global", "genieparser/show_crypto_mib_ipsec_flowmib_global__1"
    )["flowmib"]["ipsec"]["global"][vrf]
    theirs = genie("show_crypto_mib_ipsec_flowmib_global__1")["ipsec_flowmib_global"][vrf]
    pairs = {
        "active_tunnels": "active_tunnels",
        "previous_tunnels": "previous_tunnels",
        "in_octets": "in_octets",
        "out_octets": "out_octets",
        "uncompressed_encrypted_bytes": "uncompressed_encrypted_bytes",
        "in_packets_drops": "in_packet_drops",
        "out_authentication_failures": "out_auth_failures",
        "in_authentications": "in_authentications",
        "no_sa_failures": "no_sa_failures",
    }
    assert {key: mine[key] for key in pairs} == {key: theirs[other] for key, other in pairs.items()}


def test_ipsec_flowmib_tunnel() -> None:
    rows = ours(
        "show crypto mib ipsec flowmib tunnel", "genieparser/show_crypto_mib_ipsec_flowmib_tunnel__1"
    )["flowmib"]["ipsec"]["tunnels"]
    theirs = genie("show_crypto_mib_ipsec_flowmib_tunnel__1")["ipsec_flowmib_tunnel"]["CC-INTERNET"]
    assert len(rows) == len(theirs) == 2
    for number, row in enumerate(rows, 1):
        other = theirs[str(number)]
        assert row["vrf"] == "CC-INTERNET"
        assert (row["index"], row["in_octets"], row["out_octets"]) == (
            int(other["index"]),
            other["in_octets"],
            other["out_octets"],
        )
        assert (row["decompressed_octets"], row["decompressed_octets_2"]) == (
            other["decompressed_octets"],
            other["decompressed_octets_1"],
        )
        assert row["out_uncompressed_octets_2"] == other["out_uncompressed_octets_1"]
        assert (row["active_time"], row["encapsulation_mode"], row["current_sa_instances"]) == (
            other["active_time"],
            other["encap_mode"],
            other["current_sa"],
        )


def test_ipsec_flowmib_endpoint() -> None:
    rows = ours(
        "show crypto mib ipsec flowmib endpoint", "genieparser/show_crypto_mib_ipsec_flowmib_endpoint__1"
    )["flowmib"]["ipsec"]["endpoints"]
    theirs = genie("show_crypto_mib_ipsec_flowmib_endpoint__1")["ipsec_flowmib_endpoints"]
    expected = [
        (
            vrf,
            int(theirs[vrf][str(n)]["index"]),
            theirs[vrf][str(n)]["remote_address"],
            theirs[vrf][str(n)]["protocol"],
        )
        for vrf in ("CC-INTERNET", "CC-local")
        for n in (1, 2)
    ]
    assert [(row["vrf"], row["index"], row["remote_address"], row["protocol"]) for row in rows] == expected


def test_isakmp_sa() -> None:
    rows = ours("show crypto isakmp sa", "genieparser/show_crypto_isakmp_sa__1")["isakmp_sa"]
    theirs = genie("show_crypto_isakmp_sa__1")["isakmp_stats"]
    expected = [
        (
            family,
            sa["destination"],
            sa["source"],
            sa["session_state"],
            sa["conn_id"],
            sa.get("current_status") == "deleted",
        )
        for family in ("IPv4", "IPv6")
        for sa in theirs[family].values()
    ]
    assert [
        (row["address_family"], row["dst"], row["src"], row["state"], row["conn_id"], row["deleted"])
        for row in rows
    ] == expected


def test_isakmp_sa_detail() -> None:
    rows = ours("show crypto isakmp sa detail", "genieparser/show_crypto_isakmp_sa_detail__1")["isakmp_sa"]
    theirs = genie("show_crypto_isakmp_sa_detail__1")["isakmp_stats"]
    expected = [
        (
            sa["c_id"],
            sa["local_ip"],
            sa["remote_ip"],
            sa.get("ivrf"),
            sa["encr_algo"],
            sa["dh_group"],
            sa["lifetime"],
            sa["capabilities"],
            sa.get("conn_id"),
        )
        for family in ("IPv4", "IPv6")
        for sa in theirs[family].values()
    ]
    assert [
        (
            row["c_id"],
            row["local"],
            row["remote"],
            row["i_vrf"],
            row["encr"],
            row["dh"],
            row["lifetime"],
            row["cap"],
            row.get("engine_conn_id"),
        )
        for row in rows
    ] == expected


def test_counts() -> None:
    isakmp = ours("show crypto isakmp sa count", "genieparser/show_crypto_isakmp_sa_count__1")[
        "isakmp_sa_count"
    ]
    theirs = genie("show_crypto_isakmp_sa_count__1")
    assert (isakmp["active_isakmp_sas"], isakmp["dead_isakmp_sas"]) == (
        theirs["active_isakmp_sas"],
        theirs["dead_isakmp_sas"],
    )
    ipsec = ours("show crypto ipsec sa count", "genieparser/show_crypto_ipsec_sa_count__1")[
        "ipsec_sa_count"
    ]
    assert ipsec == genie("show_crypto_ipsec_sa_count__1")


def test_default_policy() -> None:
    mine = ours("show crypto isakmp default policy", "genieparser/show_crypto_isakmp_default_policy__1")[
        "default_policies"
    ]
    theirs = genie("show_crypto_isakmp_default_policy__1")["policies"]
    assert [
        (
            str(p["priority"]),
            p["encryption_algorithm"],
            p["authentication_method"],
            p["diffie_hellman_group"],
            p["lifetime"],
        )
        for p in mine
    ] == [
        (
            priority,
            p["encryption_algorithm"],
            p["authentication_method"],
            p["diffie_hellman_group"],
            p["lifetime"],
        )
        for priority, p in theirs.items()
    ]


def test_ipsec_sa_detail_against_genie() -> None:
    entry = ours("show crypto ipsec sa detail", "genieparser/show_crypto_ipsec_sa_detail__1")["ipsec_sa"][0]
    theirs = genie("show_crypto_ipsec_sa_detail__1")["interface"]["GigabitEthernet3"]
    assert entry["crypto_map_tag"] == theirs["crypto_map_tag"]
    ident, other = entry["idents"][0], theirs["ident"]["1"]
    assert ident["local_ident"]["addr"] == other["local_ident"]["addr"]
    assert (ident["pkts_encaps"], ident["pkts_decrypt"]) == (other["pkts_encaps"], other["pkts_decrypt"])
    (sa,) = ident["inbound_esp_sas"]
    ((spi_text, other_sa),) = other["inbound_esp_sas"]["spi"].items()
    assert spi_text.startswith(sa["spi"] + "(")
    assert (sa["conn_id"], sa["sibling_flags"], sa["status"]) == (
        other_sa["conn_id"],
        other_sa["sibling_flags"],
        other_sa["status"],
    )


def test_ipsec_sa_detail_against_ntc() -> None:
    entries = ours("show crypto ipsec sa detail", "ntc-templates/show_crypto_ipsec_sa_detail__1")[
        "ipsec_sa"
    ]
    records = ntc("show_crypto_ipsec_sa_detail__1")
    mine = [
        (
            entry["interface"],
            ident["current_peer"],
            ident["current_peer_port"],
            ident["pkts_encaps"],
            ident["pkts_replay_failed_rcv"],
            direction,
            sa["spi"],
            sa["conn_id"],
            sa["flow_id"],
            " ".join(sa["transform"]),
            sa["remaining_key_lifetime_kb"],
            sa["replay_window_size"],
        )
        for entry in entries
        for ident in entry["idents"]
        for direction in ("inbound", "outbound")
        for sa in ident[f"{direction}_esp_sas"]
    ]
    theirs = [
        (
            r["interface"],
            r["current_peer"],
            int(r["port"]),
            int(r["pkts_encaps"]),
            int(r["pkts_replay_failed"]),
            r["sa_orientation"],
            r["sa_spi_hex"],
            int(r["sa_conn_id"]),
            r["sa_flow_id"],
            r["sa_transform"],
            int(r["sa_lifetime_kbytes"]),
            int(r["sa_replay_window_size"]),
        )
        for r in records
    ]
    assert mine == theirs


def test_crypto_map() -> None:
    (crypto_map,) = ours("show crypto map", "genieparser/show_crypto_map__2")["crypto_maps"]
    theirs = genie("show_crypto_map__2")["ipv4"]["crypto_map_tag"]["ikev2-cryptomap"]
    (entry,) = crypto_map["entries"]
    assert entry["peers"] == theirs["peer"]
    assert entry["ikev2_profile"] == theirs["ikev2_profile"]
    assert entry["sa_lifetime"] == theirs["security_association_lifetime"]
    assert {ts["name"]: ts["transforms"] for ts in entry["transform_sets"]} == theirs["transform_sets"]
    assert crypto_map["interfaces"] == theirs["interfaces_crypto_map"]["interfaces"]


def test_session_detail_against_genie() -> None:
    (session,) = ours("show crypto session detail", "genieparser/show_crypto_session_detail__1")["sessions"]
    theirs = genie("show_crypto_session_detail__1")["interface"]["Tunnel13"]
    peer = theirs["peer"][session["peer"]]["port"][str(session["peer_port"])]
    (ike_sa,) = session["ike_sas"]
    assert (session["profile"], session["uptime"]) == (theirs["profile"], theirs["uptime"])
    assert (str(ike_sa["connid"]), ike_sa["lifetime"]) == (
        peer["ike_sa"]["1"]["conn_id"],
        peer["ike_sa"]["1"]["lifetime"],
    )
    (flow,) = session["ipsec_flows"]
    other = peer["ipsec_flow"][flow["flow"]]
    assert (flow["inbound"]["pkts_deced"], flow["outbound"]["pkts_enced"]) == (
        other["inbound_pkts_decrypted"],
        other["outbound_pkts_encrypted"],
    )


def test_session_detail_against_ntc() -> None:
    sessions = ours("show crypto session detail", "ntc-templates/show_crypto_session_detail__1")["sessions"]
    records = ntc("show_crypto_session_detail__1")
    mine = [
        (
            s["interface"],
            s["session_status"],
            s["peer"],
            s["phase1_id"],
            s["ike_sas"][-1]["lifetime"],
            s["ike_sas"][-1]["connid"],
            s["ipsec_flows"][0]["active_sas"],
            s.get("uptime", ""),
        )
        for s in sessions
    ]
    theirs = [
        (
            r["interface"],
            r["session_status"],
            r["peer"],
            r["phase1_id"],
            r["lifetime"],
            int(r["conn_id"]),
            int(r["active_sa"]),
            r["uptime"],
        )
        for r in records
    ]
    assert mine == theirs


def test_version() -> None:
    device = ours("show version", "genieparser/show_version__1")["device"]
    theirs = genie("show_version__1")["version"]
    assert (
        device["version"],
        device["hostname"],
        device["uptime"],
        device["model"],
        device["serial"],
        device["image"],
        device["config_register"],
    ) == (
        theirs["xe_version"],
        theirs["hostname"],
        theirs["uptime"],
        theirs["chassis"],
        theirs["chassis_sn"],
        theirs["system_image"],
        theirs["curr_config_register"],
    )
    device = ours("show version", "ntc-templates/show_version__1")["device"]
    (record,) = ntc("show_version__1")
    assert (
        device["ios_version"],
        device["hostname"],
        device["uptime"],
        device["serial"],
        device["image"].split(":", 1)[1],
        device["config_register"],
    ) == (
        record["version"],
        record["hostname"],
        record["uptime"],
        record["serial"][0],
        record["running_image"],
        record["config_register"],
    )

"""The counters the show commands print agree with each other, across the two routers and with the traffic
sent: RouterA's encrypts are RouterB's decrypts, octets match across `show crypto ipsec sa`, the flow-MIB
tunnel table and `show crypto session detail`, and the flow-MIB global rows are the sum of the tunnel rows
and the history rows (the MIB's "current and previous tunnels")."""

from __future__ import annotations

import re

from .conftest import PINGS_OK
from .mibtext import fields, number, only, sa_counters, vrf_records
from .showlab import PING_BYTES, ShowLab

LIFETIME_KB = 4608000
SPIS = re.compile(r"(inbound|outbound) esp sas:\n\s+spi: 0x[0-9A-F]+\((\d+)\)")
SA_KB = re.compile(r"remaining key lifetime \(k/sec\): \((\d+)/\d+\)")
SESSION_KB = re.compile(r"(Inbound|Outbound):.* life \(KB/Sec\) (\d+)/\d+")


def test_encrypts_of_one_router_are_decrypts_of_the_other(seed_lab: ShowLab) -> None:
    [sa_a] = seed_lab.shows("RouterA", "show crypto ipsec sa")
    [sa_b] = seed_lab.shows("RouterB", "show crypto ipsec sa")
    a, b = sa_counters(sa_a), sa_counters(sa_b)
    assert a["encaps"] == a["encrypt"] == a["digest"] == b["decaps"] == b["decrypt"] == b["verify"] == PINGS_OK
    assert b["encaps"] == b["encrypt"] == b["digest"] == a["decaps"] == a["decrypt"] == a["verify"] == PINGS_OK
    spis_a, spis_b = dict(SPIS.findall(sa_a)), dict(SPIS.findall(sa_b))
    assert spis_a["outbound"] == spis_b["inbound"] and spis_a["inbound"] == spis_b["outbound"]


def test_octets_agree_across_sa_flowmib_and_session(seed_lab: ShowLab) -> None:
    outputs = {
        name: seed_lab.shows(
            name,
            "show crypto mib ipsec flowmib tunnel",
            "show crypto mib ipsec flowmib global",
            "show crypto ipsec sa",
            "show crypto session detail",
        )
        for name in ("RouterA", "RouterB")
    }
    tunnel_a, global_a, sa_a, session_a = outputs["RouterA"]
    tunnel_b, _, _, _ = outputs["RouterB"]
    row_a, row_b = only(tunnel_a, "Index"), only(tunnel_b, "Index")
    assert int(row_a["Out octets"]) == int(row_b["In octets"]) == PINGS_OK * PING_BYTES
    assert int(row_a["In octets"]) == int(row_b["Out octets"]) == PINGS_OK * PING_BYTES
    assert int(row_a["Out packets"]) == int(row_b["In packets"]) == int(row_a["Out encryptions"]) == PINGS_OK
    assert int(only(global_a, "Active Tunnels")["Out octets"]) == int(row_a["Out octets"])
    # the kilobyte lifetime left on each SA is what its octets used up: ipsec sa and session detail agree
    remaining = [LIFETIME_KB - int(row_a["In octets"]) // 1024, LIFETIME_KB - int(row_a["Out octets"]) // 1024]
    assert [int(kb) for kb in SA_KB.findall(sa_a)] == remaining
    assert [int(kb) for _, kb in SESSION_KB.findall(session_a)] == remaining


def test_isakmp_traffic_of_one_router_is_the_other_routers(seed_lab: ShowLab) -> None:
    [tunnel_a] = seed_lab.shows("RouterA", "show crypto mib isakmp flowmib tunnel")
    [tunnel_b] = seed_lab.shows("RouterB", "show crypto mib isakmp flowmib tunnel")
    row_a, row_b = only(tunnel_a, "Index"), only(tunnel_b, "Index")
    for sent, received in (
        ("Out octets", "In octets"),
        ("Out packets", "In packets"),
        ("Out P2 exchgs", "In P2 exchanges"),
    ):
        assert int(row_a[sent]) == int(row_b[received]) > 0, sent
        assert int(row_b[sent]) == int(row_a[received]) > 0, received
    assert (int(row_a["Out P2 exchgs"]), int(row_a["In P2 exchanges"])) == (2, 1)  # a clean quick-mode initiator


def _sum(records: list[list[tuple[str, str]]], label: str) -> int:
    return sum(number(record, label) for record in records)


def test_ipsec_global_is_current_plus_previous_tunnels(history_lab: ShowLab) -> None:
    tunnels, history, global_ = history_lab.shows(
        "RouterA", "show crypto mib ipsec flowmib tunnel", "show crypto mib ipsec flowmib history",
        "show crypto mib ipsec flowmib global")
    live, ended = vrf_records(tunnels, "Index")["Global"], vrf_records(history, "Reason")["Global"]
    totals = only(global_, "Active Tunnels")
    assert (int(totals["Active Tunnels"]), int(totals["Previous Tunnels"])) == (len(live), len(ended)) == (1, 1)
    for label in ("In octets", "Out octets", "In packets", "Out packets", "In authentications", "In decrypts"):
        assert int(totals[label]) == _sum(live, label) + _sum(ended, label) > 0, label
    assert int(totals["Out encrypts"]) == _sum(live, "Out encryptions") + _sum(ended, "Out encryptions")


def test_isakmp_global_is_current_plus_previous_tunnels(history_lab: ShowLab) -> None:
    tunnels, history, global_ = history_lab.shows(
        "RouterA", "show crypto mib isakmp flowmib tunnel", "show crypto mib isakmp flowmib history",
        "show crypto mib isakmp flowmib global")
    live, ended = vrf_records(tunnels, "Index")["Global"], vrf_records(history, "Reason")["Global"]
    totals = only(global_, "Active Tunnels")
    assert (int(totals["Active Tunnels"]), int(totals["Previous Tunnels"])) == (len(live), len(ended)) == (1, 1)
    pairs = (("In octets", "In octets"), ("Out octets", "Out octets"), ("In packets", "In packets"),
             ("Out packets", "Out packets"), ("In P2 exchg", "In P2 exchanges"), ("Out P2 exchg", "Out P2 exchgs"),
             ("Out notifys", "Out notifys"), ("Out IPSEC delete", "Out P2 Sa delete requests"))
    for global_label, row_label in pairs:
        assert int(totals[global_label]) == _sum(live, row_label) + _sum(ended, row_label), global_label
    assert int(totals["SAs locally initiated"]) == 2  # before and after `clear crypto session`
    assert fields(ended[0])["Out P2 Sa delete requests"] == "1"  # the DELETE for the cleared IPsec SA

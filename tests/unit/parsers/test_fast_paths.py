"""The parsers' fast paths read text exactly as their slow paths do: counters converted in bulk per block
layout (ipsec_sa), the line-break check that decides whether records may be used (common), and the records
that take a whole session, an ipsec SA section or a run of isakmp rows at once, on layouts the captures do
not all show."""

from __future__ import annotations

import dataclasses
import re
from types import ModuleType

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers import (
    common,
    ipsec_sa,
    isakmp_sa,
    session,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import parse

COUNTER_BLOCKS = [
    "    #pkts encaps: 4, #pkts encrypt: 4, #pkts digest: 4\n    #pkts decaps: 7, #pkts decrypt: 7\n",
    "#pkts no sa (send) 0, #pkts invalid sa (rcv) 12\n\n##pkts replay failed (rcv): 3\n",
    "    #pkts encaps:\t4, #pkts encrypt: 4\n",  # a tab before a number: read by the item regex
    "    #pkts 3des ok 5, #pkts encrypt: 4\n",  # digits inside a label
    "    #pkts encaps: 4 , #pkts encrypt: 4  \n",  # spaces before the comma and at the end
    "    #pkts encaps: \u0664\u0662, #pkts encrypt: 4\n",  # Arabic-Indic digits are \\d and isdecimal()
    "    #pkts encaps: 4,, #pkts encrypt: 4\n",  # an empty item
    "    #pkts encaps: 4\x00, #pkts encrypt: 4\n",  # a NUL, the layout's own marker
    "    #pkts encaps: 4, #pkts encrypt: 4 x\n",  # not a counter item
    "    #pkts encaps: 4, #pkts encrypt: 4 5\n",
    "    #pkts encaps: 4, #pkts encaps: 5\n",  # a repeated label: the later value wins, as line by line
]


def _line_by_line(block: str) -> dict[str, int] | None:
    counters: dict[str, int] = {}
    for line in block.splitlines():
        if line.strip() and not ipsec_sa._add_counters(counters, line.rstrip()):
            return None
    return counters


@pytest.mark.parametrize("block", COUNTER_BLOCKS)
def test_counter_block_reads_as_line_by_line(block: str) -> None:
    expected = _line_by_line(block)
    got, layout = ipsec_sa._counter_block(block, ipsec_sa.NO_LAYOUT)
    assert got == expected
    if expected is not None:
        assert list(got or {}) == list(expected)  # same key order
    # read again in the layout found (by that layout's regex), and after another block's layout
    for last in (layout, ipsec_sa._counter_block(COUNTER_BLOCKS[0], ipsec_sa.NO_LAYOUT)[1]):
        again, _layout = ipsec_sa._counter_block(block, last)
        assert again == expected
        assert list(again or {}) == list(expected or {})


@pytest.mark.parametrize("block", COUNTER_BLOCKS)
def test_a_layouts_regex_reads_other_numbers_as_the_split(block: str) -> None:
    """Another block of the same layout, with numbers of other lengths, read through the first's regex."""
    _counters, layout = ipsec_sa._counter_block(block, ipsec_sa.NO_LAYOUT)
    other = re.sub(r" (\d+)", lambda match: f" {int(match.group(1)) * 1009 + 7}", block)
    got, kept = ipsec_sa._counter_block(other, layout)
    assert got == _line_by_line(other)
    assert list(got or {}) == list(_line_by_line(other) or {})
    if layout is not ipsec_sa.NO_LAYOUT:
        assert kept is layout  # the regex took it


def test_counter_block_types_counters() -> None:
    assert ipsec_sa._counter_block("    #pkts encaps: 4, #pkts no sa (send) 12\n", ipsec_sa.NO_LAYOUT)[0] == {
        "pkts_encaps": 4,
        "pkts_no_sa_send": 12,
    }
    assert ipsec_sa._counter_block("    #pkts encaps: 4, #pkts encrypt: 4 x\n", ipsec_sa.NO_LAYOUT)[0] is None


@pytest.mark.parametrize("prefix", ["", "\u00e9 "])  # ASCII and non-ASCII text
@pytest.mark.parametrize("brk", ["\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_other_line_breaks_found_as_splitlines_sees_them(prefix: str, brk: str) -> None:
    text = f"{prefix}interface: Gi1{brk}protected vrf: (none)\n"
    splits_elsewhere = len(text.splitlines()) != text.count("\n")
    assert common._has_other_breaks(text) is splits_elsewhere
    assert splits_elsewhere is (brk != "\n")


TWO_IKE_SAS = """\
Interface: Tunnel1201
Session status: DOWN-NEGOTIATING
Peer: 10.161.255.14 port 500 fvrf: (none) ivrf: (none)
      Desc: (none)
      Phase1_id: (none)
  Session ID: 0
  IKEv1 SA: local 10.175.200.116/500 remote 10.161.255.14/500 Inactive
          Capabilities:(none) connid:0 lifetime:0
  IKEv1 SA: local 10.175.200.116/500 remote 10.161.255.14/500 Active
          Capabilities:D connid:7 lifetime:23:59:01

  Session ID: 4
  IKEv2 SA: local 10.175.200.116/4500 remote 10.161.255.14/4500 Active
          Capabilities:U connid:9 lifetime:1d02h
  IPSEC FLOW: permit 47 host 10.175.200.116 host 10.161.255.14
        Active SAs: 0, origin: crypto map
        Inbound:  #pkts dec'ed 0 drop 0 life (KB/Sec) 0/0
        Outbound: #pkts enc'ed 0 drop 0 life (KB/Sec) 0/0
"""

IDENT = """\
   protected vrf: (none)
   local  ident (addr/mask/prot/port): (10.0.0.0/255.255.255.0/0/0)
   remote ident (addr/mask/prot/port): (10.1.1.0/255.255.255.0/0/0)
   current_peer 172.16.0.2 port 500
     PERMIT, flags={{origin_is_acl,}}
    #pkts encaps: 2, #pkts encrypt: 2, #pkts digest: 2
    #pkts decaps: 2, #pkts decrypt: 2, #pkts verify: 2

     local crypto endpt.: 172.16.0.1, remote crypto endpt.: 172.16.0.2
     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet1
     current outbound spi: 0xA0976C4D(2694278221)
     PFS (Y/N): N, DH group: none

     inbound esp sas:
      spi: 0x2C763D25({inbound_decimal})
        transform: esp-256-aes esp-sha256-hmac ,
        in use settings ={{Tunnel, }}
        conn id: 2001, flow_id: CSR:1, sibling_flags FFFFFFFF80004048, crypto map: VPN
        sa timing: remaining key lifetime (k/sec): (4608000/3595)
        IV size: 16 bytes
        replay detection support: Y  replay window size: 64
        Status: ACTIVE(ACTIVE)
{second_sa}
     inbound ah sas:

     outbound esp sas:
      spi: 0xA0976C4D(2694278221)
        transform: esp-256-aes esp-sha256-hmac ,
        in use settings ={{Tunnel, }}
        conn id: 2002, flow_id: CSR:2, sibling_flags FFFFFFFF80004048, crypto map: VPN
        sa timing: remaining key lifetime (k/sec): (4608000/3595)
        IV size: 16 bytes
        replay detection support: Y  replay window size: 64
        Status: ACTIVE(ACTIVE)

     outbound pcp sas:
"""
SECOND_SA = """\
      spi: 0x11111111(286331153)
        transform: esp-gcm 256 ,
        in use settings ={Tunnel, }
        conn id: 2003, flow_id: CSR:3, sibling_flags FFFFFFFF80004048, crypto map: VPN
        sa timing: remaining key lifetime (sec): 3595
        IV size: 8 bytes
        replay detection support: N
        Status: ACTIVE(ACTIVE)
"""
IPSEC_HEAD = "interface: GigabitEthernet1\n    Crypto map tag: VPN, local addr 172.16.0.1\n\n"
IPSEC_TEXTS = {
    "usual": IPSEC_HEAD + IDENT.format(inbound_decimal=745946405, second_sa="") * 2,
    "two SAs in a section": IPSEC_HEAD + IDENT.format(inbound_decimal=745946405, second_sa=SECOND_SA),
    "wrong decimal SPI": IPSEC_HEAD + IDENT.format(inbound_decimal=1, second_sa=""),
    "bad counter": IPSEC_HEAD + IDENT.format(inbound_decimal=745946405, second_sa="").replace("digest: 2", "digest"),
}


def _without_records(module: ModuleType, name: str, command: str, text: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    rules = getattr(module, name)
    with monkeypatch.context() as patch:
        patch.setattr(module, name, dataclasses.replace(rules, records=()))
        return parse(command, text).as_dict()


def test_session_record_takes_every_ike_sa(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse("show crypto session detail", TWO_IKE_SAS).as_dict()
    assert fast == _without_records(session, "_RULES", "show crypto session detail", TWO_IKE_SAS, monkeypatch)
    assert fast["warnings"] == []
    ike_sas = fast["data"]["sessions"][0]["ike_sas"]
    assert [(sa.get("session_id"), sa["connid"], sa["lifetime_seconds"]) for sa in ike_sas] == [
        (0, 0, 0),
        (None, 7, 86341),
        (4, 9, 93600),
    ]


@pytest.mark.parametrize("case", list(IPSEC_TEXTS))
def test_ipsec_section_records_read_as_line_rules(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = IPSEC_TEXTS[case]
    fast = parse("show crypto ipsec sa detail", text).as_dict()
    assert fast == _without_records(ipsec_sa, "_SA_RULES", "show crypto ipsec sa detail", text, monkeypatch)
    ident = fast["data"]["ipsec_sa"][0]["idents"][0]
    assert [sa["spi"] for sa in ident["inbound_esp_sas"]] == (
        ["0x2C763D25", "0x11111111"] if case == "two SAs in a section" else ["0x2C763D25"]
    )
    assert bool(fast["warnings"]) is (case in ("wrong decimal SPI", "bad counter"))
    assert all(re.match(r"line \d+: ", warning) for warning in fast["warnings"])


ISAKMP_ROWS = """\
IPv4 Crypto ISAKMP SA
dst             src             state          conn-id status
172.16.0.1      172.16.0.3      QM_IDLE           1002 ACTIVE
172.16.0.1      172.16.0.4      MM_NO_STATE       1003 ACTIVE (deleted)
172.16.0.1      172.16.0.5      QM_IDLE           1004    0 ACTIVE

172.16.0.1      172.16.0.6      QM_IDLE           1005 ACTIVE (other)
172.16.0.1      172.16.0.7      QM_IDLE           1006 ACTIVE (two words)
172.16.0.1      172.16.0.8      QM_IDLE           1007 1 ACTIVE (deleted)
IPv6 Crypto ISAKMP SA
2001:db8::1     2001:db8::2     QM_IDLE           1008 ACTIVE
"""


def test_isakmp_rows_record_reads_as_line_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse("show crypto isakmp sa", ISAKMP_ROWS).as_dict()
    slow = _without_records(isakmp_sa, "_SA_RULES", "show crypto isakmp sa", ISAKMP_ROWS, monkeypatch)
    assert fast == slow
    assert [list(row) for row in fast["data"]["isakmp_sa"]] == [list(row) for row in slow["data"]["isakmp_sa"]]
    rows = fast["data"]["isakmp_sa"]
    assert [(row["conn_id"], row.get("slot"), row["deleted"], row["address_family"]) for row in rows] == [
        (1002, None, False, "IPv4"),
        (1003, None, True, "IPv4"),
        (1004, 0, False, "IPv4"),
        (1005, None, False, "IPv4"),
        (1006, None, False, "IPv4"),
        (1007, 1, True, "IPv4"),
        (1008, None, False, "IPv6"),
    ]
    assert fast["warnings"] == []

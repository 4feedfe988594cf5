"""IKEv2 SA/session/stats and `show interfaces` parsers: context rules (a line out of its place is a warning
that quotes it, never a silent drop) and the IKEv2 forms of `show crypto session` in other people's captures."""

from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import parse

from .cases import output_of
from .shared_captures import SharedCapture

ALGORITHMS = "      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:19, Auth sign: PSK, Auth verify: PSK"
IKEV2_SESSION_CAPTURES = [
    SharedCapture("show crypto session", "reference/samples/genielibs/show_crypto_session__1.txt"),
    SharedCapture(
        "show crypto session detail", "reference/samples/ntc-templates/show_crypto_session_detail__2.txt"
    ),
    SharedCapture(
        "show crypto session interface Tunnel10 detail",
        "reference/samples/genielibs/show_crypto_session_interface_detail__1.txt",
    ),
]


@pytest.mark.parametrize("capture", IKEV2_SESSION_CAPTURES, ids=lambda capture: capture.id)
def test_ikev2_session_captures_parse_completely(capture: SharedCapture) -> None:
    """Real IKEv2 sVTI recordings: every line understood, the IKE SA read as IKEv2 on its tunnel."""
    text = capture.text()
    result = parse(capture.command, text)
    assert result.warnings == []
    [session] = result.data["sessions"]
    assert session["interface"].startswith("Tunnel")
    [ike_sa] = session["ike_sas"]
    assert ike_sa["version"] == "IKEv2"
    assert f"local {ike_sa['local']}/{ike_sa['local_port']} remote {ike_sa['remote']}/" in text
    assert session["ipsec_flows"][0]["active_sas"] == 2


def test_sa_fields_before_any_tunnel_row_are_reported() -> None:
    result = parse("show crypto ikev2 sa", ALGORITHMS + "\n      Life/Active Time: 86400/5 sec\n")
    assert result.data == {"ikev2_sa": []}
    assert result.warnings == [
        f'line 1: unrecognised line: "{ALGORITHMS.strip()}"',
        'line 2: unrecognised line: "Life/Active Time: 86400/5 sec"',
    ]


def test_child_sa_lines_belong_to_sessions_only() -> None:
    text = (
        output_of("show_crypto_ikev2_sa", "written")
        + "Child sa: local selector  0.0.0.0/0 - 255.255.255.255/65535\n"
    )
    result = parse("show crypto ikev2 sa", text)
    assert len(result.data["ikev2_sa"]) == 2
    assert result.warnings == [
        'line 18: unrecognised line: "Child sa: local selector  0.0.0.0/0 - 255.255.255.255/65535"'
    ]


def test_tunnel_row_outside_a_session_is_reported_by_the_session_parser() -> None:
    text = (
        "Tunnel-id Local   Remote   fvrf/ivrf   Status\n1  192.0.2.1/500  192.0.2.2/500  none/none  READY\n"
    )
    result = parse("show crypto ikev2 session", text)
    assert result.data == {"ikev2_session": []}
    assert result.warnings == [
        'line 2: unrecognised line: "1  192.0.2.1/500  192.0.2.2/500  none/none  READY"'
    ]


def test_sa_lines_after_a_child_do_not_rewrite_the_tunnel() -> None:
    """An IKE SA line printed under a child SA is out of place: reported, the SA keeps its own values."""
    text = output_of("show_crypto_ikev2_session", "written").replace(
        "          ESP spi in/out: 0x5A6B7C8D/0xC0FFEE01  \n",
        "          ESP spi in/out: 0x5A6B7C8D/0xC0FFEE01  \n      Life/Active Time: 1/1 sec\n",
    )
    result = parse("show crypto ikev2 session", text)
    assert result.data["ikev2_session"][0]["tunnels"][0]["lifetime"] == 86400
    assert result.warnings == ['line 12: unrecognised line: "Life/Active Time: 1/1 sec"']


def test_stats_line_with_text_between_pairs_is_reported() -> None:
    result = parse("show crypto ikev2 stats", "Total incoming IKEv2 SA Count: 0 (see log) active: 0\n")
    assert result.data == {"ikev2_stats": {}}
    assert len(result.warnings) == 1


def test_interface_lines_before_a_status_line_are_reported() -> None:
    text = "  Tunnel protocol/transport IPSEC/IP\nTunnel5 is down, line protocol is down\n"
    result = parse("show interfaces Tunnel5", text)
    assert result.data == {"interfaces": [{"name": "Tunnel5", "status": "down", "line_protocol": "down"}]}
    assert result.warnings == ['line 1: unrecognised line: "Tunnel protocol/transport IPSEC/IP"']


def test_unknown_tunnel_transport_keeps_the_printed_protocol() -> None:
    text = "Tunnel5 is up, line protocol is up\n  Tunnel protocol/transport GRE/MPLS\n"
    [interface] = parse("show interfaces Tunnel5", text).data["interfaces"]
    assert interface["tunnel"] == {"protocol": "GRE/MPLS", "mode": None}


def test_a_truncated_sa_still_has_every_fixed_key() -> None:
    """Roles read the fixed keys: an SA whose algorithm and lifetime lines were not printed has them as None."""
    text = "Tunnel-id Local  Remote  fvrf/ivrf  Status\n3  192.0.2.1/500  192.0.2.2/500  none/none  IN-NEG\n"
    [sa] = parse("show crypto ikev2 sa", text).data["ikev2_sa"]
    assert (sa["tunnel_id"], sa["status"], sa["encryption"], sa["dh_group"], sa["lifetime"]) == (
        3,
        "IN-NEG",
        None,
        None,
        None,
    )
    assert list(sa)[:18] == ["address_family", "tunnel_id", "local", "local_port", "remote", "remote_port",
                             "fvrf", "ivrf", "status", "encryption", "keysize", "prf", "hash", "dh_group",
                             "auth_sign", "auth_verify", "lifetime", "active_time"]  # fmt: skip

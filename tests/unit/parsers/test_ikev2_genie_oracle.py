"""Our IKEv2 fixtures read by Genie's parsers (a parser nobody here wrote): the values both read agree.

Genie's key names differ from ours; each test maps the values explicitly. Genie cannot read an IN-NEG SA's
`Encr: Unknown - 0` line, so the brief-form comparison uses the detail fixture, which has none.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import parse

from .cases import output_of

show_crypto = pytest.importorskip("genie.libs.parser.iosxe.show_crypto", reason="genie parsers not installed")


class ParserDevice:
    name = "oracle"
    os = "iosxe"
    custom: ClassVar[dict[str, Any]] = {}


def genie(parser: str, output: str) -> dict[str, Any]:
    return dict(getattr(show_crypto, parser)(device=ParserDevice()).parse(output=output))


def test_ikev2_sa_detail_agrees_with_genie() -> None:
    text = output_of("show_crypto_ikev2_sa_detail", "written")
    theirs = genie("ShowCryptoIkev2SaDetail", text)["tunnel_id"]
    ours = parse("show crypto ikev2 sa detail", text).data["ikev2_sa"]
    assert [sa["tunnel_id"] for sa in ours] == list(theirs) == [4, 9]
    for sa in ours:
        other = theirs[sa["tunnel_id"]]
        assert other["local"] == f"{sa['local']}/{sa['local_port']}"
        assert other["remote"] == f"{sa['remote']}/{sa['remote_port']}"
        assert (other["fvrf"], other["ivrf"], other["status"]) == (
            sa["fvrf"],
            sa["ivrf"],
            sa["status"].lower(),
        )
        assert (other["encryption"], other["keysize"], other["prf"]) == (
            sa["encryption"].lower(),
            sa["keysize"],
            sa["prf"].lower(),
        )
        assert (other["dh_grp"], other["life_time"], other["active_time"]) == (
            sa["dh_group"],
            sa["lifetime"],
            sa["active_time"],
        )
        assert (other["local_spi"], other["remote_spi"], other["remote_id"]) == (
            sa["local_spi"],
            sa["remote_spi"],
            sa["remote_id"],
        )
        assert other.get("dpd_configured_time") == sa["dpd_interval"]
        assert other.get("remote_subnets", []) == sa.get("remote_subnets", [])


def test_ikev2_session_detail_agrees_with_genie() -> None:
    text = output_of("show_crypto_ikev2_session_detail", "written")
    theirs = genie("ShowCryptoIkev2Session", text)["ikev2_session"]
    ours = parse("show crypto ikev2 session detail", text).data["ikev2_session"]
    rows = [theirs["IPv4"][1], theirs["IPv6"][1]]
    for session, other in zip(ours, rows, strict=True):
        [sa] = session["tunnels"]
        [child] = session["children"]
        [other_child] = other["child_sa"].values()
        assert (other["session_id"], other["status"], other["ike_count"], other["child_count"]) == (
            session["session_id"],
            session["status"],
            session["ike_count"],
            session["child_count"],
        )
        assert (other["tunnel_id"], other["local_ip"], other["remote_ip"], other["dh_group"]) == (
            sa["tunnel_id"],
            sa["local"],
            sa["remote"],
            sa["dh_group"],
        )
        assert (other_child["esp_spi_in"], other_child["esp_spi_out"], other_child["mode"]) == (
            child["esp_spi_in"],
            child["esp_spi_out"],
            child["mode"],
        )
        # Genie keeps the newer layout's selector rows unsplit; ours splits them into the two lists.
        selectors = other_child["local_selectors"] or [
            row.split("->")[0].strip() for row in other_child["traffic_selectors"]
        ]
        assert selectors == child["local_selectors"]


def test_ikev2_stats_agree_with_genie() -> None:
    text = output_of("show_crypto_ikev2_stats", "written")
    theirs = genie("ShowCryptoIkev2Stats", text)["ikev2_statistics"]
    ours = parse("show crypto ikev2 stats", text).data["ikev2_stats"]
    pairs = {
        "max_in_nego": "max_in_nego_in",
        "max_out_nego": "max_in_nego_out",
        "total_incoming_sa": "total_incoming_ikev2_sa_count",
        "total_incoming_sa_active": "total_incoming_ikev2_sa_count_active",
        "total_incoming_sa_negotiating": "total_incoming_ikev2_sa_count_negotiating",
        "total_outgoing_sa_active": "total_outgoing_ikev2_sa_count_active",
        "incoming_requests_reject": "incoming_ikev2_requests_rejected",
        "outgoing_requests_accept": "outgoing_ikev2_requests_accepted",
        "rejected_v2_requests": "rejected_ikev2_requests",
        "ikev2_packet_drop": "ikev2_packets_dropped_at_dispatch",
    }
    assert {theirs_key: theirs[theirs_key] for theirs_key in pairs} == {
        theirs_key: ours[ours_key] for theirs_key, ours_key in pairs.items()
    }
    cookie = theirs["incoming_cookie_challenge"]
    assert (cookie["incoming_challenge_accept"], cookie["incoming_challenge_reject"]) == (
        ours["incoming_ikev2_cookie_challenged_requests_accepted"],
        ours["incoming_ikev2_cookie_challenged_requests_rejected"],
    )

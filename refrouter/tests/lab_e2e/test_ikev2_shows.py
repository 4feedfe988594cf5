"""IKEv2 shows of two routers whose crypto-map tunnel is up, read over SSH and parsed by Genie's IOS XE
parsers (written by others from real devices): values equal the routers' oper state."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import pytest
from clishell import privileged_shell

from refrouter.show.ikev2_sa_show import COLUMNS

from .harness import configure, lab_copy, run, running_lab
from .ikev2_lab import smart_defaults, two_routers

show_crypto = pytest.importorskip("genie.libs.parser.iosxe.show_crypto", reason="genie parsers not installed")
SHOWS = ("show crypto ikev2 sa", "show crypto ikev2 sa detail", "show crypto ikev2 session detail",
         "show crypto ikev2 stats", "show crypto session", "show crypto session detail", "show crypto ipsec sa",
         "show crypto mib ipsec flowmib tunnel", "show tech-support ipsec", "show crypto ikev2 sa remote 192.0.2.2",
         "show crypto ikev2 sa remote 192.0.2.9 detail")


class ParserDevice:
    """The minimum a Genie parser needs when it is handed `output=`."""

    def __init__(self) -> None:
        self.name = "refrouter"
        self.os = "iosxe"
        self.custom: dict[str, Any] = {}


def parse(parser_class: type, output: str) -> dict[str, Any]:
    return json.loads(json.dumps(parser_class(device=ParserDevice()).parse(output=output)))


@pytest.fixture(scope="module")
def tunnel_up(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp_path = tmp_path_factory.mktemp("ikev2_shows")
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            configure(a, smart_defaults(1, extra=(" dpd 10 3 on-demand",)))
            configure(b, smart_defaults(2))
            ping = await run(a, "ping 10.2.0.1 source Loopback0 repeat 5 timeout 1")
            shows = {}
            for name in ("A", "B"):
                port = lab.routers[f"Router{name}"].spec.ssh_port
                async with privileged_shell(port, "admin", "admin", "admin") as shell:
                    shows[name] = {command: await shell.command(command) for command in SHOWS}
            return {"ping": ping, "shows": shows, "now": a.clock.now(),
                    "sas": {"A": a.oper.ikev2.sa_list(), "B": b.oper.ikev2.sa_list()},
                    "tunnels": {"A": a.oper.ipsec_tunnel_list(), "B": b.oper.ipsec_tunnel_list()}}

    result = asyncio.run(scenario())
    assert ".!!!!" in result["ping"], result["ping"]
    return result


@pytest.mark.parametrize("side", ["A", "B"])
def test_show_crypto_ikev2_sa_parses_to_state(tunnel_up: dict[str, Any], side: str) -> None:
    (sa,) = tunnel_up["sas"][side]
    parsed = parse(show_crypto.ShowCryptoIkev2Sa, tunnel_up["shows"][side]["show crypto ikev2 sa"])
    row = parsed["ipv4"][str(sa.tunnel_id)]
    active = row.pop("active_time")
    assert 0 <= active <= 5
    assert row == {
        "tunnel_id": sa.tunnel_id, "local_ip": sa.local, "local_port": 500, "remote_ip": sa.remote,
        "remote_port": 500, "fvrf": "none", "ivrf": "none", "status": "READY", "encryption": "AES-CBC",
        "keysize": 256, "prf": "SHA512", "hash": "SHA512", "dh_group": 19, "auth_sign": "PSK", "auth_verify": "PSK",
        "life_time": 86400,
    }


def test_show_crypto_ikev2_sa_detail_parses_to_state(tunnel_up: dict[str, Any]) -> None:
    (sa,) = tunnel_up["sas"]["A"]
    parsed = parse(show_crypto.ShowCryptoIkev2SaDetail, tunnel_up["shows"]["A"]["show crypto ikev2 sa detail"])
    row = parsed["tunnel_id"][str(sa.tunnel_id)]
    assert {key: row[key] for key in ("local", "remote", "status", "session_id", "local_spi", "remote_spi",
                                      "local_id", "remote_id", "dpd_configured_time", "retry", "initiator_of_sa",
                                      "status_description")} == {
        "local": "192.0.2.1/500", "remote": "192.0.2.2/500", "status": "ready", "session_id": sa.session_id,
        "local_spi": sa.local_spi, "remote_spi": sa.remote_spi, "local_id": "192.0.2.1", "remote_id": "192.0.2.2",
        "dpd_configured_time": 10, "retry": 3, "initiator_of_sa": "yes", "status_description": "negotiation done",
    }
    (peer_sa,) = tunnel_up["sas"]["B"]
    assert (peer_sa.local_spi, peer_sa.remote_spi) == (sa.remote_spi, sa.local_spi)


def test_show_crypto_session_detail_has_the_ikev2_rows(tunnel_up: dict[str, Any]) -> None:
    (sa,) = tunnel_up["sas"]["A"]
    (tunnel,) = tunnel_up["tunnels"]["A"]
    parsed = parse(show_crypto.ShowCryptoSessionDetail, tunnel_up["shows"]["A"]["show crypto session detail"])
    interface = parsed["interface"]["GigabitEthernet1"]
    assert (interface["profile"], interface["session_status"]) == ("PROF", "UP-ACTIVE")
    port = interface["peer"]["192.0.2.2"]["port"]["500"]
    assert port["phase1_id"] == "192.0.2.2"
    ike = port["ike_sa"]["1"]
    assert {k: ike[k] for k in ("version", "session_id", "local", "remote", "sa_status", "conn_id",
                                "capabilities")} == {
        "version": "IKEv2", "session_id": str(sa.session_id), "local": "192.0.2.1", "remote": "192.0.2.2",
        "sa_status": "Active", "conn_id": str(sa.conn_id), "capabilities": "D"}
    flow = port["ipsec_flow"]["permit ip 10.1.0.0/255.255.255.0 10.2.0.0/255.255.255.0"]
    assert (flow["active_sas"], flow["outbound_pkts_encrypted"], flow["inbound_pkts_decrypted"]) == \
        (2, tunnel.counters.out_encrypts, tunnel.counters.in_decrypts)


def test_show_crypto_session_brief_parses(tunnel_up: dict[str, Any]) -> None:
    (sa,) = tunnel_up["sas"]["B"]
    parsed = parse(show_crypto.ShowCryptoSession, tunnel_up["shows"]["B"]["show crypto session"])
    interface = parsed["interface"]["GigabitEthernet1"]
    assert (interface["profile"], interface["session_status"]) == ("PROF", "UP-ACTIVE")
    ike = interface["peer"]["192.0.2.1"]["port"]["500"]["ike_sa"]["1"]
    assert (ike["version"], ike["session_id"], ike["sa_status"]) == ("IKEv2", str(sa.session_id), "Active")


def test_show_crypto_ikev2_session_detail_lists_the_child_sa(tunnel_up: dict[str, Any]) -> None:
    (sa,) = tunnel_up["sas"]["A"]
    (child,) = sa.children
    parsed = parse(show_crypto.ShowCryptoIkev2Session, tunnel_up["shows"]["A"]["show crypto ikev2 session detail"])
    session = parsed["ikev2_session"]["IPv4"][str(sa.session_id)]
    assert (session["status"], session["ike_count"], session["child_count"], session["session_status"]) == \
        ("UP-ACTIVE", 1, 1, "READY")
    assert session["child_sa"]["1"] == {
        "local_selectors": ["10.1.0.0/0 - 10.1.0.255/65535"], "remote_selectors": ["10.2.0.0/0 - 10.2.0.255/65535"],
        "esp_spi_in": f"0x{child.spi_in:X}", "esp_spi_out": f"0x{child.spi_out:X}", "ah_spi_in": "0x0",
        "ah_spi_out": "0x0", "cpi_in": "0x0", "cpi_out": "0x0", "child_encr": "AES-CBC", "keysize": 128,
        "esp_hmac": "SHA96", "ah_hmac": "None", "compression": "IPCOMP_NONE", "mode": "tunnel"}


def test_show_crypto_ikev2_stats_counts_the_negotiation(tunnel_up: dict[str, Any]) -> None:
    a = parse(show_crypto.ShowCryptoIkev2Stats, tunnel_up["shows"]["A"]["show crypto ikev2 stats"])["ikev2_statistics"]
    b = parse(show_crypto.ShowCryptoIkev2Stats, tunnel_up["shows"]["B"]["show crypto ikev2 stats"])["ikev2_statistics"]
    keys = ("total_incoming_sa", "total_incoming_sa_active", "total_outgoing_sa", "total_outgoing_sa_active",
            "incoming_v2_requests", "incoming_requests_accept", "outgoing_v2_requests", "outgoing_requests_accept")
    assert [a[k] for k in keys] == [0, 0, 1, 1, 0, 0, 1, 1]
    assert [b[k] for k in keys] == [1, 1, 0, 0, 1, 1, 0, 0]


def test_ipsec_sa_show_is_unchanged_for_ikev2_tunnels(tunnel_up: dict[str, Any]) -> None:
    (tunnel,) = tunnel_up["tunnels"]["A"]
    output = tunnel_up["shows"]["A"]["show crypto ipsec sa"]
    assert f"current outbound spi: 0x{tunnel.outbound_spi:X}" in output
    assert f"#pkts encaps: {tunnel.counters.out_pkts}" in output


def test_flow_mib_and_tech_support_include_the_ikev2_tunnel(tunnel_up: dict[str, Any]) -> None:
    (tunnel,) = tunnel_up["tunnels"]["A"]
    mib = tunnel_up["shows"]["A"]["show crypto mib ipsec flowmib tunnel"]
    assert re.search(rf"Index\s*:?\s+{tunnel.mib_index}\b", mib), mib
    assert re.search(r"Remote address\s*:?\s+192\.0\.2\.2\b", mib), mib
    assert re.search(rf"Out packets\s*:?\s+{tunnel.counters.out_pkts}\b", mib, re.IGNORECASE), mib
    tech = tunnel_up["shows"]["A"]["show tech-support ipsec"]
    assert "IKEv2 SA: local 192.0.2.1/500 remote 192.0.2.2/500 Active" in tech
    assert f"current outbound spi: 0x{tunnel.outbound_spi:X}" in tech


def test_show_crypto_ikev2_sa_remote_selects_the_peer(tunnel_up: dict[str, Any]) -> None:
    shows = tunnel_up["shows"]["A"]
    assert shows["show crypto ikev2 sa remote 192.0.2.2"] == shows["show crypto ikev2 sa"]
    other = shows["show crypto ikev2 sa remote 192.0.2.9 detail"]
    assert other.splitlines() == [" IPv4 Crypto IKEv2  SA ", "", COLUMNS, " IPv6 Crypto IKEv2  SA ", ""], other

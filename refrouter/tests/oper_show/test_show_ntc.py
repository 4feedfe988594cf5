"""ntc-templates (TextFSM, written by others from real devices) parse `show crypto session detail` and
`show crypto ipsec sa detail`; the records carry the router's state. The templates stop with an error on
any line they do not know, so a clean parse also checks the line inventory."""

from __future__ import annotations

import pytest

from refrouter.state.oper.sa import IkeSa, IpsecTunnel
from refrouter.state.router import Router

from .conftest import PINGS_OK
from .showlab import LOCAL_ROLES, ShowLab

ntc = pytest.importorskip("ntc_templates.parse", reason="ntc-templates not installed")


def parse(command: str, text: str) -> list[dict[str, str]]:
    return list(ntc.parse_output(platform="cisco_ios", command=command, data=text))


def state(router: Router) -> tuple[IkeSa, IpsecTunnel]:
    [sa] = [sa for sa in router.oper.ike_sa_list() if sa.active]
    [tunnel] = router.oper.ipsec_tunnel_list()
    return sa, tunnel


@pytest.mark.parametrize("name", ["RouterA", "RouterB"])
def test_session_detail(seed_lab: ShowLab, name: str) -> None:
    local, peer, host, remote_host = LOCAL_ROLES[name]
    [out], (sa, tunnel), _ = seed_lab.capture(name, ["show crypto session detail"], state)
    [record] = parse("show crypto session detail", out)
    assert {key: record[key] for key in (
        "interface", "session_status", "peer", "port", "fvrf", "ivrf", "phase1_id", "session_id", "local_ip",
        "local_port", "remote_ip", "remote_port", "ikev1_status", "capabilities", "conn_id", "permit", "src_host",
        "dst_host", "active_sa", "origin")} == {
        "interface": "GigabitEthernet1", "session_status": "UP-ACTIVE", "peer": peer, "port": "500",
        "fvrf": "(none)", "ivrf": "(none)", "phase1_id": peer, "session_id": "0", "local_ip": local,
        "local_port": "500", "remote_ip": peer, "remote_port": "500", "ikev1_status": "Active",
        "capabilities": "(none)", "conn_id": str(sa.conn_id), "permit": "ip", "src_host": host,
        "dst_host": remote_host, "active_sa": str(len(tunnel.child_sas())), "origin": "crypto map",
    }


@pytest.mark.parametrize("name", ["RouterA", "RouterB"])
def test_ipsec_sa_detail(seed_lab: ShowLab, name: str) -> None:
    local, peer, host, remote_host = LOCAL_ROLES[name]
    [out], (_, tunnel), now = seed_lab.capture(name, ["show crypto ipsec sa detail"], state)
    records = parse("show crypto ipsec sa detail", out)
    expected_sas = [(sa.direction + "bound", sa) for sa in tunnel.child_sas()]
    assert [(r["sa_orientation"], r["sa_type"], r["sa_spi_dec"]) for r in records] == [
        (orientation, sa.protocol, str(sa.spi)) for orientation, sa in expected_sas]
    counters = tunnel.counters
    for record, (_, sa) in zip(records, expected_sas, strict=True):
        assert (record["interface"], record["crypto_map_tag"], record["local_addr"]) == ("GigabitEthernet1", "testmap",
                                                                                        local)
        assert (record["local_ident_addr"], record["remote_ident_addr"], record["current_peer"]) == (
            host, remote_host, peer)
        assert (record["pkts_encaps"], record["pkts_decaps"]) == (str(counters.out_pkts), str(counters.in_pkts))
        assert record["pkts_encaps"] == str(PINGS_OK)
        assert record["current_outbound_spi_dec"] == str(tunnel.outbound_spi)
        assert record["sa_spi_hex"] == f"0x{sa.spi:X}"
        assert (record["sa_conn_id"], record["sa_flow_id"]) == (str(sa.conn_id), f"CSR:{sa.conn_id - 2000}")
        assert record["sa_lifetime_kbytes"] == str(sa.lifetime_kb - sa.bytes_used // 1024)
        assert record["sa_lifetime_sec"] == str(int(sa.created + sa.lifetime_sec - now))
        assert (record["sa_transform"], record["sa_in_use_settings"]) == ("esp-aes esp-sha-hmac", "Tunnel")
        assert (record["sa_status"], record["sa_replay_window_size"]) == ("ACTIVE(ACTIVE)", "64")

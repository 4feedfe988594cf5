"""Failures and `clear crypto` as the show commands report them: IOS states in `show crypto isakmp sa`, rows
in the flow-MIB failure and history tables, session states. Each scenario runs on a fresh lab."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from refrouter.cli.session import CliSession
from refrouter.state.oper.sa import MM_KEY_EXCH, QM_IDLE
from refrouter.state.router import Router

from .mibtext import only, vrf_records
from .showlab import PEER_A, PEER_B, PING, ShowLab, seed_config
from .test_show_genie import genie

QUICK_PING = f"{PING} repeat 1 timeout 0"  # sends the packet that starts IKE and returns at once
DELETED_SA = {"destination": PEER_B, "source": PEER_A, "session_state": "MM_NO_STATE", "conn_id": 1001,
              "status": "ACTIVE", "current_status": "deleted"}


@pytest.fixture
def fresh_lab(tmp_path: Path, host_key_dir: Path) -> Iterator[Callable[[list[str]], ShowLab]]:
    """A new two_site lab: RouterA with the seed's configuration, RouterB with the given lines."""
    labs: list[ShowLab] = []

    def start(router_b: list[str]) -> ShowLab:
        lab = ShowLab(tmp_path / f"lab{len(labs)}", host_key_dir)
        labs.append(lab)
        assert all("% NOTE" in out for out in lab.configure("RouterA", seed_config("RouterA")))
        assert all("% NOTE" in out for out in lab.configure("RouterB", router_b)), "RouterB config rejected"
        return lab

    yield start
    for lab in labs:
        lab.close()


def _states(router: Router) -> list[str]:
    return [sa.state for sa in router.oper.ike_sa_list()]


def test_wrong_preshared_key(fresh_lab: Callable[[list[str]], ShowLab]) -> None:
    lab = fresh_lab([line.replace("key identity", "key wrongkey") for line in seed_config("RouterB")])
    lab.speed_up_ike(retransmit_interval=1.0, max_retransmits=2)
    lab.run("PagentA", QUICK_PING)
    lab.wait_for("RouterA", lambda r: _states(r) == [MM_KEY_EXCH])
    sa_a, session_a = lab.shows("RouterA", "show crypto isakmp sa", "show crypto session")
    [sa_b] = lab.shows("RouterB", "show crypto isakmp sa")
    # main mode stops after message 5: RouterB cannot authenticate RouterA
    for output in (sa_a, sa_b):
        assert genie("ShowCryptoIsakmpSa", output)["isakmp_stats"]["IPv4"][1] == {
            "destination": PEER_B, "source": PEER_A, "session_state": MM_KEY_EXCH, "conn_id": 1001, "status": "ACTIVE"}
    assert "Session status: DOWN-NEGOTIATING" in session_a and f"remote {PEER_B}/500 Inactive" in session_a

    for name in ("RouterA", "RouterB"):
        lab.wait_for(name, lambda r: len(r.oper.flowmib.ike.failures()) == 1)
    failure_a, global_a, history_a, sa_a = lab.shows(
        "RouterA", "show crypto mib isakmp flowmib failure", "show crypto mib isakmp flowmib global",
        "show crypto mib isakmp flowmib history", "show crypto isakmp sa")
    failure_b, global_b = lab.shows("RouterB", "show crypto mib isakmp flowmib failure",
                                    "show crypto mib isakmp flowmib global")
    assert genie("ShowCryptoIsakmpSa", sa_a)["isakmp_stats"]["IPv4"][1] == DELETED_SA
    row_a, row_b = only(failure_a, "Index"), only(failure_b, "Index")
    assert (row_a["Reason"], row_a["Local value"], row_a["Remote Value"]) == ("peer lost", PEER_A, PEER_B)
    assert (row_b["Reason"], row_b["Local Address"], row_b["Remote Address"]) == ("authentication failure", PEER_B,
                                                                                 PEER_A)
    totals_a, totals_b = only(global_a, "Active Tunnels"), only(global_b, "Active Tunnels")
    assert (
        totals_a["Active Tunnels"],
        totals_a["SAs locally initiated"],
        totals_a["SAs locally initiated failed"],
    ) == ("0", "1", "1")
    assert (totals_b["Authentication failures"], totals_b["SAs remotely initiated failed"]) == ("1", "1")
    assert history_a.splitlines() == ["vrf Global"]  # a negotiation that never finished was never a tunnel


def test_no_common_transform_set(fresh_lab: Callable[[list[str]], ShowLab]) -> None:
    lab = fresh_lab([*seed_config("RouterB"), "crypto ipsec transform-set test_transf esp-aes 256 esp-sha256-hmac"])
    lab.run("PagentA", QUICK_PING)
    for name in ("RouterA", "RouterB"):
        lab.wait_for(name, lambda r: len(r.oper.flowmib.ipsec.failures()) == 1)
    sa_a, failure_a, tunnel_a, session_a, ipsec_a = lab.shows(
        "RouterA", "show crypto isakmp sa", "show crypto mib ipsec flowmib failure",
        "show crypto mib isakmp flowmib tunnel", "show crypto session", "show crypto ipsec sa")
    [failure_b, tunnel_b] = lab.shows("RouterB", "show crypto mib ipsec flowmib failure",
                                      "show crypto mib isakmp flowmib tunnel")
    assert genie("ShowCryptoIsakmpSa", sa_a)["isakmp_stats"]["IPv4"][1]["session_state"] == QM_IDLE
    row_a, row_b = only(failure_a, "Index"), only(failure_b, "Index")
    assert (row_a["Reason"], row_a["Src address"], row_a["Destination address"]) == ("proposal failure", PEER_A, PEER_B)
    # both rows name the refused quick-mode offer's packet: from RouterA to RouterB
    assert (row_b["Reason"], row_b["Src address"], row_b["Destination address"]) == ("proposal failure", PEER_A, PEER_B)
    assert only(tunnel_a, "Index")["Out P2 exchg rejects"] == "1"
    assert only(tunnel_b, "Index")["In P2 exchg rejected"] == "1"
    assert "Session status: UP-IDLE" in session_a and "Active SAs: 0, origin: crypto map" in session_a
    assert "current outbound spi: 0x0(0)" in ipsec_a  # the ACL's flow is listed without SAs, as IOS does


def test_clear_moves_tunnels_into_history(history_lab: ShowLab) -> None:
    """history_lab ran `clear crypto session` on RouterA between two pings."""
    for name, reason in (("RouterA", "Operation request"), ("RouterB", "peer delete request")):
        ike_history, ipsec_history, ike_failure, ipsec_failure = history_lab.shows(
            name, "show crypto mib isakmp flowmib history", "show crypto mib ipsec flowmib history",
            "show crypto mib isakmp flowmib failure", "show crypto mib ipsec flowmib failure")
        for text, start in ((ike_history, "Reason"), (ipsec_history, "Reason"), (ike_failure, "Index"),
                            (ipsec_failure, "Index")):
            [record] = vrf_records(text, start)["Global"]
            assert dict(record)["Reason"] == reason, (name, text)


def test_clear_sa_then_isakmp(fresh_lab: Callable[[list[str]], ShowLab]) -> None:
    lab = fresh_lab(seed_config("RouterB"))
    assert ".!!!!" in lab.run("PagentA", PING)
    assert lab.run("RouterA", f"clear crypto sa peer {PEER_B}") == ""
    sa, count, session = lab.shows(
        "RouterA", "show crypto isakmp sa", "show crypto ipsec sa count", "show crypto session"
    )
    assert "QM_IDLE           1001 ACTIVE" in sa  # IPsec SAs only: the ISAKMP SA stays
    assert count.startswith("IPsec SA total: 0,")
    assert "Session status: UP-IDLE" in session
    lab.wait_for("RouterB", lambda r: r.oper.ipsec_tunnels == {})  # the DELETE reached RouterB
    assert lab.run("RouterA", "clear crypto isakmp 1001") == ""
    sa, session = lab.shows("RouterA", "show crypto isakmp sa", "show crypto session")
    assert genie("ShowCryptoIsakmpSa", sa)["isakmp_stats"]["IPv4"][1] == DELETED_SA
    assert "Session status: DOWN\n" in session


def test_clear_without_crypto_prints_nothing() -> None:
    router = Router("Plain")
    router.boot()
    session = CliSession(router, privilege=15)
    for command in ("clear crypto session", "clear crypto sa", "clear crypto sa map testmap",
                    f"clear crypto session remote {PEER_B}", "clear crypto isakmp", "clear crypto isakmp 1001"):
        assert session.execute(command) == "", command


import pytest

from refrouter.state.oper import reasons
from refrouter.state.oper.clock import ManualClock
from refrouter.state.oper.counters import IkeCounters, IpsecCounters
from refrouter.state.oper.flowmib import FlowMib
from refrouter.state.oper.reasons import REASON_TEXT, VERIFIED_REASON_TEXTS, reason_text
from refrouter.state.oper.sa import QM_IDLE, ChildSa, IkeSa, IpsecTunnel, NegotiatedPolicy, ProxyIdent
from refrouter.state.oper.tables import IndexAllocator, SlidingTable

POLICY = NegotiatedPolicy(1, "des", None, "sha", "pre-share", 2, 86400, False)


def ike_tunnel(remote: str, in_pkts: int, vrf: str | None = None) -> IkeSa:
    sa = IkeSa(1000 + in_pkts, "192.0.2.1", remote, "initiator", 0.0, vrf=vrf, state=QM_IDLE, policy=POLICY,
               established=0.0, expires=86400.0)
    sa.counters = IkeCounters(in_pkts=in_pkts, out_octets=10 * in_pkts)
    return sa


def ipsec_tunnel(tunnel_id: int, out_pkts: int) -> IpsecTunnel:
    tunnel = IpsecTunnel(tunnel_id, "192.1.2.1", "192.1.2.2", "testmap", 10, "GigabitEthernet1",
                         ProxyIdent("192.1.2.1"), ProxyIdent("192.1.3.0", "255.255.255.0"), "ts",
                         ("esp-aes", "esp-sha-hmac"), 128, "tunnel", None, 1001, 4608000, 3600, 0.0)
    tunnel.inbound = [ChildSa(0x1000 + tunnel_id, "esp", "in", 2001, ("esp-aes",), 128, "tunnel", 1, 1, 0.0)]
    tunnel.outbound = [ChildSa(0x2000 + tunnel_id, "esp", "out", 2002, ("esp-aes",), 128, "tunnel", 1, 1, 0.0)]
    tunnel.counters = IpsecCounters(out_pkts=out_pkts, out_octets=100 * out_pkts)
    return tunnel


def test_index_allocator_is_monotonic_and_wraps():
    allocator = IndexAllocator(start=1, maximum=3)
    assert [allocator.allocate() for _ in range(5)] == [1, 2, 3, 1, 2]


def test_sliding_table_keeps_newest_rows_and_resizes():
    table: SlidingTable[int] = SlidingTable(3)
    for n in range(5):
        table.append(n)
    assert list(table) == [2, 3, 4]
    table.resize(2)
    assert list(table) == [3, 4] and table.size == 2
    with pytest.raises(ValueError):
        table.resize(0)


def test_ike_global_counts_current_and_previous_tunnels_even_after_history_overflow():
    clock = ManualClock()
    mib = FlowMib(clock, history_size=2)
    tunnels = [ike_tunnel(f"192.0.2.{n}", in_pkts=n) for n in (2, 3, 4, 5)]
    for sa in tunnels:
        mib.ike.tunnel_started(sa)
    assert [sa.mib_index for sa in tunnels] == [1, 2, 3, 4]
    clock.advance(30)
    for sa in tunnels[:3]:
        mib.ike.tunnel_ended(sa, "peerLost")
    stats = mib.ike.global_stats("Global")
    assert (stats.active_tunnels, stats.previous_tunnels) == (1, 3)
    assert stats.counters.in_pkts == 2 + 3 + 4 + 5
    assert stats.counters.out_octets == 10 * (2 + 3 + 4 + 5)
    history = mib.ike.history()
    assert [(row.index, row.active_index, row.reason) for row in history] == [(2, 2, "peerLost"), (3, 3, "peerLost")]
    assert history[-1].active_time == 30 and history[-1].counters.in_pkts == 4
    assert [row.reason for row in mib.ike.failures()] == ["peerLost"] * 3


def test_ike_history_copies_counters_at_termination():
    mib = FlowMib(ManualClock())
    sa = ike_tunnel("192.0.2.2", in_pkts=1)
    mib.ike.tunnel_started(sa)
    mib.ike.tunnel_ended(sa, "normal")
    sa.counters.in_pkts += 100
    assert mib.ike.history()[0].counters.in_pkts == 1
    assert mib.ike.failures() == []  # a normal end is not a failure
    assert mib.ike.tunnel_ended(sa, "normal") is None  # ending twice does nothing


def test_ike_peer_rows_follow_active_tunnels():
    mib = FlowMib(ManualClock())
    first, second, other = ike_tunnel("192.0.2.2", 1), ike_tunnel("192.0.2.2", 2), ike_tunnel("192.0.3.2", 3)
    for sa in (first, second, other):
        mib.ike.tunnel_started(sa)
    assert [(p.index, p.remote_addr, p.active_tunnel_index) for p in mib.ike.peers()] == [
        (1, "192.0.2.2", 2), (2, "192.0.3.2", 3)]
    mib.ike.tunnel_ended(second, "operRequest")
    assert [(p.remote_addr, p.active_tunnel_index) for p in mib.ike.peers()] == [("192.0.2.2", 1), ("192.0.3.2", 3)]
    mib.ike.tunnel_ended(first, "operRequest")
    assert [p.remote_addr for p in mib.ike.peers()] == ["192.0.3.2"]


def test_global_stats_are_per_vrf():
    mib = FlowMib(ManualClock())
    mib.ike.tunnel_started(ike_tunnel("192.0.2.2", 1))
    mib.ike.tunnel_started(ike_tunnel("192.0.3.2", 7, vrf="RED"))
    mib.ike.event("RED", "auth_fails")
    assert mib.ike.vrfs() == ["Global", "RED"]
    red, main = mib.ike.global_stats("RED"), mib.ike.global_stats("Global")
    assert (red.active_tunnels, red.counters.in_pkts, red.events.auth_fails) == (1, 7, 1)
    assert (main.active_tunnels, main.counters.in_pkts, main.events.auth_fails) == (1, 1, 0)
    assert [sa.remote for sa in mib.ike.tunnels("RED")] == ["192.0.3.2"]


def test_unknown_reasons_are_rejected():
    mib = FlowMib(ManualClock())
    with pytest.raises(ValueError):
        mib.ike.failure("no such reason", "a", "b", None)
    with pytest.raises(ValueError):
        mib.ipsec.failure("authFailure", "a", "b", None)  # an IKE-only reason


def test_ipsec_tables_endpoints_spis_history_and_global():
    clock = ManualClock()
    mib = FlowMib(clock)
    first, second = ipsec_tunnel(1, out_pkts=4), ipsec_tunnel(2, out_pkts=6)
    mib.ipsec.tunnel_started(first, ike_tunnel_index=7)
    mib.ipsec.tunnel_started(second, ike_tunnel_index=7)
    assert [(e.tunnel_index, e.index, e.local_type, e.remote_type) for e in mib.ipsec.endpoints()] == [
        (1, 1, "singleIpAddr", "ipSubnet"), (2, 2, "singleIpAddr", "ipSubnet")]
    assert [(s.tunnel_index, s.index, s.direction, s.value) for s in mib.ipsec.spis()] == [
        (1, 1, "in", 0x1001), (1, 2, "out", 0x2001), (2, 3, "in", 0x1002), (2, 4, "out", 0x2002)]
    assert mib.ipsec.ike_tunnel_index(first) == 7
    clock.advance(12)
    row = mib.ipsec.tunnel_ended(first, "operRequest")
    assert row is not None and (row.index, row.ike_tunnel_index, row.active_time, row.expired_sa_instances) == (
        1, 7, 12, 2)
    assert row.endpoint.remote_addr == "192.1.3.0"
    failure = mib.ipsec.failures()[0]
    assert (failure.reason, failure.tunnel_index, failure.spi, failure.time) == ("operRequest", 1, 0, 12)
    stats = mib.ipsec.global_stats()
    assert (stats.active_tunnels, stats.previous_tunnels, stats.counters.out_pkts) == (1, 1, 10)
    assert stats.counters.out_octets == 1000


def test_reason_texts_cover_every_enumeration_and_keep_the_seed_spellings():
    names = {*reasons.IKE_HISTORY_REASONS, *reasons.IPSEC_HISTORY_REASONS, *reasons.IKE_FAILURE_REASONS,
             *reasons.IPSEC_FAILURE_REASONS}
    assert names <= set(REASON_TEXT)
    assert (reason_text("peerLost"), reason_text("operRequest")) == ("peer lost", "Operation request")
    assert {"peerLost", "operRequest"} == VERIFIED_REASON_TEXTS

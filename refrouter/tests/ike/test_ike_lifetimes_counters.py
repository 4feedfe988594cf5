"""SA lifetimes (seconds, kilobytes, time_scale), counters, global = sum, clear commands."""

from ike_harness import A_ADDR, A_HOST, B_ADDR, B_HOST, connect, isakmp_policy, site_to_site

from refrouter.state.config.model import SaLifetime, TransformSet
from refrouter.state.oper.clock import ScaledClock


class FakeMonotonic:
    def __init__(self) -> None:
        self.value = 0.0

    def __call__(self) -> float:
        return self.value


def history_reasons(node, table: str) -> list[str]:
    return [row.reason for row in getattr(node.oper.flowmib, table).history()]


def test_isakmp_sa_is_rekeyed_on_the_scaled_clock_and_ipsec_sas_survive_it():
    real = FakeMonotonic()
    net, a, b = site_to_site(clock=ScaledClock(time_scale=60, monotonic=real))
    for node in (a, b):
        isakmp_policy(node.config, 10, encryption="aes", authentication="pre-share", group=14, lifetime=3600)
        node.config.crypto_maps["testmap"].entries[10].lifetime = SaLifetime(seconds=7200)
    connect(net, a)
    [old_a], [old_b] = a.oper.ike_sa_list(), b.oper.ike_sa_list()
    assert a.engine.next_deadline() == 3240  # 90 % of 3600: the initiator's ISAKMP rekey
    real.value = 53.0  # 3180 router seconds: not yet
    net.deliver(a.engine.tick() + b.engine.tick())
    assert len(a.oper.ike_sa_list()) == 1
    real.value = 54.0  # 3240 router seconds: a new main mode, then the old SA is deleted on both sides
    net.deliver(a.engine.tick())
    assert history_reasons(a, "ike") == ["normal"]
    assert history_reasons(b, "ike") == ["peerDelRequest"]
    assert a.oper.flowmib.ike.history()[0].active_time == 3240
    assert old_a.deleted and old_b.deleted
    [new_a] = [sa for sa in a.oper.ike_sa_list() if not sa.deleted]
    [new_b] = [sa for sa in b.oper.ike_sa_list() if not sa.deleted]
    assert new_a.active and new_b.active and new_a.conn_id != old_a.conn_id
    [tunnel_a], [tunnel_b] = a.oper.ipsec_tunnel_list(), b.oper.ipsec_tunnel_list()
    assert a.oper.ike_sa_of(tunnel_a) is new_a and b.oper.ike_sa_of(tunnel_b) is new_b  # re-parented, not rekeyed
    assert a.oper.flowmib.ipsec.history() == [] and b.oper.flowmib.ipsec.history() == []
    assert net.send_data(a, "testmap", A_HOST, B_HOST, b"still protected") == b"still protected"


def test_idle_isakmp_sa_is_not_rekeyed_and_expires():
    net, a, b = site_to_site()
    for node in (a, b):
        isakmp_policy(node.config, 10, encryption="aes", authentication="pre-share", group=14, lifetime=600)
    connect(net, a)
    a.engine.clear_sa()
    net.run(600)
    assert history_reasons(a, "ike") == ["normal"] and history_reasons(b, "ike") == ["peerDelRequest"]
    assert all(sa.deleted for sa in a.oper.ike_sa_list() + b.oper.ike_sa_list())


def test_ipsec_lifetime_expiry_writes_history_on_both_sides():
    net, a, b = site_to_site()
    a.config.crypto_maps["testmap"].entries[10].lifetime = SaLifetime(seconds=120)
    connect(net, a)
    [tunnel_a], [tunnel_b] = a.oper.ipsec_tunnel_list(), b.oper.ipsec_tunnel_list()
    assert tunnel_a.lifetime_sec == tunnel_b.lifetime_sec == 120  # the shorter of 120 and 3600
    assert a.ike_sa().counters.out_p2_sa_del_requests == 0
    net.run(119)
    assert a.oper.ipsec_tunnel_list() == [tunnel_a]
    net.run(1)
    assert a.oper.ipsec_tunnel_list() == b.oper.ipsec_tunnel_list() == []
    assert history_reasons(a, "ipsec") == ["normal"] and history_reasons(b, "ipsec") == ["peerDelRequest"]
    assert a.oper.flowmib.ipsec.failures() == []
    assert [row.reason for row in b.oper.flowmib.ipsec.failures()] == ["peerDelRequest"]
    assert a.ike_sa().counters.out_p2_sa_del_requests == 1 and b.ike_sa().counters.in_p2_sa_del_requests == 1
    assert a.engine.find_outbound("testmap", A_HOST, B_HOST) is None  # the next packet negotiates again


def test_global_ipsec_lifetime_applies_to_entries_without_their_own():
    net, a, b = site_to_site()
    a.config.ipsec_globals.lifetime_seconds = 1800
    b.config.ipsec_globals.lifetime_kilobytes = 250000
    b.config.crypto_maps["testmap"].entries[10].lifetime = SaLifetime(seconds=2400)
    connect(net, a)
    [tunnel_a], [tunnel_b] = a.oper.ipsec_tunnel_list(), b.oper.ipsec_tunnel_list()
    # A offers its global 1800 s; B's entry says 2400 s and its global 250000 kB: the shorter of each wins
    assert (tunnel_a.lifetime_sec, tunnel_a.lifetime_kb) == (tunnel_b.lifetime_sec, tunnel_b.lifetime_kb) == (
        1800,
        250000,
    )


def test_kilobyte_lifetime_ends_the_tunnel_when_used_up():
    net, a, b = site_to_site()
    a.config.crypto_maps["testmap"].entries[10].lifetime = SaLifetime(kilobytes=3)
    connect(net, a)
    [tunnel] = a.oper.ipsec_tunnel_list()
    assert tunnel.lifetime_kb == 3 and tunnel.outbound[0].remaining_kb() == 3
    for _ in range(2):
        assert net.send_data(a, "testmap", A_HOST, B_HOST, b"z" * 1400) == b"z" * 1400
    assert tunnel.outbound[0].remaining_kb() == 1 and a.oper.ipsec_tunnel_list() == [tunnel]
    assert net.send_data(a, "testmap", A_HOST, B_HOST, b"z" * 1400) == b"z" * 1400
    assert a.oper.ipsec_tunnel_list() == b.oper.ipsec_tunnel_list() == []
    [row] = a.oper.flowmib.ipsec.history()
    assert (row.reason, row.counters.out_pkts, row.counters.out_octets) == ("normal", 3, 4200)


def test_encrypts_on_one_side_equal_decrypts_on_the_other():
    net, a, b = site_to_site()
    connect(net, a)
    for n in range(5):
        assert net.send_data(a, "testmap", A_HOST, B_HOST, bytes(100 + n)) == bytes(100 + n)
    for _ in range(3):
        net.send_data(b, "testmap", B_HOST, A_HOST, b"reply")
    ca, cb = a.oper.ipsec_tunnel_list()[0].counters, b.oper.ipsec_tunnel_list()[0].counters
    assert (ca.out_pkts, ca.out_encrypts, ca.out_auths) == (cb.in_pkts, cb.in_decrypts, cb.in_auths) == (5, 5, 5)
    assert ca.out_octets == cb.in_octets == sum(100 + n for n in range(5))
    assert (cb.out_encrypts, ca.in_decrypts, ca.in_octets) == (3, 3, 15)
    assert a.ike_sa().counters.out_pkts == b.ike_sa().counters.in_pkts
    assert a.ike_sa().counters.out_octets == b.ike_sa().counters.in_octets


def test_global_counters_are_current_plus_previous_tunnels():
    net, a, _ = site_to_site()
    connect(net, a)
    net.send_data(a, "testmap", A_HOST, B_HOST, b"first tunnel")
    net.deliver(a.engine.clear_session())
    connect(net, a)
    for _ in range(2):
        net.send_data(a, "testmap", A_HOST, B_HOST, b"second")
    for mib in (a.oper.flowmib.ipsec, a.oper.flowmib.ike):
        stats = mib.global_stats()
        assert (stats.active_tunnels, stats.previous_tunnels) == (1, 1)
        live = mib.tunnels()[0].counters
        old = mib.history()[0].counters
        assert stats.counters.out_octets == live.out_octets + old.out_octets
        assert stats.counters.in_pkts == live.in_pkts + old.in_pkts
    assert a.oper.flowmib.ipsec.global_stats().counters.out_pkts == 3
    assert a.oper.flowmib.ike.global_stats().events.init_tunnels == 2


def test_clear_crypto_session_tells_the_peer():
    net, a, b = site_to_site()
    connect(net, a)
    net.deliver(a.engine.clear_session(peer=B_ADDR))
    assert a.oper.ipsec_tunnel_list() == b.oper.ipsec_tunnel_list() == []
    assert history_reasons(a, "ipsec") == history_reasons(a, "ike") == ["operRequest"]
    assert history_reasons(b, "ipsec") == history_reasons(b, "ike") == ["peerDelRequest"]
    assert [r.reason for r in a.oper.flowmib.ipsec.failures()] == ["operRequest"]  # as the seed guide shows
    assert a.ike_sa().status == b.ike_sa().status == "ACTIVE (deleted)"


def test_clear_crypto_isakmp_keeps_ipsec_sas():
    net, a, b = site_to_site()
    connect(net, a)
    net.deliver(a.engine.clear_isakmp(conn_id=a.ike_sa().conn_id))
    assert a.ike_sa().deleted and b.ike_sa().deleted
    assert len(a.oper.ipsec_tunnel_list()) == len(b.oper.ipsec_tunnel_list()) == 1
    assert net.send_data(a, "testmap", A_HOST, B_HOST, b"ok") == b"ok"


def test_packets_for_a_cleared_sa_hit_an_invalid_spi():
    net, a, b = site_to_site()
    connect(net, a)
    net.down.add(A_ADDR)
    net.deliver(b.engine.clear_sa())  # the DELETE never reaches A
    net.down.clear()
    assert net.send_data(a, "testmap", A_HOST, B_HOST, b"lost") is None
    [line] = [m for m in b.messages() if "RECVD_PKT_INV_SPI" in m]
    assert line.startswith("%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for "
                           f"destaddr={B_ADDR}, prot=50, spi=0x")
    assert b.oper.flowmib.ipsec.global_stats().events.no_sa_fails == 1


def test_tampered_and_replayed_packets_are_dropped_and_counted():
    net, a, b = site_to_site()
    connect(net, a)
    tunnel = a.engine.find_outbound("testmap", A_HOST, B_HOST)
    [packet] = a.engine.protect(tunnel, b"data")
    assert b.engine.unprotect(packet).payload == b"data"
    assert b.engine.unprotect(packet).payload is None  # replay
    [second] = a.engine.protect(tunnel, b"data")
    forged = type(second)(second.src, second.dst, second.payload[:-1] + bytes([second.payload[-1] ^ 1]),
                          second.protocol)  # one ICV bit flipped (a fixed byte equals the old one 1 time in 256)
    assert b.engine.unprotect(forged).payload is None
    counters = b.oper.ipsec_tunnel_list()[0].counters
    assert (counters.in_replay_drop_pkts, counters.in_auth_fails, counters.in_drop_pkts, counters.in_pkts) == (
        1, 1, 2, 1)


def test_one_negotiation_serves_packets_that_arrive_while_it_runs():
    net, a, _ = site_to_site()
    net.down.add(B_ADDR)
    connect(net, a)
    connect(net, a)  # a second packet before the first negotiation ended: no second SA
    assert len(a.oper.ike_sa_list()) == 1
    assert a.engine.find_outbound("testmap", A_HOST, B_HOST) is None  # the first packet is dropped


def test_ah_and_esp_bundle():
    net, a, b = site_to_site()
    for node in (a, b):
        node.config.transform_sets["both"] = TransformSet("both", ["ah-sha-hmac", "esp-aes", "esp-sha-hmac"])
        node.config.crypto_maps["testmap"].entries[10].transform_sets = ["both"]
    connect(net, a)
    [tunnel] = a.oper.ipsec_tunnel_list()
    assert sorted((sa.protocol, sa.direction) for sa in tunnel.child_sas()) == [
        ("ah", "in"), ("ah", "out"), ("esp", "in"), ("esp", "out")]
    [packet] = a.engine.protect(tunnel, b"bundled")
    assert packet.protocol == "ah" and b.engine.unprotect(packet).payload == b"bundled"
    assert len(a.oper.flowmib.ipsec.spis()) == 4

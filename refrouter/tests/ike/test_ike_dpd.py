"""Dead Peer Detection as the sender (ike/dpd.py): R-U-THERE per mode, retries, a dead peer's SAs removed."""

from ike_harness import A_HOST, B_ADDR, B_HOST, connect, site_to_site

from refrouter.ike.codec import EXCHANGE_INFO, decode


def dpd_pair(keepalive=(10, 2), mode=None):
    net, a, b = site_to_site()
    for node in (a, b):
        node.config.isakmp_keepalive = keepalive
        node.config.ikev1.globals.keepalive_mode = mode
    connect(net, a)
    return net, a, b


def infos_from(net, src: str) -> int:
    return sum(d.src == src and d.protocol == "udp" and decode(d.payload).exchange == EXCHANGE_INFO for d in net.sent)


def ping_unanswered(net, node, seconds: int) -> None:
    """One packet a second that never reaches the peer, with the router's timers running in between."""
    for _ in range(seconds):
        tunnel = node.engine.find_outbound("testmap", A_HOST, B_HOST)
        if tunnel is not None:
            net.deliver(node.engine.protect(tunnel, b"ping")[1:])
        net.run(1)


def test_d_capability_only_when_keepalive_configured():
    _net, a, b = dpd_pair()
    assert a.ike_sa().keepalive and b.ike_sa().keepalive
    net2, c, _d = site_to_site()
    connect(net2, c)
    assert not c.ike_sa().keepalive and c.engine.next_deadline() != 10


def test_on_demand_dead_peer_is_declared_dead_after_five_retries_and_its_sas_removed():
    net, a, _b = dpd_pair()
    net.down.add(B_ADDR)
    net.run(30)
    assert infos_from(net, "10.0.0.1") == 0  # on-demand: an idle SA is never probed
    ping_unanswered(net, a, 1)
    assert infos_from(net, "10.0.0.1") == 1  # traffic after 30 silent seconds: R-U-THERE at once
    ping_unanswered(net, a, 9)
    assert infos_from(net, "10.0.0.1") == 6  # + 5 retries, every 2 s
    assert a.oper.ipsec_tunnel_list() != []
    ping_unanswered(net, a, 2)  # the fifth retry went unanswered: dead
    assert a.oper.ipsec_tunnel_list() == []
    assert a.ike_sa().deleted
    assert [row.reason for row in a.oper.flowmib.ike.history()] == ["peerLost"]
    assert [row.reason for row in a.oper.flowmib.ipsec.history()] == ["peerLost"]
    assert [row.reason for row in a.oper.flowmib.ike.failures()] == ["peerLost"]  # as the seed guide pairs them
    assert [row.reason for row in a.oper.flowmib.ipsec.failures()] == ["peerLost"]


def test_on_demand_sends_nothing_while_traffic_flows_both_ways_or_is_idle():
    net, a, b = dpd_pair()
    for _ in range(30):
        assert net.send_data(a, "testmap", A_HOST, B_HOST, b"ping") == b"ping"
        assert net.send_data(b, "testmap", B_HOST, A_HOST, b"pong") == b"pong"
        net.run(1)
    net.run(60)  # idle: on-demand needs outbound traffic first
    assert infos_from(net, "10.0.0.1") == 0 and a.ike_sa().active


def test_periodic_probes_a_silent_live_peer_and_keeps_the_sa():
    net, a, _b = dpd_pair(mode="periodic")
    net.run(35)
    acks = [d for d in net.sent if d.src == B_ADDR and d.protocol == "udp"]
    assert infos_from(net, "10.0.0.1") >= 3 and len(acks) >= 3  # every probe answered with R-U-THERE-ACK
    assert a.ike_sa().active and a.oper.ipsec_tunnel_list() != []


def test_r_u_there_sequence_numbers_increase_by_one_per_probe_and_retry():
    net, a, _b = dpd_pair()
    session = next(iter(a.engine._sessions.values()))
    sequences: list[int] = []
    send = session.send_r_u_there
    session.send_r_u_there = lambda ctx, sequence: (sequences.append(sequence), send(ctx, sequence))
    net.down.add(B_ADDR)
    net.run(10)
    ping_unanswered(net, a, 9)
    assert len(sequences) == 5 and sequences == [sequences[0] + n for n in range(5)]
    net.down.clear()  # the peer answers the next retry: its ACK ends the retries
    net.run(2)
    assert a.ike_sa().active and len(sequences) == 6 and session.dpd.probe_sent is None
    net.run(30)
    assert len(sequences) == 6 and a.oper.ipsec_tunnel_list() != []  # alive, and idle again

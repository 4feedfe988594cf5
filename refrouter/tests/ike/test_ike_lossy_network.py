"""Random datagram loss: the engines never crash, agreed SAs carry traffic, and the pair recovers."""

import random

import pytest
from ike_harness import A_HOST, B_HOST, connect, site_to_site


@pytest.mark.parametrize("seed", range(25))
def test_negotiation_survives_random_loss_and_recovers(seed):
    net, a, b = site_to_site()
    net.loss, net.loss_rate = random.Random(seed), 0.5
    connect(net, a)
    net.run(30)
    connect(net, a)  # traffic keeps asking for SAs, as a pinging host would
    net.run(100)
    net.loss = None
    for node in (a, b):
        mib = node.oper.flowmib
        assert mib.ipsec.global_stats().active_tunnels == len(node.oper.ipsec_tunnel_list())
        assert mib.ike.global_stats().active_tunnels == sum(sa.active for sa in node.oper.ike_sa_list())
    spis_b = {(t.inbound[0].spi, t.outbound[0].spi) for t in b.oper.ipsec_tunnel_list()}
    for tunnel in a.oper.ipsec_tunnel_list():
        if (tunnel.outbound[0].spi, tunnel.inbound[0].spi) in spis_b:  # both ends installed this pair
            [packet] = a.engine.protect(tunnel, b"probe")
            assert b.engine.unprotect(packet).payload == b"probe"
    net.deliver(a.engine.clear_session() + b.engine.clear_session())
    net.run(61)
    connect(net, a)
    assert net.send_data(a, "testmap", A_HOST, B_HOST, b"recovered") == b"recovered"

from refrouter.state.oper.counters import IkeCounters, counter32, counter_wraps
from refrouter.state.oper.sa import QM_IDLE, ChildSa, IkeSa, ProxyIdent


def test_proxy_ident_coverage_and_packet_match():
    subnet = ProxyIdent("10.1.1.0", "255.255.255.0")
    host = ProxyIdent("10.1.1.7")
    web = ProxyIdent("10.1.1.7", proto=6, port=80)
    assert subnet.covers(host) and subnet.covers(web)
    assert not host.covers(subnet)
    assert not web.covers(host)  # a port-specific selector does not cover all traffic
    assert web.matches("10.1.1.7", 6, 80) and not web.matches("10.1.1.7", 17, 80)
    assert subnet.text() == "(10.1.1.0/255.255.255.0/0/0)"


def test_ike_sa_status_and_remaining_lifetime():
    sa = IkeSa(1001, "10.0.0.1", "10.0.0.2", "initiator", created=0.0)
    assert sa.status == "ACTIVE" and not sa.active and sa.remaining(10) == 0
    sa.state, sa.established, sa.expires = QM_IDLE, 5.0, 86405.0
    assert sa.active and sa.remaining(10) == 86395
    sa.deleted = True
    assert sa.status == "ACTIVE (deleted)" and not sa.active


def test_child_sa_volume_and_time_remaining():
    sa = ChildSa(0x1234, "esp", "out", 2001, ("esp-aes", "esp-sha-hmac"), 128, "tunnel", 10, 3600, created=100.0)
    sa.bytes_used = 4 * 1024 + 10
    assert sa.remaining_kb() == 6 and sa.remaining_sec(160) == 3540 and sa.flow_id == 1
    sa.bytes_used = 10 * 1024
    assert sa.volume_exhausted()


def test_counters_add_copy_and_32_bit_views():
    total = IkeCounters(in_pkts=1)
    total.add(IkeCounters(in_pkts=2, out_octets=5))
    snapshot = total.copy()
    total.add(IkeCounters(in_pkts=1))
    assert (snapshot.in_pkts, snapshot.out_octets, total.in_pkts) == (3, 5, 4)
    assert counter32(2**32 + 7) == 7 and counter_wraps(2**33 + 1) == 2

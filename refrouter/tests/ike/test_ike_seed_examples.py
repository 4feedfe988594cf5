"""The seed guide's two configuration examples, negotiated end to end with real DH and HMAC."""

from ike_harness import Network, dynamic_map, isakmp_policy, router, static_map, transform_set

from refrouter.state.oper.sa import QM_IDLE, ProxyIdent

# Example 1 addressing: RouterA's key names .226 (RouterB), RouterB's key names .228 (RouterA).
A1, B1 = "209.165.200.228", "209.165.200.226"
# Example 2 addressing: RouterA = .229, RouterB = .225.
A2, B2 = "209.165.200.229", "209.165.200.225"


def example_1() -> tuple[Network, object, object]:
    net = Network()
    a = router("RouterA", A1, {B1: "identity"})
    static_map(a, B1, ["ip host 209.165.200.227 host 209.165.200.225"], ["test_transf"])
    transform_set(a, "test_transf", "esp-aes", "esp-sha-hmac")
    b = router("RouterB", B1, {A1: "identity"})
    transform_set(b, "test_transf", "esp-aes", "esp-sha-hmac")
    dynamic_map(b, ["test_transf"])
    node_a, node_b = net.add(a), net.add(b, seed=2)
    net.trigger(node_a, "testmap", 10, "209.165.200.227", "209.165.200.225")
    return net, node_a, node_b


def test_example_1_default_ike_policies_are_used_and_logged_on_both_peers():
    _, a, b = example_1()
    for node in (a, b):
        assert node.messages() == ["%CRYPTO-6-IKMP_POLICY_DEFAULT: Using ISAKMP Default policies"]
        sa = node.ike_sa()
        assert sa.state == QM_IDLE and sa.status == "ACTIVE"
        assert sa.policy is not None and sa.policy.is_default
        # 65507 (RSA) is skipped: no certificates; 65508 is the PSK/AES/SHA/DH5 suite
        assert (sa.policy.priority, sa.policy.encryption, sa.policy.hash, sa.policy.group) == (65508, "aes", "sha", 5)
        assert sa.policy.lifetime == 86400
    assert (a.ike_sa().role, b.ike_sa().role) == ("initiator", "responder")


def test_example_1_dynamic_map_accepts_router_a():
    net, a, b = example_1()
    [tunnel_a], [tunnel_b] = a.oper.ipsec_tunnel_list(), b.oper.ipsec_tunnel_list()
    assert (tunnel_a.transform_set, tunnel_b.transform_set) == ("test_transf", "test_transf")
    assert tunnel_a.mode == tunnel_b.mode == "tunnel"
    [entry] = b.oper.dynamic_entry_list()
    assert (entry.map_name, entry.seq, entry.template, entry.template_seq, entry.peer) == (
        "testmap", 65536, "dyn_testmap", 10, A1)
    assert (tunnel_b.map_seq, tunnel_b.dynamic) == (65536, entry)
    assert (entry.local_ident, entry.remote_ident) == (ProxyIdent("209.165.200.225"), ProxyIdent("209.165.200.227"))
    assert net.send_data(a, "testmap", "209.165.200.227", "209.165.200.225", b"from Pagent A") == b"from Pagent A"
    assert net.send_data(b, "testmap", "209.165.200.225", "209.165.200.227", b"from Pagent B") == b"from Pagent B"


def example_2() -> tuple[Network, object, object]:
    net = Network()
    a = router("RouterA", A2, {B2: "identify"})
    static_map(a, B2, ["ip host 209.165.200.227 host 209.165.200.226"])
    b = router("RouterB", B2, {A2: "identify"})
    dynamic_map(b)
    for config in (a, b):
        isakmp_policy(config, 10, encryption="aes", authentication="pre-share", hash="sha", group=5)
    node_a, node_b = net.add(a), net.add(b, seed=2)
    net.trigger(node_a, "testmap", 10, "209.165.200.227", "209.165.200.226")
    return net, node_a, node_b


def test_example_2_default_transform_sets_are_negotiated_and_logged():
    net, a, b = example_2()
    for node in (a, b):
        assert node.messages() == ["%CRYPTO-5-IPSEC_DEFAULT_TRANSFORM: Using Default IPsec transform-set"]
        sa = node.ike_sa()
        assert (sa.policy.priority, sa.policy.is_default, sa.policy.encryption, sa.policy.group) == (
            10,
            False,
            "aes",
            5,
        )
        [tunnel] = node.oper.ipsec_tunnel_list()
        assert tunnel.transform_set == "#$!default_transform_set_1" and tunnel.used_default_transform
        # the default sets say "mode transport", but these proxies are not the peers: tunnel is negotiated
        assert tunnel.mode == "tunnel"
        assert (tunnel.lifetime_kb, tunnel.lifetime_sec, tunnel.pfs_group) == (4608000, 3600, None)
    [entry] = b.oper.dynamic_entry_list()
    assert entry.transform_sets == ("#$!default_transform_set_1",) and entry.peer == A2
    assert (entry.local_ident.addr, entry.remote_ident.addr) == ("209.165.200.226", "209.165.200.227")
    assert net.send_data(a, "testmap", "209.165.200.227", "209.165.200.226", b"x" * 100) == b"x" * 100


def test_default_transform_sets_negotiate_transport_between_the_peers_own_addresses():
    net = Network()
    a = router("RouterA", A2, {B2: "k"})
    static_map(a, B2, [f"ip host {A2} host {B2}"])
    b = router("RouterB", B2, {A2: "k"})
    static_map(b, A2, [f"ip host {B2} host {A2}"])
    node_a, node_b = net.add(a), net.add(b, seed=2)
    net.trigger(node_a, "testmap", 10, A2, B2)
    assert [t.mode for t in node_a.oper.ipsec_tunnel_list() + node_b.oper.ipsec_tunnel_list()] == ["transport"] * 2

"""Negotiation failures, each ending in what an IOS user would see: SA state, log line, MIB row, counter."""

from ike_harness import A_ADDR, B_ADDR, connect, isakmp_policy, site_to_site, transform_set

from refrouter.state.oper.sa import MM_KEY_EXCH, MM_NO_STATE, QM_IDLE

RETRANSMIT_DEATH = 61  # 5 retransmits 10 s apart, then the SA is deleted


def ike_failures(node) -> list[tuple[str, str, str]]:
    return [(row.reason, row.local_addr, row.remote_addr) for row in node.oper.flowmib.ike.failures()]


def ipsec_failures(node) -> list[str]:
    return [row.reason for row in node.oper.flowmib.ipsec.failures()]


def events(node):
    return node.oper.flowmib.ike.global_stats().events


def test_no_common_policy():
    net, a, b = site_to_site()
    isakmp_policy(a.config, 10, encryption="aes", hash="sha256", authentication="pre-share", group=14)
    isakmp_policy(b.config, 10, encryption="3des", hash="md5", authentication="pre-share", group=2)
    connect(net, a)
    assert b.count("IKMP_MODE_FAILURE") == 1
    assert "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 10.0.0.1" in b.messages()
    assert (b.ike_sa().state, b.ike_sa().status) == (MM_NO_STATE, "ACTIVE (deleted)")
    assert ike_failures(b) == [("proposalFailure", B_ADDR, A_ADDR)] and events(b).resp_tunnel_fails == 1
    assert (a.ike_sa().state, a.ike_sa().status) == (MM_NO_STATE, "ACTIVE")  # retransmitting
    net.run(RETRANSMIT_DEATH)
    assert (a.ike_sa().state, a.ike_sa().status) == (MM_NO_STATE, "ACTIVE (deleted)")
    assert a.ike_sa().counters.out_pkts == 6  # message 1 and five retransmissions
    assert ike_failures(a) == [("peerLost", A_ADDR, B_ADDR)]
    assert (events(a).init_tunnels, events(a).init_tunnel_fails) == (1, 1)
    assert a.oper.flowmib.ike.global_stats().active_tunnels == 0


def test_wrong_psk_stalls_in_mm_key_exch_then_fails():
    net, a, b = site_to_site(key_a="cisco123", key_b="cisco124")
    connect(net, a)
    assert a.ike_sa().state == b.ike_sa().state == MM_KEY_EXCH
    assert "%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 10.0.0.1 failed its sanity check or is malformed" in (
        b.messages())
    net.run(30)
    assert a.ike_sa().state == MM_KEY_EXCH and not a.ike_sa().deleted
    assert b.count("IKMP_BAD_MESSAGE") > 1  # every retransmitted message 5 fails again
    assert events(b).auth_fails == 1
    net.run(RETRANSMIT_DEATH - 30)
    assert a.ike_sa().status == b.ike_sa().status == "ACTIVE (deleted)"
    assert ike_failures(a) == [("peerLost", A_ADDR, B_ADDR)]
    assert ike_failures(b) == [("authFailure", B_ADDR, A_ADDR)]
    assert a.oper.ipsec_tunnel_list() == []


def test_missing_psk_on_the_responder():
    net, a, b = site_to_site(key_b=None)
    connect(net, a)
    assert b.messages() == [
        "%CRYPTO-4-IKMP_NO_PRESHARED_KEY: Preshared key for remote peer at 10.0.0.1 is missing",
        "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 10.0.0.1",
    ]
    assert ike_failures(b) == [("proposalFailure", B_ADDR, A_ADDR)]
    net.run(RETRANSMIT_DEATH)
    assert a.ike_sa().deleted and ike_failures(a) == [("peerLost", A_ADDR, B_ADDR)]


def test_missing_psk_on_the_initiator_cannot_start_main_mode():
    net, a, b = site_to_site(key_a=None)
    sent_before = len(net.sent)
    connect(net, a)
    assert len(net.sent) == sent_before  # nothing is sent
    assert a.messages() == ["%CRYPTO-4-IKMP_NO_PRESHARED_KEY: Preshared key for remote peer at 10.0.0.2 is missing"]
    assert (a.ike_sa().state, a.ike_sa().status) == (MM_NO_STATE, "ACTIVE (deleted)")
    assert ike_failures(a) == [("localFailure", A_ADDR, B_ADDR)] and events(a).init_tunnel_fails == 1
    assert b.oper.ike_sa_list() == []


def test_no_common_transform_set_fails_quick_mode_only():
    net, a, b = site_to_site()
    transform_set(a.config, "strong", "esp-aes", "esp-sha256-hmac", key_size=256)
    transform_set(b.config, "old", "esp-3des", "esp-md5-hmac")
    a.config.crypto_maps["testmap"].entries[10].transform_sets = ["strong"]
    b.config.crypto_maps["testmap"].entries[10].transform_sets = ["old"]
    connect(net, a)
    assert a.ike_sa().state == b.ike_sa().state == QM_IDLE  # phase 1 is fine
    assert "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Quick mode failed with peer at 10.0.0.1" in b.messages()
    assert a.oper.ipsec_tunnel_list() == b.oper.ipsec_tunnel_list() == []
    assert ipsec_failures(a) == ipsec_failures(b) == ["proposalFailure"]
    assert (b.ike_sa().counters.in_p2_exchg_rejects, b.ike_sa().counters.out_notifys) == (1, 1)
    assert (a.ike_sa().counters.out_p2_exchg_rejects, a.ike_sa().counters.in_notifys) == (1, 1)
    net.run(RETRANSMIT_DEATH)
    assert a.ike_sa().counters.out_p2_exchgs == 1  # the refusal stopped quick-mode retransmissions


def test_pfs_required_by_the_responder_but_not_offered():
    net, a, b = site_to_site()
    b.config.crypto_maps["testmap"].entries[10].pfs = "group14"
    connect(net, a)
    assert b.count("IKMP_MODE_FAILURE") == 1
    assert a.oper.ipsec_tunnel_list() == [] and ipsec_failures(a) == ["proposalFailure"]


def test_pfs_group_mismatch_fails_and_pfs_offered_to_a_responder_without_pfs_succeeds():
    net, a, b = site_to_site()
    a.config.crypto_maps["testmap"].entries[10].pfs = "group5"
    b.config.crypto_maps["testmap"].entries[10].pfs = "group14"
    connect(net, a)
    assert a.oper.ipsec_tunnel_list() == []
    b.config.crypto_maps["testmap"].entries[10].pfs = None
    connect(net, a)
    [tunnel_a], [tunnel_b] = a.oper.ipsec_tunnel_list(), b.oper.ipsec_tunnel_list()
    assert tunnel_a.pfs_group == tunnel_b.pfs_group == 5
    assert net.send_data(a, "testmap", "10.1.1.5", "10.2.2.5", b"pfs") == b"pfs"


def test_proxy_identities_that_the_responder_acl_does_not_mirror():
    net, a, b = site_to_site()
    b.config.access_lists["101"].entries[0].text = "ip 10.2.2.0 0.0.0.255 10.9.9.0 0.0.0.255"
    connect(net, a)
    assert b.count("IKMP_MODE_FAILURE") == 1 and ipsec_failures(b) == ["proposalFailure"]
    assert a.oper.ipsec_tunnel_list() == []


def test_unreachable_peer_retransmits_then_deletes_and_finally_forgets_the_sa():
    net, a, b = site_to_site()
    net.down.add(B_ADDR)
    connect(net, a)
    assert a.engine.next_deadline() == 10
    net.run(50)
    assert a.ike_sa().counters.out_pkts == 6 and not a.ike_sa().deleted
    net.run(11)
    assert (a.ike_sa().state, a.ike_sa().status) == (MM_NO_STATE, "ACTIVE (deleted)")
    assert ike_failures(a) == [("peerLost", A_ADDR, B_ADDR)]
    net.run(60)  # deleted SAs linger for 60 s
    assert a.oper.ike_sa_list() == [] and a.engine.next_deadline() is None
    assert b.oper.ike_sa_list() == []


def test_default_policies_disabled_on_both_sides():
    net, a, b = site_to_site()
    a.config.isakmp_default_policy = b.config.isakmp_default_policy = False
    connect(net, a)
    assert b.messages() == ["%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 10.0.0.1"]
    assert a.ike_sa().state == MM_NO_STATE
    net.run(RETRANSMIT_DEATH)
    assert a.ike_sa().deleted and ike_failures(a) == [("peerLost", A_ADDR, B_ADDR)]
    assert "IKMP_POLICY_DEFAULT" not in " ".join(a.messages() + b.messages())


def test_ike_message_for_an_unknown_sa_is_logged():
    net, a, b = site_to_site()
    connect(net, a)
    net.down.add(A_ADDR)
    net.deliver(b.engine.clear_isakmp())  # the DELETE is lost: A keeps its ISAKMP SA
    net.down.clear()
    net.run(61)  # B forgets its deleted SA after the linger time
    assert a.ike_sa().active
    net.deliver(a.engine.clear_sa())  # A's DELETE for its IPsec SAs arrives under an SA that B no longer has
    assert "%CRYPTO-4-IKMP_NO_SA: IKE message from 10.0.0.1 has no SA and is not an initialization offer" in (
        b.messages())
    assert events(b).no_sa_fails == 1

"""Aggressive mode (ike/aggressive.py): initiated by `initiate mode aggressive`, keyed by identity, refused
under `crypto isakmp aggressive-mode disable`."""

from ike_harness import A_ADDR, A_HOST, B_ADDR, B_HOST, connect, site_to_site
from test_ike_keyrings_profiles import keyring, keyring_site_to_site

from refrouter.ike.codec import EXCHANGE_AGGRESSIVE, EXCHANGE_MAIN, decode
from refrouter.state.oper.sa import AG_INIT_EXCH


def exchanges(net, src: str) -> list[int]:
    return [decode(d.payload).exchange for d in net.sent if d.src == src and d.protocol == "udp"]


def aggressive_pair(key_b: str = "ring-secret"):
    net, a, b = keyring_site_to_site(key_b=key_b)
    a.config.ikev1.profiles["PROF"].initiate_aggressive = True
    return net, a, b


def test_aggressive_mode_with_address_keys_brings_the_tunnel_up_in_three_messages():
    net, a, b = aggressive_pair()
    connect(net, a)
    assert a.ike_sa().active and b.ike_sa().active and a.ike_sa().aggressive and b.ike_sa().aggressive
    phase1_a = [x for x in exchanges(net, A_ADDR) if x in (EXCHANGE_MAIN, EXCHANGE_AGGRESSIVE)]
    phase1_b = [x for x in exchanges(net, B_ADDR) if x in (EXCHANGE_MAIN, EXCHANGE_AGGRESSIVE)]
    assert phase1_a == [EXCHANGE_AGGRESSIVE, EXCHANGE_AGGRESSIVE] and phase1_b == [EXCHANGE_AGGRESSIVE]
    assert b.ike_sa().profile == "PROF"
    assert net.send_data(a, "testmap", A_HOST, B_HOST, b"aggressive") == b"aggressive"
    assert net.send_data(b, "testmap", B_HOST, A_HOST, b"back") == b"back"


def test_responder_finds_a_hostname_key_by_the_fqdn_identity():
    net, a, b = aggressive_pair()
    a.config.ikev1.profiles["PROF"].self_identity = "fqdn"
    keyring(b.config, "KR", "RouterA", "ring-secret", kind="hostname")
    b.config.ikev1.profiles["PROF"].match_identities = ["host RouterA"]
    connect(net, a)
    assert b.ike_sa().active and b.ike_sa().profile == "PROF" and b.ike_sa().peer_identity == "RouterA"


def test_wrong_key_in_aggressive_mode_fails_authentication_on_the_initiator():
    net, a, b = aggressive_pair(key_b="other-secret")
    connect(net, a)
    assert a.count("IKMP_BAD_MESSAGE") == 1 and a.ike_sa().state == AG_INIT_EXCH
    net.run(70)
    assert a.count("IKMP_BAD_MESSAGE") == 1 and a.count("IKMP_POLICY_DEFAULT") == 1  # repeats are not re-logged
    assert a.oper.ipsec_tunnel_list() == [] and b.oper.ipsec_tunnel_list() == []
    assert [row.reason for row in a.oper.flowmib.ike.failures()] == ["authFailure"]
    assert [row.reason for row in b.oper.flowmib.ike.failures()] == ["peerLost"]


def test_aggressive_mode_disabled_on_the_responder_refuses_it():
    net, a, b = aggressive_pair()
    b.config.ikev1.globals.aggressive_mode_disabled = True
    connect(net, a)
    assert "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Aggressive mode failed with peer at 10.0.0.1" in b.messages()
    assert not a.ike_sa().active and b.oper.ipsec_tunnel_list() == []


def test_aggressive_mode_disabled_on_the_initiator_makes_it_use_main_mode():
    net, a, _b = aggressive_pair()
    a.config.ikev1.globals.aggressive_mode_disabled = True
    connect(net, a)
    assert a.ike_sa().active and not a.ike_sa().aggressive
    assert EXCHANGE_AGGRESSIVE not in exchanges(net, A_ADDR)


def test_global_keys_only_still_use_main_mode():
    net, a, _b = site_to_site()
    connect(net, a)
    assert a.ike_sa().active and EXCHANGE_AGGRESSIVE not in exchanges(net, A_ADDR)

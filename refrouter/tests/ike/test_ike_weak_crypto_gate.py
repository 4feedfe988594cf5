"""IOS XE 17.11+: weak algorithms are neither offered nor accepted unless the compliance shield is off."""

from ike_harness import A_HOST, B_HOST, connect, isakmp_policy, site_to_site, transform_set

from refrouter.ike.context import EngineSettings
from refrouter.state.oper.sa import QM_IDLE

WEAK_DEFAULT_POLICY = ("%CRYPTO-4-WEAK_CRYPTO_BLOCKED: ISAKMP policy 65508: group 5 is not allowed by the crypto "
                       "engine compliance shield, skipped")


def strong_policies(*nodes) -> None:
    for node in nodes:
        isakmp_policy(node.config, 10, encryption="aes", hash="sha256", authentication="pre-share", group=14)


def test_default_ike_policies_do_not_come_up_on_17_11():
    net, a, b = site_to_site(version="17.11.1a")
    connect(net, a)
    assert WEAK_DEFAULT_POLICY in a.messages() and WEAK_DEFAULT_POLICY in b.messages()
    assert b.count("IKMP_MODE_FAILURE") == 1 and a.ike_sa().state != QM_IDLE
    assert "IKMP_POLICY_DEFAULT" not in " ".join(a.messages() + b.messages())


def test_the_compliance_shield_can_be_disabled():
    net, a, b = site_to_site(version="17.11.1a")
    a.config.compliance_shield = b.config.compliance_shield = False
    connect(net, a)
    assert a.ike_sa().state == QM_IDLE and a.ike_sa().policy.priority == 65508
    assert not any("WEAK_CRYPTO" in m for m in a.messages())


def test_a_pre_17_11_router_is_not_gated():
    net, a, _ = site_to_site(version="17.9.4a")
    connect(net, a)
    assert a.ike_sa().state == QM_IDLE and len(a.oper.ipsec_tunnel_list()) == 1


def test_strong_policy_with_default_transform_sets_uses_set_1_only():
    net, a, b = site_to_site(version="17.12.4")
    strong_policies(a, b)
    connect(net, a)
    [tunnel_a], [tunnel_b] = a.oper.ipsec_tunnel_list(), b.oper.ipsec_tunnel_list()
    assert tunnel_a.transform_set == tunnel_b.transform_set == "#$!default_transform_set_1"
    assert ("%CRYPTO-4-WEAK_CRYPTO_BLOCKED: transform set #$!default_transform_set_0: esp-3des is not allowed by "
            "the crypto engine compliance shield, skipped") in a.messages()


def test_a_weak_only_transform_set_offers_nothing():
    net, a, b = site_to_site(version="17.11.1a")
    strong_policies(a, b)
    transform_set(a.config, "legacy", "esp-3des", "esp-md5-hmac")
    a.config.crypto_maps["testmap"].entries[10].transform_sets = ["legacy"]
    connect(net, a)
    assert a.ike_sa().state == QM_IDLE
    assert a.ike_sa().counters.out_p2_exchgs == 0 and a.oper.ipsec_tunnel_list() == []


def test_weak_pfs_group_is_refused_by_a_gated_responder():
    net, a, b = site_to_site(version="17.11.1a")
    strong_policies(a, b)
    a.engine.settings = EngineSettings(version="17.9.4a")  # an older initiator still offers group 5
    a.config.crypto_maps["testmap"].entries[10].pfs = "group5"
    connect(net, a)
    assert b.count("IKMP_MODE_FAILURE") == 1 and a.oper.ipsec_tunnel_list() == []
    a.config.crypto_maps["testmap"].entries[10].pfs = "group14"
    connect(net, a)
    assert net.send_data(a, "testmap", A_HOST, B_HOST, b"pfs 14") == b"pfs 14"

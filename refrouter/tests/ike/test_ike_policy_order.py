"""Phase-1 policy selection end to end: the responder's priority order and the lifetime rule."""

import pytest
from ike_harness import A_HOST, B_HOST, connect, isakmp_policy, site_to_site

from refrouter.state.oper.sa import QM_IDLE


def differing_orders():
    net, a, b = site_to_site()
    # A prefers SHA-256, B prefers SHA-1; both have both
    isakmp_policy(a.config, 10, encryption="aes", hash="sha256", authentication="pre-share", group=14)
    isakmp_policy(a.config, 20, encryption="aes", hash="sha", authentication="pre-share", group=14)
    isakmp_policy(b.config, 10, encryption="aes", hash="sha", authentication="pre-share", group=14)
    isakmp_policy(b.config, 20, encryption="aes", hash="sha256", authentication="pre-share", group=14)
    return net, a, b


def test_the_responders_priority_order_wins():
    net, a, b = differing_orders()
    connect(net, a)
    assert a.ike_sa().state == b.ike_sa().state == QM_IDLE
    assert a.ike_sa().policy.hash == b.ike_sa().policy.hash == "sha"  # B's first choice
    assert (a.ike_sa().policy.priority, b.ike_sa().policy.priority) == (20, 10)  # each side's own policy number


def test_with_roles_swapped_the_other_routers_order_wins():
    net, a, b = differing_orders()
    net.trigger(b, "testmap", 10, B_HOST, A_HOST)
    assert a.ike_sa().policy.hash == b.ike_sa().policy.hash == "sha256"  # A's first choice, A responds
    assert (a.ike_sa().role, a.ike_sa().policy.priority) == ("responder", 10)


@pytest.mark.parametrize("rule,negotiated", [("strict", None), ("lenient", 3600)])
def test_lifetime_rule_when_the_responder_lifetime_is_longer(rule, negotiated):
    net, a, b = site_to_site(lifetime_rule=rule)
    isakmp_policy(a.config, 10, encryption="aes", authentication="pre-share", group=14, lifetime=3600)
    isakmp_policy(b.config, 10, encryption="aes", authentication="pre-share", group=14, lifetime=86400)
    connect(net, a)
    if negotiated is None:
        assert b.count("IKMP_MODE_FAILURE") == 1 and a.oper.ipsec_tunnel_list() == []
    else:
        assert a.ike_sa().policy.lifetime == b.ike_sa().policy.lifetime == negotiated


def test_the_shorter_responder_lifetime_is_used_by_both():
    net, a, b = site_to_site()
    isakmp_policy(a.config, 10, encryption="aes", authentication="pre-share", group=14, lifetime=86400)
    isakmp_policy(b.config, 10, encryption="aes", authentication="pre-share", group=14, lifetime=600)
    connect(net, a)
    assert a.ike_sa().policy.lifetime == b.ike_sa().policy.lifetime == 600
    assert a.ike_sa().remaining(a.oper.clock.now()) == 600


@pytest.mark.parametrize("group,hash_name,encryption,key_size", [
    (1, "md5", "des", None), (2, "sha", "3des", None), (15, "sha384", "aes", 192), (16, "sha512", "aes", 256),
    (19, "sha256", "aes", 128), (20, "sha384", "aes", 256), (21, "sha512", "aes", 256),
])
def test_every_group_hash_and_cipher_negotiates_and_carries_traffic(group, hash_name, encryption, key_size):
    net, a, b = site_to_site()
    for node in (a, b):
        isakmp_policy(node.config, 10, encryption=encryption, key_size=key_size, hash=hash_name,
                      authentication="pre-share", group=group)
    connect(net, a)
    assert a.ike_sa().policy.group == b.ike_sa().policy.group == group
    assert net.send_data(a, "testmap", A_HOST, B_HOST, b"payload") == b"payload"

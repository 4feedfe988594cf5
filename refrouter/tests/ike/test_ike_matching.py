"""Unit tests of the matching rules: ISAKMP policies, transform sets, proxies, the 17.11 gate."""

import pytest

from refrouter.ike import policy, transforms
from refrouter.ike.codec import SaPayload
from refrouter.ike.gate import crypto_gate, version_tuple
from refrouter.ike.proxy import id_to_ident, ident_to_id
from refrouter.state.config.model import (
    AccessList,
    AclEntry,
    CryptoMapEntry,
    IsakmpPolicy,
    RunningConfig,
    SaLifetime,
    TransformSet,
)
from refrouter.state.config.selectors import acl_permits, selectors_for_packet
from refrouter.state.oper.sa import ProxyIdent

OPEN = crypto_gate("17.9.4a", compliance_shield=True)
GATED = crypto_gate("17.11.1a", compliance_shield=True)


def config(**fields: object) -> RunningConfig:
    cfg = RunningConfig.factory_default("R")
    for key, value in fields.items():
        setattr(cfg, key, value)
    return cfg


def psk_policy(priority: int, **fields: object) -> IsakmpPolicy:
    return IsakmpPolicy(priority, **{"encryption": "aes", "authentication": "pre-share", "group": 14, **fields})


def local(*policies: IsakmpPolicy) -> list[policy.LocalPolicy]:
    return [policy.LocalPolicy(p, False) for p in policies]


# ---------------------------------------------------------------------------- phase 1


def test_defaults_are_used_only_without_user_policies_and_unless_disabled():
    assert [p.policy.priority for p in policy.local_policies(config())] == list(range(65507, 65515))
    assert all(p.is_default for p in policy.local_policies(config()))
    assert policy.local_policies(config(isakmp_default_policy=False)) == []
    user = config(isakmp_policies={10: psk_policy(10)})
    assert [(p.policy.priority, p.is_default) for p in policy.local_policies(user)] == [(10, False)]


def test_rsa_policies_are_skipped_and_psk_needs_a_key():
    usable = policy.usable_policies(config(), OPEN, has_psk=True).policies
    assert [p.policy.priority for p in usable] == [65508, 65510, 65512, 65514]
    assert policy.usable_policies(config(), OPEN, has_psk=False).policies == []


def test_responder_order_wins_over_initiator_order():
    offer = policy.build_offer(local(psk_policy(1, hash="sha256"), psk_policy(2, hash="sha")))
    responder = local(psk_policy(5, hash="sha"), psk_policy(9, hash="sha256"))
    choice = policy.select_policy(responder, offer)
    assert choice is not None and (choice.local.policy.priority, choice.transform.number) == (5, 2)


@pytest.mark.parametrize("rule,responder_life,expected", [
    ("strict", 3600, 3600), ("strict", 86400, 86400), ("strict", 90000, None), ("lenient", 90000, 86400),
])
def test_lifetime_rule(rule, responder_life, expected):
    offer = policy.build_offer(local(psk_policy(1, lifetime=86400)))
    choice = policy.select_policy(local(psk_policy(1, lifetime=responder_life)), offer, rule)
    assert (choice.lifetime if choice else None) == expected


def test_every_attribute_must_match():
    base = psk_policy(1)
    offer = policy.build_offer(local(base))
    for change in ({"encryption": "3des"}, {"key_size": 256}, {"hash": "md5"}, {"group": 5},
                   {"authentication": "rsa-sig"}):
        assert policy.select_policy(local(psk_policy(1, **change)), offer) is None, change


def test_initiator_accepts_only_an_unchanged_choice_with_a_shorter_lifetime():
    offered = local(psk_policy(1), psk_policy(2, hash="sha256"))
    choice = policy.select_policy(local(psk_policy(7, hash="sha256", lifetime=3600)), policy.build_offer(offered))
    assert choice is not None
    accepted = policy.accept_answer(offered, policy.answer(choice))
    assert accepted is not None and (accepted.local.policy.priority, accepted.lifetime) == (2, 3600)
    forged = SaPayload(tuple(policy.answer(choice).proposals) * 2)
    assert policy.accept_answer(offered, forged) is None


# ---------------------------------------------------------------------------- phase 2


DEFAULT_LIFETIME = transforms.Lifetime(3600, 4608000)


def offers_from(sets: list[transforms.LocalSet], transport: bool = False) -> list[transforms.ReceivedOffer]:
    built = transforms.build_offers(sets, transport)
    payload = transforms.offer_payload(built, {"esp": 0x1111, "ah": 0x2222}, DEFAULT_LIFETIME, None)
    return transforms.parse_offers(payload)


def ts(name: str, *names: str, mode: str = "tunnel", key_size: int | None = None) -> transforms.LocalSet:
    return transforms.LocalSet(TransformSet(name, list(names), key_size=key_size, mode=mode), False)


def test_default_transform_sets_are_offered_set_1_first():
    sets = transforms.local_sets(config(), [])
    assert [(s.transform_set.name, s.is_default) for s in sets] == [
        ("#$!default_transform_set_1", True), ("#$!default_transform_set_0", True)]
    assert transforms.local_sets(config(ipsec_default_transform_set=False), []) == []
    named = config(transform_sets={"t": TransformSet("t", ["esp-aes", "esp-sha-hmac"])})
    assert [s.transform_set.name for s in transforms.local_sets(named, ["t", "missing"])] == ["t"]


def test_responder_takes_the_first_offer_equal_to_one_of_its_sets():
    initiator = [ts("a", "esp-3des", "esp-sha-hmac"), ts("b", "esp-aes", "esp-sha-hmac")]
    responder = [ts("x", "esp-aes", "esp-sha-hmac"), ts("y", "esp-3des", "esp-sha-hmac")]
    chosen = transforms.select_offer(offers_from(initiator), responder)
    assert chosen is not None and (chosen[0].number, chosen[1].transform_set.name) == (1, "y")


def test_key_size_and_protocols_must_be_equal():
    offers = offers_from([ts("a", "esp-aes", "esp-sha-hmac", key_size=256)])
    assert transforms.select_offer(offers, [ts("x", "esp-aes", "esp-sha-hmac")]) is None
    assert transforms.select_offer(offers_from([ts("a", "ah-sha-hmac", "esp-aes", "esp-sha-hmac")]),
                                   [ts("x", "esp-aes", "esp-sha-hmac")]) is None


def test_transport_is_offered_with_tunnel_fallback_only_between_the_peers():
    sets = [ts("t", "esp-aes", "esp-sha-hmac", mode="transport")]
    assert [o.mode for o in transforms.build_offers(sets, transport_possible=True)] == ["transport", "tunnel"]
    assert [o.mode for o in transforms.build_offers(sets, transport_possible=False)] == ["tunnel"]
    offers = offers_from(sets, transport=True)
    tunnel_only = transforms.select_offer(offers, [ts("x", "esp-aes", "esp-sha-hmac", mode="tunnel")])
    assert tunnel_only is not None and tunnel_only[0].mode == "tunnel"  # transport refused, tunnel fallback
    transport = transforms.select_offer(offers, [ts("x", "esp-aes", "esp-sha-hmac", mode="transport")])
    assert transport is not None and transport[0].mode == "transport"


@pytest.mark.parametrize("offered,own,gate,ok", [
    (None, None, OPEN, True), (14, None, OPEN, True), (14, 14, OPEN, True), (None, 14, OPEN, False),
    (5, 14, OPEN, False), (5, None, GATED, False), (5, 5, GATED, False), (14, None, GATED, True),
])
def test_pfs_rules(offered, own, gate, ok):
    assert transforms.pfs_acceptable(offered, own, gate) is ok


def test_lifetimes_take_the_shorter_of_each():
    entry = CryptoMapEntry(10, lifetime=SaLifetime(seconds=1800))
    own = transforms.entry_lifetime(RunningConfig(), entry)
    assert own == transforms.Lifetime(1800, 4608000)
    assert transforms.negotiate_lifetime(transforms.Lifetime(3600, 1000), own) == transforms.Lifetime(1800, 1000)


# ---------------------------------------------------------------------------- proxies and gate


def acl(*lines: str) -> AccessList:
    return AccessList("101", "extended", False, [AclEntry(10 * n, line.split()[0], " ".join(line.split()[1:]))
                                                 for n, line in enumerate(lines, 1)])


def test_selectors_come_from_the_matching_entry_not_the_packet():
    rules = acl("deny ip host 10.1.1.9 any", "permit ip 10.1.1.0 0.0.0.255 10.2.2.0 0.0.0.255",
                "permit tcp host 10.1.1.1 eq 22 any")
    assert selectors_for_packet(rules, "10.1.1.5", "10.2.2.7") == (
        ProxyIdent("10.1.1.0", "255.255.255.0"), ProxyIdent("10.2.2.0", "255.255.255.0"))
    assert selectors_for_packet(rules, "10.1.1.9", "10.2.2.7") is None  # denied: not protected
    assert selectors_for_packet(rules, "10.9.9.9", "10.2.2.7") is None
    assert selectors_for_packet(rules, "10.1.1.1", "8.8.8.8", 6, 22, 40000) == (
        ProxyIdent("10.1.1.1", proto=6, port=22), ProxyIdent("0.0.0.0", "0.0.0.0", 6, 0))


def test_responder_checks_offered_proxies_against_its_mirrored_acl():
    mirrored = acl("permit ip 10.2.2.0 0.0.0.255 10.1.0.0 0.0.255.255")
    local, remote = ProxyIdent("10.2.2.0", "255.255.255.0"), ProxyIdent("10.1.1.0", "255.255.255.0")
    assert acl_permits(mirrored, local, remote)
    assert not acl_permits(mirrored, remote, local)
    assert not acl_permits(acl("deny ip any any", "permit ip any any"), local, remote)


@pytest.mark.parametrize("ident", [ProxyIdent("192.0.2.1"), ProxyIdent("10.0.0.0", "255.0.0.0", 17, 53)])
def test_proxy_id_payload_round_trip(ident):
    assert id_to_ident(ident_to_id(ident)) == ident


def test_gate_applies_from_17_11_unless_the_shield_is_disabled():
    assert version_tuple("17.11.1a") == (17, 11) and version_tuple("junk") is None
    assert crypto_gate("17.11.1a", True).active and crypto_gate("17.12.4", True).active
    assert not crypto_gate("17.9.4a", True).active and not crypto_gate("17.11.1a", False).active
    assert GATED.policy_weakness(psk_policy(1, group=5)) == "group 5"
    assert GATED.policy_weakness(psk_policy(1, encryption="3des")) == "encryption 3des"
    assert GATED.policy_weakness(psk_policy(1)) is None
    assert GATED.transform_set_weakness(TransformSet("t", ["esp-aes", "esp-md5-hmac"])) == "esp-md5-hmac"
    weak = policy.usable_policies(config(), GATED, has_psk=True)
    assert weak.policies == [] and weak.weak_skipped[0] == "ISAKMP policy 65508: group 5"

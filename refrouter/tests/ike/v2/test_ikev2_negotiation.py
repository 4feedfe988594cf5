"""IKE_SA_INIT + IKE_AUTH between two engines: smart defaults, NGE suites, PSK variants, failure outcomes."""

from __future__ import annotations

import pytest
from ikev2_harness import PSK, A, B, mnemonics, pair

from refrouter.ike.v2.algorithms import Suite
from refrouter.ike.v2.codec import decode, parse_header
from refrouter.ike.v2.config import (
    ConfigError,
    EspTransform,
    Identity,
    IdentityMatch,
    Ikev2Policy,
    Ikev2Proposal,
    Ikev2Settings,
)
from refrouter.ike.v2.constants import Exchange, Notify
from refrouter.ike.v2.datagram import Failure
from refrouter.ike.v2.sa import IkeState

NGE = Ikev2Proposal("NGE", ("aes-gcm-256",), (), (20, 21), prf=("sha384",))


def _assert_mirrored(p) -> None:
    a_sa, b_sa = p.a.ready(B), p.b.ready(A)
    assert a_sa is not None and b_sa is not None
    assert (a_sa.spi_i, a_sa.spi_r) == (b_sa.spi_i, b_sa.spi_r)
    assert a_sa.keys == b_sa.keys
    [a_child], [b_child] = a_sa.live_children, b_sa.live_children
    assert (a_child.spi_in, a_child.spi_out) == (b_child.spi_out, b_child.spi_in)
    assert a_child.outbound_keys == b_child.inbound_keys and a_child.inbound_keys == b_child.outbound_keys
    assert a_child.outbound_keys != a_child.inbound_keys


def test_smart_defaults_agree_on_the_first_default_suite() -> None:
    p = pair()
    sa = p.connect()
    assert sa.state is IkeState.READY
    assert sa.suite == Suite("aes-cbc-256", "sha512", "sha512", 19)
    _assert_mirrored(p)
    assert mnemonics(p.a) == ["%IKEV2-5-OSAL_INITIATE_TUNNEL", "%IKEV2-5-SA_UP"]
    assert mnemonics(p.b) == ["%IKEV2-5-SA_UP"]
    exchanges = [parse_header(d.data).exchange for d in p.wire]
    assert exchanges == [Exchange.IKE_SA_INIT] * 2 + [Exchange.IKE_AUTH] * 2


def test_legacy_defaults_use_group_5() -> None:
    legacy = Ikev2Settings(modern_defaults=False)
    p = pair(a_settings=legacy, b_settings=legacy)
    assert p.connect().suite == Suite("aes-cbc-256", "sha512", "sha512", 5)


def test_nge_proposal_gcm_with_invalid_ke_retry() -> None:
    """A offers groups 21 then 20 (KE for 21); B only takes 20, so B asks for group 20 first."""
    a_prop = Ikev2Proposal("NGE", ("aes-gcm-256",), (), (21, 20), prf=("sha384",))
    p = pair(a_proposals=(a_prop,), a_policies=(Ikev2Policy("POL", ("NGE",)),),
             b_proposals=(NGE,), b_policies=(Ikev2Policy("POL", ("NGE",)),),
             a_transforms=(EspTransform("GCM", "aes-gcm-256", None),),
             b_transforms=(EspTransform("GCM", "aes-gcm-256", None),))
    sa = p.connect()
    assert sa.suite == Suite("aes-gcm-256", None, "sha384", 20)
    notifies = [n.type for d in p.wire[:2] for n in decode(d.data).notifies()]
    assert Notify.INVALID_KE_PAYLOAD in notifies
    _assert_mirrored(p)
    assert sa.live_children[0].transform.encryption == "aes-gcm-256"


def test_responder_takes_its_own_first_matching_proposal() -> None:
    first = Ikev2Proposal("P1", ("aes-cbc-128",), ("sha256",), (14,))
    second = Ikev2Proposal("P2", ("aes-cbc-256",), ("sha384",), (19,))
    p = pair(a_proposals=(first, second), a_policies=(Ikev2Policy("POL", ("P1", "P2")),),
             b_proposals=(first, second), b_policies=(Ikev2Policy("POL", ("P2", "P1")),))
    assert p.connect().suite == Suite("aes-cbc-256", "sha384", "sha384", 19)


def test_asymmetric_pre_shared_keys() -> None:
    p = pair(a_psk=None, a_local_key="from-a", a_remote_key="from-b",
             b_psk=None, b_local_key="from-b", b_remote_key="from-a")
    assert p.connect().state is IkeState.READY
    _assert_mirrored(p)


def test_asymmetric_keys_crossed_wrongly_fail() -> None:
    p = pair(a_psk=None, a_local_key="from-a", a_remote_key="from-b",
             b_psk=None, b_local_key="from-a", b_remote_key="from-b")
    p.connect()
    assert p.b.failures == [Failure(A, "AUTHENTICATION_FAILED", "responder", "ike")]
    assert p.a.ready(B) is None and p.b.ready(A) is None


def test_wrong_psk_is_authentication_failed_on_both_sides() -> None:
    p = pair(b_psk="not-the-same")
    sa = p.connect()
    assert sa.state is IkeState.DELETED
    assert p.a.failures == [Failure(B, "AUTHENTICATION_FAILED", "initiator", "ike")]
    assert p.b.failures == [Failure(A, "AUTHENTICATION_FAILED", "responder", "ike")]
    assert "%IKEV2-3-NEG_ABORT" in mnemonics(p.a) and "%IKEV2-5-SA_UP" not in mnemonics(p.a)
    assert not p.a.sas and not p.b.sas
    for engine in (p.a, p.b):
        assert not any(PSK in line[3] or "not-the-same" in line[3] for line in engine.logs)


def test_no_common_proposal() -> None:
    p = pair(a_proposals=(Ikev2Proposal("A", ("aes-cbc-128",), ("sha256",), (14,)),),
             a_policies=(Ikev2Policy("POL", ("A",)),),
             b_proposals=(Ikev2Proposal("B", ("aes-cbc-256",), ("sha512",), (19,)),),
             b_policies=(Ikev2Policy("POL", ("B",)),))
    p.connect()
    assert p.a.failures == [Failure(B, "NO_PROPOSAL_CHOSEN", "initiator", "ike")]
    assert p.b.failures == [Failure(A, "NO_PROPOSAL_CHOSEN", "responder", "ike")]
    assert not p.b.sas


def test_default_policy_disabled_leaves_nothing_to_offer() -> None:
    p = pair(a_settings=Ikev2Settings(default_policy=False))
    p.connect()
    assert p.a.failures == [Failure(B, "NO_POLICY", "initiator", "ike")]
    assert p.wire == []


def test_policy_selected_by_local_address() -> None:
    strong = Ikev2Proposal("STRONG", ("aes-cbc-256",), ("sha384",), (20,))
    weak = Ikev2Proposal("WEAK", ("aes-cbc-128",), ("sha256",), (14,))
    b_policies = (Ikev2Policy("ANY", ("WEAK",)), Ikev2Policy("MINE", ("STRONG",), (B,)),
                  Ikev2Policy("OTHER", ("WEAK",), ("198.51.100.1",)))
    p = pair(a_proposals=(weak, strong), a_policies=(Ikev2Policy("POL", ("WEAK", "STRONG")),),
             b_proposals=(strong, weak), b_policies=b_policies)
    assert p.connect().suite == Suite("aes-cbc-256", "sha384", "sha384", 20)


def test_profile_selected_by_remote_identity() -> None:
    p = pair(a_local_identity=Identity("fqdn", "branch1.example.net"),
             b_match=(IdentityMatch("fqdn", "example.net", domain=True),))
    sa = p.connect()
    assert sa.state is IkeState.READY
    assert p.b.ready(A).remote_identity == Identity("fqdn", "branch1.example.net")


def test_no_profile_matches_the_identity() -> None:
    p = pair(a_local_identity=Identity("fqdn", "branch1.example.org"),
             b_match=(IdentityMatch("fqdn", "example.net", domain=True),))
    p.connect()
    assert p.b.failures == [Failure(A, "NO_PROFILE", "responder", "ike")]
    assert p.a.failures == [Failure(B, "AUTHENTICATION_FAILED", "initiator", "ike")]


def test_traffic_selectors_not_covered() -> None:
    p = pair(a_remote_lan="10.9.0.0/24")
    sa = p.connect()
    assert sa.state is IkeState.READY and sa.live_children == []
    assert p.b.failures == [Failure(A, "TS_UNACCEPTABLE", "responder", "child")]
    assert p.a.failures == [Failure(B, "TS_UNACCEPTABLE", "initiator", "child")]


def test_no_common_transform_set() -> None:
    p = pair(b_transforms=(EspTransform("T", "aes-cbc-256", "sha256"),))
    sa = p.connect()
    assert sa.state is IkeState.READY and sa.live_children == []
    assert p.a.failures == [Failure(B, "NO_PROPOSAL_CHOSEN", "initiator", "child")]


@pytest.mark.parametrize(("build", "message"), [
    (lambda: Ikev2Proposal("P", ("aes-cbc-512",), ("sha256",), (19,)), "unsupported encryption aes-cbc-512"),
    (lambda: Ikev2Proposal("P", ("aes-cbc-128",), ("sha256",), (22,)), "unsupported DH group 22"),
    (lambda: Ikev2Proposal("P", ("aes-cbc-128",), (), (19,)), "AES-CBC needs integrity"),
    (lambda: Ikev2Proposal("P", ("aes-gcm-128",), ("sha256",), (19,), prf=("sha256",)), "AES-GCM needs prf"),
    (lambda: Ikev2Proposal("P", (), ("sha256",), (19,)), "incomplete"),
    (lambda: EspTransform("T", "aes-gcm-256", "sha1"), "AES-GCM takes no integrity"),
])
def test_bad_configuration_is_named(build, message) -> None:
    with pytest.raises(ConfigError, match=message):
        build()


def test_domain_match_is_a_label_boundary() -> None:
    match = IdentityMatch("fqdn", "example.net", domain=True)
    assert match.matches(Identity("fqdn", "hub.example.net"))
    assert match.matches(Identity("fqdn", "example.net"))
    assert not match.matches(Identity("fqdn", "badexample.net"))
    assert IdentityMatch("email", "example.net", domain=True).matches(Identity("email", "ops@example.net"))

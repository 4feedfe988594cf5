"""After IKE_AUTH: cookie challenge, child and IKE rekey, delete, DPD, lifetimes, lost and repeated packets."""

from __future__ import annotations

from ikev2_harness import A, B, mnemonics, pair

from refrouter.ike.v2 import sa_init
from refrouter.ike.v2.codec import decode, parse_header
from refrouter.ike.v2.config import Dpd, Ikev2Settings
from refrouter.ike.v2.constants import Exchange, Notify
from refrouter.ike.v2.datagram import Datagram, Failure
from refrouter.ike.v2.sa import IkeState


def _exchanges(p) -> list[tuple[int, bool]]:
    return [(h.exchange, h.response) for h in (parse_header(d.data) for d in p.wire)]


def test_cookie_challenge_then_success() -> None:
    p = pair(b_settings=Ikev2Settings(cookie_challenge=0))
    sa = p.connect()
    assert sa.state is IkeState.READY
    first_answer = decode(p.wire[1].data)
    assert [n.type for n in first_answer.notifies()] == [Notify.COOKIE]
    retry = decode(p.wire[2].data)
    assert retry.notifies()[0].type == Notify.COOKIE and retry.notifies()[0].data == first_answer.notifies()[0].data
    assert sa.init_request == p.wire[2].data  # AUTH signs the message that carried the cookie
    assert len(p.b.sas) == 1


def test_cookie_challenge_only_above_the_threshold() -> None:
    p = pair(b_settings=Ikev2Settings(cookie_challenge=1))
    p.connect()
    assert all(Notify.COOKIE not in [n.type for n in decode(d.data).notifies()]
               for d in p.wire if parse_header(d.data).exchange == Exchange.IKE_SA_INIT)


def test_wrong_cookie_is_challenged_again() -> None:
    p = pair(b_settings=Ikev2Settings(cookie_challenge=0))

    sa = p.a.initiate(p.now, B, p.a_side.profile(), p.a_side.child())
    p.a.take_outbox()
    sa.cookie = b"\x00\x00\x00\x00" + b"forged" * 5
    sa_init._send(p.a, p.now, sa)  # an initiator that presents a cookie it was never given
    [request] = p.a.take_outbox()
    p.b.receive(p.now, request)
    [answer] = p.b.take_outbox()
    assert [n.type for n in decode(answer.data).notifies()] == [Notify.COOKIE]
    assert not p.b.sas


def _rekey_child(p, engine, peer):
    sa = engine.ready(peer)
    [old] = sa.live_children
    assert engine.rekey_child(p.now, sa, old)
    p.deliver()
    return old, sa


def test_child_rekey_replaces_the_child_on_both_sides() -> None:
    p = pair(a_pfs=14, b_pfs=14)
    p.connect()
    old, sa = _rekey_child(p, p.a, B)
    [new] = sa.live_children
    assert old.deleted and new.spi_in != old.spi_in and new.keys != old.keys
    [b_new] = p.b.ready(A).live_children
    assert (b_new.spi_in, b_new.spi_out) == (new.spi_out, new.spi_in)
    assert b_new.inbound_keys == new.outbound_keys
    assert (Exchange.CREATE_CHILD_SA, True) in _exchanges(p)
    assert _exchanges(p)[-2:] == [(Exchange.INFORMATIONAL, False), (Exchange.INFORMATIONAL, True)]


def test_child_rekey_by_the_responder() -> None:
    p = pair()
    p.connect()
    old, sa = _rekey_child(p, p.b, A)
    [new] = sa.live_children
    assert old.deleted and new.we_initiated
    [a_new] = p.a.ready(B).live_children
    assert a_new.inbound_keys == new.outbound_keys


def test_pfs_mismatch_keeps_the_old_child() -> None:
    p = pair(a_pfs=14, b_pfs=19)
    p.connect()
    sa = p.a.ready(B)
    [old] = sa.live_children
    assert p.a.rekey_child(p.now, sa, old)
    p.deliver()
    assert sa.live_children == [old]
    assert p.b.failures == [Failure(A, "NO_PROPOSAL_CHOSEN", "responder", "child")]


def test_ike_rekey_keeps_the_child_sa() -> None:
    p = pair()
    old_sa = p.connect()
    [child] = old_sa.live_children
    assert p.a.rekey_ike(p.now, old_sa)
    p.deliver()
    new_a, new_b = p.a.ready(B), p.b.ready(A)
    assert new_a is not old_sa and old_sa.state is IkeState.DELETED
    assert (new_a.spi_i, new_a.spi_r) == (new_b.spi_i, new_b.spi_r) != (old_sa.spi_i, old_sa.spi_r)
    assert new_a.keys == new_b.keys and new_a.keys != old_sa.keys
    assert new_a.live_children == [child] and not child.deleted
    assert len(p.a.sas) == 1 and len(p.b.sas) == 1
    assert "%IKEV2-5-SA_DOWN" not in mnemonics(p.a) + mnemonics(p.b)
    old, _ = _rekey_child(p, p.a, B)  # the moved child rekeys under the new IKE SA's SK_d
    assert old is child and child.deleted and len(new_b.live_children) == 1


def test_lifetimes_drive_rekeys() -> None:
    p = pair(a_lifetime=120, a_child_lifetime=60)
    sa = p.connect()
    [child] = sa.live_children
    p.advance(61)
    assert child.deleted and len(p.a.ready(B).live_children) == 1
    p.advance(60)
    assert sa.state is IkeState.DELETED and p.a.ready(B) is not None and p.a.ready(B) is not sa
    assert len(p.b.ready(A).live_children) == 1


def test_delete_ike_takes_the_peer_down() -> None:
    p = pair()
    sa = p.connect()
    assert p.a.delete_ike(p.now, sa)
    p.deliver()
    assert not p.a.sas and not p.b.sas
    assert mnemonics(p.b)[-1] == "%IKEV2-5-SA_DOWN" and mnemonics(p.a)[-1] == "%IKEV2-5-SA_DOWN"


def test_liveness_check_is_an_empty_informational() -> None:
    p = pair()
    sa = p.connect()
    assert p.a.check_liveness(p.now, sa)
    p.deliver()
    last = [decode(d.data, (sa.receive_keys if parse_header(d.data).response else sa.send_keys))
            for d in p.wire[-2:]]
    assert [m.header.exchange for m in last] == [Exchange.INFORMATIONAL] * 2 and all(not m.payloads for m in last)
    assert sa.pending is None and sa.state is IkeState.READY


def test_periodic_dpd_declares_a_silent_peer_dead() -> None:
    p = pair(a_dpd=Dpd(10, 2, periodic=True))
    sa = p.connect()
    p.advance(30)
    assert sa.state is IkeState.READY  # the peer answers every check
    p.advance(40, drop=lambda d: d.src == B)
    assert sa.state is IkeState.DELETED and sa.end_reason == "DPD"
    assert p.a.failures == [Failure(B, "PEER_LOST", "initiator", "ike")]
    assert mnemonics(p.a)[-1] == "%IKEV2-5-SA_DOWN"


def test_on_demand_dpd_needs_outbound_traffic() -> None:
    p = pair(a_dpd=Dpd(10, 2))
    sa = p.connect()
    p.advance(60, drop=lambda d: d.src == B)
    assert sa.state is IkeState.READY and len(p.wire) == 4  # no traffic, no checks
    p.a.note_traffic(p.now, sa, inbound=False)
    p.advance(40, drop=lambda d: d.src == B)
    assert sa.state is IkeState.DELETED and sa.end_reason == "DPD"


def test_lost_auth_request_is_retransmitted() -> None:
    lost: list[Datagram] = []

    def drop_first_auth(datagram: Datagram) -> bool:
        if parse_header(datagram.data).exchange == Exchange.IKE_AUTH and not lost:
            lost.append(datagram)
            return True
        return False

    p = pair()
    sa = p.connect(drop=drop_first_auth)
    assert sa.state is IkeState.IN_NEG and lost
    p.advance(3)
    assert sa.state is IkeState.READY and p.b.ready(A) is not None


def test_lost_auth_response_is_answered_from_the_cache() -> None:
    dropped: list[Datagram] = []

    def drop_first_auth_response(datagram: Datagram) -> bool:
        header = parse_header(datagram.data)
        if header.exchange == Exchange.IKE_AUTH and header.response and not dropped:
            dropped.append(datagram)
            return True
        return False

    p = pair()
    sa = p.connect(drop=drop_first_auth_response)
    p.advance(3)
    assert sa.state is IkeState.READY
    assert len(p.b.ready(A).live_children) == 1  # the repeat did not create a second child
    assert p.wire[-1].data == dropped[0].data


def test_duplicated_datagrams_change_nothing() -> None:
    p = pair()
    sa = p.connect(duplicate=lambda d: True)
    assert sa.state is IkeState.READY
    assert len(p.a.sas) == 1 and len(p.b.sas) == 1
    assert len(sa.live_children) == 1 and len(p.b.ready(A).live_children) == 1
    assert p.a.dropped >= 1  # the repeated responses were ignored
    assert p.a.failures == [] and p.b.failures == []


def test_unreachable_peer_is_given_up_after_the_retransmissions() -> None:
    p = pair()
    sa = p.connect(drop=lambda d: True)
    p.advance(120, drop=lambda d: True)
    assert sa.state is IkeState.IN_NEG  # 2 + 4 + 8 + 16 + 32 s of retransmissions, then 64 s for the last
    p.advance(10, drop=lambda d: True)
    assert sa.state is IkeState.DELETED
    assert p.a.failures == [Failure(B, "PEER_LOST", "initiator", "ike")]
    assert len(p.a.sas) == 0


def test_half_open_responder_sa_expires_and_frees_the_cookie_threshold() -> None:
    p = pair(b_settings=Ikev2Settings(cookie_challenge=1, half_open_timeout=30))
    p.connect(drop=lambda d: parse_header(d.data).exchange == Exchange.IKE_AUTH)
    assert [s.state for s in p.b.sas.values()] == [IkeState.IN_NEG]
    p.advance(200, drop=lambda d: True)
    assert not p.b.sas and not p.a.sas
    p.wire.clear()
    assert p.connect().state is IkeState.READY
    assert all(Notify.COOKIE not in [n.type for n in decode(d.data).notifies()]
               for d in p.wire if parse_header(d.data).exchange == Exchange.IKE_SA_INIT)


def test_ike_rekey_by_the_responder_swaps_the_roles() -> None:
    p = pair()
    p.connect()
    b_old = p.b.ready(A)
    assert p.b.rekey_ike(p.now, b_old)
    p.deliver()
    a_new, b_new = p.a.ready(B), p.b.ready(A)
    assert b_new.original_initiator and not a_new.original_initiator
    assert a_new.keys == b_new.keys and len(a_new.live_children) == 1
    assert p.a.check_liveness(p.now, a_new)  # the new SA carries traffic in both directions
    p.deliver()
    assert a_new.pending is None and len(p.a.sas) == 1 and len(p.b.sas) == 1

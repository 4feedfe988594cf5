"""IKEv2 NAT traversal between two engines (RFC 7296 §2.23): NAT detection, the move to UDP 4500 from
IKE_AUTH on, the responder answering where requests come from, and rekeys staying there."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import replace

from ikev2_harness import MAX_DELIVERIES, A, B, Pair, pair

from refrouter.ike.v2 import natt
from refrouter.ike.v2.codec import Header, decode, encode, parse_header
from refrouter.ike.v2.constants import Exchange, Notify
from refrouter.ike.v2.datagram import Datagram
from refrouter.ike.v2.payloads import NotifyPayload
from refrouter.ike.v2.sa import IkeSa, IkeState

NAT_SHIFT = 10000  # a port-translating NAT in front of A: A's port P appears as P + 10000


def napt(datagram: Datagram) -> Datagram:
    """A NAT that keeps A's address and translates its ports (enough to change the NAT detection hash)."""
    if datagram.src == A:
        return replace(datagram, src_port=datagram.src_port + NAT_SHIFT)
    if datagram.dst == A:
        return replace(datagram, dst_port=datagram.dst_port - NAT_SHIFT)
    return datagram


def fake_nat(p: Pair) -> Callable[[Datagram], Datagram]:
    """B fakes a NAT as strongSwan's `encap = yes` does: the source hash of its IKE_SA_INIT response is
    wrong (and B signs that response in IKE_AUTH, as the peer that sent it would)."""

    def rewrite(datagram: Datagram) -> Datagram:
        header = parse_header(datagram.data)
        if datagram.src != B or header.exchange != Exchange.IKE_SA_INIT:
            return datagram
        payloads = tuple(NotifyPayload(n.type, bytes(20)) if isinstance(n, NotifyPayload)
                         and n.type == Notify.NAT_DETECTION_SOURCE_IP else n for n in decode(datagram.data).payloads)
        data = encode(Header(header.spi_i, header.spi_r, header.exchange, False, True, 0), payloads)
        p.b.sas[header.spi_r].init_response = data
        return replace(datagram, data=data)

    return rewrite


def deliver(p: Pair, rewrite: Callable[[Datagram], Datagram]) -> list[Datagram]:
    """Move datagrams through `rewrite` until both outboxes are empty; returns them as received."""
    queue: deque[Datagram] = deque()
    received: list[Datagram] = []
    for _ in range(MAX_DELIVERIES):
        for engine in (p.a, p.b):
            queue.extend(engine.take_outbox())
        if not queue:
            return received
        datagram = rewrite(queue.popleft())
        received.append(datagram)
        p.engines[datagram.dst].receive(p.now, datagram)
    raise AssertionError("the exchange did not settle")


def connect(p: Pair, rewrite: Callable[[Datagram], Datagram]) -> tuple[IkeSa, list[Datagram]]:
    sa = p.a.initiate(p.now, B, p.a_side.profile(), p.a_side.child())
    return sa, deliver(p, rewrite)


def ports(datagrams: list[Datagram]) -> list[tuple[int, int, int]]:
    return [(parse_header(d.data).exchange, d.src_port, d.dst_port) for d in datagrams]


def test_without_a_nat_everything_stays_on_port_500() -> None:
    p = pair()
    sa, wire = connect(p, lambda d: d)
    assert sa.state is IkeState.READY and not sa.nat
    b_sa = p.b.ready(A)
    assert b_sa is not None and not b_sa.nat and (b_sa.local_port, b_sa.peer_port) == (500, 500)
    assert {(s, d) for _, s, d in ports(wire)} == {(500, 500)}


def test_a_nat_in_front_of_the_initiator_moves_ike_auth_to_4500() -> None:
    p = pair()
    sa, wire = connect(p, napt)
    assert sa.state is IkeState.READY and sa.nat
    assert ports(wire) == [
        (Exchange.IKE_SA_INIT, 10500, 500), (Exchange.IKE_SA_INIT, 500, 500),
        (Exchange.IKE_AUTH, 14500, 4500), (Exchange.IKE_AUTH, 4500, 4500)]  # as each receiver saw them
    b_sa = p.b.ready(A)
    assert b_sa is not None and b_sa.nat
    assert (b_sa.local_port, b_sa.peer_port) == (4500, 14500)  # B answers the NAT's mapping
    assert (sa.local_port, sa.peer_port) == (4500, 4500)


def test_a_peer_faking_a_nat_moves_the_initiator_to_4500() -> None:
    p = pair()
    sa, wire = connect(p, fake_nat(p))
    assert sa.state is IkeState.READY and sa.nat
    assert ports(wire)[2:] == [(Exchange.IKE_AUTH, 4500, 4500), (Exchange.IKE_AUTH, 4500, 4500)]
    b_sa = p.b.ready(A)
    assert b_sa is not None and b_sa.nat and (b_sa.local_port, b_sa.peer_port) == (4500, 4500)


def test_rekeys_and_delete_stay_on_4500_behind_the_nat() -> None:
    p = pair()
    sa, _ = connect(p, napt)
    [old] = sa.live_children
    assert p.a.rekey_child(p.now, sa, old)
    rekey = deliver(p, napt)
    assert p.a.rekey_ike(p.now, sa)
    rekey += deliver(p, napt)
    new = p.a.ready(B)
    assert new is not None and new is not sa and new.nat and (new.local_port, new.peer_port) == (4500, 4500)
    assert rekey and {(s, d) for _, s, d in ports(rekey)} == {(14500, 4500), (4500, 4500)}
    assert p.a.delete_ike(p.now, new)
    assert {(s, d) for _, s, d in ports(deliver(p, napt))} == {(14500, 4500), (4500, 4500)}
    assert p.b.ready(A) is None


def test_marker_wraps_ike_on_4500_only() -> None:
    assert natt.wrap(b"IKE", 4500, 4500) == bytes(4) + b"IKE"
    assert natt.wrap(b"IKE", 500, 500) == b"IKE"
    assert natt.unwrap(4500, bytes(4) + b"IKE") == b"IKE"
    assert natt.unwrap(4500, b"\x01\x02\x03\x04ESP") is None  # ESP in UDP: an SPI, never zero
    assert natt.unwrap(500, b"IKE") == b"IKE"

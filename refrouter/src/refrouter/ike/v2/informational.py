"""INFORMATIONAL exchanges (RFC 7296 §1.4, §2.4): Delete of an IKE SA or child SAs, and the empty request
that is the liveness check DPD sends (IOS `dpd <interval> <retry> on-demand|periodic`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from refrouter.ike.v2.codec import Header, Message
from refrouter.ike.v2.constants import Exchange, Protocol
from refrouter.ike.v2.payloads import AnyPayload, DeletePayload
from refrouter.ike.v2.sa import IkeSa, Pending

if TYPE_CHECKING:
    from refrouter.ike.v2.engine import Ikev2Engine


def start_liveness(engine: Ikev2Engine, now: float, sa: IkeSa) -> bool:
    engine.send_request(now, sa, Exchange.INFORMATIONAL, (), Pending("dpd", 0, b"", 0.0))
    return True


def start_delete_ike(engine: Ikev2Engine, now: float, sa: IkeSa) -> bool:
    engine.send_request(now, sa, Exchange.INFORMATIONAL, (DeletePayload(Protocol.IKE),),
                        Pending("delete-ike", 0, b"", 0.0))
    return True


def dpd_due(engine: Ikev2Engine, now: float, sa: IkeSa) -> bool:
    """Periodic: nothing heard for `interval`. On demand: we sent traffic since we last heard the peer, and
    that is `interval` ago. True if a liveness check went out."""
    dpd = sa.profile.dpd if sa.profile is not None else None
    if dpd is None or now - sa.last_heard < dpd.interval:
        return False
    if not dpd.periodic and (sa.last_outbound is None or sa.last_outbound <= sa.last_heard):
        return False
    return start_liveness(engine, now, sa)


def respond(engine: Ikev2Engine, now: float, sa: IkeSa, header: Header, raw: bytes, message: Message) -> None:
    deletes = [p for p in message.payloads if isinstance(p, DeletePayload)]
    if any(d.protocol == Protocol.IKE for d in deletes):
        engine.send_response(sa, header, raw, Exchange.INFORMATIONAL, ())
        engine.remove(sa, None if sa.rekeyed_to is not None else "peer delete")
        return
    ours = []
    for delete in deletes:
        for kid in sa.live_children:
            if delete.protocol == Protocol.ESP and kid.spi_out in delete.spis:
                kid.deleted = True
                ours.append(kid.spi_in)
    answer: tuple[AnyPayload, ...] = (DeletePayload(Protocol.ESP, tuple(ours)),) if ours else ()
    engine.send_response(sa, header, raw, Exchange.INFORMATIONAL, answer)
    sa.children = [kid for kid in sa.children if not kid.deleted]


def on_response(engine: Ikev2Engine, now: float, sa: IkeSa, pending: Pending, message: Message) -> None:
    if pending.purpose == "delete-ike":
        engine.remove(sa, None if sa.rekeyed_to is not None else "local delete")
    elif pending.purpose == "delete-child" and pending.old_child is not None:
        pending.old_child.deleted = True
        sa.children = [kid for kid in sa.children if not kid.deleted]

"""When `Ikev2Engine.poll` next has something to do, so a caller can sleep until then (router seconds)."""

from __future__ import annotations

from refrouter.ike.v2.engine import Ikev2Engine
from refrouter.ike.v2.sa import IkeSa, IkeState


def _sa_deadline(engine: Ikev2Engine, sa: IkeSa) -> float | None:
    if sa.pending is not None:
        return sa.pending.due
    if sa.state is not IkeState.READY:
        return sa.last_heard + engine.config.settings.half_open_timeout
    times = [kid.created + kid.lifetime for kid in sa.live_children if kid.we_initiated]
    if sa.original_initiator:
        times.append(sa.created + sa.lifetime)
    dpd = sa.profile.dpd if sa.profile is not None else None
    if dpd is not None and (dpd.periodic or (sa.last_outbound or 0.0) > sa.last_heard):
        times.append(sa.last_heard + dpd.interval)
    return min(times, default=None)


def next_deadline(engine: Ikev2Engine) -> float | None:
    times = [t for t in (_sa_deadline(engine, sa) for sa in engine.sas.values()) if t is not None]
    return min(times, default=None)

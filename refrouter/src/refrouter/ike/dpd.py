"""Dead Peer Detection (RFC 3706) as the sender of R-U-THERE: when to probe and when the peer is dead.

Only SAs where both sides advertised the DPD vendor ID and a keepalive is configured (`crypto isakmp
keepalive S R [periodic|on-demand]` or the ISAKMP profile's `keepalive S retry R`) run DPD; `show crypto
isakmp sa detail` then shows the `D` capability. All times are router seconds.

- on-demand (IOS default): a probe is due when this router sends traffic to the peer after S seconds in
  which it heard nothing from it (no traffic, no probe: an idle SA is never probed).
- periodic: a probe is due S seconds after the peer was last heard from, traffic or not.
- "Heard from": an authenticated IKE message or a valid ESP/AH packet of one of the SA's tunnels.
- An unanswered probe is sent again (next sequence number, as RFC 3706 §5.5 asks) every R seconds; after
  MAX_RETRIES retries without an answer the peer is dead. The sequence number starts random (§5.5).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .profiles import Keepalive

MAX_RETRIES = 5  # IOS: "the router retries 5 times at the retry interval before declaring the peer dead"
PROBE = "probe"
DEAD = "dead"


@dataclass
class Dpd:
    settings: Keepalive
    last_heard: float
    sequence: int
    wanted: bool = False  # on-demand: traffic went out after S silent seconds
    probe_sent: float | None = None  # when the outstanding probe (or its last retry) went out
    retries: int = 0

    @classmethod
    def start(cls, settings: Keepalive, now: float, rng: random.Random) -> Dpd:
        return cls(settings, now, rng.randint(1, 0x7FFFFFFF))

    def heard(self, now: float) -> None:
        self.last_heard = now
        self.wanted = False
        self.probe_sent = None
        self.retries = 0

    def sent_traffic(self, now: float) -> None:
        if now >= self.last_heard + self.settings.interval:
            self.wanted = True

    def acked(self, sequence: int, now: float) -> bool:
        """An R-U-THERE-ACK: True when it answers the outstanding probe."""
        if self.probe_sent is None or sequence != self.sequence:
            return False
        self.heard(now)
        return True

    def due(self) -> float | None:
        if self.probe_sent is not None:
            return self.probe_sent + self.settings.retry
        idle_until = self.last_heard + self.settings.interval
        return idle_until if self.settings.periodic or self.wanted else None

    def poll(self, now: float) -> str | None:
        """PROBE: send R-U-THERE with `self.sequence`; DEAD: give up on the peer; None: nothing yet."""
        due = self.due()
        if due is None or now < due:
            return None
        if self.probe_sent is not None:
            if self.retries >= MAX_RETRIES:
                return DEAD
            self.retries += 1
        self.sequence = self.sequence % 0xFFFFFFFF + 1
        self.probe_sent = now
        return PROBE

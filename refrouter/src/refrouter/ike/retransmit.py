"""Retransmission of the last message of an exchange, and answering a peer's retransmissions."""

from __future__ import annotations

from dataclasses import dataclass

RESEND = "resend"
GIVE_UP = "give_up"


@dataclass
class Retransmitter:
    last_sent: bytes | None = None  # what we sent last (resent on timeout or when the peer repeats itself)
    last_received: bytes | None = None  # the last message we accepted
    due: float | None = None
    count: int = 0

    def sent(self, raw: bytes, now: float, delay: float | None) -> None:
        """Record a sent message; `delay` None = no reply expected, so no timer."""
        self.last_sent = raw
        self.count = 0
        self.due = None if delay is None else now + delay

    def accepted(self, raw: bytes) -> None:
        """Remember the peer's last good message (the timer is re-armed by the answer we send)."""
        self.last_received = raw

    def is_repeat(self, raw: bytes) -> bool:
        return self.last_received is not None and raw == self.last_received

    def stop(self) -> None:
        self.due = None

    def poll(self, now: float, delay: float, limit: int) -> str | None:
        if self.due is None or now < self.due:
            return None
        if self.count >= limit:
            self.due = None
            return GIVE_UP
        self.count += 1
        self.due = now + delay
        return RESEND

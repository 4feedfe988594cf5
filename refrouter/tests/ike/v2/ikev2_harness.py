"""Two Ikev2Engines back to back through a bounded in-memory queue, on a manual clock (no sockets)."""

from __future__ import annotations

import ipaddress
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from refrouter.ike.v2.config import (
    ChildSettings,
    Dpd,
    EspTransform,
    Identity,
    IdentityMatch,
    Ikev2Config,
    Ikev2Keyring,
    Ikev2Policy,
    Ikev2Profile,
    Ikev2Proposal,
    Ikev2Settings,
    IpsecProfile,
    KeyringPeer,
)
from refrouter.ike.v2.datagram import Datagram
from refrouter.ike.v2.defaults import DEFAULT_ESP_TRANSFORM
from refrouter.ike.v2.engine import Ikev2Engine
from refrouter.ike.v2.payloads import TrafficSelector
from refrouter.ike.v2.sa import IkeSa

A, B = "192.0.2.1", "192.0.2.2"
LAN = {A: "10.1.0.0/24", B: "10.2.0.0/24"}
PSK = "s3cret-psk"
QUEUE_CAPACITY = 64
MAX_DELIVERIES = 400


def selector(network: str) -> TrafficSelector:
    net = ipaddress.IPv4Network(network)
    return TrafficSelector(str(net.network_address), str(net.broadcast_address))


@dataclass
class Side:
    """One router's IKEv2 configuration knobs, with defaults that make two sides agree."""

    local: str
    peer: str
    psk: str | None = PSK
    local_key: str | None = None
    remote_key: str | None = None
    proposals: tuple[Ikev2Proposal, ...] = ()
    policies: tuple[Ikev2Policy, ...] = ()
    settings: Ikev2Settings = field(default_factory=Ikev2Settings)
    transforms: tuple[EspTransform, ...] = (DEFAULT_ESP_TRANSFORM,)
    pfs: int | None = None
    dpd: Dpd | None = None
    lifetime: int = 86400
    child_lifetime: int = 3600
    local_identity: Identity | None = None
    match: tuple[IdentityMatch, ...] | None = None
    remote_lan: str | None = None

    def child(self) -> ChildSettings:
        return ChildSettings(self.transforms, (selector(LAN[self.local]),),
                             (selector(self.remote_lan or LAN[self.peer]),), self.pfs, self.child_lifetime)

    def profile(self) -> Ikev2Profile:
        match = self.match or (IdentityMatch("address", f"{self.peer}/32"),)
        return Ikev2Profile("PROF", match, "KR", self.local_identity, lifetime=self.lifetime, dpd=self.dpd)

    def config(self) -> Ikev2Config:
        peer = KeyringPeer("PEER", address=self.peer, pre_shared_key=self.psk, local_key=self.local_key,
                           remote_key=self.remote_key)
        return Ikev2Config(self.local, self.proposals, self.policies, (Ikev2Keyring("KR", (peer,)),),
                           (self.profile(),), (IpsecProfile("IPSEC", "PROF", self.child()),), self.settings)


Filter = Callable[[Datagram], bool]


def _never(_: Datagram) -> bool:
    return False


@dataclass
class Pair:
    a_side: Side
    b_side: Side
    now: float = 0.0
    wire: list[Datagram] = field(default_factory=list)  # everything delivered, in order (for pcaps)

    def __post_init__(self) -> None:
        self.a = Ikev2Engine(self.a_side.config())
        self.b = Ikev2Engine(self.b_side.config())
        self.engines = {A: self.a, B: self.b}

    def deliver(self, drop: Filter = _never, duplicate: Filter = _never) -> int:
        """Move datagrams until both outboxes are empty; returns how many were delivered."""
        queue: deque[Datagram] = deque()
        delivered = 0
        for _ in range(MAX_DELIVERIES):
            for engine in self.engines.values():
                for datagram in engine.take_outbox():
                    if len(queue) >= QUEUE_CAPACITY:
                        raise OverflowError("in-memory network queue is full")
                    queue.append(datagram)
            if not queue:
                return delivered
            datagram = queue.popleft()
            if drop(datagram):
                continue
            copies = 2 if duplicate(datagram) else 1
            for _ in range(copies):
                self.wire.append(datagram)
                self.engines[datagram.dst].receive(self.now, datagram)
                delivered += 1
        raise AssertionError("the exchange did not settle")

    def advance(self, seconds: float, step: float = 1.0, drop: Filter = _never) -> None:
        for _ in range(int(seconds / step)):
            self.now += step
            self.a.poll(self.now)
            self.b.poll(self.now)
            self.deliver(drop)

    def connect(self, drop: Filter = _never, duplicate: Filter = _never) -> IkeSa:
        sa = self.a.initiate(self.now, B, self.a_side.profile(), self.a_side.child())
        self.deliver(drop, duplicate)
        return sa


def pair(**changes: object) -> Pair:
    """A pair on smart defaults; `a_<field>` / `b_<field>` keyword arguments change one side."""
    a_changes = {k[2:]: v for k, v in changes.items() if k.startswith("a_")}
    b_changes = {k[2:]: v for k, v in changes.items() if k.startswith("b_")}
    return Pair(replace(Side(A, B), **a_changes), replace(Side(B, A), **b_changes))


def mnemonics(engine: Ikev2Engine) -> list[str]:
    return [f"%{facility}-{severity}-{mnemonic}" for facility, severity, mnemonic, _ in engine.logs]

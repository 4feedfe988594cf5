"""What the negotiation code shares: settings, datagrams, requests, the per-call context and events."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from ..state.config.model import RunningConfig
from ..state.oper.clock import Clock, real_to_router
from ..state.oper.counters import IkeCounters
from ..state.oper.sa import ProxyIdent
from ..state.oper.state import OperState
from . import logmsg
from .gate import CryptoGate
from .policy import LIFETIME_STRICT

IKE_PORT = 500
NATT_PORT = 4500


@dataclass(frozen=True)
class EngineSettings:
    version: str = "17.9.4a"  # IOS XE version; 17.11+ turns the weak-crypto gate on
    lifetime_rule: str = LIFETIME_STRICT  # phase-1 lifetime rule: strict | lenient
    retransmit_interval: float = 10.0  # real seconds between IKE retransmissions
    max_retransmits: int = 5  # then the SA is deleted ("Death by retransmission")
    deleted_linger: float = 60.0  # real seconds a deleted SA stays visible as "ACTIVE (deleted)"
    nonce_length: int = 20


@dataclass(frozen=True)
class Datagram:
    """A packet the engine emits or consumes; addresses are the routers' virtual interface addresses."""

    src: str
    dst: str
    payload: bytes
    protocol: str = "udp"  # udp (IKE, port 500) | esp | ah
    sport: int = IKE_PORT
    dport: int = IKE_PORT


@dataclass(frozen=True)
class StartRequest:
    """The data plane asks for SAs: a packet matched a permit of static crypto map entry `map_name seq`."""

    local: str  # local crypto endpoint (address of the interface the map is applied to)
    peer: str
    map_name: str
    seq: int
    local_ident: ProxyIdent
    remote_ident: ProxyIdent
    interface: str | None = None


@dataclass(frozen=True)
class Established:
    """Phase 1 reached QM_IDLE."""


@dataclass(frozen=True)
class ChildDeleted:
    """The peer deleted IPsec SAs; `spis` are the SPIs it named (our outbound SPIs)."""

    protocol: str
    spis: tuple[int, ...]


@dataclass(frozen=True)
class IkeDeleted:
    """The peer deleted the ISAKMP SA."""


@dataclass
class Ctx:
    """Everything one engine call needs; `out` collects the datagrams to send."""

    config: RunningConfig
    oper: OperState
    clock: Clock
    settings: EngineSettings
    gate: CryptoGate
    rng: random.Random
    spi_in_use: Callable[[int], bool] = lambda spi: False
    out: list[Datagram] = field(default_factory=list)

    def now(self) -> float:
        return self.clock.now()

    def random_bytes(self, length: int) -> bytes:
        return self.rng.randbytes(length)

    def random_int(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def new_spi(self) -> int:
        """A random inbound SPI (256.. 2^32-1) not used by another SA of this router."""
        while True:
            spi = self.rng.randint(0x100, 0xFFFFFFFF)
            if not self.spi_in_use(spi):
                return spi

    def log(self, key: str, **fields: object) -> None:
        self.oper.syslog.emit(*logmsg.render(key, **fields))

    def retransmit_delay(self) -> float:
        return real_to_router(self.clock, self.settings.retransmit_interval)

    def linger(self) -> float:
        return real_to_router(self.clock, self.settings.deleted_linger)

    def send(self, counters: IkeCounters, src: str, dst: str, raw: bytes, sport: int = IKE_PORT,
             dport: int = IKE_PORT) -> None:
        """Queue an IKE message; on UDP 4500 it gets the non-ESP marker (RFC 3948 §2.2)."""
        counters.out_pkts += 1
        counters.out_octets += len(raw)
        self.out.append(Datagram(src, dst, bytes(4) + raw if sport == NATT_PORT else raw, "udp", sport, dport))

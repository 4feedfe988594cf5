"""Per-interface traffic counters and the ARP cache, filled by the data plane, read by the shows.

Times are on the router's clock (seconds since boot, scaled with the lab); both reset with a reload.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .clock import Clock

SAMPLE_SECONDS = 5.0  # IOS samples interface load every 5 seconds
LOAD_INTERVAL = 300.0  # `load-interval` default: the "5 minute" rates
DECAY = math.exp(-SAMPLE_SECONDS / LOAD_INTERVAL)
ARP_TIMEOUT = 4 * 3600.0  # `arp timeout` default (ARP Timeout 04:00:00)


@dataclass
class RateMeter:
    """An exponentially decayed rate, sampled every 5 s of router time like IOS's `5 minute input rate`."""

    bits_per_second: float = 0.0
    packets_per_second: float = 0.0
    sampled_at: float = 0.0
    pending_bytes: int = 0
    pending_packets: int = 0

    def advance(self, now: float) -> None:
        """Fold in every 5-second sample up to `now`: the traffic counted since the last sample goes into the
        first one, the later ones saw none."""
        samples = int((now - self.sampled_at) // SAMPLE_SECONDS)
        if samples <= 0:
            return
        bits = self.pending_bytes * 8 / SAMPLE_SECONDS
        packets = self.pending_packets / SAMPLE_SECONDS
        self.bits_per_second = self.bits_per_second * DECAY + bits * (1 - DECAY)
        self.packets_per_second = self.packets_per_second * DECAY + packets * (1 - DECAY)
        idle = DECAY ** (samples - 1)
        self.bits_per_second *= idle
        self.packets_per_second *= idle
        self.pending_bytes = self.pending_packets = 0
        self.sampled_at += samples * SAMPLE_SECONDS

    def count(self, now: float, size: int) -> None:
        self.advance(now)
        self.pending_bytes += size
        self.pending_packets += 1

    def shown(self) -> tuple[int, int]:
        """(bits/sec, packets/sec) as `show interfaces` prints them."""
        return round(self.bits_per_second), round(self.packets_per_second)


@dataclass
class InterfaceCounters:
    packets_in: int = 0
    bytes_in: int = 0
    packets_out: int = 0
    bytes_out: int = 0
    last_input: float | None = None
    last_output: float | None = None
    input_rate: RateMeter = field(default_factory=RateMeter)
    output_rate: RateMeter = field(default_factory=RateMeter)


@dataclass(frozen=True)
class ArpEntry:
    address: str
    mac: str  # IOS dotted form, 5254.0012.3456
    interface: str
    learned: float


@dataclass
class InterfaceStats:
    clock: Clock
    counters: dict[str, InterfaceCounters] = field(default_factory=dict)
    arp: dict[str, ArpEntry] = field(default_factory=dict)

    def of(self, interface: str) -> InterfaceCounters:
        return self.counters.setdefault(interface, InterfaceCounters())

    def received(self, interface: str, size: int) -> None:
        counters = self.of(interface)
        counters.packets_in += 1
        counters.bytes_in += size
        counters.last_input = self.clock.now()
        counters.input_rate.count(counters.last_input, size)

    def sent(self, interface: str, size: int) -> None:
        counters = self.of(interface)
        counters.packets_out += 1
        counters.bytes_out += size
        counters.last_output = self.clock.now()
        counters.output_rate.count(counters.last_output, size)

    def rates(self, interface: str) -> tuple[tuple[int, int], tuple[int, int]]:
        """The 5-minute (input, output) rates now, each as (bits/sec, packets/sec)."""
        counters = self.of(interface)
        now = self.clock.now()
        counters.input_rate.advance(now)
        counters.output_rate.advance(now)
        return counters.input_rate.shown(), counters.output_rate.shown()

    def learn(self, address: str, mac: str, interface: str) -> None:
        """A frame from a neighbour on `interface`. A new or changed entry starts at age 0; a known one keeps
        its age until the ARP timeout, when IOS re-ARPs and the answer (this frame) refreshes it."""
        now = self.clock.now()
        known = self.arp.get(address)
        if known is None or (known.mac, known.interface) != (mac, interface) or now - known.learned >= ARP_TIMEOUT:
            self.arp[address] = ArpEntry(address, mac, interface, now)

    def arp_entries(self) -> list[ArpEntry]:
        """The entries younger than the ARP timeout (an older one got no refreshing frame: IOS drops it)."""
        now = self.clock.now()
        return [entry for entry in self.arp.values() if now - entry.learned < ARP_TIMEOUT]

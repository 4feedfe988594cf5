"""Per-interface traffic counters and the ARP cache, filled by the data plane, read by the shows.

Times are on the router's clock (seconds since boot, scaled with the lab); both reset with a reload.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .clock import Clock


@dataclass
class InterfaceCounters:
    packets_in: int = 0
    bytes_in: int = 0
    packets_out: int = 0
    bytes_out: int = 0
    last_input: float | None = None
    last_output: float | None = None


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

    def sent(self, interface: str, size: int) -> None:
        counters = self.of(interface)
        counters.packets_out += 1
        counters.bytes_out += size
        counters.last_output = self.clock.now()

    def learn(self, address: str, mac: str, interface: str) -> None:
        """A neighbour answered on `interface` (IOS refreshes the entry's age when it re-ARPs)."""
        known = self.arp.get(address)
        if known is None or (known.mac, known.interface) != (mac, interface):
            self.arp[address] = ArpEntry(address, mac, interface, self.clock.now())

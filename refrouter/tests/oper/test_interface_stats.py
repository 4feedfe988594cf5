"""Interface counters, the 5-minute rate meters and the ARP cache of `state/oper/interface_stats.py`,
on a clock the test moves."""

from __future__ import annotations

import math

import pytest

from refrouter.state.oper.interface_stats import ARP_TIMEOUT, DECAY, SAMPLE_SECONDS, InterfaceStats, RateMeter


class StepClock:
    time_scale = 1.0

    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t


def test_rate_is_the_decayed_average_of_5_second_samples() -> None:
    meter = RateMeter()
    meter.count(1.0, 1000)
    meter.count(2.0, 1000)
    assert meter.shown() == (0, 0)  # no sample taken yet
    meter.advance(5.0)
    first = 2000 * 8 / SAMPLE_SECONDS * (1 - DECAY)
    assert meter.bits_per_second == pytest.approx(first)
    meter.advance(5.0 + 59 * SAMPLE_SECONDS)  # five idle minutes
    assert meter.bits_per_second == pytest.approx(first * DECAY**59)
    assert meter.shown() == (round(first * DECAY**59), 0)


def test_a_busy_link_converges_on_its_real_rate() -> None:
    meter = RateMeter()
    for second in range(3600):  # one 125-byte packet per second = 1000 bits/sec for an hour
        meter.count(float(second), 125)
    meter.advance(3600.0)
    assert meter.shown() == (1000, 1)
    assert math.isclose(meter.packets_per_second, 1.0, rel_tol=1e-3)


def test_counters_and_arp() -> None:
    clock = StepClock()
    stats = InterfaceStats(clock)
    clock.t = 7.0
    stats.received("GigabitEthernet1", 84)
    stats.sent("GigabitEthernet1", 100)
    stats.sent("GigabitEthernet1", 100)
    gi1 = stats.of("GigabitEthernet1")
    assert (gi1.packets_in, gi1.bytes_in, gi1.packets_out, gi1.bytes_out) == (1, 84, 2, 200)
    assert (gi1.last_input, gi1.last_output) == (7.0, 7.0)
    stats.learn("10.0.0.2", "5254.0000.0002", "GigabitEthernet1")
    clock.t = 100.0
    stats.learn("10.0.0.2", "5254.0000.0002", "GigabitEthernet1")  # same answer: the entry keeps its age
    assert stats.arp["10.0.0.2"].learned == 7.0
    stats.learn("10.0.0.2", "5254.0000.0009", "GigabitEthernet1")  # a new MAC replaces the entry
    assert (stats.arp["10.0.0.2"].mac, stats.arp["10.0.0.2"].learned) == ("5254.0000.0009", 100.0)


def test_arp_entries_refresh_and_expire_at_the_arp_timeout() -> None:
    clock = StepClock()
    stats = InterfaceStats(clock)
    stats.learn("10.0.0.2", "5254.0000.0002", "GigabitEthernet1")
    clock.t = ARP_TIMEOUT - 1
    assert [e.learned for e in stats.arp_entries()] == [0.0]
    clock.t = ARP_TIMEOUT
    assert stats.arp_entries() == []  # nothing refreshed it: gone
    stats.learn("10.0.0.2", "5254.0000.0002", "GigabitEthernet1")  # the next frame re-learns it
    assert [e.learned for e in stats.arp_entries()] == [ARP_TIMEOUT]

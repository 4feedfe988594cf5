from datetime import datetime

import pytest

from refrouter.state.oper.clock import ManualClock, ScaledClock, real_to_router
from refrouter.state.oper.syslog import SyslogBuffer, format_timestamp


class FakeMonotonic:
    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


def test_scaled_clock_runs_time_scale_times_faster_than_real_time():
    real = FakeMonotonic()
    clock = ScaledClock(time_scale=60, boot_wall=datetime(2024, 6, 5, 9, 17, 0), monotonic=real)
    assert clock.now() == 0
    real.value += 2.5
    assert clock.now() == 150
    assert clock.wall() == datetime(2024, 6, 5, 9, 19, 30)
    assert real_to_router(clock, 10) == 600


def test_scaled_clock_rejects_non_positive_scale():
    with pytest.raises(ValueError):
        ScaledClock(time_scale=0)


def test_manual_clock_only_moves_forward():
    clock = ManualClock()
    clock.advance(5)
    assert clock.now() == 5
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_timestamp_is_ios_style_with_space_padded_day_and_milliseconds():
    assert format_timestamp(datetime(2024, 6, 5, 9, 17, 59, 251000)) == "*Jun  5 09:17:59.251"
    assert format_timestamp(datetime(2024, 11, 28, 22, 52, 59, 7000), synced=True, timezone="PDT") == (
        "Nov 28 22:52:59.007 PDT")


def test_syslog_entries_carry_router_time_and_render_like_ios():
    clock = ManualClock(boot_wall=datetime(2024, 11, 28, 22, 52, 59, 251000))
    buffer = SyslogBuffer(clock)
    clock.advance(1)
    entry = buffer.emit("CRYPTO", 6, "IKMP_POLICY_DEFAULT", "Using ISAKMP Default policies")
    assert entry.render() == "*Nov 28 22:53:00.251: %CRYPTO-6-IKMP_POLICY_DEFAULT: Using ISAKMP Default policies"
    assert entry.mnemonic == "IKMP_POLICY_DEFAULT"
    assert entry.uptime == 1


def test_syslog_buffer_is_bounded_and_notifies_listeners_in_order():
    buffer = SyslogBuffer(ManualClock(), size=2)
    seen: list[str] = []
    buffer.listeners.append(lambda entry: seen.append(entry.message))
    for n in range(3):
        buffer.log(f"line {n}")
    assert buffer.messages() == ["line 1", "line 2"]
    assert seen == ["line 0", "line 1", "line 2"]
    buffer.clear()
    assert buffer.entries() == []

"""Ports for generated labs: above every fixed port in docs and examples, inside REFROUTER_PORT_RANGE when set."""

from __future__ import annotations

import pytest

from refrouter.lab import ports


def test_a_configured_range_bounds_every_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ports.RANGE_VARIABLE, "24000-24400")
    chosen = ports.free_ports(50)
    assert len(set(chosen)) == 50
    assert all(24000 <= port < 24400 for port in chosen)


@pytest.mark.parametrize("value", ["", "garbage", "25000-24000", "24000"])
def test_an_unusable_range_falls_back_to_the_default(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(ports.RANGE_VARIABLE, value)
    low, high = ports.port_range()
    assert low == ports.LOWEST and high > low


def test_the_default_range_starts_above_the_fixed_ports_of_the_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ports.RANGE_VARIABLE, raising=False)
    assert min(ports.free_ports(20)) >= 20000

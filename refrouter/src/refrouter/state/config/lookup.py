"""Lookups over the running config that several layers share (IKE, show)."""

from __future__ import annotations

from .model import Interface, RunningConfig


def interface_for(config: RunningConfig, address: str) -> Interface | None:
    """The interface that owns `address`, or None."""
    return next((i for i in config.interfaces.values() if i.address == address), None)

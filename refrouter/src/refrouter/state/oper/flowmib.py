"""The flow MIB of one router (CISCO-IPSEC-FLOW-MONITOR-MIB): the phase-1 and phase-2 halves."""

from __future__ import annotations

from .clock import Clock
from .flowmib_ike import DEFAULT_TABLE_SIZE, IkeFlowMib
from .flowmib_ipsec import IpsecFlowMib


class FlowMib:
    """`ike` backs `show crypto mib isakmp|ike flowmib ...`, `ipsec` backs `show crypto mib ipsec flowmib ...`."""

    def __init__(self, clock: Clock, history_size: int = DEFAULT_TABLE_SIZE,
                 failure_size: int = DEFAULT_TABLE_SIZE) -> None:
        self.ike = IkeFlowMib(clock, history_size, failure_size)
        self.ipsec = IpsecFlowMib(clock, history_size, failure_size)

    def resize_history(self, size: int) -> None:
        """`crypto mib ipsec flowmib history tunnel size N` (both phases share cipSecHistTableSize)."""
        self.ike.history_table.resize(size)
        self.ipsec.history_table.resize(size)

    def resize_failures(self, size: int) -> None:
        """`crypto mib ipsec flowmib history failure size N` (cipSecFailTableSize)."""
        self.ike.failure_table.resize(size)
        self.ipsec.failure_table.resize(size)

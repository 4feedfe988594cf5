"""Flow-MIB building blocks: monotonic index allocation and sliding-window tables."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Generic, TypeVar

MIB_INDEX_MAX = 2_147_483_647  # Integer32 (1..2147483647); the MIB says indices wrap here
GLOBAL_VRF = "Global"  # how `show crypto mib ... flowmib` names the global routing table

Row = TypeVar("Row")


def vrf_label(vrf: str | None) -> str:
    return vrf or GLOBAL_VRF


class IndexAllocator:
    """Indices that begin at `start`, grow by one per allocation and wrap back to `start` after `maximum`."""

    def __init__(self, start: int = 1, maximum: int = MIB_INDEX_MAX) -> None:
        self._start = start
        self._maximum = maximum
        self._next = start

    def allocate(self) -> int:
        value = self._next
        self._next = self._start if value >= self._maximum else value + 1
        return value


class SlidingTable(Generic[Row]):
    """Keeps only the newest `size` rows (cipSecHistTableSize / cipSecFailTableSize semantics)."""

    def __init__(self, size: int) -> None:
        self._rows: deque[Row] = deque(maxlen=size)

    @property
    def size(self) -> int:
        return self._rows.maxlen or 0

    def resize(self, size: int) -> None:
        if size < 1:
            raise ValueError("table size must be at least 1")
        self._rows = deque(self._rows, maxlen=size)

    def append(self, row: Row) -> Row:
        self._rows.append(row)
        return row

    def __iter__(self) -> Iterator[Row]:
        return iter(list(self._rows))

    def __len__(self) -> int:
        return len(self._rows)

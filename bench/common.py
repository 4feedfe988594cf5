"""Shared pieces of the benchmarks: paths, the result row, timing and the printed table."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
VENV_BIN = Path(sys.executable).parent


@dataclass
class Row:
    """One line of the table: our figure, the peer's figure measured in the same run, and their ratio."""

    figure: str
    metric: str
    ours: float
    peer: float | None
    unit: str
    peer_name: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    goal: str = ""  # the target this row is held to (issue #18); "" when it has none
    met: bool | None = None

    def held_to(self, goal: str, met: bool) -> Row:
        """This row with its goal and whether this run met it."""
        self.goal, self.met = goal, met
        return self

    @property
    def ratio(self) -> float | None:
        if self.peer is None or self.peer == 0:
            return None
        return self.ours / self.peer

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio}


@dataclass
class Settings:
    """What one run measures; `quick()` is the development mode (smaller labs, same code paths)."""

    push_routers: int = 20
    facts_tunnels: int = 1000
    parser_tunnels: int = 2000
    up_spokes: int = 2000
    up_spokes_small: int = 200
    ssh_sessions: int = 50
    ssh_commands: int = 100
    repeats: int = 3

    @classmethod
    def quick(cls) -> Settings:
        return cls(push_routers=4, facts_tunnels=50, parser_tunnels=200, up_spokes=50, up_spokes_small=10,
                   ssh_sessions=10, ssh_commands=20, repeats=1)


def best_of(
    repeats: int, action: Callable[[], object], budget: float = 10.0, clock: Callable[[], float] = time.perf_counter
) -> float:
    """The fastest of up to `repeats` timed calls (the least disturbed by other load on the machine); stops
    repeating once `budget` seconds are spent, so a slow peer (Genie on megabytes) runs once. `clock` is
    wall time unless a figure asks for CPU time (`time.process_time`, for single-threaded pure computation)."""
    times: list[float] = []
    while len(times) < repeats and (not times or sum(times) < budget):
        start = clock()
        action()
        times.append(clock() - start)
    return min(times)


def format_table(rows: list[Row]) -> str:
    header = ("figure", "metric", "ours", "peer", "ratio", "peer is", "goal", "met")
    lines = [[r.figure, r.metric, _number(r.ours, r.unit), _number(r.peer, r.unit),
              f"{r.ratio:.2f}x" if r.ratio is not None else "-", r.peer_name, r.goal or "-",
              {True: "yes", False: "NO", None: "-"}[r.met]] for r in rows]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=True)]
    out = [" | ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True))]
    out.append("-+-".join("-" * width for width in widths))
    out += [" | ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines]
    return "\n".join(out)


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f} {unit}"
    return f"{value:.3g} {unit}"

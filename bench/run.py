"""`make bench`: run every figure, print the table, write bench/results.json.

Each figure is a ratio against a peer measured in the same run on the same lab (docs/performance.md).
`--quick` runs the same code on small labs for development; `--only 1 4` runs some figures (`--only parsers` is 4,
`--only session` and `--only bringup` parts of figure 5).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

# The figures import refrouter and the collection's module_utils (.collections links the repository in).
_REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(_REPO / "refrouter" / "src"), str(_REPO / ".collections")]

import ansible_floor
import facts
import idempotent
import parsers
import push
import router
from common import BENCH, Row, Settings, format_table
from lab import LabHost, site_routers

FIGURES = ("1", "2", "3", "4", "5", "6")
# `--only parsers` is `--only 4`; `--only session` is figure 5's `show crypto session` row alone, `--only bringup`
# its bring-up rows alone (the 2,000- and 200-spoke labs)
FIGURE_NAMES = {"parsers": "4", "session": "5s", "bringup": "5b"}


class Run:
    def __init__(self, settings: Settings, only: set[str]) -> None:
        self.settings = settings
        self.only = only
        self.rows: list[Row] = []
        self.seconds: dict[str, float] = {}
        self.load: dict[str, list[float]] = {}  # step -> 1-minute load average at its start and its end
        self.errors: list[str] = []

    def wanted(self, *figures: str) -> bool:
        return bool(self.only.intersection(figures))

    def step(self, name: str, action: Callable[[], list[Row]]) -> None:
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        load_start = os.getloadavg()[0]
        start = time.perf_counter()
        try:
            self.rows += action()
        except Exception:  # one broken figure must not hide the others
            self.errors.append(f"{name}: {traceback.format_exc()}")
            print(self.errors[-1], file=sys.stderr)
        self.seconds[name] = time.perf_counter() - start
        self.load[name] = [load_start, os.getloadavg()[0]]
        print(f"[bench] {name}: {self.seconds[name]:.1f}s, load {load_start:.1f} -> {self.load[name][1]:.1f}",
              file=sys.stderr, flush=True)


def push_figures(run: Run) -> list[Row]:
    s = run.settings
    rows: list[Row] = []
    with LabHost(site_routers(s.push_routers), "push") as lab:
        if run.wanted("1", "2", "6"):
            runs = push.measure(lab)
            rows += push.rows(runs) if run.wanted("1") else []
            rows += idempotent.rows(runs) if run.wanted("2") else []
            rows += ansible_floor.run(lab, runs) if run.wanted("6") else []
        if run.wanted("5"):
            rows += router.ssh_rows(lab, s.ssh_sessions, s.ssh_commands, s.repeats)
    return rows


def tunnel_figures(run: Run) -> list[Row]:
    """Figure 3 and figure 5's `show crypto session` on one hub with many live tunnels (their rows are added
    by the steps). This lab's own bring-up has no peer in the run, so it is no figure: bring_up_figure is."""
    s = run.settings
    lab: LabHost = router.bring_up(s.facts_tunnels)["lab"]
    try:
        if run.wanted("3"):
            run.step("facts", lambda: facts.run(lab, s.facts_tunnels))
        if run.wanted("5", "5s"):
            run.step("show crypto session", lambda: router.session_latency_rows(lab, s.facts_tunnels, s.repeats))
    finally:
        lab.close(keep=bool(run.errors))
    return []


def bring_up_figure(run: Run) -> list[Row]:
    s = run.settings
    small = router.bring_up(s.up_spokes_small)
    small["lab"].close()
    large = router.bring_up(s.up_spokes)
    large["lab"].close()
    return router.bring_up_rows(large, small, s.up_spokes, s.up_spokes_small)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small labs, one repeat (development)")
    parser.add_argument("--only", nargs="+", choices=FIGURES + tuple(FIGURE_NAMES), default=list(FIGURES),
                        help="figures to run (`parsers` is 4)")
    parser.add_argument("--output", type=Path, default=BENCH / "results.json")
    parser.add_argument("--repeats", type=int, help="timed runs per measurement (best of them is kept)")
    args = parser.parse_args(argv)
    settings = Settings.quick() if args.quick else Settings()
    if args.repeats:
        settings.repeats = args.repeats
    run = Run(settings, {FIGURE_NAMES.get(name, name) for name in args.only})
    started = time.perf_counter()
    load_before = os.getloadavg()
    if run.wanted("4"):
        run.step("parsers", lambda: parsers.run(settings.parser_tunnels, settings.repeats))
    if run.wanted("1", "2", "5", "6"):
        run.step("push lab", lambda: push_figures(run))
    if run.wanted("3", "5", "5s"):
        run.step("tunnel lab", lambda: tunnel_figures(run))
    if run.wanted("5", "5b"):
        run.step("bring-up", lambda: bring_up_figure(run))
    total = time.perf_counter() - started
    # A run in which a step failed reports no figure: the machine or the lab was not what the others ran on.
    rows = [] if run.errors else sorted(run.rows, key=lambda row: row.figure[0])
    if rows:
        print(format_table(rows))
    loads = ", ".join(f"{name} {a:.1f}->{b:.1f}" for name, (a, b) in run.load.items())
    print(f"\n{len(rows)} figures in {total:.0f}s ({'quick' if args.quick else 'full'} run); load (1 min): "
          f"{loads}; {args.output}")
    args.output.write_text(json.dumps(_results(run, rows, total, load_before, args.quick), indent=1) + "\n")
    if run.errors:
        print(f"{len(run.errors)} step(s) failed, so no figure is reported; see above", file=sys.stderr)
    return 1 if run.errors else 0


def _results(run: Run, rows: list[Row], total: float, load_before: tuple[float, ...], quick: bool) -> dict[str, Any]:
    return {
        "quick": quick,
        "settings": vars(run.settings),
        "seconds": {"total": total, **run.seconds},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_before": load_before,
                    "load_after": os.getloadavg(), "load_per_step": run.load},
        "rows": [row.as_json() for row in rows],
        "errors": run.errors,
    }


if __name__ == "__main__":
    sys.exit(main())

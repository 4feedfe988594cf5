"""Figure 2: the push of figure 1 run again on the configured routers; nothing may change.

Ratios: our second run against our first run (how much a no-op costs), and against ios_config's second
run. `changed` must be 0 for our modules; ios_config's count is shown for comparison.
"""

from __future__ import annotations

from common import Row
from push import PushRuns

RERUN_GOAL = 0.5  # issue #18: the idempotent re-run in half ios_config's re-run time or less


def rows(runs: PushRuns) -> list[Row]:
    figure = f"2 re-run x{runs.routers}"
    again, ios_again = runs.ours_again, runs.ios_again
    if again.run.changed:
        raise RuntimeError(f"the idempotent re-run changed {again.run.changed} task(s)")
    vs_ios = Row(figure, "wall time vs ios_config re-run", again.run.seconds, ios_again.run.seconds, "s",
                 "cisco.ios.ios_config re-run")
    return [
        Row(figure, "wall time vs our first run", again.run.seconds, runs.ours.run.seconds, "s", "our first run"),
        vs_ios.held_to(f"<= {RERUN_GOAL}x", again.run.seconds <= RERUN_GOAL * ios_again.run.seconds),
        Row(figure, "round trips per device", again.per_device["round_trips"],
            ios_again.per_device["round_trips"], "", "cisco.ios.ios_config re-run"),
        Row(figure, "CLI lines per device", again.per_device["commands"], ios_again.per_device["commands"], "",
            "cisco.ios.ios_config re-run"),
        Row(figure, "changed tasks", again.run.changed, ios_again.run.changed, "", "cisco.ios.ios_config re-run",
            note="ours must be 0"),
    ]

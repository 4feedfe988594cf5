"""Figure 6: Ansible's own per-task cost on the same hosts, forks and playbook shape.

The floor playbook has as many tasks as ours, each `ansible.builtin.ping` on a local connection: fork,
module transfer and result handling, nothing else. Each module's task time (start of the task to the last
host's result, from bench/callback_plugins/bench_timing.py) is shown against the mean floor task.
"""

from __future__ import annotations

import site_config
from ansible_run import run_playbook
from common import Row
from lab import LabHost
from push import PushRuns

TASK_GOAL = 1.5  # issue #18: each of our tasks within 1.5x a ping task


def run(lab: LabHost, runs: PushRuns) -> list[Row]:
    task_count = len(runs.ours.run.tasks)
    floor = run_playbook(lab, "floor", site_config.ping_floor(task_count))
    per_task = sum(t["seconds"] for t in floor.tasks) / len(floor.tasks)
    figure = f"6 floor x{runs.routers}"
    rows = [Row(figure, "playbook wall time", runs.ours.run.seconds, floor.seconds, "s", "ping playbook, same shape")]
    for task in runs.ours.run.tasks:
        row = Row(figure, f"task: {task['action'].split('.')[-1]}", task["seconds"], per_task, "s", "mean ping task")
        rows.append(row.held_to(f"<= {TASK_GOAL}x", task["seconds"] <= TASK_GOAL * per_task))
    for task in runs.ios.run.tasks:
        rows.append(Row(figure, f"peer task: ios_config {task['name']}", task["seconds"], per_task, "s",
                        "mean ping task"))
    return rows

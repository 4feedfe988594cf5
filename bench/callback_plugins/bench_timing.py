"""Callback for bench/: writes each task's wall time and each host's changed/failed counts as JSON.

Enabled only by bench/ansible_run.py (ANSIBLE_CALLBACKS_ENABLED=bench_timing), which reads the file
named by BENCH_TIMING_FILE after the playbook ends.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: bench_timing
type: aggregate
short_description: task timings for the benchmarks
description: Writes task wall times and per-host results to the file named by BENCH_TIMING_FILE.
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_timing"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self) -> None:
        super().__init__()
        self.started = time.perf_counter()
        self.tasks: list[dict[str, Any]] = []
        self.hosts: dict[str, dict[str, int]] = {}

    def v2_playbook_on_task_start(self, task: Any, is_conditional: bool) -> None:
        now = time.perf_counter()
        self.tasks.append({"name": task.get_name(), "action": task.action, "start": now, "end": now})

    def _result(self, result: Any, outcome: str) -> None:
        if self.tasks:
            self.tasks[-1]["end"] = time.perf_counter()
        host = self.hosts.setdefault(result._host.get_name(), {"ok": 0, "changed": 0, "failed": 0})
        host[outcome] += 1
        if outcome == "ok" and result._result.get("changed"):
            host["changed"] += 1

    def v2_runner_on_ok(self, result: Any) -> None:
        self._result(result, "ok")

    def v2_runner_on_failed(self, result: Any, ignore_errors: bool = False) -> None:
        self._result(result, "failed")
        self._display.display(f"FAILED {result._host.get_name()}: {result._result.get('msg')}")

    def v2_runner_on_unreachable(self, result: Any) -> None:
        self._result(result, "failed")
        self._display.display(f"UNREACHABLE {result._host.get_name()}: {result._result.get('msg')}")

    def v2_playbook_on_stats(self, stats: Any) -> None:
        path = os.environ.get("BENCH_TIMING_FILE")
        if not path:
            return
        tasks = [{"name": t["name"], "action": t["action"], "seconds": t["end"] - t["start"]} for t in self.tasks]
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"tasks": tasks, "hosts": self.hosts, "seconds": time.perf_counter() - self.started}, handle)

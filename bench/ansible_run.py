"""Run ansible-playbook against a labhost lab and return its wall time, task times and changed counts."""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from typing import Any

import yaml
from common import BENCH, REPO, VENV_BIN
from lab import LabHost

FORKS = 10  # ansible's default is 5; 10 keeps 20 hosts busy without swamping two cores


@dataclass
class PlaybookRun:
    seconds: float  # wall time of the whole ansible-playbook process, start-up included
    tasks: list[dict[str, Any]]  # name, action, seconds
    hosts: dict[str, dict[str, int]]  # host -> ok, changed, failed

    @property
    def changed(self) -> int:
        return sum(host["changed"] for host in self.hosts.values())

    @property
    def failed(self) -> int:
        return sum(host["failed"] for host in self.hosts.values())

    def task_seconds(self, action_suffix: str) -> float:
        return sum(t["seconds"] for t in self.tasks if t["action"].endswith(action_suffix))


def run_playbook(lab: LabHost, name: str, plays: list[dict[str, Any]], network_os: str = "ipsecux.iosxe.iosxe",
                 forks: int = FORKS) -> PlaybookRun:
    workdir = lab.workdir / name
    workdir.mkdir(exist_ok=True)
    inventory = workdir / "inventory.yml"
    inventory.write_text(yaml.safe_dump(lab.inventory(network_os)))
    playbook = workdir / "playbook.yml"
    playbook.write_text(yaml.safe_dump(plays, sort_keys=False))
    timing = workdir / "timing.json"
    env = {
        **os.environ,
        "ANSIBLE_CONFIG": str(REPO / "ansible.cfg"),
        "ANSIBLE_CALLBACK_PLUGINS": str(BENCH / "callback_plugins"),
        "ANSIBLE_CALLBACKS_ENABLED": "bench_timing",
        "ANSIBLE_STDOUT_CALLBACK": "ansible.builtin.default",
        "ANSIBLE_FORKS": str(forks),
        "BENCH_TIMING_FILE": str(timing),
    }
    start = time.perf_counter()
    done = subprocess.run([str(VENV_BIN / "ansible-playbook"), "-i", str(inventory), str(playbook)], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=900, check=False)
    seconds = time.perf_counter() - start
    (workdir / "output.txt").write_text(done.stdout + done.stderr)
    if done.returncode != 0 or not timing.exists():
        raise RuntimeError(f"playbook {name} failed ({done.returncode}); see {workdir / 'output.txt'}:\n"
                           f"{(done.stdout + done.stderr)[-3000:]}")
    data = json.loads(timing.read_text())
    return PlaybookRun(seconds, data["tasks"], data["hosts"])

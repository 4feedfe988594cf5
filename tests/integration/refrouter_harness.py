"""Start one reference router (`refrouter serve`) and run playbooks against it with network_cli.

Every task of a playbook is registered; a second play on localhost writes all registered results to a JSON
file, so tests assert on exact results (commands, before/after, rollback) instead of task output.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from refrouter.lab.ports import free_ports

REPO = Path(__file__).resolve().parents[2]
REFROUTER = REPO / ".venv" / "bin" / "refrouter"
ANSIBLE_PLAYBOOK = Path(sys.executable).with_name("ansible-playbook")
COLLECTIONS = REPO / ".collections"
# write_results, the action that saves a playbook's results without starting a module process
ACTION_PLUGINS = Path(__file__).resolve().parent / "action_plugins"
CREDENTIALS = {"username": "admin", "password": "admin", "enable_secret": "admin"}


def require_refrouter() -> None:
    if not REFROUTER.exists():
        pytest.skip("refrouter is not installed (.venv/bin/refrouter); run `make setup`")
    if not (COLLECTIONS / "ansible_collections" / "ansible" / "netcommon").is_dir():
        pytest.skip("dependency collections are missing (.collections); run `make setup`")


def free_port() -> int:
    """A free TCP port on 127.0.0.1 below the ephemeral range (refrouter.lab.ports)."""
    return free_ports(1)[0]


@dataclass
class Router:
    hostname: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_router(directory: Path, startup_config: str = "", hostname: str = "RouterA") -> Router:
    """Serve one router on a free port with its own state directory; wait until SSH accepts connections."""
    directory.mkdir(parents=True, exist_ok=True)
    startup = directory / "startup.cfg"
    startup.write_text(startup_config)
    port = free_port()
    log = directory / "refrouter.log"
    command = [
        str(REFROUTER),
        "serve",
        "--hostname",
        hostname,
        "--ssh-port",
        str(port),
        "--state-dir",
        str(directory / "state"),
        "--startup-config",
        str(startup),
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    for _attempt in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"refrouter exited: {log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return Router(hostname, port, process, log)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"refrouter did not listen on {port}: {log.read_text()}")


def inventory(router: Router, **extra_vars: Any) -> dict[str, Any]:
    host = {
        "ansible_host": "127.0.0.1",
        "ansible_port": router.port,
        "ansible_user": CREDENTIALS["username"],
        "ansible_password": CREDENTIALS["password"],
        "ansible_connection": "ansible.netcommon.network_cli",
        "ansible_network_os": "ipsecux.iosxe.iosxe",
        "ansible_become": True,
        "ansible_become_method": "enable",
        "ansible_become_password": CREDENTIALS["enable_secret"],
        "ansible_command_timeout": 20,
        **extra_vars,
    }
    return {"all": {"hosts": {router.hostname: host}}}


@dataclass
class PlaybookRun:
    results: list[dict[str, Any]]
    stdout: str
    returncode: int


def run_tasks(
    router: Router,
    directory: Path,
    tasks: list[dict[str, Any]],
    verbosity: int = 0,
    env: dict[str, str] | None = None,
    **host_vars: Any,
) -> PlaybookRun:
    """Run the tasks in order (each registered as t0, t1, ...) and return their results."""
    registered = [{**task, "register": f"t{index}"} for index, task in enumerate(tasks)]
    collect = (
        "{{ ["
        + ", ".join(f"hostvars[{router.hostname!r}].t{i}" for i in range(len(tasks)))
        + "] | to_json }}"
    )
    play = {"hosts": router.hostname, "gather_facts": False, "tasks": registered}
    return run_playbook_file(directory, play, collect, inventory(router, **host_vars), verbosity, env)


def results_play(collect: str, dest: Path) -> dict[str, Any]:
    """A localhost play that writes the `collect` expression to `dest` (needs ANSIBLE_ACTION_PLUGINS, see
    playbook_env)."""
    return {
        "hosts": "localhost",
        "gather_facts": False,
        "connection": "local",
        "tasks": [{"write_results": {"content": collect, "dest": str(dest)}}],
    }


def playbook_env(**extra: str) -> dict[str, str]:
    """The environment of ansible-playbook: this process's, the repository's ansible.cfg, write_results."""
    return dict(
        os.environ,
        ANSIBLE_CONFIG=str(REPO / "ansible.cfg"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_ACTION_PLUGINS=str(ACTION_PLUGINS),
        **extra,
    )


def run_playbook_file(
    directory: Path,
    play: dict[str, Any],
    collect: str,
    inventory_data: dict[str, Any],
    verbosity: int = 0,
    env: dict[str, str] | None = None,
) -> PlaybookRun:
    """Run `play`, then a localhost play that writes the `collect` expression to results.json; return it."""
    results_file = directory / "results.json"
    playbook = [play, results_play(collect, results_file)]
    (directory / "playbook.yml").write_text(yaml.safe_dump(playbook, sort_keys=False))
    (directory / "inventory.yml").write_text(yaml.safe_dump(inventory_data))
    results_file.unlink(missing_ok=True)
    command = [str(ANSIBLE_PLAYBOOK), "-i", str(directory / "inventory.yml"), str(directory / "playbook.yml")]
    command += [f"-{'v' * verbosity}"] if verbosity else []
    environment = playbook_env(ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(directory / "pc"), **(env or {}))
    done = subprocess.run(
        command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=600, check=False
    )
    stdout = done.stdout + done.stderr
    if not results_file.exists():
        raise AssertionError(f"playbook stopped early (rc {done.returncode}):\n{stdout}")
    return PlaybookRun(json.loads(results_file.read_text()), stdout, done.returncode)

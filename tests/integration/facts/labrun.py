"""A `refrouter lab up` of the seed's two-site lab on free ports, driven over SSH and by ansible-playbook."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from netmiko import ConnectHandler
from refrouter_harness import playbook_env, results_play

from refrouter.lab.ports import free_ports

REPO = Path(__file__).resolve().parents[3]
REFROUTER = REPO / ".venv" / "bin" / "refrouter"
ANSIBLE_PLAYBOOK = Path(sys.executable).with_name("ansible-playbook")


@dataclass
class Lab:
    path: Path
    ports: dict[str, int]

    def refrouter(self, *args: str) -> str:
        done = subprocess.run(
            [str(REFROUTER), "lab", *args, str(self.path)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"refrouter lab {args}: {done.stdout}{done.stderr}")
        return done.stdout

    def ssh(self, router: str) -> Any:
        conn = ConnectHandler(
            device_type="cisco_xe",
            host="127.0.0.1",
            port=self.ports[router],
            username="admin",
            password="admin",
            secret="admin",
            fast_cli=True,
        )
        conn.enable()
        return conn

    def show(self, router: str, *commands: str) -> dict[str, str]:
        conn = self.ssh(router)
        try:
            return {command: conn.send_command(command, read_timeout=60) for command in commands}
        finally:
            conn.disconnect()

    def playbook(self, directory: Path, plays: list[dict[str, Any]]) -> subprocess.CompletedProcess[str]:
        inventory = directory / "inventory.yml"
        inventory.write_text(self.refrouter("inventory"))
        playbook = directory / "playbook.yml"
        playbook.write_text(yaml.safe_dump(plays, sort_keys=False))
        env = playbook_env(
            ANSIBLE_HOST_KEY_CHECKING="False", ANSIBLE_DEPRECATION_WARNINGS="False", ANSIBLE_COMMAND_TIMEOUT="60"
        )
        return subprocess.run(
            [str(ANSIBLE_PLAYBOOK), "-i", str(inventory), str(playbook)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )


def start_two_site(tmp_path: Path) -> Lab:
    if not REFROUTER.exists() or not (REPO / ".collections" / "ansible_collections" / "ansible").is_dir():
        pytest.skip("run `make setup` first: refrouter and the dependency collections are missing")
    data = yaml.safe_load((REPO / "labs" / "two_site.yml").read_text())
    ports = dict(zip(data["routers"], free_ports(len(data["routers"])), strict=True))
    for name, spec in data["routers"].items():
        spec["ssh_port"] = ports[name]
        spec.pop("netconf_port", None)
    path = tmp_path / "two_site.yml"
    path.write_text(yaml.safe_dump(data))
    lab = Lab(path, ports)
    lab.refrouter("up")
    return lab


def configure_seed(lab: Lab) -> None:
    for router in ("RouterA", "RouterB"):
        lines = (REPO / "labs" / "seed" / f"default_policy_{router}.txt").read_text().splitlines()
        conn = lab.ssh(router)
        try:
            conn.send_config_set(lines)
        finally:
            conn.disconnect()


def dump_facts_play(hosts: list[str], dest: Path, variables: list[str]) -> dict[str, Any]:
    """A localhost play writing the named registered variables of each host to `dest` as JSON."""
    content = (
        "{{ {"
        + ", ".join(
            f"{h!r}: {{" + ", ".join(f"{v!r}: hostvars[{h!r}][{v!r}]" for v in variables) + "}" for h in hosts
        )
        + "} | to_json }}"
    )
    return results_play(content, dest)


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())

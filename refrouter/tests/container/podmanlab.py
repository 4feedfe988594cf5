"""Helpers for the container tests: can podman run here, and labs run as containers through the real CLI."""

from __future__ import annotations

import asyncio
import copy
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncssh
import yaml

from refrouter.lab.labfile import load_lab
from refrouter.lab.podman_backend import container_name, podman_command
from refrouter.lab.ports import free_ports

REFROUTER_DIR = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REFROUTER_DIR / "container" / "build-image.sh"
IMAGE = "localhost/refrouter:latest"
REFROUTER = Path(sys.executable).with_name("refrouter")
USERNAME, PASSWORD, SECRET = "netops", "Login-Pw-1", "En-Secret-9"
CLI_TIMEOUT = 600
SSH_TIMEOUT = 60.0


def podman_unavailable() -> str | None:
    """Why containers cannot run on this machine, or None when they can."""
    try:
        result = subprocess.run(podman_command("info", "--format", "{{.Host.NetworkBackend}}"),
                                capture_output=True, text=True, timeout=60, check=False)
    except FileNotFoundError:
        return ("podman is not installed (apt-get install --no-install-recommends podman runc netavark "
                "aardvark-dns iptables debootstrap)")
    if result.returncode != 0:
        return f"`podman info` fails here: {(result.stderr.strip().splitlines() or ['?'])[-1]}"
    if result.stdout.strip() != "netavark":
        return f"podman uses the {result.stdout.strip()!r} network backend; container names resolve only with netavark"
    return None


def podman(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(podman_command(*args), capture_output=True, text=True, timeout=CLI_TIMEOUT, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"podman {' '.join(args)}: rc={result.returncode}\n{result.stdout}{result.stderr}")
    return result


def with_test_ports_and_credentials(data: dict[str, Any]) -> dict[str, Any]:
    """Lab data with free SSH ports (NETCONF on the routers that ask for it) and the test credentials."""
    data = copy.deepcopy(data)
    routers = data["routers"]
    ports = iter(free_ports(2 * len(routers)))
    for spec in routers.values():
        spec["ssh_port"] = next(ports)
        if "netconf_port" in spec:
            spec["netconf_port"] = next(ports)
    credentials = {"username": USERNAME, "password": PASSWORD, "enable_secret": SECRET}
    return {**data, "credentials": credentials, "routers": routers}


@dataclass
class ContainerLab:
    """A lab file driven with `refrouter lab ... --runtime podman`."""

    path: Path
    data: dict[str, Any]

    @classmethod
    def write(cls, directory: Path, stem: str, data: dict[str, Any]) -> ContainerLab:
        data = with_test_ports_and_credentials(data)
        path = directory / f"{stem}.yml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return cls(path, data)

    def cli(
        self, action: str, *extra: str, runtime: str = "podman", check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(REFROUTER), "lab", action, str(self.path), "--runtime", runtime, *extra],
                                capture_output=True, text=True, timeout=CLI_TIMEOUT, check=False)
        if check and result.returncode != 0:
            raise AssertionError(f"refrouter lab {action}: rc={result.returncode}\n{result.stdout}{result.stderr}")
        return result

    def ssh_port(self, router: str) -> int:
        return int(self.data["routers"][router]["ssh_port"])

    def container(self, router: str) -> str:
        return container_name(load_lab(self.path), router)

    def state_dir(self, router: str) -> Path:
        return load_lab(self.path).router_dir(router)

    def logs(self, router: str) -> str:
        result = podman("logs", self.container(router), check=False)
        return result.stdout + result.stderr

    def address(self, router: str) -> str:
        info = json.loads(podman("inspect", self.container(router)).stdout)[0]
        return next(iter(info["NetworkSettings"]["Networks"].values()))["IPAddress"]

    def run(self, commands: dict[str, str]) -> dict[str, str]:
        """Run one exec command on each named router at once (SSH exec channel); router → output."""
        return asyncio.run(_run_all({self.ssh_port(name): command for name, command in commands.items()},
                                    list(commands)))


async def ssh_exec(port: int, command: str) -> str:
    async with asyncssh.connect("127.0.0.1", port, username=USERNAME, password=PASSWORD, known_hosts=None,
                                connect_timeout=SSH_TIMEOUT) as conn:
        result = await asyncio.wait_for(conn.run(command), SSH_TIMEOUT)
        return str(result.stdout)


async def _run_all(by_port: dict[int, str], names: list[str]) -> dict[str, str]:
    outputs = await asyncio.gather(*(ssh_exec(port, command) for port, command in by_port.items()))
    return dict(zip(names, outputs, strict=True))


def probe_line(ping_output: str) -> str:
    """The `!`/`.` line of an IOS ping."""
    lines = ping_output.splitlines()
    after = lines[next(i for i, line in enumerate(lines) if line.startswith("Sending ")) + 1:]
    return after[1] if after[0].startswith("Packet sent with a source address") else after[0]


def environment_for_build() -> dict[str, str]:
    return os.environ | {"PYTHON": sys.executable}

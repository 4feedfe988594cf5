"""The benchmarks' side of bench/labhost.py: write a lab file on free ports, start it, ask it things."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Self

import yaml
from common import BENCH, REPO

from refrouter.lab.ports import free_ports

# libyaml's emitter where PyYAML has it: a 2,000-router lab file is part of the timed start-up
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
CREDENTIALS = {"username": "admin", "password": "admin", "enable_secret": "admin"}


def base_router_config(name: str, index: int) -> str:
    """A router as it comes out of provisioning: addressed, no crypto."""
    return "\n".join([
        f"hostname {name}",
        "interface Loopback0",
        f" ip address 10.{index}.1.1 255.255.255.0",
        "interface GigabitEthernet1",
        f" ip address 192.0.2.{index} 255.255.255.0",
        " no shutdown",
    ]) + "\n"


def site_routers(count: int) -> dict[str, Any]:
    """Lab data: `count` unlinked routers R1..Rn for the configuration push."""
    routers = {f"R{i}": {"startup_config": base_router_config(f"R{i}", i)} for i in range(1, count + 1)}
    return {"credentials": CREDENTIALS, "routers": routers, "links": []}


class LabHost:
    """A running labhost process; `call(op, ...)` sends one request and returns its reply."""

    def __init__(self, data: dict[str, Any], name: str) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
        ports = free_ports(len(data["routers"]))
        for spec, port in zip(data["routers"].values(), ports, strict=True):
            spec["ssh_port"] = port
        self.data = data
        self.path = self.workdir / f"{name}.yml"
        self.path.write_text(yaml.dump(data, Dumper=SAFE_DUMPER, sort_keys=False))
        self.log = self.workdir / "labhost.log"
        env = {**os.environ, "PYTHONPATH": str(REPO / "refrouter" / "src")}
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(BENCH / "labhost.py"), str(self.path), str(self.workdir / "state")],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True, env=env)
        self.ready = self._read()
        self.ports = {name: spec["ssh_port"] for name, spec in data["routers"].items()}

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(
                f"labhost exited ({self.process.wait()}); see {self.log}:\n{self.log.read_text()[-3000:]}"
            )
        return json.loads(line)

    def call(self, op: str, **kwargs: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"op": op, **kwargs}) + "\n")
        self.process.stdin.flush()
        reply = self._read()
        if not reply.pop("ok", False):
            raise RuntimeError(f"labhost {op}: {reply.get('error')}")
        return reply

    def stats(self) -> dict[str, dict[str, int]]:
        return self.call("stats")

    def inventory(self, network_os: str = "ipsecux.iosxe.iosxe") -> dict[str, Any]:
        hosts = {name: {"ansible_host": "127.0.0.1", "ansible_port": port} for name, port in self.ports.items()}
        return {"all": {"children": {"routers": {"hosts": hosts, "vars": {
            "ansible_connection": "ansible.netcommon.network_cli",
            "ansible_network_os": network_os,
            "ansible_network_cli_ssh_type": "libssh",
            "ansible_user": "admin",
            "ansible_password": "admin",
            "ansible_become": True,
            "ansible_become_method": "enable",
            "ansible_become_password": "admin",
            "ansible_host_key_checking": False,
        }}}}}

    def close(self, keep: bool = False) -> None:
        """Stop the lab; its directory (lab file, state, logs, playbook output) is kept only when `keep`."""
        if self.process.poll() is None:
            assert self.process.stdin is not None
            try:
                self.process.stdin.write(json.dumps({"op": "quit"}) + "\n")
                self.process.stdin.flush()
                self.process.wait(timeout=60)
            except (BrokenPipeError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        if not keep:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_rest: object) -> None:
        self.close(keep=exc_type is not None)


def stats_delta(before: dict[str, dict[str, int]], after: dict[str, dict[str, int]],
                routers: list[str]) -> dict[str, float]:
    """Per-router mean of each counter's growth between two stats() snapshots."""
    keys = next(iter(after.values())).keys()
    return {key: sum(after[r][key] - before[r][key] for r in routers) / len(routers) for key in keys}

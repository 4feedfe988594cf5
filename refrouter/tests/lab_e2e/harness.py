"""Run a lab in-process on free ports and drive its routers through CLI sessions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import yaml

from refrouter.cli.modes.config import ConfigMode
from refrouter.cli.session import CliSession
from refrouter.lab.labfile import load_lab
from refrouter.lab.ports import free_ports
from refrouter.lab.runtime import LabRuntime
from refrouter.state.router import Router

LABS = Path(__file__).resolve().parents[3] / "labs"


def lab_copy(data: dict[str, Any], tmp_path: Path, **overrides: Any) -> Path:
    """Write lab data with free ports (no NETCONF) to tmp_path."""
    data = {**data, **overrides}
    ports = free_ports(len(data["routers"]))
    for spec, port in zip(data["routers"].values(), ports, strict=True):
        spec["ssh_port"] = port
        spec.pop("netconf_port", None)
    path = tmp_path / "lab.yml"
    path.write_text(yaml.safe_dump(data))
    return path


def seed_lab(name: str) -> dict[str, Any]:
    return yaml.safe_load((LABS / f"{name}.yml").read_text())


@asynccontextmanager
async def running_lab(path: Path, tmp_path: Path) -> AsyncIterator[LabRuntime]:
    runtime = LabRuntime(load_lab(path, tmp_path / "state"))
    await runtime.start()
    try:
        yield runtime
    finally:
        await runtime.stop()


def configure(router: Router, lines: list[str]) -> list[str]:
    """Type config lines in `configure terminal`; return the outputs that are not empty."""
    session = CliSession(router, privilege=15)
    session.push(ConfigMode(session))
    outputs = []
    for line in lines:
        out = session.execute(line)
        assert isinstance(out, str)
        if out:
            outputs.append(f"{line} -> {out}")
        if not session.in_config:
            session.push(ConfigMode(session))
    return outputs


def seed_lines(name: str) -> list[str]:
    return (LABS / "seed" / f"{name}.txt").read_text().splitlines()


async def run(router: Router, command: str) -> str:
    """Run an exec command (streamed or not) and return its whole output."""
    output = CliSession(router, privilege=15).execute(command)
    if isinstance(output, str):
        return output
    return "".join([chunk async for chunk in output])

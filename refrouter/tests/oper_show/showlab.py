"""A real lab for the show-command tests: labs/two_site.yml run in-process on free ports.

The routers run in `LabRuntime` on an asyncio loop in a background thread (tests/conftest.py LoopThread);
every CLI command and every read of router state runs on that loop thread. `frozen()` runs a function with
all router clocks stopped, so outputs that print remaining lifetimes or uptimes can be compared with each
other and with the state they were rendered from.
"""

from __future__ import annotations

import copy
import dataclasses
import shutil
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from routerlab import LoopThread, free_port

from refrouter.cli.modes.config import ConfigMode
from refrouter.cli.session import CliSession
from refrouter.dataplane.ipsec import IpsecService
from refrouter.lab.labfile import load_lab
from refrouter.lab.runtime import LabRuntime
from refrouter.state.router import Router

T = TypeVar("T")
REPO = Path(__file__).resolve().parents[3]
LABS = REPO / "labs"
PEER_A, PEER_B = "209.165.200.228", "209.165.200.226"  # RouterA's and RouterB's crypto endpoints
HOST_A, HOST_B = "209.165.200.227", "209.165.200.225"  # PagentA's and PagentB's Loopback0
# router -> (its crypto endpoint, its peer, its protected host, the remote protected host)
LOCAL_ROLES = {"RouterA": (PEER_A, PEER_B, HOST_A, HOST_B), "RouterB": (PEER_B, PEER_A, HOST_B, HOST_A)}
PING = f"ping {HOST_B} source Loopback0"
PING_BYTES = 100  # IOS ping's default datagram size: the plaintext octets each protected packet carries
POLL_STEP = 0.05  # seconds between polls while waiting for the IKE timers
MAX_POLLS = 200


def seed_config(router: str) -> list[str]:
    return (LABS / "seed" / f"default_policy_{router}.txt").read_text(encoding="utf-8").splitlines()


class ShowLab:
    """RouterA, RouterB, PagentA, PagentB of two_site.yml, running until `close()`."""

    def __init__(self, directory: Path, host_key_dir: Path) -> None:
        data = yaml.safe_load((LABS / "two_site.yml").read_text(encoding="utf-8"))
        for spec in data["routers"].values():
            spec["ssh_port"] = free_port()
            spec.pop("netconf_port", None)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "two_site.yml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        lab = load_lab(path, directory / "state")
        for name in lab.routers:  # copy pre-generated host keys: RSA key generation is slow
            shutil.copytree(host_key_dir, lab.router_dir(name), dirs_exist_ok=True)
        self.loop = LoopThread()
        self.runtime = LabRuntime(lab)
        self.loop.run(self.runtime.start())

    def close(self) -> None:
        self.loop.run(self.runtime.stop())
        self.loop.close()

    def router(self, name: str) -> Router:
        return self.runtime.routers[name].router

    def ssh_port(self, name: str) -> int:
        return self.runtime.routers[name].spec.ssh_port

    # ------------------------------------------------------------------ CLI

    def configure(self, name: str, lines: list[str]) -> list[str]:
        """Type config lines; return the non-empty outputs (re-entering config mode after `end`)."""

        def apply() -> list[str]:
            session = CliSession(self.router(name), privilege=15)
            session.push(ConfigMode(session))
            outputs = []
            for line in lines:
                output = session.execute(line)
                assert isinstance(output, str)
                if output:
                    outputs.append(output)
                if not session.in_config:
                    session.push(ConfigMode(session))
            return outputs

        return self.loop.call(apply)

    def run(self, name: str, command: str) -> str:
        """One exec command at privilege 15, streamed output collected."""

        async def execute() -> str:
            output = CliSession(self.router(name), privilege=15).execute(command)
            return output if isinstance(output, str) else await _collect(output)

        return self.loop.run(execute())

    def shows(self, name: str, *commands: str) -> list[str]:
        """Several show commands rendered at one frozen instant."""
        return self.frozen(lambda: [_run_now(self.router(name), command) for command in commands])

    def capture(self, name: str, commands: list[str], read: Callable[[Router], T]) -> tuple[list[str], T, float]:
        """Show outputs, a deep copy of `read(router)` and the router time, all at one frozen instant."""

        def body() -> tuple[list[str], T, float]:
            router = self.router(name)
            outputs = [_run_now(router, command) for command in commands]
            return outputs, copy.deepcopy(read(router)), router.clock.now()

        return self.frozen(body)

    # ------------------------------------------------------------------ time and state

    def frozen(self, fn: Callable[[], T]) -> T:
        """Run `fn` on the loop thread with every router clock stopped at the same instant."""

        def body() -> T:
            clocks = [proc.router.clock for proc in self.runtime.routers.values()]
            for clock in clocks:
                clock.now = _constant(clock.now())  # type: ignore[method-assign]  # shadows the method
            try:
                return fn()
            finally:
                for clock in clocks:
                    delattr(clock, "now")

        return self.loop.call(body)

    def state(self, name: str, read: Callable[[Router], T]) -> T:
        return self.loop.call(read, self.router(name))

    def speed_up_ike(self, retransmit_interval: float = 0.1, max_retransmits: int = 2) -> None:
        """Shorter IKE retransmission timers (real seconds) on both crypto routers, as a lab knob."""

        def tune() -> None:
            for name in ("RouterA", "RouterB"):
                service = self.router(name).dataplane.crypto  # type: ignore[union-attr]
                assert isinstance(service, IpsecService)
                service.engine.settings = dataclasses.replace(
                    service.engine.settings, retransmit_interval=retransmit_interval,
                    max_retransmits=max_retransmits)

        self.loop.call(tune)

    def wait_for(self, name: str, condition: Callable[[Router], Any]) -> None:
        """Poll the router state (bounded) until `condition` holds; the IKE timers run meanwhile."""
        for _ in range(MAX_POLLS):
            if self.state(name, condition):
                return
            threading.Event().wait(POLL_STEP)
        raise AssertionError(f"{name}: condition not reached after {MAX_POLLS} polls")


def _constant(value: float) -> Callable[[], float]:
    return lambda: value


def _run_now(router: Router, command: str) -> str:
    output = CliSession(router, privilege=15).execute(command)
    assert isinstance(output, str), f"{command!r} streams its output"
    return output


async def _collect(chunks: AsyncIterator[str]) -> str:
    return "".join([chunk async for chunk in chunks])


def start_seed_lab(directory: Path, host_key_dir: Path, extra_config: list[str] | None = None) -> ShowLab:
    """The seed guide's first example configured on RouterA/RouterB (plus `extra_config` on both)."""
    lab = ShowLab(directory, host_key_dir)
    for name in ("RouterA", "RouterB"):
        errors = [out for out in lab.configure(name, seed_config(name) + (extra_config or [])) if "% NOTE" not in out]
        assert errors == [], errors
    return lab

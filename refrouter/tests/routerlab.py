"""Helpers behind the reference-router test fixtures: free ports, a background asyncio loop, in-process
routers served over SSH, labs driven through the real `refrouter lab` console script, and the Ansible
collections location. Test modules import from here (a uniquely named module: several test folders have
their own conftest.py, so `from conftest import ...` is ambiguous)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from refrouter.cli.modes.config import ConfigMode
from refrouter.cli.session import CliSession
from refrouter.lab.ports import free_ports
from refrouter.state.identity import Credentials
from refrouter.state.router import Router
from refrouter.transports.ssh.server import RouterSSHServer

T = TypeVar("T")
REPO = Path(__file__).resolve().parents[2]
BIN_DIR = Path(sys.executable).parent
# Distinct values, so a test can tell the password, the secret and the user name apart in any byte stream.
TEST_CREDENTIALS = Credentials(username="netops", password="Login-Pw-1", enable_secret="En-Secret-9")
LOOP_TIMEOUT = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now, below the ephemeral range (see free_ports)."""
    return free_ports(1)[0]


class LoopThread:
    """An asyncio loop running forever on a daemon thread; `run` executes a coroutine there."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="refrouter-loop", daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(LOOP_TIMEOUT)

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a plain function on the loop thread (the router's state is only touched there)."""

        async def wrapper() -> T:
            return fn(*args)

        return self.run(wrapper())

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(LOOP_TIMEOUT)
        self.loop.close()


@dataclass
class LiveRouter:
    """A router served over SSH in this process. Read its state through `call` (loop thread)."""

    router: Router
    server: RouterSSHServer
    loop: LoopThread
    credentials: Credentials = field(default_factory=lambda: TEST_CREDENTIALS)
    host: str = "127.0.0.1"

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def name(self) -> str:
        return self.router.name

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        return self.loop.call(fn, *args)

    def running_config(self) -> str:
        return self.call(self.router.running_config_text)

    def configure(self, lines: list[str]) -> list[str]:
        """Apply config lines through a console session on the loop thread; return each line's output."""

        def apply() -> list[str]:
            session = CliSession(self.router, user="test", line="console", privilege=15)
            session.push(ConfigMode(session))
            return [session.execute(line) for line in lines]

        return self.call(apply)


def seeded_state_dir(base: Path, host_key_dir: Path) -> Path:
    base.mkdir(parents=True, exist_ok=True)
    for key in host_key_dir.iterdir():
        shutil.copy2(key, base / key.name)
    return base


# ------------------------------------------------------------------------------------------- labs


def refrouter_command() -> list[str]:
    script = BIN_DIR / "refrouter"
    return [str(script)] if script.exists() else [sys.executable, "-m", "refrouter"]


@dataclass
class RunningLab:
    """A lab started with the real console script; `ports` maps router name to its SSH port."""

    path: Path
    ports: dict[str, int]
    credentials: Credentials

    @property
    def state_dir(self) -> Path:
        return self.path.parent / ".refrouter" / self.path.stem

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [*refrouter_command(), "lab", *args, str(self.path)],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode != 0:
            log = (
                (self.state_dir / "lab.log").read_text(errors="replace")
                if (self.state_dir / "lab.log").exists()
                else ""
            )
            raise AssertionError(f"refrouter lab {args}: rc={result.returncode}\n{result.stdout}{result.stderr}\n{log}")
        return result

    def pid(self) -> int | None:
        try:
            return int((self.state_dir / "lab.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    def up(self) -> None:
        self.cli("up")

    def down(self) -> None:
        self.cli("down", check=False)

    def kill9(self) -> None:
        """Crash the lab process (kill -9): no clean shutdown, the pid file stays behind."""
        pid = self.pid()
        assert pid is not None, "lab is not running"
        os.kill(pid, signal.SIGKILL)
        for _ in range(200):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            if not Path(f"/proc/{pid}").exists() or _is_zombie(pid):
                return
            threading.Event().wait(0.05)
        raise AssertionError(f"lab process {pid} survived SIGKILL")


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except (OSError, IndexError):
        return True


class LabManager:
    """Starts labs (lab file with free ports in `directory`, then `refrouter lab up`); `close` stops them all."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.labs: list[RunningLab] = []

    def start(self, routers: dict[str, str | None], stem: str = "testlab") -> RunningLab:
        """`routers` maps router name to its startup config text (or None)."""
        ports = {name: free_port() for name in routers}
        spec: dict[str, Any] = {
            "credentials": {
                "username": TEST_CREDENTIALS.username,
                "password": TEST_CREDENTIALS.password,
                "enable_secret": TEST_CREDENTIALS.enable_secret,
            },
            "routers": {
                name: {"ssh_port": ports[name]} | ({"startup_config": text} if text else {})
                for name, text in routers.items()
            },
        }
        path = self.directory / f"{stem}.yml"
        path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
        lab = RunningLab(path, ports, TEST_CREDENTIALS)
        self.labs.append(lab)
        lab.up()
        return lab

    def close(self) -> None:
        for lab in self.labs:
            lab.down()
            pid = lab.pid()
            if pid is not None and Path(f"/proc/{pid}").exists() and not _is_zombie(pid):
                os.kill(pid, signal.SIGKILL)


# ------------------------------------------------------------------------------------------- ansible


def ansible_collections_root() -> Path | None:
    """`<repo>/.collections` once `make setup` made it, else $REFROUTER_TEST_COLLECTIONS; must hold cisco.ios."""
    candidates = [REPO / ".collections"]
    if os.environ.get("REFROUTER_TEST_COLLECTIONS"):
        candidates.append(Path(os.environ["REFROUTER_TEST_COLLECTIONS"]))
    for root in candidates:
        if (root / "ansible_collections" / "cisco" / "ios" / "plugins").is_dir():
            return root
    return None

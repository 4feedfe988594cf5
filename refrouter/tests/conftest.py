"""Fixtures for the reference-router tests: an in-process router behind a real SSH server, and real labs.

`live_router` runs one `Router` and its asyncssh server on a free 127.0.0.1 port in an asyncio loop on a
background thread. `lab_factory` writes a lab file into tmp_path with free ports and drives the real
`refrouter lab up|down` console script. Both always tear down. The helpers live in routerlab.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from routerlab import (
    TEST_CREDENTIALS,
    LabManager,
    LiveRouter,
    LoopThread,
    RunningLab,
    free_port,
    seeded_state_dir,
)

from refrouter.lab.boot import BootableRouter as Router
from refrouter.transports.ssh.server import RouterSSHServer, load_host_keys


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "soak: the bounded soak test (refrouter/tests/soak, sized by REFROUTER_SOAK_*); "
        "deselect with -m 'not soak'")


@pytest.fixture(scope="session")
def host_key_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Host keys generated once per test run and copied into each router's state dir (RSA keygen is slow)."""
    path = tmp_path_factory.mktemp("hostkeys")
    load_host_keys(path)
    return path


@pytest.fixture
def live_router_factory(tmp_path: Path, host_key_dir: Path) -> Iterator[Callable[..., LiveRouter]]:
    """Start in-process routers: `factory(name="RouterA", startup_config=None, time_scale=1.0)`."""
    loop = LoopThread()
    started: list[LiveRouter] = []

    def factory(name: str = "RouterA", startup_config: str | None = None, time_scale: float = 1.0) -> LiveRouter:
        state_dir = seeded_state_dir(tmp_path / f"state-{name}-{len(started)}", host_key_dir)
        router = Router(name=name, state_dir=state_dir, credentials=TEST_CREDENTIALS, time_scale=time_scale)
        loop.call(router.boot, startup_config)
        for _ in range(5):  # another process may grab the free port before we bind it
            server = RouterSSHServer(router, free_port())
            try:
                loop.run(server.start())
                break
            except OSError:
                continue
        else:
            raise RuntimeError("no free port for the SSH server")
        live = LiveRouter(router, server, loop)
        started.append(live)
        return live

    try:
        yield factory
    finally:
        for live in started:
            loop.run(live.server.stop())
        loop.close()


@pytest.fixture
def live_router(live_router_factory: Callable[..., LiveRouter]) -> LiveRouter:
    return live_router_factory("RouterA")


@pytest.fixture
def lab_factory(tmp_path: Path) -> Iterator[Callable[..., RunningLab]]:
    manager = LabManager(tmp_path)
    try:
        yield manager.start
    finally:
        manager.close()

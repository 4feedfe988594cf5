"""Fixtures (imported by the NETCONF test modules): a live router that serves NETCONF beside its CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from nchelpers import NetconfRouter

from refrouter.transports.netconf.server import NetconfServer
from refrouter.transports.ssh.server import RouterSSHServer


@pytest.fixture
def nc_factory(live_router_factory: Callable[..., object]) -> Iterator[Callable[..., NetconfRouter]]:
    """`factory(startup_config=None)`: a router with its CLI and NETCONF on two ports of 127.0.0.1."""
    started: list[NetconfRouter] = []

    def factory(startup_config: str | None = None, name: str = "RouterA", time_scale: float = 1.0) -> NetconfRouter:
        live = live_router_factory(name, startup_config, time_scale)
        service = NetconfServer(live.router)
        ssh = RouterSSHServer(live.router, 0)  # port 0: the OS picks a free one
        ssh.subsystems["netconf"] = service.handle
        live.loop.run(ssh.start())
        ssh.port = ssh._server.get_port()  # type: ignore[union-attr]
        started.append(NetconfRouter(live, service, ssh))
        return started[-1]

    yield factory
    for nc in started:
        nc.live.loop.run(nc.ssh.stop())


@pytest.fixture
def nc_router(nc_factory: Callable[..., NetconfRouter]) -> NetconfRouter:
    return nc_factory()

"""The SSH server counts what it carries (connections, CLI lines, bytes) at the router, for benchmarks."""

from __future__ import annotations

import asyncio

import asyncssh

from refrouter.state.router import Router
from refrouter.transports.ssh.server import RouterSSHServer


def test_stats_count_connections_commands_and_bytes() -> None:
    async def scenario() -> tuple[int, int, int, int, str]:
        router = Router("RouterA")
        router.boot()
        server = RouterSSHServer(router, 0)
        await server.start()
        port = server._server.get_port()  # type: ignore[union-attr]
        try:
            async with asyncssh.connect("127.0.0.1", port, username="admin", password="admin",
                                        known_hosts=None) as conn:
                result = await conn.run("show privilege\nshow clock")
            stats = server.stats
            return stats.connections, stats.commands, stats.bytes_in, stats.bytes_out, str(result.stdout)
        finally:
            await server.stop()

    connections, commands, bytes_in, bytes_out, output = asyncio.run(scenario())
    assert "Current privilege level is 1" in output
    assert connections == 1
    assert commands == 2
    assert bytes_in >= len("show privilege\nshow clock")
    assert bytes_out >= len(output.replace("\r\n", "\n")) > 0

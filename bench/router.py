"""Figure 5: the reference router itself.

- tunnel bring-up: from starting the lab process to every spoke's tunnel up at the hub, for 1 hub + N
  spokes in one process, against a lab of N/10 spokes scaled x10 (1.0x = linear in the spoke count);
- `show crypto session` with many sessions, against `show clock` on the same connection (the CLI round trip);
- login to first prompt, against a bare asyncssh server in the same lab process (the SSH library's floor);
- many concurrent SSH sessions each running a bounded number of commands, against one session running its
  commands alone, and against the bare asyncssh server under the same load.
All clients dial 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from common import Row
from lab import LabHost
from sshclient import CliClient

from refrouter.lab.ports import free_ports
from refrouter.lab.topologies import hub_and_spoke

LOAD_COMMAND = "show crypto map"
UP_GOAL_SPOKES, UP_GOAL_SECONDS = 2000, 30.0
SESSION_GOAL = 10.0  # `show crypto session` within 10x `show clock` on the same connection (issue #18)


def bring_up(spokes: int) -> dict[str, Any]:
    """Start a hub-and-spoke lab, bring every tunnel up; the lab stays open for the caller."""
    start = time.perf_counter()
    lab = LabHost(hub_and_spoke(spokes), f"hub{spokes}")
    ready = time.perf_counter() - start
    result = lab.call("bring_up", hub="Hub", spokes=[f"Spoke{i}" for i in range(1, spokes + 1)])
    if result["down"]:
        lab.close(keep=True)
        raise RuntimeError(f"{result['down']} of {spokes} tunnels did not come up: {result}")
    total = time.perf_counter() - start
    memory = lab.call("memory")
    return {"lab": lab, "total_s": total, "ready_s": ready, **lab.ready, **result, **memory}


def bring_up_rows(large: dict[str, Any], small: dict[str, Any], spokes: int, small_spokes: int) -> list[Row]:
    """Whole start-up, and IKE bring-up alone, against the small lab scaled linearly."""
    scale = spokes / small_spokes
    peer = f"{small_spokes} spokes, scaled x{scale:.0f}"
    extra = {k: v for k, v in large.items() if k != "lab"}
    start_row = Row("5 router", f"lab start -> {spokes} tunnels up", large["total_s"], small["total_s"] * scale,
                    "s", peer, extra=extra)
    if spokes >= UP_GOAL_SPOKES:  # issue #18: 2,000 spokes up in 30 s or less, one process
        start_row.held_to(f"<= {UP_GOAL_SECONDS:.0f} s", large["total_s"] <= UP_GOAL_SECONDS)
    return [
        start_row,
        Row("5 router", f"IKE bring-up of {spokes} tunnels", large["seconds"], small["seconds"] * scale, "s", peer),
        Row("5 router", f"lab memory per router (RSS / {large['routers']})", per_router_mb(large),
            per_router_mb(small), "MB", f"{small_spokes} spokes lab, RSS / {small['routers']}",
            extra={"rss_bytes": large["rss_bytes"], "peer_rss_bytes": small["rss_bytes"]}),
    ]


def per_router_mb(lab: dict[str, Any]) -> float:
    return lab["rss_bytes"] / lab["routers"] / 1e6


async def _session_latency(port: int, repeats: int) -> tuple[float, float, float]:
    """The first `show crypto session` (rendered: the router keeps the text while its inputs do not
    change), the best of the following ones, and the best `show clock`."""
    client, _ = await CliClient.login(port)
    await client.enable()
    first = await client.timed("show crypto session")
    session = min([await client.timed("show crypto session") for _ in range(repeats)])
    clock = min([await client.timed("show clock") for _ in range(repeats * 5)])
    client.close()
    return first, session, clock


def session_latency_rows(lab: LabHost, sessions: int, repeats: int) -> list[Row]:
    first, session, clock = asyncio.run(_session_latency(lab.ports["Hub"], repeats))
    rendered = lab.call("render", router="Hub", command="show crypto session", repeats=repeats)["seconds"]
    profiles = {f"profile_{kind}": lab.call("profile", router="Hub", command="show crypto session",
                                           cold=kind == "cold")["profile"] for kind in ("cold", "kept")}
    row = Row("5 router", f"show crypto session, {sessions} sessions", session * 1000, clock * 1000, "ms",
              "show clock", extra={"render_in_process_ms": rendered * 1000, "first_ms": first * 1000, **profiles})
    first_row = Row("5 router", f"show crypto session, {sessions} sessions, first", first * 1000, clock * 1000,
                    "ms", "show clock", note="rendered: nothing kept from an earlier run")
    return [row.held_to(f"<= {SESSION_GOAL:.0f}x", session <= SESSION_GOAL * clock), first_row]


async def _logins(port: int, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        client, seconds = await CliClient.login(port)
        client.close()
        times.append(seconds)
    return min(times)


async def _load(port: int, sessions: int, commands: int, enable: bool) -> float:
    async def one() -> None:
        client, _ = await CliClient.login(port)
        if enable:
            await client.enable()
        for _ in range(commands):
            await client.run(LOAD_COMMAND)
        client.close()

    start = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(sessions)))
    return time.perf_counter() - start


def ssh_rows(lab: LabHost, sessions: int, commands: int, repeats: int) -> list[Row]:
    router_port = lab.ports["R1"]
    bare_port = lab.call("bare_ssh", port=free_ports(1)[0])["port"]
    login = asyncio.run(_logins(router_port, repeats * 3))
    bare_login = asyncio.run(_logins(bare_port, repeats * 3))
    total = sessions * commands
    alone = asyncio.run(_load(router_port, 1, commands, enable=True))
    loaded = asyncio.run(_load(router_port, sessions, commands, enable=True))
    bare_loaded = asyncio.run(_load(bare_port, sessions, commands, enable=False))
    name = f"{sessions} sessions x {commands} commands"
    return [
        Row("5 router", "login to prompt", login * 1000, bare_login * 1000, "ms", "bare asyncssh server"),
        Row("5 router", f"{name}: commands/s", total / loaded, commands / alone, "cmd/s", "1 session alone",
            extra={"wall_s": loaded}),
        Row("5 router", f"{name}: commands/s", total / loaded, total / bare_loaded, "cmd/s",
            "bare asyncssh server, same load"),
    ]

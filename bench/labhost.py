"""A lab of reference routers in its own process, driven by the benchmarks over stdin/stdout (JSON lines).

`python bench/labhost.py LAB.yml STATE_DIR` starts every router of the lab in one asyncio process (as
`refrouter lab up` does), prints one `ready` line with its start-up timings, then answers requests:

  {"op": "stats"}                              per-router SSH counters (connections, commands, bytes)
  {"op": "bring_up", "hub": H, "spokes": [..]} every spoke pings the hub's LAN; waits until all tunnels are up
  {"op": "reset", "routers": [..]}             reboot routers to their lab startup config
  {"op": "bare_ssh", "port": P}                start a bare asyncssh server (the login-latency peer)
  {"op": "render", "router": R, "command": C, "repeats": N}   fastest in-process run of a CLI command (no SSH)
  {"op": "profile", "router": R, "command": C, "cold": B}    cProfile of one in-process run (cold: show text not kept)
  {"op": "memory"}                             the process's resident memory (VmRSS) and its router count
  {"op": "quit"}

The routers count at the router (refrouter.transports.ssh.server.SshStats), so the figures do not depend on what a
client reports. With BENCH_LAB_PROFILE=FILE the whole process runs under cProfile, dumped to FILE at quit.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before the imports: they are part of a lab's start-up time

import asyncio
import cProfile
import io
import json
import os
import pstats
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import asyncssh

import refrouter
from refrouter.cli.session import CliSession
from refrouter.lab.labfile import load_lab
from refrouter.lab.runtime import LabRuntime
from refrouter.lab.topologies import HUB_LAN

IMPORTED = time.perf_counter()
PING = f"ping {HUB_LAN} source Loopback0 repeat 1 timeout 2"
RETRY_EVERY = 5.0  # seconds before a spoke whose tunnel is not up pings again (a lost IKE exchange)
STALE_AFTER = 30.0  # seconds after which a spoke's tunnel that the hub does not have is cleared
WINDOW = 100  # spokes negotiating at once during a bring-up
POLL_EVERY = 0.05  # seconds between looks at the hub's tunnels


class Host:
    def __init__(self, runtime: LabRuntime) -> None:
        self.runtime = runtime
        self.servers: list[asyncssh.SSHAcceptor] = []
        self.pings: set[asyncio.Future[str]] = set()

    async def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request["op"]
        if op == "stats":
            return {name: asdict(proc.ssh.stats) for name, proc in self.runtime.routers.items()}
        if op == "bring_up":
            return await self.bring_up(request["hub"], request["spokes"], request.get("timeout", 300.0))
        if op == "reset":
            for name in request["routers"]:
                proc = self.runtime.routers[name]
                proc.router.erase_startup()
                proc.router.boot(proc.spec.startup_config)
            return {}
        if op == "bare_ssh":
            self.servers.append(await bare_ssh_server(request["port"], self.runtime.lab.state_dir))
            return {"port": request["port"]}
        if op == "render":
            router = self.runtime.routers[request["router"]].router
            times = []
            for _ in range(request.get("repeats", 3)):
                start = time.perf_counter()
                await _run(router, request["command"])
                times.append(time.perf_counter() - start)
            return {"seconds": min(times)}
        if op == "profile":  # cProfile of one in-process run; `cold`: without the router's kept show text
            router = self.runtime.routers[request["router"]].router
            if request.get("cold"):
                router.show_cache.clear()
            profiler = cProfile.Profile()
            profiler.enable()
            await _run(router, request["command"])
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(request.get("top", 8))
            # file names relative to the source tree: results files carry no machine paths
            source_root = str(Path(refrouter.__file__).resolve().parent.parent) + "/"
            return {"profile": out.getvalue().replace(source_root, "")}
        if op == "memory":
            return {"rss_bytes": resident_bytes(), "routers": len(self.runtime.routers)}
        raise ValueError(f"unknown op {op!r}")

    async def bring_up(self, hub: str, spokes: list[str], timeout: float) -> dict[str, Any]:
        """Spokes send the packet that starts IKE (lost, as on IOS), at most WINDOW of them negotiating at a time
        (an operator's staged roll-out; 2,000 main modes at once make the hub drop datagrams and every spoke
        retransmit); a spoke still down after RETRY_EVERY seconds sends it again.

        A spoke whose last quick-mode message was lost for good holds a tunnel the hub never installed (IKEv1
        cannot recover from that without invalid-SPI recovery or DPD); once that tunnel is STALE_AFTER
        seconds old, the spoke's session is cleared, as an operator would.
        """
        hub_oper = self.runtime.routers[hub].router.oper
        address = {name: _transport(self.runtime, name) for name in spokes}
        start, cpu_before, drops_before = time.perf_counter(), time.process_time(), udp_receive_drops()
        pings = cleared = 0
        queued = list(reversed(spokes))
        negotiating: dict[str, float] = {}  # spoke -> when it last pinged
        pinging: set[asyncio.Future[str]] = set()
        first_ping: dict[str, float] = {}
        took: list[float] = []  # seconds from a spoke's first ping to its tunnel at the hub
        while (queued or negotiating) and time.perf_counter() - start < timeout:
            now = time.perf_counter()
            retry = [name for name, sent in negotiating.items() if now - sent > RETRY_EVERY]
            stale = [name for name in retry if self._stale(name)]
            await asyncio.gather(*(_run(self.runtime.routers[name].router, "clear crypto session") for name in stale))
            cleared += len(stale)
            for name in retry:
                negotiating[name] = now
            while queued and len(negotiating) < WINDOW:
                name = queued.pop()
                retry.append(name)
                negotiating[name] = first_ping[name] = now
            # not awaited: a ping whose packet starts IKE waits its whole timeout, and the window refills meanwhile
            pinging.update(asyncio.ensure_future(_run(self.runtime.routers[name].router, PING)) for name in retry)
            pinging = {task for task in pinging if not task.done()}
            pings += len(retry)
            await asyncio.sleep(POLL_EVERY)
            peers = {t.remote for t in hub_oper.ipsec_tunnels.values()}
            for name in [name for name in negotiating if address[name] in peers]:
                del negotiating[name]
                took.append(time.perf_counter() - first_ping[name])
        self.pings = {task for task in self.pings if not task.done()} | pinging  # they end by their own timeout
        waiting = [*negotiating, *reversed(queued)]
        return {"seconds": time.perf_counter() - start, "cpu_s": time.process_time() - cpu_before,
                "tunnels": len(hub_oper.ipsec_tunnels), "pings": pings, "cleared": cleared,
                "udp_drops": udp_receive_drops() - drops_before, "down": len(waiting), "window": WINDOW,
                "spoke_up_s": _quantiles(took), "down_states": self._states(hub, waiting[:5])}

    def _stale(self, spoke: str) -> bool:
        router = self.runtime.routers[spoke].router
        now = router.clock.now()
        return any(
            (now - t.created) / router.clock.time_scale > STALE_AFTER
            for t in router.oper.ipsec_tunnels.values()
        )

    def _states(self, hub: str, spokes: list[str]) -> dict[str, Any]:
        """For spokes whose tunnel did not come up: their IKE SAs, and the hub's SAs with them."""
        hub_sas = self.runtime.routers[hub].router.oper.ike_sas.values()
        states: dict[str, Any] = {}
        for name in spokes:
            address = _transport(self.runtime, name)
            own = self.runtime.routers[name].router.oper.ike_sas.values()
            states[name] = {"spoke": [f"{sa.state}{' deleted' if sa.deleted else ''}" for sa in own],
                            "hub": [f"{sa.state}{' deleted' if sa.deleted else ''}" for sa in hub_sas
                                    if sa.remote == address]}
        return states


def _quantiles(values: list[float]) -> dict[str, float]:
    """Median, 90th percentile and maximum."""
    ordered = sorted(values) or [0.0]
    return {"median": ordered[len(ordered) // 2], "p90": ordered[len(ordered) * 9 // 10], "max": ordered[-1]}


def udp_receive_drops() -> int:
    """The kernel's count of UDP datagrams dropped for a full socket buffer (all sockets of the machine)."""
    lines = [line.split() for line in Path("/proc/net/snmp").read_text().splitlines() if line.startswith("Udp:")]
    return int(lines[1][lines[0].index("RcvbufErrors")])


def resident_bytes() -> int:
    """This process's resident set size (VmRSS of /proc/self/status)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def _transport(runtime: LabRuntime, name: str) -> str | None:
    return runtime.routers[name].router.running.interfaces["GigabitEthernet1"].address


async def _run(router: Any, command: str) -> str:
    output = CliSession(router, privilege=15).execute(command)
    if isinstance(output, str):
        return output
    return "".join([chunk async for chunk in output])


async def bare_ssh_server(port: int, state_dir: Path) -> asyncssh.SSHAcceptor:
    """asyncssh with password auth and a shell that prints a prompt: the SSH library's own floor."""
    key_path = state_dir / "bare_ssh_ecdsa_key"
    if not key_path.exists():
        asyncssh.generate_private_key("ecdsa-sha2-nistp256").write_private_key(key_path)

    class Auth(asyncssh.SSHServer):
        def begin_auth(self, username: str) -> bool:
            return True

        def password_auth_supported(self) -> bool:
            return True

        def validate_password(self, username: str, password: str) -> bool:
            return (username, password) == ("admin", "admin")

    async def shell(process: asyncssh.SSHServerProcess) -> None:
        process.stdout.write(b"\r\nRouter>")
        while await process.stdin.read(4096):
            process.stdout.write(b"\r\nRouter>")
        process.exit(0)

    return await asyncssh.create_server(Auth, "127.0.0.1", port, server_host_keys=[str(key_path)],
                                        process_factory=shell, encoding=None, line_editor=False)


async def serve(lab_file: Path, state_dir: Path) -> None:
    runtime = LabRuntime(load_lab(lab_file, state_dir))
    runtime.build()
    built = time.perf_counter()
    await runtime.start()
    started = time.perf_counter()
    host = Host(runtime)
    _reply({"op": "ready", "import_s": IMPORTED - STARTED, "build_s": built - IMPORTED,
            "listen_s": started - built, "up_s": started - STARTED, "up_cpu_s": time.process_time()})
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := await reader.readline():
        request = json.loads(line)
        if request["op"] == "quit":
            break
        try:
            _reply({"ok": True, **await host.handle(request)})
        except Exception as exc:  # reported to the benchmark instead of dying silently
            _reply({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
    for server in host.servers:
        server.close()
    await runtime.stop()


def _reply(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    lab_file, state_dir = Path(sys.argv[1]), Path(sys.argv[2])
    profile_to = os.environ.get("BENCH_LAB_PROFILE")
    profiler = cProfile.Profile() if profile_to else None
    if profiler:
        profiler.enable()
    try:
        asyncio.run(serve(lab_file, state_dir))
    finally:
        if profiler and profile_to:
            profiler.disable()
            profiler.dump_stats(profile_to)


if __name__ == "__main__":
    main()

"""One soak run: bring both tunnels up, read the hub's config, run the writers, probes and pingers together,
then read the config again and save it (so the state dir holds a startup-config too)."""

from __future__ import annotations

import asyncio
import time

from clishell import Reply

from .clients import CliClient, Endpoint, NetconfClient
from .fuzz import Fuzzer
from .owned import Owned
from .record import SoakRun, SoakSettings
from .sessions import cli_probe, cli_writer, guarded, netconf_probe, netconf_writer, ping_round, pinger, probe
from .soaklab import HUB, SPOKES, SoakLab


async def show_running_config(client: CliClient) -> str:
    reply = await client.send("show running-config")
    return Reply(reply.raw, reply.prompt).after_echo("show running-config")


async def run_soak(lab: SoakLab, settings: SoakSettings) -> SoakRun:
    run = SoakRun(settings)
    credentials, hub_port = lab.lab.credentials, lab.ssh_port(HUB)
    spokes = {name: await CliClient.open(lab.ssh_port(name), credentials) for name in SPOKES}
    watcher = await CliClient.open(hub_port, credentials)
    nc_probe = await NetconfClient.open(lab.netconf_port, credentials)
    try:
        for name, client in spokes.items():  # the first packet starts IKE and is lost
            received, _ = await ping_round(client)
            if received == 0:
                run.problems.append(f"the tunnel from {name} did not come up before the soak")
        run.baseline_config = await show_running_config(watcher)
        await _concurrent_phase(run, spokes, watcher, nc_probe,
                                Endpoint(hub_port, credentials), Endpoint(lab.netconf_port, credentials))
        run.crypto_sessions = (await watcher.send("show crypto session")).raw.decode(errors="replace")
        run.final_config = await show_running_config(watcher)
        saved = await watcher.send("write memory")
        if b"[OK]" not in saved.raw:
            run.problems.append(f"write memory answered {saved.raw[-200:]!r}")
    finally:
        for client in [*spokes.values(), watcher]:
            await client.close()
        await nc_probe.close()
    return run


async def _concurrent_phase(run: SoakRun, spokes: dict[str, CliClient], watcher: CliClient,
                            nc_probe: NetconfClient, cli: Endpoint, netconf: Endpoint) -> None:
    """Writers log in all at once and work until their steps or the time are used up; meanwhile the probes
    and pingers run."""
    settings = run.settings
    started = time.monotonic()
    deadline = started + settings.seconds
    run.writers = [Owned(index) for index in range(1, settings.sessions + 1)]
    writers = []
    for owned in run.writers:
        fuzzer = Fuzzer(settings.seed * 1000 + owned.index)
        if owned.index <= settings.cli_sessions:
            writer = cli_writer(cli, owned, fuzzer, run, deadline)
        else:  # the first NETCONF writer also takes the lock now and then
            writer = netconf_writer(netconf, owned, fuzzer, run, deadline, owned.index == settings.cli_sessions + 1)
        writers.append(guarded(f"writer {owned.index}", run, writer))
    done = asyncio.Event()
    watchers = [
        guarded("probe cli", run, probe("cli show clock", cli_probe(watcher), run, done)),
        guarded("probe netconf", run, probe("netconf get-config", netconf_probe(nc_probe), run, done)),
        *(guarded(f"pings {name}", run, pinger(name, client, run, done)) for name, client in spokes.items()),
    ]
    watching = asyncio.gather(*watchers)
    await asyncio.gather(*writers)
    done.set()
    await watching
    run.seconds = time.monotonic() - started

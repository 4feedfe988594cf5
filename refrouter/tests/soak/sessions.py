"""What each soak session does: CLI and NETCONF writers that mix their own changes with garbage, the probes
that time a cheap request at a fixed cadence, and the pingers that keep traffic on the tunnels."""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

import asyncssh
from nchelpers import NATIVE, rpc

from .changes import cli_change, netconf_edit, refused_edit
from .clients import CliClient, Endpoint, NetconfClient, NoAnswer
from .fuzz import Fuzzer
from .owned import Owned
from .record import SoakRun
from .soaklab import HUB, PING

EXEC_PROMPT = f"{HUB}#"
SUCCESS_RATE = re.compile(r"Success rate is \d+ percent \((\d+)/(\d+)\)")
PING_PAUSE = 1.0
RELOGIN = 0.03  # chance per step that a writer ends its session (exit, framing error) and opens a new one
PROBE_FILTER = f'<filter type="subtree"><native xmlns="{NATIVE}"><hostname/></native></filter>'


def mode_prompt(mode: str) -> str:
    return f"{HUB}({mode})#"


async def guarded(who: str, run: SoakRun, body: Coroutine[Any, Any, None]) -> None:
    """Run one session; a session that lost its answer or its connection is a problem of the run, reported
    with the others, not a crash of the test."""
    try:
        await body
    except (NoAnswer, asyncssh.Error, OSError) as exc:
        run.problems.append(f"{who}: {type(exc).__name__}: {exc}")


# ------------------------------------------------------------------------------------------- CLI writer


async def cli_writer(endpoint: Endpoint, owned: Owned, fuzzer: Fuzzer, run: SoakRun, deadline: float) -> None:
    """Log in, then steps of one change and 0-2 garbage lines; now and then log out and in again."""
    client = await CliClient.open(endpoint.port, endpoint.credentials)
    try:
        for step in range(run.settings.steps):
            if time.monotonic() > deadline:
                return
            await _cli_step(client, owned, fuzzer, run, step)
            if fuzzer.maybe(RELOGIN):
                await client.logout()
                client = await CliClient.open(endpoint.port, endpoint.credentials)
                run.counts["cli logouts and logins"] += 1
    finally:
        await client.close()


async def _cli_step(client: CliClient, owned: Owned, fuzzer: Fuzzer, run: SoakRun, step: int) -> None:
    who = f"cli-{owned.index}"
    entered = await client.send("configure terminal")
    run.timed(who, "configure terminal", entered.seconds)
    if entered.prompt == mode_prompt("config"):
        await _cli_change(client, owned, fuzzer, run, step)
        ended = await client.send("end")
        if ended.prompt != EXEC_PROMPT:
            run.problems.append(f"{who}: `end` left the session at {ended.prompt}")
    elif b"Configuration mode is locked" in entered.raw:  # a NETCONF writer holds the lock
        run.counts["cli refused: NETCONF lock held"] += 1
    else:
        run.problems.append(f"{who}: `configure terminal` answered {entered.raw[-200:]!r}")
    for _ in range(fuzzer.how_many(2)):
        reply = await client.send(fuzzer.exec_line())
        run.counts["cli fuzz lines"] += 1
        run.timed(who, "a fuzzed exec line", reply.seconds)
        if reply.prompt != EXEC_PROMPT:
            run.problems.append(f"{who}: a fuzzed exec line left the session at {reply.prompt}")
            await client.send("end")


async def _cli_change(client: CliClient, owned: Owned, fuzzer: Fuzzer, run: SoakRun, step: int) -> None:
    """Type one change's lines (and maybe a line no mode accepts); the model follows the accepted lines."""
    who, prompt = f"cli-{owned.index}", mode_prompt("config")
    for change in cli_change(owned, fuzzer.rng, step):
        reply = await client.send(change.line)
        run.timed(who, "a change", reply.seconds)
        prompt = reply.prompt
        if reply.has_error or prompt != mode_prompt(change.mode):
            run.counts["cli refused"] += 1
            break
        change.apply()
        run.counts["cli accepted"] += 1
    if fuzzer.maybe(0.5):
        reply = await client.send(fuzzer.config_line())
        run.counts["cli fuzz lines"] += 1
        run.timed(who, "a fuzzed config line", reply.seconds)
        if not reply.has_error or reply.prompt != prompt:
            run.problems.append(f"{who}: garbage accepted at {prompt}: {reply.raw[-200:]!r}")


# ------------------------------------------------------------------------------------------- NETCONF writer


def edit_config(message_id: str, config: str) -> bytes:
    return rpc(message_id, f"<edit-config><target><running/></target>{config}</edit-config>")


async def netconf_writer(endpoint: Endpoint, owned: Owned, fuzzer: Fuzzer, run: SoakRun, deadline: float,
                         locks: bool) -> None:
    """Steps of one edit and 0-2 refused messages; with `locks`, some edits inside lock/unlock (then the
    others get `in-use`). Now and then a framing error ends the session, and the writer starts a new one."""
    client = await NetconfClient.open(endpoint.port, endpoint.credentials)
    ids = (str(n) for n in itertools.count(1))
    try:
        for step in range(run.settings.steps):
            if time.monotonic() > deadline:
                return
            await _netconf_step(client, owned, fuzzer, run, step, ids, locks)
            if fuzzer.maybe(RELOGIN):
                reply = await client.break_framing()
                if reply is not None and reply.error_tags != ["malformed-message"]:
                    run.problems.append(f"netconf-{owned.index}: a framing error answered {reply.error_tags}")
                client = await NetconfClient.open(endpoint.port, endpoint.credentials)
                run.counts["netconf sessions ended by a framing error"] += 1
    finally:
        await client.close()


async def _netconf_step(client: NetconfClient, owned: Owned, fuzzer: Fuzzer, run: SoakRun, step: int,
                        ids: Iterator[str], locks: bool) -> None:
    who = f"netconf-{owned.index}"
    locked = locks and fuzzer.maybe(0.3) and await _expect_ok(client, who, run, rpc(next(ids), _lock("lock")))
    edit, message_id = netconf_edit(owned, fuzzer.rng, step), next(ids)
    reply = await client.exchange(edit_config(message_id, edit.config))
    run.timed(who, "edit-config", reply.seconds)
    if reply.ok:
        edit.apply()
        run.counts["netconf accepted"] += 1
    else:
        run.counts[f"netconf refused: {'/'.join(reply.error_tags) or 'no rpc-error'}"] += 1
    if locked:
        await _expect_ok(client, who, run, rpc(next(ids), _lock("unlock")))
    for _ in range(fuzzer.how_many(2)):
        message_id = next(ids)
        if fuzzer.maybe(0.5):
            message = edit_config(message_id, refused_edit(owned, fuzzer.rng))
        else:
            message = fuzzer.netconf_message(message_id, edit_config(message_id, edit.config))
        reply = await client.exchange(message)
        run.counts["netconf fuzz messages"] += 1
        run.timed(who, "a fuzzed message", reply.seconds)
        if reply.ok or not reply.error_tags:
            run.problems.append(f"{who}: fuzzed message {message[:120]!r} answered without an rpc-error")


def _lock(operation: str) -> str:
    return f"<{operation}><target><running/></target></{operation}>"


async def _expect_ok(client: NetconfClient, who: str, run: SoakRun, message: bytes) -> bool:
    reply = await client.exchange(message)
    run.timed(who, "lock/unlock", reply.seconds)
    if not reply.ok:
        run.problems.append(f"{who}: {message[:80]!r} refused: {reply.error_tags}")
    return reply.ok


# ------------------------------------------------------------------------------------------- probes and pings


async def probe(name: str, ask: Callable[[], Coroutine[Any, Any, float]], run: SoakRun, done: asyncio.Event) -> None:
    """Ask every `probe_every` seconds until the writers are done; record each answer's seconds."""
    times = run.probes.setdefault(name, [])
    most = int((run.settings.seconds + 600) / run.settings.probe_every)  # a bound far beyond any real run
    next_at = time.monotonic()
    for _ in range(most):
        if done.is_set():
            return
        try:
            times.append(await ask())
            run.timed(f"probe {name}", f"request {len(times)}", times[-1])
        except NoAnswer as exc:
            run.unanswered_probes += 1
            run.problems.append(f"probe {name}: {exc}")
            return
        next_at += run.settings.probe_every
        await asyncio.sleep(max(0.0, next_at - time.monotonic()))


def cli_probe(client: CliClient) -> Callable[[], Coroutine[Any, Any, float]]:
    async def ask() -> float:
        reply = await client.send("show clock")
        if reply.prompt != EXEC_PROMPT or reply.has_error:
            raise NoAnswer(f"`show clock` answered {reply.raw[-200:]!r}")
        return reply.seconds

    return ask


def netconf_probe(client: NetconfClient) -> Callable[[], Coroutine[Any, Any, float]]:
    ids = (f"probe-{n}" for n in itertools.count(1))

    async def ask() -> float:
        reply = await client.exchange(rpc(next(ids), f"<get-config><source><running/></source>{PROBE_FILTER}"
                                                      "</get-config>"))
        hostname = reply.root.findtext(f".//{{{NATIVE}}}hostname") if reply.root is not None else None
        if hostname != HUB:
            raise NoAnswer(f"get-config answered {reply.error_tags or 'no hostname'}")
        return reply.seconds

    return ask


async def ping_round(client: CliClient) -> tuple[int, int]:
    reply = await client.send(PING)
    match = SUCCESS_RATE.search(reply.raw.decode(errors="replace"))
    if match is None:
        raise NoAnswer(f"ping printed no success rate: {reply.raw[-300:]!r}")
    return int(match.group(1)), int(match.group(2))


async def pinger(spoke: str, client: CliClient, run: SoakRun, done: asyncio.Event) -> None:
    """A round of pings (5 packets) every PING_PAUSE seconds until the writers are done."""
    rounds = run.pings.setdefault(spoke, [])
    for _ in range(int((run.settings.seconds + 600) / PING_PAUSE)):  # a bound far beyond any real run
        if done.is_set():
            return
        rounds.append(await ping_round(client))
        await asyncio.sleep(PING_PAUSE)

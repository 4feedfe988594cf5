"""`ping` with IOS output, streamed one `!`/`.` per probe."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from ipaddress import IPv4Address

from .node import DataPlane
from .packet import ICMP, ICMP_ECHO_REQUEST, IcmpEcho, Packet

ICMP_OVERHEAD = 28  # IPv4 header + ICMP echo header


@dataclass
class PingOptions:
    target: IPv4Address
    source: IPv4Address | None = None
    source_given: bool = False
    repeat: int = 5
    size: int = 100
    timeout: float = 2.0


async def run_ping(plane: DataPlane, opts: PingOptions) -> AsyncIterator[str]:
    yield "Type escape sequence to abort.\n"
    yield f"Sending {opts.repeat}, {opts.size}-byte ICMP Echos to {opts.target}, timeout is {opts.timeout:g} seconds:\n"
    source = opts.source or plane.source_for(opts.target)
    if opts.source_given:
        yield f"Packet sent with a source address of {source} \n"
    ident = plane.next_ident()
    loop = asyncio.get_running_loop()
    rtts: list[float] = []
    for seq in range(opts.repeat):
        sent_at = loop.time()
        if source is None:
            await asyncio.sleep(opts.timeout)
            yield "."
            continue
        waiter = plane.expect_echo(ident, seq)
        data = bytes(i & 0xFF for i in range(max(0, opts.size - ICMP_OVERHEAD)))
        echo = IcmpEcho(ICMP_ECHO_REQUEST, ident, seq, data)
        plane.send(Packet(source, opts.target, ICMP, echo.encode(), ident=plane.next_ident()))
        try:
            received = await asyncio.wait_for(waiter, opts.timeout)
        except TimeoutError:
            plane.forget_echo(ident, seq)
            yield "."
            continue
        rtts.append((received - sent_at) * 1000)
        yield "!"
    ok = len(rtts)
    percent = ok * 100 // opts.repeat if opts.repeat else 0
    summary = f"\nSuccess rate is {percent} percent ({ok}/{opts.repeat})"
    if rtts:
        summary += f", round-trip min/avg/max = {int(min(rtts))}/{int(sum(rtts) / ok)}/{int(max(rtts))} ms"
    yield summary + "\n"

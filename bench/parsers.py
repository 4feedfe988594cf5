"""Figure 4: parser throughput (MB/s) on identical large outputs: ours, Genie, ntc-templates, splitlines().

The outputs come from a real router: a hub with two live tunnels (in this process) prints each command,
and its first per-tunnel block is replicated N times with each copy's own peer, LAN, SPIs and ids
(`synthesise`). The same is measured on the public captures of these commands scaled to N tunnels
(`parsers_real`). `str.splitlines()` over the same text is the floor no line-oriented parser can beat.
Goals (issue #18): ours >= 30 MB/s and >= 10x Genie on each output, and within 8x of the floor.
Times are CPU time of this process (`time.process_time`), best of `repeats`: on a shared machine wall time
also counts the waits for a core; the 1-minute load average is kept with each row.
"""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import parse
from common import Row, best_of
from facts import ParserDevice
from parsers_real import REAL_COMMANDS, captures, scale

from refrouter.cli.session import CliSession
from refrouter.lab.labfile import load_lab
from refrouter.lab.ports import free_ports
from refrouter.lab.runtime import LabRuntime
from refrouter.lab.topologies import HUB_LAN, hub_and_spoke, spoke_lan, spoke_transport

SPI = re.compile(r"0x([0-9A-F]{8})\((\d+)\)")
GOAL_MB_S = 30.0
GOAL_VS_GENIE = 10.0
GOAL_VS_FLOOR = 1 / 8
GENIE_CLASSES = {
    "show crypto session detail": "ShowCryptoSessionDetail",
    "show crypto ipsec sa detail": "ShowCryptoIpsecSaDetail",
    "show crypto mib ipsec flowmib tunnel": "ShowCryptoMibIpsecFlowmibTunnel",
    "show crypto isakmp sa": "ShowCryptoIsakmpSa",
}
NTC_COMMANDS = frozenset({"show crypto session detail", "show crypto ipsec sa detail"})


@dataclass(frozen=True)
class Command:
    text: str
    block_start: str  # regex: a line that starts one tunnel's block
    ids: tuple[tuple[str, int], ...]  # (regex whose group 1 is a per-tunnel number, how much it grows per tunnel)


COMMANDS = (
    Command("show crypto session detail", "Interface: ", ((r"connid:(\d+)", 1),)),
    Command("show crypto ipsec sa detail", "   protected vrf:", ((r"conn id: (\d+)", 2), (r"flow_id: CSR:(\d+)", 2))),
    Command("show crypto mib ipsec flowmib tunnel", "  Index:", ((r"Index:\s+(\d+)", 1),)),
    Command("show crypto isakmp sa", r"\S+\s+\S+\s+[A-Z][A-Z0-9_]*\s+\d+\s", ((r"(\d+) ACTIVE", 1),)),
)


def capture() -> dict[str, str]:
    """Each command's output on a hub whose two spokes have brought their tunnels up."""
    data = hub_and_spoke(2)
    for spec, port in zip(data["routers"].values(), free_ports(3), strict=True):
        spec["ssh_port"] = port

    async def scenario(workdir: Path) -> dict[str, str]:
        (workdir / "lab.yml").write_text(yaml.safe_dump(data))
        runtime = LabRuntime(load_lab(workdir / "lab.yml", workdir / "state"))
        await runtime.start()
        try:
            for name in ("Spoke1", "Spoke2"):
                await _run(runtime.routers[name].router, f"ping {HUB_LAN} source Loopback0 repeat 3 timeout 2")
            hub = runtime.routers["Hub"].router
            return {command.text: await _run(hub, command.text) for command in COMMANDS}
        finally:
            await runtime.stop()

    with tempfile.TemporaryDirectory(prefix="bench-parsers-") as workdir:
        return asyncio.run(scenario(Path(workdir)))


async def _run(router: Any, line: str) -> str:
    output = CliSession(router, privilege=15).execute(line)
    return output if isinstance(output, str) else "".join([chunk async for chunk in output])


def synthesise(command: Command, text: str, tunnels: int) -> str:
    """The output for `tunnels` tunnels: the header, then block 1 re-addressed for spokes 1..tunnels."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if re.match(command.block_start, line)]
    if len(starts) < 2:
        raise RuntimeError(f"{command.text}: expected two tunnel blocks in:\n{text}")
    header, template = "".join(lines[: starts[0]]), "".join(lines[starts[0]: starts[1]])
    return header + "".join(_block(command, template, index) for index in range(1, tunnels + 1))


def _block(command: Command, template: str, index: int) -> str:
    text = re.sub(rf"\b{re.escape(spoke_transport(1))}\b", spoke_transport(index), template)
    text = re.sub(rf"\b{re.escape(spoke_lan(1))}\b", spoke_lan(index), text)
    for pattern, step in command.ids:
        text = re.sub(pattern, lambda m, s=step: m.group(0).replace(m.group(1), str(int(m.group(1)) + s * (index - 1))),
                      text)

    def spi(match: re.Match[str]) -> str:
        value = (int(match.group(1), 16) ^ (index * 0x9E3779B1)) & 0xFFFFFFFF
        return f"0x{value:08X}({value})"

    return SPI.sub(spi, text)


def parsers_for(command: str) -> dict[str, Callable[[str], Any]]:
    from genie.libs.parser.iosxe import show_crypto
    from ntc_templates.parse import parse_output

    found: dict[str, Callable[[str], Any]] = {"ours": lambda text: _ours(command, text)}
    if command in GENIE_CLASSES:
        genie_class = getattr(show_crypto, GENIE_CLASSES[command])
        found["Genie"] = lambda text: genie_class(device=ParserDevice()).parse(output=text)
    if command in NTC_COMMANDS:
        found["ntc-templates"] = lambda text: parse_output(platform="cisco_ios", command=command, data=text)
    found["splitlines()"] = str.splitlines
    return found


def _ours(command: str, text: str) -> Any:
    result = parse(command, text)
    if not result.data or not any(result.data.values()):
        raise RuntimeError(f"{command}: nothing parsed")
    return result


def run(tunnels: int, repeats: int) -> list[Row]:
    """Rows for the router's outputs and for every public capture, each scaled to `tunnels` tunnels."""
    captured = capture()
    rows = []
    for command in COMMANDS:
        text = synthesise(command, captured[command.text], tunnels)
        rows += measure(f"4 parse {tunnels} tunnels", command.text, command.text, text, repeats)
    for real in REAL_COMMANDS:
        for path in captures(real):
            text, blocks = scale(real, path.read_text(), tunnels)
            label = f"{real.text} [{path.parent.name}/{path.stem}, {blocks} blocks]"
            rows += measure(f"4 real captures x{tunnels}", real.text, label, text, repeats)
    return rows


def measure(figure: str, command: str, label: str, text: str, repeats: int) -> list[Row]:
    """Ours against each peer on `text`, with the goals of issue #18 and the load average of the run."""
    megabytes = len(text.encode()) / 1e6
    speed: dict[str, float] = {}
    failures: dict[str, str] = {}
    for name, parser in parsers_for(command).items():
        try:
            speed[name] = megabytes / best_of(repeats, lambda p=parser, t=text: p(t), clock=time.process_time)
        except Exception as exc:  # a peer that cannot read the output is a finding
            failures[name] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    if "ours" not in speed:
        raise RuntimeError(f"our parser failed on {label}: {failures['ours']}")
    ours = speed["ours"]
    metric = f"{label} ({megabytes:.1f} MB)"
    extra = {"load_1min": round(os.getloadavg()[0], 2)}
    rows = []
    for peer in ("Genie", "ntc-templates", "splitlines()"):
        goal, met = _goal(peer, ours, speed.get(peer))
        if peer in speed:
            rows.append(Row(figure, metric, ours, speed[peer], "MB/s", peer, goal=goal, met=met, extra=extra))
        elif peer in failures:
            rows.append(Row(figure, metric, ours, None, "MB/s", peer, note=f"failed: {failures[peer]}",
                            goal=goal, met=met, extra=extra))
    return rows


def _goal(peer: str, ours: float, theirs: float | None) -> tuple[str, bool | None]:
    if peer == "Genie":
        # A Genie that fails on the output does not excuse a slow parser: the absolute goal still counts.
        ratio_met = theirs is None or ours >= GOAL_VS_GENIE * theirs
        return f">= {GOAL_MB_S:.0f} MB/s and >= {GOAL_VS_GENIE:.0f}x", ours >= GOAL_MB_S and ratio_met
    if peer == "splitlines()":
        return f">= {GOAL_VS_FLOOR:.3f}x (within 8x)", theirs is not None and ours >= GOAL_VS_FLOOR * theirs
    return "", None

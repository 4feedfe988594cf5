"""Figure 4 on real captures: each public capture of the benchmarked commands, scaled to N tunnels.

The captures are read from `../shared/reference/samples/` (next to the repository, or $IPSECUX_SHARED as
for the tests; never copied into it).
A capture's per-peer blocks (from the first line that starts a block to the end; for table rows, each row
in its place) are replicated until the output holds N blocks; every copy gets its own IPv4 addresses,
SPIs (hex and the decimal IOS prints next to it) and packet counters, so no two tunnels print the same values.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from common import REPO

SAMPLES = Path(os.environ.get("IPSECUX_SHARED") or REPO.parent / "shared") / "reference" / "samples"

IPV4 = re.compile(r"\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b")
SPI = re.compile(r"\b0x([0-9A-Fa-f]{8})\b(?:\((\d+)\))?")
COUNTER = re.compile(r"(#pkts [^:\d#,]*?:? ?)(\d+)")


@dataclass(frozen=True)
class RealCommand:
    text: str
    block_start: re.Pattern[str]  # a line that starts one peer's block
    one_line_blocks: bool = False  # a block is its start line (table rows): each is replicated in place


REAL_COMMANDS = (
    RealCommand("show crypto session detail", re.compile(r"Interface: ")),
    RealCommand("show crypto ipsec sa detail", re.compile(r"\s*protected vrf:")),
    RealCommand("show crypto mib ipsec flowmib tunnel", re.compile(r"\s*Index:")),
    RealCommand("show crypto isakmp sa", re.compile(r"\S+\s+\S+\s+[A-Z][A-Z0-9_]*\s+\d+\s"), one_line_blocks=True),
)


def captures(command: RealCommand) -> list[Path]:
    """The capture files of `command` under SAMPLES (empty when ../shared is absent)."""
    name = command.text.replace(" ", "_")
    return sorted(SAMPLES.glob(f"*/{name}__*.txt"))


def scale(command: RealCommand, text: str, tunnels: int) -> tuple[str, int]:
    """(`text` with its peer blocks replicated to at least `tunnels` blocks, the number of blocks)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    starts = [index for index, line in enumerate(lines) if command.block_start.match(line)]
    if not starts:
        raise ValueError(f"no block of {command.text!r} in the capture")
    copies = -(-tunnels // len(starts))
    if command.one_line_blocks:  # rows stay in their table (e.g. the IPv4 and the IPv6 section)
        rows = set(starts)
        out = [_copy(line, index) for number, line in enumerate(lines)
               for index in (range(copies) if number in rows else (0,))]
        return "".join(out), copies * len(starts)
    header, region = "".join(lines[: starts[0]]), "".join(lines[starts[0] :])
    return header + "".join(_copy(region, index) for index in range(copies)), copies * len(starts)


def _copy(region: str, index: int) -> str:
    if index == 0:
        return region

    def address(match: re.Match[str]) -> str:
        a, b, c, d = (int(part) for part in match.groups())
        return f"{a}.{(b + index // 256) % 256}.{(c + index) % 256}.{d}"

    def spi(match: re.Match[str]) -> str:
        value = (int(match.group(1), 16) ^ (index * 0x9E3779B1)) & 0xFFFFFFFF
        return f"0x{value:08X}" + (f"({value})" if match.group(2) is not None else "")

    def counter(match: re.Match[str]) -> str:
        return f"{match.group(1)}{int(match.group(2)) + index}"

    return COUNTER.sub(counter, SPI.sub(spi, IPV4.sub(address, region)))

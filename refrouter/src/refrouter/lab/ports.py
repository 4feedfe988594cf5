"""Free TCP ports on 127.0.0.1, for generated labs (tests, benchmarks, scratch labs)."""

from __future__ import annotations

import os
import random
import socket
from pathlib import Path

EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
# Fixed ports in lab files people copy (docs, molecule scenarios, the example role) stay below this one, so a
# generated lab in a parallel test worker never takes a port such a lab needs.
LOWEST = 20000


def _ephemeral_low() -> int:
    try:
        return int(EPHEMERAL_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


# `LOW-HIGH`: generated labs of this process (and its children) take ports from that range only. Parallel test
# workers each get their own range, so a port found free by one is never bound by another in between.
RANGE_VARIABLE = "REFROUTER_PORT_RANGE"


def port_range() -> tuple[int, int]:
    """[low, high) to choose from: the range in REFROUTER_PORT_RANGE, else LOWEST up to the ephemeral range."""
    configured = os.environ.get(RANGE_VARIABLE, "")
    low_text, _, high_text = configured.partition("-")
    if low_text.isdigit() and high_text.isdigit() and int(low_text) < int(high_text):
        return int(low_text), int(high_text)
    return LOWEST, _ephemeral_low()


def free_ports(count: int, host: str = "127.0.0.1") -> list[int]:
    """`count` distinct ports that are free now, chosen below the kernel's ephemeral range: ports taken from
    that range can be grabbed by other programs' outgoing connections before a lab binds them."""
    lowest, low = port_range()
    start = random.randrange(lowest, max(lowest + 1, low - 2 * count - 1000))
    ports: list[int] = []
    for port in range(start, low):
        with socket.socket() as sock:
            try:
                sock.bind((host, port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    raise RuntimeError(f"fewer than {count} free ports between {start} and {low}")

"""Free TCP ports on 127.0.0.1, for generated labs (tests, benchmarks, scratch labs)."""

from __future__ import annotations

import socket


def free_ports(count: int, host: str = "127.0.0.1") -> list[int]:
    """`count` distinct ports that were free a moment ago (all bound at once, so none repeats)."""
    sockets = [socket.socket() for _index in range(count)]
    try:
        for sock in sockets:
            sock.bind((host, 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()

"""`refrouter lab capture`: a pcap of one lab interface, taken from outside the running lab.

The runtime records which UDP port on 127.0.0.1 carries each linked interface (`links.json` in the
state directory). The capture reads the loopback device with a packet socket (root only), keeps the lab
frames sent from or to that port, and writes the IPv4 packet inside each frame (link type RAW): exactly
what the interface puts on its wire. It stops after `seconds` or on SIGINT/SIGTERM; every record is
flushed as written, so the file is complete whenever it stops.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import struct
import time
from pathlib import Path
from types import FrameType

from ..dataplane.links import HEADER, MAGIC
from ..dataplane.pcap import PcapWriter
from ..state.persistence import private_dir, write_private
from .labfile import Lab, LabError

ETH_P_IP = 0x0800
ETHERNET_HEADER = 14


def links_file(lab: Lab) -> Path:
    return lab.state_dir / "links.json"


def write_links(lab: Lab, ports: dict[str, int]) -> None:
    """Called by the runtime once its link ports are open: `{"R1:GigabitEthernet1": udp_port}`."""
    private_dir(lab.state_dir)
    write_private(links_file(lab), json.dumps(ports, indent=1, sort_keys=True))


def forget_links(lab: Lab) -> None:
    """Called by the runtime when it stops: a capture must not wait on ports nobody owns any more."""
    links_file(lab).unlink(missing_ok=True)


def link_port(lab: Lab, endpoint: str) -> int:
    from ..state.interfaces import canonical_interface

    router, _, interface = endpoint.partition(":")
    name = canonical_interface(interface) if interface else None
    if router not in lab.routers or name is None:
        raise LabError(f"capture {endpoint!r}: expected ROUTER:INTERFACE of this lab")
    try:
        ports = json.loads(links_file(lab).read_text())
    except (OSError, ValueError):
        raise LabError("capture: the lab is not running (no links.json in its state directory)") from None
    key = f"{router}:{name}"
    if key not in ports:
        raise LabError(f"capture {endpoint!r}: {key} is not linked in this lab")
    return int(ports[key])


def frame_packet(data: bytes, port: int) -> tuple[bytes, bool] | None:
    """(IPv4 packet, sent by the interface) of a loopback frame from/to `port`; None for anything else.

    A packet socket bound to ETH_P_IP on `lo` sees each datagram once, as PACKET_HOST."""
    ip = data[ETHERNET_HEADER:]
    if len(ip) < 28 or ip[0] >> 4 != 4 or ip[9] != socket.IPPROTO_UDP:
        return None
    udp = ip[(ip[0] & 0x0F) * 4:]
    sport, dport = struct.unpack_from("!HH", udp)
    payload = udp[8:]
    if port not in (sport, dport) or len(payload) < HEADER.size or payload[:4] != MAGIC:
        return None
    return payload[HEADER.size:], sport == port


def capture(lab: Lab, endpoint: str, output: Path, seconds: float | None) -> int:
    port = link_port(lab, endpoint)
    if os.geteuid() != 0:
        raise LabError("capture: reading the loopback device needs root")
    stop = []

    def interrupted(_signum: int, _frame: FrameType | None) -> None:
        stop.append(True)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, interrupted)
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_IP))
    sock.bind(("lo", 0))
    writer = PcapWriter(output)
    deadline = time.monotonic() + seconds if seconds is not None else None
    last_sent = b""
    try:
        while not stop and (deadline is None or time.monotonic() < deadline):
            ready, _, _ = select.select([sock], [], [], 0.2)
            if not ready:
                continue
            found = frame_packet(sock.recv(65535), port)
            if found is None:
                continue
            packet, sent = found
            if sent and packet == last_sent:
                continue  # a frame flooded to several segment members is one packet on the wire
            last_sent = packet if sent else last_sent
            writer.write(packet)
    finally:
        writer.close()
        sock.close()
    return 0

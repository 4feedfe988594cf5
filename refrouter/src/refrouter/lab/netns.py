"""Lab links that end in a Linux network namespace: a TUN device there stands for a neighbour on the wire.

`{a: "R1:GigabitEthernet1", b: {netns: swan, interface: ext0, address: 198.51.100.2/24}}` makes `lab up`
(root only) create the namespace if it is missing, a TUN device `ext0` in it with that address, and a
segment member that forwards packets between the device and R1's segment. A packet the namespace sends
goes to its destination as next hop: R1 takes the ones for its own addresses and, by proxy ARP, the ones
it routes. The runtime removes the namespaces it created when it stops; `lab down` removes them if the
runtime could not (`netns.json` in the state directory lists them).
"""

from __future__ import annotations

import asyncio
import ctypes
import fcntl
import hashlib
import ipaddress
import json
import logging
import os
import struct
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..dataplane.links import LinkPort
from ..state.persistence import private_dir, write_private

log = logging.getLogger(__name__)

CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454CA
IFF_TUN, IFF_NO_PI = 0x0001, 0x1000
NETNS_DIR = Path("/run/netns")
MTU = 1500


class NetnsError(Exception):
    pass


@dataclass(frozen=True)
class NetnsSpec:
    netns: str
    interface: str
    address: ipaddress.IPv4Interface

    @property
    def endpoint(self) -> tuple[str, str]:
        """The (router, interface) pair this end takes in the lab's segments."""
        return f"netns:{self.netns}", self.interface

    @property
    def mac(self) -> bytes:
        """The MAC the routers learn for this end (a TUN device has none): stable, locally administered."""
        return bytes((0x52, 0x54, 0x00)) + hashlib.sha256(f"netns:{self.netns}/{self.interface}".encode()).digest()[:3]


def _ip(*args: str) -> None:
    result = subprocess.run(["ip", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise NetnsError(f"ip {' '.join(args)}: {result.stderr.strip()}")


def _open_tun_in(netns: str, interface: str) -> int:
    """Open a TUN device inside `netns` (this thread enters it for the ioctl only)."""
    libc = ctypes.CDLL(None, use_errno=True)
    own = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    target = os.open(NETNS_DIR / netns, os.O_RDONLY)
    try:
        if libc.setns(target, CLONE_NEWNET) != 0:
            raise NetnsError(f"setns {netns}: {os.strerror(ctypes.get_errno())}")
        try:
            fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
            fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH22x", interface.encode(), IFF_TUN | IFF_NO_PI))
        finally:
            if libc.setns(own, CLONE_NEWNET) != 0:
                raise NetnsError(f"setns back: {os.strerror(ctypes.get_errno())}")
    finally:
        os.close(own)
        os.close(target)
    return fd


@dataclass
class NetnsLink:
    """One namespace end: its TUN descriptor and the segment member that carries its packets."""

    spec: NetnsSpec
    port: LinkPort
    fd: int = -1
    created_netns: bool = False
    packets_in: int = 0
    packets_out: int = 0
    _loop: asyncio.AbstractEventLoop | None = field(default=None, repr=False)

    def open(self) -> None:
        if os.geteuid() != 0:
            raise NetnsError(f"netns link {self.spec.netns}: creating namespaces and TUN devices needs root")
        if not (NETNS_DIR / self.spec.netns).exists():
            _ip("netns", "add", self.spec.netns)
            self.created_netns = True
        self.fd = _open_tun_in(self.spec.netns, self.spec.interface)
        name = self.spec.netns
        _ip("-n", name, "addr", "add", str(self.spec.address), "dev", self.spec.interface)
        _ip("-n", name, "link", "set", self.spec.interface, "mtu", str(MTU), "up")
        _ip("-n", name, "link", "set", "lo", "up")
        self.port.local_address = lambda: self.spec.address.ip
        self.port.local_mac = self.spec.mac
        self.port.on_frame = self._to_namespace
        self._loop = asyncio.get_running_loop()
        self._loop.add_reader(self.fd, self._from_namespace)

    def _to_namespace(self, _sender: ipaddress.IPv4Address, _mac: bytes, packet: bytes) -> None:
        try:
            os.write(self.fd, packet)
            self.packets_out += 1
        except OSError as exc:
            log.debug("netns %s: %s", self.spec.netns, exc)

    def _from_namespace(self) -> None:
        for _ in range(64):  # bounded per wake-up
            try:
                packet = os.read(self.fd, 65535)
            except (BlockingIOError, OSError):
                return
            if len(packet) >= 20 and packet[0] >> 4 == 4:
                self.packets_in += 1
                self.port.send(ipaddress.IPv4Address(packet[16:20]), packet)

    def close(self) -> None:
        if self._loop is not None and self.fd >= 0:
            self._loop.remove_reader(self.fd)
        if self.fd >= 0:
            os.close(self.fd)  # the TUN device goes with its last descriptor
            self.fd = -1
        if self.created_netns:
            remove_netns(self.spec.netns)
            self.created_netns = False


def remove_netns(name: str) -> None:
    try:
        _ip("netns", "delete", name)
    except NetnsError as exc:
        log.warning("%s", exc)


def record_created(state_dir: Path, names: list[str]) -> None:
    write_private(private_dir(state_dir) / "netns.json", json.dumps(names))


def remove_recorded(state_dir: Path) -> None:
    """`lab down`: remove the namespaces a runtime created and could not remove itself."""
    path = state_dir / "netns.json"
    try:
        names = json.loads(path.read_text())
    except (OSError, ValueError):
        return
    for name in names:
        if (NETNS_DIR / name).exists():
            remove_netns(name)
    path.unlink(missing_ok=True)

"""Datagrams as a classic libpcap file of Ethernet/IPv4/UDP frames (for tshark)."""

from __future__ import annotations

import ipaddress
import struct
from pathlib import Path

from refrouter.ike.v2.datagram import Datagram

LINKTYPE_ETHERNET = 1
MACS = {0: bytes.fromhex("020000000001"), 1: bytes.fromhex("020000000002")}


def _checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def frame(datagram: Datagram, ident: int) -> bytes:
    src, dst = ipaddress.IPv4Address(datagram.src).packed, ipaddress.IPv4Address(datagram.dst).packed
    udp_length = 8 + len(datagram.data)
    pseudo = src + dst + struct.pack("!BBH", 0, 17, udp_length)
    udp = struct.pack("!HHHH", datagram.src_port, datagram.dst_port, udp_length, 0) + datagram.data
    udp = udp[:6] + struct.pack("!H", _checksum(pseudo + udp) or 0xFFFF) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_length, ident & 0xFFFF, 0, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", _checksum(ip)) + ip[12:]
    macs = (MACS[1], MACS[0]) if datagram.src < datagram.dst else (MACS[0], MACS[1])
    return macs[0] + macs[1] + b"\x08\x00" + ip + udp


def write(path: Path, datagrams: list[Datagram]) -> None:
    out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, LINKTYPE_ETHERNET)]
    for index, datagram in enumerate(datagrams):
        data = frame(datagram, index + 1)
        out.append(struct.pack("<IIII", index + 1, 0, len(data), len(data)) + data)
    path.write_bytes(b"".join(out))

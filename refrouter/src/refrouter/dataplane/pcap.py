"""pcap files (the classic libpcap format) of the IPv4 packets a lab interface sends and receives.

Link type 101 (LINKTYPE_RAW): each record is one IPv4 packet, exactly the bytes the routers exchange.
Every record is flushed as it is written, so a capture that is stopped at any moment is a complete file.
"""

from __future__ import annotations

import struct
import time
from pathlib import Path
from typing import BinaryIO

MAGIC = 0xA1B2C3D4
LINKTYPE_RAW = 101
SNAPLEN = 65535
FILE_HEADER = struct.Struct("<IHHiIII")
RECORD_HEADER = struct.Struct("<IIII")


class PcapWriter:
    def __init__(self, path: Path) -> None:
        self._file: BinaryIO | None = path.open("wb")
        self._file.write(FILE_HEADER.pack(MAGIC, 2, 4, 0, 0, SNAPLEN, LINKTYPE_RAW))
        self._file.flush()
        self.packets = 0

    def write(self, packet: bytes, timestamp: float | None = None) -> None:
        if self._file is None:
            return
        stamp = time.time() if timestamp is None else timestamp
        seconds, micros = int(stamp), int((stamp % 1) * 1_000_000)
        data = packet[:SNAPLEN]
        self._file.write(RECORD_HEADER.pack(seconds, micros, len(data), len(packet)) + data)
        self._file.flush()
        self.packets += 1

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

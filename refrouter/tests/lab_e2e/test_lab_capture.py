"""`refrouter lab capture` pieces that need no root: errors, frame filtering, the pcap format."""

from __future__ import annotations

import struct
from ipaddress import IPv4Address
from pathlib import Path

import pytest
import yaml

from refrouter.dataplane.links import HEADER, MAGIC
from refrouter.dataplane.packet import UDP, Packet, Udp
from refrouter.dataplane.pcap import LINKTYPE_RAW, PcapWriter
from refrouter.lab.capture import frame_packet, link_port, write_links
from refrouter.lab.labfile import LabError, load_lab
from refrouter.main import main

INNER = Packet(IPv4Address("192.0.2.1"), IPv4Address("192.0.2.2"), UDP, Udp(500, 500, b"ike").encode()).encode()


def _lab(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "lab.yml"
    path.write_text(yaml.safe_dump({"routers": {"R1": {"ssh_port": 2201}, "R2": {"ssh_port": 2202}},
                                    "links": [{"a": "R1:Gi1", "b": "R2:Gi1"}]}))
    return load_lab(path, tmp_path / "state")


def _loopback_frame(sport: int, dport: int, payload: bytes) -> bytes:
    udp = Udp(sport, dport, payload).encode()
    ip = Packet(IPv4Address("127.0.0.1"), IPv4Address("127.0.0.1"), UDP, udp).encode()
    return bytes(14) + ip  # lo's fake Ethernet header


def test_not_running_and_unknown_interfaces_are_clear_errors(tmp_path: Path) -> None:
    lab = _lab(tmp_path)
    with pytest.raises(LabError, match="not running"):
        link_port(lab, "R1:Gi1")
    write_links(lab, {"R1:GigabitEthernet1": 40001})
    assert (lab.state_dir / "links.json").stat().st_mode & 0o777 == 0o600
    assert link_port(lab, "R1:Gi1") == 40001
    with pytest.raises(LabError, match="not linked"):
        link_port(lab, "R1:Gi2")
    with pytest.raises(LabError, match="ROUTER:INTERFACE"):
        link_port(lab, "R9:Gi1")


def test_usage_error_without_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lab = _lab(tmp_path)
    with pytest.raises(SystemExit) as exited:
        main(["lab", "capture", str(lab.path), "R1:Gi1", "--state-dir", str(tmp_path / "state")])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "usage: refrouter lab capture" in err
    assert "FILE.pcap" in err


def test_frames_of_the_port_yield_the_ip_packet_and_direction() -> None:
    frame = HEADER.pack(MAGIC, bytes([192, 0, 2, 2]), bytes([192, 0, 2, 1]), bytes.fromhex("525400aabbcc")) + INNER
    assert frame_packet(_loopback_frame(40001, 40002, frame), 40001) == (INNER, True)
    assert frame_packet(_loopback_frame(40002, 40001, frame), 40001) == (INNER, False)
    assert frame_packet(_loopback_frame(40002, 40003, frame), 40001) is None  # another interface
    announce = HEADER.pack(b"RRLA", bytes(4), bytes([192, 0, 2, 1]), bytes.fromhex("525400aabbcc"))
    assert frame_packet(_loopback_frame(40002, 40001, announce), 40001) is None  # not a packet


def test_pcap_file_is_raw_ip_and_complete_after_each_record(tmp_path: Path) -> None:
    path = tmp_path / "x.pcap"
    writer = PcapWriter(path)
    writer.write(INNER, timestamp=1.5)
    data = path.read_bytes()  # before close: already flushed
    magic, major, minor, _, _, _, linktype = struct.unpack_from("<IHHiIII", data)
    assert (magic, major, minor, linktype) == (0xA1B2C3D4, 2, 4, LINKTYPE_RAW)
    assert struct.unpack_from("<IIII", data, 24) == (1, 500000, len(INNER), len(INNER))
    assert data[40:] == INNER
    writer.close()

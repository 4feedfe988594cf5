"""`make demo` (scripts/demo.py) end to end, on a copy of labs/two_site.yml moved to free ports."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rolelab import REPO, require_tools, tool_env

from refrouter.lab.ports import free_ports

DEMO = REPO / "scripts" / "demo.py"
DEMO_PSK = re.search(r'^PSK = "(.+)"$', DEMO.read_text(), re.MULTILINE).group(1)  # type: ignore[union-attr]

pytestmark = pytest.mark.timeout(600)


def moved_lab(directory: Path) -> tuple[Path, list[int]]:
    lab = yaml.safe_load((REPO / "labs" / "two_site.yml").read_text())
    routers = lab["routers"].values()
    ports = iter(free_ports(sum(1 + ("netconf_port" in spec) for spec in routers)))
    for spec in routers:
        for key in ("ssh_port", "netconf_port"):
            if key in spec:
                spec[key] = next(ports)
    path = directory / "two_site.yml"
    path.write_text(yaml.safe_dump(lab, sort_keys=False))
    return path, [spec["ssh_port"] for spec in routers]


def test_demo_configures_checks_reports_and_stops_the_lab(tmp_path: Path) -> None:
    require_tools()
    lab, ssh_ports = moved_lab(tmp_path)
    done = subprocess.run(
        [sys.executable, str(DEMO), "--lab", str(lab)],
        cwd=REPO,
        env=tool_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=540,
        check=False,
    )
    output = done.stdout
    assert done.returncode == 0, output[-6000:]
    assert "psk: !vault |" in output and DEMO_PSK not in output
    assert "seed    up  " in output  # the role's report: the tunnel came up
    assert "Success rate is 100 percent (5/5)" in output  # PagentA -> PagentB through the tunnel
    table = output.split("=== The tunnel in ipsec_facts", 1)[1].split("===", 1)[0]
    assert "policy in use" in table
    for router, tunnel in (
        ("RouterA", "209.165.200.228 -> 209.165.200.226"),
        ("RouterB", "209.165.200.226 -> 209.165.200.228"),
    ):
        row = next(line for line in table.splitlines() if line.startswith(router))
        assert tunnel in row and "(aes/sha/psk/group 5)" in row
    report = output.split("=== Hardening report", 1)[1]
    assert "avoid   default isakmp policy 65509 (in use: no own ISAKMP policy): md5 (avoid" in report
    assert "changed=0" in report
    assert "=== Lab stopped" in output
    for port in ssh_ports:
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open after the demo"

"""`refrouter serve --link`: one router per process, links to peers named by host name, as in containers."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from podmanlab import PASSWORD, REFROUTER, USERNAME, free_ports, ssh_exec

from refrouter.lab.labfile import LabError
from refrouter.lab.podman_backend import ssh_answers
from refrouter.lab.wiring import LinkEndpoint, parse_link_endpoint

WAIT_STEPS = 120  # x 0.25 s


def test_link_option_round_trips() -> None:
    text = "GigabitEthernet1:4001=hub:4001,spoke-2:4002"
    endpoint = parse_link_endpoint(text)
    assert endpoint == LinkEndpoint("GigabitEthernet1", 4001, (("hub", 4001), ("spoke-2", 4002)))
    assert str(endpoint) == text
    assert parse_link_endpoint("gi2:4002=") == LinkEndpoint("GigabitEthernet2", 4002, ())


@pytest.mark.parametrize("text", ["GigabitEthernet1=hub:4001", "Gi1:70000=hub:4001", "Gi1:4001=hub",
                                  "Serial0:4001=hub:4001", "Gi1:4001=hub:0"])
def test_malformed_link_options_are_refused(text: str) -> None:
    with pytest.raises(LabError):
        parse_link_endpoint(text)


@pytest.fixture
def two_processes(tmp_path: Path) -> Iterator[dict[str, int]]:
    """RouterA and RouterB as two `refrouter serve` processes; peers named `localhost`, the way containers are."""
    ssh_a, ssh_b, link_a, link_b = free_ports(4)
    configs = {"RouterA": ("192.0.2.1", ssh_a, link_a, link_b), "RouterB": ("192.0.2.2", ssh_b, link_b, link_a)}
    processes = []
    for name, (address, ssh, link, peer) in configs.items():
        seed = tmp_path / f"{name}.cfg"
        seed.write_text(f"hostname {name}\ninterface GigabitEthernet1\n ip address {address} 255.255.255.0\n"
                        " no shutdown\n", encoding="utf-8")
        command = [str(REFROUTER), "serve", "--hostname", name, "--ssh-port", str(ssh), "--state-dir",
                   str(tmp_path / name), "--startup-config", str(seed), "--username", USERNAME, "--password",
                   PASSWORD, "--link", f"GigabitEthernet1:{link}=localhost:{peer}"]
        processes.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    try:
        for _ in range(WAIT_STEPS):
            if ssh_answers(ssh_a) and ssh_answers(ssh_b):
                break
            time.sleep(0.25)
        yield {"RouterA": ssh_a, "RouterB": ssh_b}
    finally:
        for process in processes:
            process.terminate()
            process.wait(30)


def test_two_serve_processes_ping_over_their_link(two_processes: dict[str, int]) -> None:
    out = asyncio.run(ssh_exec(two_processes["RouterA"], "ping 192.0.2.2 repeat 5 timeout 5"))
    assert "Success rate is 100 percent (5/5)" in out, out

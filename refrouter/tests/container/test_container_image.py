"""The reference router image, built from this tree: what it runs, as whom, and how it reports health."""

from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from podmanlab import free_ports, podman

from refrouter.lab.podman_backend import resource_flags, ssh_answers

pytestmark = pytest.mark.timeout(900)  # the first test here may build the image (and its base)

PORT_SYSCTL = "net.ipv4.ip_unprivileged_port_start=0"
WAIT_STEPS = 120  # x 0.5 s
NAMES = (f"rrtest-{os.getpid()}-{n}" for n in itertools.count())
PACKAGE_DIGESTS = (
    "import hashlib, json, pathlib, refrouter; p = pathlib.Path(refrouter.__file__).parent; "
    "print(json.dumps({str(f.relative_to(p)): hashlib.sha256(f.read_bytes()).hexdigest() "
    "for f in sorted(p.rglob('*.py'))}))"
)


@pytest.fixture
def containers() -> Iterator[list[str]]:
    """Names of containers a test starts; removed afterwards."""
    names: list[str] = []
    yield names
    if names:
        podman("rm", "-f", "-i", "-t", "2", *names, check=False)


def start(names: list[str], image: str, *flags: str, command: tuple[str, ...] = ()) -> str:
    name = next(NAMES)
    names.append(name)
    podman("run", "-d", "--name", name, *resource_flags(), *flags, image, *command)
    return name


def wait_for_ssh(port: int) -> None:
    for _ in range(WAIT_STEPS):
        if ssh_answers(port):
            return
        time.sleep(0.5)
    raise AssertionError(f"nothing answered SSH on 127.0.0.1:{port}")


def test_image_carries_this_trees_refrouter(built_image: tuple[str, dict[str, str]]) -> None:
    image, tree = built_image
    listing = podman("run", "--rm", *resource_flags(), image, "python", "-c", PACKAGE_DIGESTS).stdout
    assert json.loads(listing) == tree


def test_image_runs_unprivileged_with_a_state_volume_and_a_healthcheck(built_image: tuple[str, dict[str, str]]) -> None:
    image = json.loads(podman("image", "inspect", built_image[0]).stdout)[0]
    config = image["Config"]
    assert config["User"] == "10000:10000"
    assert sorted(config["ExposedPorts"]) == ["22/tcp", "830/tcp"]
    assert list(config["Volumes"]) == ["/var/lib/refrouter"]
    assert image["Healthcheck"]["Test"] == [
        "CMD",
        "/opt/refrouter/bin/python",
        "/usr/local/lib/refrouter/healthcheck.py",
    ]
    assert not [entry for entry in config["Env"] if entry.startswith(("REFROUTER_PASSWORD", "REFROUTER_ENABLE"))]


def test_healthcheck_is_healthy_only_while_ssh_answers(built_image: tuple[str, dict[str, str]], containers: list[str],
                                                       tmp_path: Path) -> None:
    image = built_image[0]
    (port,) = free_ports(1)
    router = start(containers, image, "--sysctl", PORT_SYSCTL, "-p", f"127.0.0.1:{port}:22",
                   "-v", f"{tmp_path}:/var/lib/refrouter:U", "-e", "REFROUTER_HOSTNAME=Edge1")
    wait_for_ssh(port)
    assert podman("healthcheck", "run", router, check=False).returncode == 0
    idle = start(containers, image, command=("sleep", "600"))  # the same image, no router running
    result = podman("healthcheck", "run", idle, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "unhealthy" in result.stdout


def test_privileged_port_without_the_sysctl_fails_with_advice(built_image: tuple[str, dict[str, str]]) -> None:
    result = podman("run", "--rm", *resource_flags(), built_image[0], check=False)
    assert result.returncode == 64
    assert "--sysctl net.ipv4.ip_unprivileged_port_start=0" in result.stderr


def test_started_as_root_it_hands_the_state_dir_over_and_drops_privileges(
        built_image: tuple[str, dict[str, str]], containers: list[str], tmp_path: Path) -> None:
    """containerlab's way: `user: 0` and a host directory bound without podman's :U."""
    (port,) = free_ports(1)
    router = start(containers, built_image[0], "--user", "0", "--sysctl", PORT_SYSCTL, "-p", f"127.0.0.1:{port}:22",
                   "-v", f"{tmp_path}:/var/lib/refrouter", "-e", "REFROUTER_HOSTNAME=Edge2")
    wait_for_ssh(port)
    status = podman("exec", router, "cat", "/proc/1/status").stdout
    uid_line = next(line for line in status.splitlines() if line.startswith("Uid:"))
    assert uid_line.split()[1:] == ["10000"] * 4
    owners = {path.name: (path.stat().st_uid, path.stat().st_gid) for path in tmp_path.iterdir()}
    assert owners and set(owners.values()) == {(10000, 10000)}, owners

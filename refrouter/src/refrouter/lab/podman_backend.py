"""`refrouter lab up|down|status|inventory --runtime podman`: one container per router on a lab network.

Every router runs `refrouter serve` in its own container (the image `make image` builds) on a podman network
made for the lab. Links ride the UDP link transport over that network: each linked interface binds
LINK_PORT_BASE+n inside its container and addresses its segment peers by their fixed addresses. SSH and NETCONF
are published on 127.0.0.1 only, on the lab file's ports, so `lab inventory` is the same as in-process.
Each router's state dir (the one the in-process runtime uses) is bind-mounted, so `write memory` survives a
container restart and `lab down`/`lab up`. Podman runs with per-command flags (docs/containers.md).
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable

from ..state.persistence import atomic_write, private_dir
from . import process_backend
from .labfile import Lab, RouterSpec
from .wiring import Endpoint, LinkEndpoint, segments

IMAGE = os.environ.get("REFROUTER_IMAGE", "localhost/refrouter:latest")
LAB_LABEL = "io.ipsecux.refrouter.lab"
CONTAINER_SSH_PORT = 22
CONTAINER_NETCONF_PORT = 830
CONTAINER_STATE_DIR = "/var/lib/refrouter"
SEED_FILE = "seed-config"  # the lab file's startup_config, in the router's state dir (it may hold PSKs)
LINK_PORT_BASE = 4001
START_TIMEOUT = 180.0
COMMAND_TIMEOUT = 300.0
NPROC_CAP = 32768  # podman itself runs with nproc 32768 on the CI VMs; asking more is refused


# ------------------------------------------------------------------ names and plans (also used by containerlab)


def lab_name(lab: Lab) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "-", lab.path.stem)


def network_name(lab: Lab) -> str:
    return f"refrouter-{lab_name(lab)}"


def container_name(lab: Lab, router: str) -> str:
    return f"{lab_name(lab)}-{router}"


def link_endpoints(lab: Lab, host_of: Callable[[str], str]) -> dict[str, list[LinkEndpoint]]:
    """Each router's link endpoints: its linked interfaces get UDP ports LINK_PORT_BASE, +1, ... in link order."""
    groups = segments(lab.links)
    ports: dict[Endpoint, int] = {}
    for router, interface in (member for group in groups for member in group):
        ports[(router, interface)] = LINK_PORT_BASE + sum(r == router for r, _ in ports)
    plan: dict[str, list[LinkEndpoint]] = {name: [] for name in lab.routers}
    for group in groups:
        for member in group:
            peers = tuple(
                (host_of(router), ports[(router, iface)])
                for router, iface in group
                if (router, iface) != member
            )
            plan[member[0]].append(LinkEndpoint(member[1], ports[member], peers))
    return plan


def router_env(lab: Lab, spec: RouterSpec, endpoints: list[LinkEndpoint]) -> dict[str, str]:
    """The container environment for one router, without credentials and startup config."""
    return {
        "REFROUTER_HOSTNAME": spec.name,
        "REFROUTER_VERSION": spec.version,
        "REFROUTER_TIME_SCALE": f"{lab.time_scale:g}",
        "REFROUTER_NETCONF_PORT": str(CONTAINER_NETCONF_PORT) if spec.netconf_port else "",
        "REFROUTER_LINKS": " ".join(str(endpoint) for endpoint in endpoints),
    }


def credential_env(lab: Lab) -> dict[str, str]:
    creds = lab.credentials
    return {
        "REFROUTER_USERNAME": creds.username,
        "REFROUTER_PASSWORD": creds.password,
        "REFROUTER_ENABLE_SECRET": creds.enable_secret,
    }


def published_ports(spec: RouterSpec) -> list[str]:
    ports = [f"127.0.0.1:{spec.ssh_port}:{CONTAINER_SSH_PORT}"]
    if spec.netconf_port:
        ports.append(f"127.0.0.1:{spec.netconf_port}:{CONTAINER_NETCONF_PORT}")
    return ports


# ------------------------------------------------------------------ podman


def podman_command(*args: str) -> list[str]:
    """`podman [--runtime runc] ARGS`: runc where installed, since crun fails on hybrid-cgroup hosts."""
    runtime = os.environ.get("PODMAN_OCI_RUNTIME") or ("runc" if shutil.which("runc") else "")
    return ["podman", *(["--runtime", runtime] if runtime else []), *args]


def resource_flags() -> list[str]:
    """Ulimits the host can grant (podman's defaults exceed the CI VMs' hard limits)."""
    nofile = min(resource.getrlimit(resource.RLIMIT_NOFILE)[1], 65536)
    nproc_hard = resource.getrlimit(resource.RLIMIT_NPROC)[1]
    nproc = NPROC_CAP if nproc_hard == resource.RLIM_INFINITY else min(nproc_hard, NPROC_CAP)
    return ["--ulimit", f"nofile={nofile}:{nofile}", "--ulimit", f"nproc={nproc}:{nproc}"]


def podman(*args: str, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(podman_command(*args), check=False, capture_output=True, text=True,
                            timeout=COMMAND_TIMEOUT, env=os.environ | (env or {}))
    if check and result.returncode != 0:
        raise PodmanError(f"podman {args[0]} failed ({result.returncode}): {result.stderr.strip()}")
    return result


class PodmanError(Exception):
    pass


def containers(lab: Lab) -> dict[str, str]:
    """The lab's containers: name → state (running, exited, ...)."""
    listing = podman("ps", "-a", "--filter", f"label={LAB_LABEL}={lab.path}", "--format", "json").stdout
    return {entry["Names"][0]: entry["State"] for entry in json.loads(listing or "[]")}


def addresses(lab: Lab) -> dict[str, str]:
    """A fixed address per router on the lab network (podman hands out a new one at every restart otherwise)."""
    info = json.loads(podman("network", "inspect", network_name(lab), "--format", "json").stdout)[0]
    subnet = info["subnets"][0]
    taken = {ipaddress.ip_address(subnet["gateway"])}
    free = (host for host in ipaddress.ip_network(subnet["subnet"]).hosts() if host not in taken)
    assigned = dict(zip(lab.routers, free, strict=False))
    if len(assigned) < len(lab.routers):
        raise PodmanError(
            f"network {network_name(lab)} ({subnet['subnet']}) is too small for {len(lab.routers)} routers"
        )
    return {name: str(address) for name, address in assigned.items()}


def run_args(lab: Lab, spec: RouterSpec, address: str, env: dict[str, str]) -> list[str]:
    """`podman run` arguments; values of `env` stay out of the command line (`-e NAME` reads podman's env)."""
    state_dir = lab.router_dir(spec.name)
    args = ["run", "-d", "--name", container_name(lab, spec.name), "--hostname", spec.name,
            "--network", network_name(lab), "--ip", address, "--label", f"{LAB_LABEL}={lab.path}",
            *resource_flags(), "--sysctl", "net.ipv4.ip_unprivileged_port_start=0",
            "-v", f"{state_dir}:{CONTAINER_STATE_DIR}:U"]
    for port in published_ports(spec):
        args += ["-p", port]
    for name in env:
        args += ["-e", name]
    return [*args, IMAGE]


# ------------------------------------------------------------------ lab actions


def ssh_answers(port: int) -> bool:
    """True once 127.0.0.1:port answers with an SSH identification string."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0) as sock:
            sock.settimeout(2.0)
            return sock.recv(8).startswith(b"SSH-")
    except OSError:
        return False


def _start(lab: Lab) -> None:
    if podman("network", "exists", network_name(lab), check=False).returncode != 0:
        podman("network", "create", "--label", f"{LAB_LABEL}={lab.path}", network_name(lab))
    fixed = addresses(lab)
    plan = link_endpoints(lab, fixed.__getitem__)  # by address: nothing to resolve, no race with DNS
    for name, spec in lab.routers.items():
        env = router_env(lab, spec, plan[name]) | credential_env(lab) | _seed(lab, spec)
        podman(*run_args(lab, spec, fixed[name], env), env=env)


def _seed(lab: Lab, spec: RouterSpec) -> dict[str, str]:
    """Write the seed config into the router's state dir (not the environment: it may hold keys)."""
    state_dir = private_dir(lab.router_dir(spec.name))
    seed = state_dir / SEED_FILE
    seed.unlink(missing_ok=True)
    if not spec.startup_config:
        return {"REFROUTER_STARTUP_CONFIG_FILE": ""}
    atomic_write(seed, spec.startup_config)  # 0600 from creation
    return {"REFROUTER_STARTUP_CONFIG_FILE": f"{CONTAINER_STATE_DIR}/{SEED_FILE}"}


def _wait_ready(lab: Lab) -> str | None:
    """None once every router answers SSH; else why not (a container exited, or the time ran out)."""
    pending = dict(lab.routers)
    deadline = time.monotonic() + START_TIMEOUT
    next_state_check = 0.0
    while pending and time.monotonic() < deadline:
        pending = {name: spec for name, spec in pending.items() if not ssh_answers(spec.ssh_port)}
        if pending and time.monotonic() >= next_state_check:
            stopped = [name for name, state in containers(lab).items() if state != "running"]
            if stopped:
                logs = podman("logs", "--tail", "20", stopped[0], check=False)
                return f"container {stopped[0]} is {containers(lab)[stopped[0]]}:\n{logs.stdout}{logs.stderr}"
            next_state_check = time.monotonic() + 2.0
        time.sleep(0.2 if pending else 0)
    return f"routers did not answer SSH within {START_TIMEOUT:.0f}s: {sorted(pending)}" if pending else None


def up(lab: Lab) -> int:
    if podman("image", "exists", IMAGE, check=False).returncode != 0:
        print(f"error: image {IMAGE} not found; build it with `make image`", file=sys.stderr)
        return 1
    expected = {container_name(lab, name) for name in lab.routers}
    current = containers(lab)
    if current and {name for name, state in current.items() if state == "running"} == expected:
        print(f"lab {lab.path.stem} already running ({len(expected)} containers)")
        return 0
    _remove(list(current))  # leftovers of a crash or a partial start; their state dirs stay
    busy = [port for port in process_backend.lab_ports(lab) if process_backend.port_open(port)]
    if busy:
        print(f"error: ports already in use: {busy}", file=sys.stderr)
        return 1
    try:
        _start(lab)
        problem = _wait_ready(lab)
    except (PodmanError, subprocess.TimeoutExpired) as exc:
        problem = str(exc)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    print(f"lab {lab.path.stem} up ({len(expected)} containers on {network_name(lab)}): " + ", ".join(
        f"{r.name} ssh 127.0.0.1:{r.ssh_port}" for r in lab.routers.values()))
    return 0


def _remove(names: list[str]) -> None:
    if names:
        podman("rm", "-f", "-i", "-t", "5", *names)


def reclaim_state_dirs(lab: Lab) -> None:
    """Give the routers' state dirs back to the user running podman: the `:U` mount handed them to the
    container's user (uid 10000 on the host with rootful podman, a subordinate uid with rootless)."""
    dirs = [lab.router_dir(name) for name in lab.routers if lab.router_dir(name).is_dir()]
    if os.geteuid() != 0:
        if dirs:
            podman("unshare", "chown", "-R", "0:0", *map(str, dirs))  # root in podman's namespace = this user
        return
    for directory in dirs:
        for path in (directory, *directory.rglob("*")):
            os.chown(path, os.getuid(), os.getgid(), follow_symlinks=False)


def down(lab: Lab) -> int:
    names = list(containers(lab))
    _remove(names)
    reclaim_state_dirs(lab)
    if podman("network", "exists", network_name(lab), check=False).returncode == 0:
        podman("network", "rm", "-f", network_name(lab))
    print(f"lab {lab.path.stem} down" if names else f"lab {lab.path.stem} is not running")
    return 0


def status(lab: Lab) -> int:
    current = containers(lab)
    running = sum(state == "running" for state in current.values())
    print(f"lab {lab.path.stem}: {running}/{len(lab.routers)} containers running on {network_name(lab)}")
    for router in lab.routers.values():
        name = container_name(lab, router.name)
        state = "up" if current.get(name) == "running" and process_backend.port_open(router.ssh_port) else "down"
        netconf = f" netconf 127.0.0.1:{router.netconf_port}" if router.netconf_port else ""
        print(f"  {router.name:<16} {state:<5} ssh 127.0.0.1:{router.ssh_port}{netconf}  [{name}: "
              f"{current.get(name, 'missing')}]")
    return 0 if running == len(lab.routers) else 3


ACTIONS: dict[str, Callable[[Lab], int]] = {"up": up, "down": down, "status": status,
                                            "inventory": process_backend.print_inventory}


def run_action(action: str, lab: Lab) -> int:
    if action not in ACTIONS:
        print(f"error: `lab {action}` is not available with --runtime podman", file=sys.stderr)
        return 2
    if shutil.which("podman") is None:
        print("error: podman is not installed (see docs/containers.md)", file=sys.stderr)
        return 1
    try:
        return ACTIONS[action](lab)
    except (PodmanError, subprocess.TimeoutExpired) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

"""The soak's lab: a hub and two spokes (two IPsec tunnels) run by the real `refrouter lab up` in its own
process, the hub serving CLI and NETCONF; and the check of its state directory's file modes."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

import yaml
from routerlab import TEST_CREDENTIALS, LabManager, RunningLab

from refrouter.lab.ports import free_ports
from refrouter.lab.topologies import HUB_LAN, hub_and_spoke

HUB = "Hub"
SPOKES = ("Spoke1", "Spoke2")
# From each spoke's Loopback0 into the hub's LAN: matched by the spoke's crypto ACL, so it crosses a tunnel.
PING = f"ping {HUB_LAN} source Loopback0"


@dataclass
class SoakLab:
    lab: RunningLab
    netconf_port: int

    def ssh_port(self, router: str) -> int:
        return self.lab.ports[router]

    @property
    def state_dir(self) -> Path:
        return self.lab.state_dir


def start_soak_lab(manager: LabManager) -> SoakLab:
    """Write the lab file (free ports below the ephemeral range) and start it; `manager.close()` stops it."""
    data = hub_and_spoke(len(SPOKES))
    *ssh_ports, netconf_port = free_ports(len(data["routers"]) + 1)
    for spec, port in zip(data["routers"].values(), ssh_ports, strict=True):
        spec["ssh_port"] = port
    data["routers"][HUB]["netconf_port"] = netconf_port
    data["credentials"] = {"username": TEST_CREDENTIALS.username, "password": TEST_CREDENTIALS.password,
                           "enable_secret": TEST_CREDENTIALS.enable_secret}
    path = manager.directory / "soak.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    lab = RunningLab(path, {name: spec["ssh_port"] for name, spec in data["routers"].items()}, TEST_CREDENTIALS)
    manager.labs.append(lab)
    lab.up()
    return SoakLab(lab, netconf_port)


def open_to_others(state_dir: Path) -> list[str]:
    """Entries of the state dir (itself included) with any group or other permission bit, as `0644 name`."""
    found = []
    for path in [state_dir, *sorted(state_dir.rglob("*"))]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077:
            found.append(f"{mode:04o} {path.relative_to(state_dir.parent)}")
    return found

"""A reference router that serves NETCONF beside its CLI, and the ways the tests talk to it.

Playbooks run through refrouter_harness.run_tasks with the host switched to `ansible.netcommon.netconf`;
the CLI view comes from netmiko (`show running-config` over SSH) parsed by the collection's own CLI
parser, so a NETCONF result can be compared with what network_cli would have read.
"""

from __future__ import annotations

import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    RunningConfig,
    parse_running_config,
)
from ncclient import manager
from ncclient.manager import Manager
from netmiko import BaseConnection, ConnectHandler
from refrouter_harness import (
    CREDENTIALS,
    REFROUTER,
    PlaybookRun,
    Router,
    free_port,
    inventory,
    run_playbook_file,
    run_tasks,
)

READ_TIMEOUT = 20


@dataclass
class NetconfRouter(Router):
    netconf_port: int = 0


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def start_netconf_router(
    directory: Path, startup_config: str = "", hostname: str = "RouterA"
) -> NetconfRouter:
    """`refrouter serve` with SSH and NETCONF on free ports; returns once both accept connections."""
    directory.mkdir(parents=True, exist_ok=True)
    startup = directory / "startup.cfg"
    startup.write_text(startup_config)
    ssh_port, netconf_port = free_port(), free_port()
    log = directory / "refrouter.log"
    command = [
        str(REFROUTER), "serve", "--hostname", hostname, "--ssh-port", str(ssh_port),
        "--netconf-port", str(netconf_port), "--state-dir", str(directory / "state"),
        "--startup-config", str(startup),
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    for _attempt in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"refrouter exited: {log.read_text()}")
        if _listening(ssh_port) and _listening(netconf_port):
            return NetconfRouter(hostname, ssh_port, process, log, netconf_port)
        time.sleep(0.1)
    process.kill()
    process.wait(timeout=10)
    raise RuntimeError(f"refrouter did not listen on {ssh_port}/{netconf_port}: {log.read_text()}")


def netconf_host_vars(router: NetconfRouter) -> dict[str, Any]:
    return {
        "ansible_connection": "ansible.netcommon.netconf",
        "ansible_port": router.netconf_port,
        "ansible_become": False,
    }


def run_netconf(
    router: NetconfRouter, directory: Path, tasks: list[dict[str, Any]], **host_vars: Any
) -> PlaybookRun:
    """run_tasks over ansible.netcommon.netconf (network_os ipsecux.iosxe.iosxe)."""
    directory.mkdir(parents=True, exist_ok=True)
    return run_tasks(router, directory, tasks, **{**netconf_host_vars(router), **host_vars})


def cli_peer_vars(router: NetconfRouter) -> dict[str, Any]:
    """Host vars of the same router over network_cli (inventory(...) already says network_cli)."""
    return inventory(router)["all"]["hosts"][router.hostname]


def run_playbook(
    directory: Path,
    hosts: dict[str, dict[str, Any]],
    tasks: list[dict[str, Any]],
    play_hosts: list[str],
    env: dict[str, str] | None = None,
    verbosity: int = 0,
) -> tuple[dict[str, list[dict[str, Any]]], str]:
    """Run `tasks` (registered t0, t1, ...) on `play_hosts` of a multi-host inventory; tasks may delegate
    to any host. Returns each play host's results ({} for tasks it did not reach) and the output."""
    directory.mkdir(parents=True, exist_ok=True)
    registered = [{**task, "register": f"t{index}"} for index, task in enumerate(tasks)]
    collect = (
        "{{ {"
        + ", ".join(
            f"{host!r}: ["
            + ", ".join(f"hostvars[{host!r}].t{i} | default({{}})" for i in range(len(tasks)))
            + "]"
            for host in play_hosts
        )
        + "} | to_json }}"
    )
    play = {"hosts": ":".join(play_hosts), "gather_facts": False, "tasks": registered}
    run = run_playbook_file(directory, play, collect, {"all": {"hosts": hosts}}, verbosity, env)
    return run.results, run.stdout


def cli_session(router: NetconfRouter) -> BaseConnection:
    """A netmiko cisco_xe session to the router's CLI, in privileged EXEC."""
    session = ConnectHandler(
        device_type="cisco_xe",
        host="127.0.0.1",
        port=router.port,
        username=CREDENTIALS["username"],
        password=CREDENTIALS["password"],
        secret=CREDENTIALS["enable_secret"],
        fast_cli=True,
        conn_timeout=READ_TIMEOUT,
    )
    session.enable()
    return session


def cli_running_config(router: NetconfRouter) -> str:
    """`show running-config` over SSH (netmiko cisco_xe)."""
    with cli_session(router) as cli:
        return str(cli.send_command("show running-config", read_timeout=READ_TIMEOUT))


def cli_facts(router: NetconfRouter) -> RunningConfig:
    return parse_running_config(cli_running_config(router))


def connect_manager(router: NetconfRouter, handler: str = "default") -> Manager:
    return manager.connect(
        host="127.0.0.1",
        port=router.netconf_port,
        username=CREDENTIALS["username"],
        password=CREDENTIALS["password"],
        hostkey_verify=False,
        device_params={"name": handler},
        look_for_keys=False,
        allow_agent=False,
        timeout=READ_TIMEOUT,
    )

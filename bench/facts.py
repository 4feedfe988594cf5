"""Figure 3: `ipsec_facts gather_subset=all` on a hub with many live tunnels, against netmiko + Genie.

The peer runs the same show commands, in the same order, over one netmiko `cisco_xe` session and parses
each with the Genie IOS XE parser that exists for it (the other outputs are only fetched). Reported: wall
time of each (ours is a whole ansible-playbook, process start-up included, and its task alone), and bytes
moved, counted at the router.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.subsets import (
    ALL_SUBSETS,
    commands_for,
)
from ansible_run import run_playbook
from common import Row
from lab import LabHost, stats_delta


class ParserDevice:
    """What a Genie parser needs when it is handed `output=`."""

    name = "hub"
    os = "iosxe"
    custom: ClassVar[dict[str, Any]] = {}


def facts_commands() -> list[str]:
    """The commands `ipsec_facts gather_subset=all` runs, in its order."""
    return commands_for(list(ALL_SUBSETS), None)


def genie_parsers() -> dict[str, type]:
    """Genie's IOS XE crypto parsers by the exact command they declare."""
    from genie.libs.parser.iosxe import show_crypto

    parsers: dict[str, type] = {}
    for name in dir(show_crypto):
        cls = getattr(show_crypto, name)
        command = getattr(cls, "cli_command", None)
        if isinstance(cls, type) and isinstance(command, str) and "{" not in command:
            parsers.setdefault(command, cls)
    return parsers


def netmiko_genie(port: int, commands: list[str]) -> dict[str, Any]:
    from netmiko import ConnectHandler

    parsers = genie_parsers()
    start = time.perf_counter()
    conn = ConnectHandler(device_type="cisco_xe", host="127.0.0.1", port=port, username="admin", password="admin",
                          secret="admin", fast_cli=True)
    conn.enable()
    outputs = {command: conn.send_command(command, read_timeout=300) for command in commands}
    conn.disconnect()
    fetched = time.perf_counter()
    parsed, failed = [], {}
    for command, text in outputs.items():
        if command not in parsers:
            continue
        try:
            parsers[command](device=ParserDevice()).parse(output=text)
            parsed.append(command)
        except Exception as exc:  # a Genie parser that breaks on the output is a finding
            failed[command] = f"{type(exc).__name__}: {exc}"[:160]
    done = time.perf_counter()
    return {"seconds": done - start, "fetch_s": fetched - start, "parse_s": done - fetched,
            "parsed": parsed, "failed": failed}


def run(lab: LabHost, tunnels: int) -> list[Row]:
    """Rows of figure 3."""
    commands = facts_commands()
    play = [{"name": "IPsec facts", "hosts": "Hub", "gather_facts": False,
             "tasks": [{"name": "Gather", "ipsecux.iosxe.ipsec_facts": {"gather_subset": "all"}}]}]
    before = lab.stats()
    ours = run_playbook(lab, "facts", play)
    time.sleep(0.5)
    middle = lab.stats()
    peer = netmiko_genie(lab.ports["Hub"], commands)
    after = lab.stats()
    ours_io = stats_delta(before, middle, ["Hub"])
    peer_io = stats_delta(middle, after, ["Hub"])
    figure = f"3 facts {tunnels} tunnels"
    name = "netmiko + Genie"
    rows = [
        Row(figure, "wall time (ansible-playbook)", ours.seconds, peer["seconds"], "s", name,
            extra={"peer_fetch_s": peer["fetch_s"], "peer_parse_s": peer["parse_s"],
                   "genie_parsed": peer["parsed"], "genie_failed": peer["failed"], "commands": commands}),
        _task_row(figure, ours.tasks[0]["seconds"], peer["seconds"], name),
        Row(figure, "bytes moved", ours_io["bytes_in"] + ours_io["bytes_out"],
            peer_io["bytes_in"] + peer_io["bytes_out"], "B", name),
        Row(figure, "round trips", ours_io["commands"], peer_io["commands"], "", name),
    ]
    return rows


def _task_row(figure: str, ours: float, peer: float, name: str) -> Row:
    """Issue #18: the task is to be no slower than the script people write by hand."""
    row = Row(figure, "wall time (ipsec_facts task)", ours, peer, "s", name)
    return row.held_to("<= 1.0x", ours <= peer)

"""`show configuration id`: a number that moves with every change of the running config, so a client can tell
whether its copy is stale (the collection's cliconf plugin keeps one, docs/performance.md)."""

from __future__ import annotations

import re
from pathlib import Path

from refrouter.cli.modes.config import ConfigMode
from refrouter.cli.session import CliSession
from refrouter.lab.boot import BootableRouter as Router

ID_RE = re.compile(r"^Configuration ID: (\d+)$", re.MULTILINE)


def configuration_id(router: Router) -> int:
    output = CliSession(router, privilege=15).execute("show configuration id")
    assert isinstance(output, str)
    match = ID_RE.search(output)
    assert match, output
    return int(match.group(1))


def configure(router: Router, *lines: str) -> list[str]:
    session = CliSession(router, privilege=15)
    session.push(ConfigMode(session))
    return [str(session.execute(line)) for line in lines]


def test_the_id_moves_with_each_change_and_not_with_show_commands(tmp_path: Path) -> None:
    router = Router("RouterA", state_dir=tmp_path)
    booted = configuration_id(router)
    assert CliSession(router, privilege=15).execute("show running-config")
    assert configuration_id(router) == booted  # reading changes nothing
    configure(router, "crypto isakmp policy 10", "encryption aes 256")
    changed = configuration_id(router)
    assert changed >= booted + 2  # one step per accepted line at least
    router.mark_changed()  # what NETCONF edits, `configure replace` and a revert call
    assert configuration_id(router) == changed + 1
    router.reload()
    assert configuration_id(router) > changed + 1  # a reload drops unsaved changes: the id moves on


def test_the_id_is_a_privileged_command(tmp_path: Path) -> None:
    router = Router("RouterA", state_dir=tmp_path)
    output = CliSession(router, privilege=1).execute("show configuration id")
    assert isinstance(output, str) and "% Invalid input detected" in output

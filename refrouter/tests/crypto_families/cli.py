"""A console session on a lab router (the loader wired), for driving configuration families directly."""

from __future__ import annotations

from refrouter.cli.modes.config import ConfigMode
from refrouter.cli.session import CliSession
from refrouter.lab.boot import BootableRouter


def console(router: BootableRouter | None = None) -> CliSession:
    session = CliSession(router or BootableRouter("R1"), user="test", line="console", privilege=15)
    session.push(ConfigMode(session))
    return session


def run(session: CliSession, text: str) -> list[str]:
    """Execute each line of `text`; the outputs, one per line."""
    return [str(session.execute(line)) for line in text.strip("\n").splitlines()]


def section(session: CliSession, header: str) -> str:
    """The running-config lines of the blocks whose header starts with `header` (`| section` semantics)."""
    out: list[str] = []
    keep = False
    for line in session.router.running_config_text().splitlines():
        if not line.startswith(" "):
            keep = line.startswith(header)
        if keep:
            out.append(line)
    return "\n".join(out) + "\n"

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`save_when`: copy the running config to the startup config (`write memory`) over the CLI."""

from __future__ import annotations

import re
from typing import Any

# Lines that differ between `show running-config` and `show startup-config` without a configuration change.
VOLATILE_LINE_RE = re.compile(
    r"^(Building configuration|Current configuration|Using \d+ out of|! Last configuration change|"
    r"! NVRAM config last updated|!Time:)"
)


def differs(running: str, startup: str) -> bool:
    """Whether the running config would change the startup config (banner lines ignored)."""
    return _lines(running) != _lines(startup)


def _lines(text: str) -> list[str]:
    return [
        line.rstrip()
        for line in text.replace("\r", "").split("\n")
        if line.strip() and not VOLATILE_LINE_RE.match(line)
    ]


def save(connection: Any, save_when: str, changed: bool) -> bool:
    """Save when `save_when` asks for it; whether `write memory` was sent."""
    if save_when == "changed" and not changed:
        return False
    if save_when == "modified":
        running = connection.get_config(source="running")
        startup = connection.get_config(source="startup")
        if not differs(running, startup):
            return False
    connection.get(command="write memory")
    return True

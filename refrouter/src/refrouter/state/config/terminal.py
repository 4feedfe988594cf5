"""Terminal lines and console logging: what `line con 0`, `line vty 0 4` and `[no] logging console` set.

IOS XE defaults (not rendered): every line times out after 10 minutes (`exec-timeout 10 0`) and logging to
the console is on at level debugging.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

DEFAULT_EXEC_TIMEOUT = (10, 0)
# syslog severities by number, as `logging console <0-7>` stores them (by name)
SEVERITIES = ("emergencies", "alerts", "critical", "errors", "warnings", "notifications", "informational", "debugging")
DEFAULT_CONSOLE_LEVEL = "debugging"
LINE_KINDS = ("con", "vty")  # the two line blocks a C8000V renders (`line con 0`, `line vty 0 4`)


@dataclass
class LineSettings:
    exec_timeout: tuple[int, int] = DEFAULT_EXEC_TIMEOUT  # minutes, seconds; (0, 0) never times out


@dataclass
class TerminalConfig:
    console_logging: bool = True
    console_level: str = DEFAULT_CONSOLE_LEVEL
    lines: dict[str, LineSettings] = field(default_factory=lambda: {kind: LineSettings() for kind in LINE_KINDS})

    def line(self, kind: str) -> LineSettings:
        return self.lines.setdefault(kind, LineSettings())


def render_console_logging(terminal: TerminalConfig) -> Iterator[str]:
    if not terminal.console_logging:
        yield "no logging console"
    elif terminal.console_level != DEFAULT_CONSOLE_LEVEL:
        yield f"logging console {terminal.console_level}"


def render_line_settings(settings: LineSettings) -> Iterator[str]:
    if settings.exec_timeout != DEFAULT_EXEC_TIMEOUT:
        minutes, seconds = settings.exec_timeout
        yield f" exec-timeout {minutes} {seconds}"

"""`show users`: every logged-in terminal line, the caller's marked with `*`."""

from __future__ import annotations

from ..state.oper.logins import CONSOLE_LINE_NUMBER
from ..state.router import Router

HEADER = "    Line       User       Host(s)              Idle       Location\n"
INTERFACE_HEADER = "  Interface    User               Mode         Idle     Peer Address\n\n"


def _idle(seconds: float) -> str:
    total = int(seconds)
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def _row(current: bool, number: int, line: str, user: str, idle: str, location: str) -> str:
    marker = "*" if current else " "
    return f"{marker}{number:>3} {line:<9} {user:<10} idle                 {idle} {location}".rstrip() + "\n"


def users(router: Router, current_line: str, current_user: str) -> str:
    """`current_line` is the caller's line as syslog names it (`vty0`, or `console` for a console session)."""
    rows = []
    if not current_line.startswith("vty"):
        rows.append(_row(True, CONSOLE_LINE_NUMBER, "con 0", current_user, "00:00:00", ""))
    for login in router.logins.active():
        current = login.tty == current_line
        idle = "00:00:00" if current else _idle(login.idle_seconds())
        rows.append(_row(current, login.number, login.name, login.user, idle, login.peer))
    return HEADER + "".join(rows) + "\n" + INTERFACE_HEADER

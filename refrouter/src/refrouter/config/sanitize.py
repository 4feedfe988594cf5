"""Secrets out of configuration text, as IOS prints them in `show tech-support` (`<removed>`)."""

from __future__ import annotations

import re

REMOVED = "<removed>"
_SECRET_LINES = (
    re.compile(r"^(\s*crypto isakmp key )(?:[06] )?\S+(\s+(?:address|hostname)\b.*)$"),
    re.compile(r"^(\s*(?:enable|username \S+(?: privilege \d+)?) (?:secret|password) (?:\d+ )?)\S+(.*)$"),
)


def sanitize_line(line: str) -> str:
    for pattern in _SECRET_LINES:
        match = pattern.match(line)
        if match:
            return f"{match.group(1)}{REMOVED}{match.group(2)}"
    return line


def sanitize(text: str) -> str:
    return "\n".join(sanitize_line(line) for line in text.split("\n"))

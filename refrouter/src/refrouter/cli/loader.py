"""Apply configuration text (startup config, lab seed) through the configuration-mode processors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .modes.config import ConfigMode
from .session import CliSession, is_error_output

if TYPE_CHECKING:
    from ..router import Router


def apply_config_text(router: Router, text: str) -> list[str]:
    """Run every line as if typed in `configure terminal`; return the lines IOS would reject."""
    session = CliSession(router, user="startup", line="console", privilege=15)
    session.push(ConfigMode(session))
    errors: list[str] = []
    for line in text.splitlines():
        if line.strip() == "end":
            break
        if session.pending is not None:
            session.execute(line)
            continue
        output = session.execute(line)
        if isinstance(output, str) and is_error_output(output):
            errors.append(f"{line.strip()}: {output.strip().splitlines()[-1]}")
        if not session.in_config:
            session.push(ConfigMode(session))
    return errors

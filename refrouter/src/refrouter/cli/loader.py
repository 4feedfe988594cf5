"""Apply configuration text (startup config, lab seed) through the configuration-mode processors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..state.config.sanitize import input_lines, sanitize_typed
from .modes.config import ConfigMode
from .modes.interface import InterfaceMode
from .session import CliSession, is_error_output

if TYPE_CHECKING:
    from ..state.router import Router


def apply_config_text(router: Router, text: str) -> list[str]:
    """Run every line as if typed in `configure terminal`; return the lines IOS would reject."""
    session = CliSession(router, user="startup", line="console", privilege=15)
    session.push(ConfigMode(session))
    errors: list[str] = []
    for line in input_lines(text):
        if session.pending is not None:  # banner text: a line `end` is text here, not the end of the config
            session.execute(line)
            continue
        if line.strip() == "end":
            break
        before = session.mode
        output = session.execute(line)
        if session.mode is not before and isinstance(session.mode, InterfaceMode):
            # NVGEN omits the default `no shutdown`: an interface a loaded config lists without
            # `shutdown` comes up, as on IOS (a saved config would otherwise boot with it shut).
            session.mode.interface.shutdown = False
        if isinstance(output, str) and is_error_output(output):
            errors.append(f"{sanitize_typed(line.strip())}: {output.strip().splitlines()[-1]}")
        if not session.in_config:
            session.push(ConfigMode(session))
    return errors

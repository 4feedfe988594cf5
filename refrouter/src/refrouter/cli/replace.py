"""`configure replace` and the config-file sources the file and archive commands read.

A configuration file is compared in IOS order: it is loaded into a scratch router and rendered by the
running-config renderer, so both sides of a diff come from the same renderer. The replace applies the
minimal line changes (state/config/diff.py) through configuration mode, pass after pass, until the running
config renders like the file (or the passes run out).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..state.config.diff import replace_commands
from ..state.config.model import RunningConfig
from ..state.flash import FlashError, split_path
from ..state.router import Router
from .loader import apply_config_text
from .modes.config import ConfigMode
from .session import CliSession, is_error_output

MAX_PASSES = 5
RUNNING = ("running-config", "system:running-config", "system:/running-config")
STARTUP = ("startup-config", "nvram:startup-config", "nvram:/startup-config")


class SourceError(Exception):
    """A file that cannot be read: `str()` is the IOS error line."""


def open_error(path: str, reason: str) -> str:
    return f"%Error opening {path} ({reason})"


def display_path(path: str) -> str:
    """A flash path as IOS echoes it (`bootflash:/name`); others as typed."""
    where = split_path(path)
    return f"{where[0]}/{where[1]}" if where else path


def read_source(router: Router, path: str) -> str:
    """The text of `running-config`, `startup-config` or a bootflash: file."""
    lowered = path.lower()
    if lowered in RUNNING:
        return router.running_config_text()
    if lowered in STARTUP:
        text = router.read_startup()
        if text is None:
            raise SourceError(open_error(path, "No such file or directory"))
        return text
    where = split_path(path)
    if where is None or not where[1]:
        raise SourceError(open_error(path, "No such file or directory"))
    try:
        return router.flash.read(where[1])
    except FlashError as exc:
        raise SourceError(open_error(display_path(path), str(exc))) from exc


def rendered(router: Router, text: str) -> str:
    """`text` as this router would render it after loading it from scratch (IOS order, defaults applied)."""
    scratch = Router(name=router.name, identity=router.identity, config_loader=apply_config_text)
    scratch.running = RunningConfig.factory_default(router.running.hostname)
    scratch.running.master_key = router.running.master_key
    apply_config_text(scratch, text)
    return scratch.running_config_text()


def apply_commands(router: Router, commands: list[str], user: str, line: str) -> list[str]:
    """Run configuration commands (`exit` leaves a sub-mode); the outputs of the ones refused."""
    session = CliSession(router, user=user, line=line, privilege=15)
    session.push(ConfigMode(session))
    errors: list[str] = []
    for command in commands:
        if command == "exit":
            if len(session.modes) > 2:
                session.modes[2:] = []
            continue
        for part in command.split("\n"):  # a banner spans lines
            output = session.execute(part)
            if isinstance(output, str) and is_error_output(output):
                errors.append(output)
        if session.pending is not None and "\n" not in command:
            session.execute("")  # a [confirm] some `no` commands ask
        if len(session.modes) < 2:
            session.push(ConfigMode(session))
    return errors


@dataclass
class ReplaceResult:
    passes: list[list[str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    done: bool = False


def configure_replace(router: Router, text: str, user: str, line: str) -> ReplaceResult:
    """Make the running config render like `text`: the commands of each pass, and whether it got there."""
    target = rendered(router, text)
    result = ReplaceResult()
    for _ in range(MAX_PASSES):
        commands = replace_commands(router.running_config_text(), target)
        if not commands:
            result.done = True
            return result
        result.passes.append(commands)
        result.errors += apply_commands(router, commands, user, line)
    result.done = not replace_commands(router.running_config_text(), target)
    return result

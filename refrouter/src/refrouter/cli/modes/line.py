"""Terminal lines (`line con 0`, `line vty 0 4` and their `(config-line)` mode) and `[no] logging console`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...state.config.terminal import DEFAULT_CONSOLE_LEVEL, DEFAULT_EXEC_TIMEOUT, SEVERITIES, LineSettings
from ..mode import Args, Mode, command
from .base import SubMode

if TYPE_CHECKING:
    from ..session import CliSession

LEVEL_KEYWORDS = "|".join(SEVERITIES)


class TerminalMixin(Mode):
    @command("line {console|vty|aux}=kind <first:0-1000> [<last:0-1000>]")
    def line(self, args: Args) -> None:
        kind = "con" if args["kind"] == "console" else args["kind"]
        settings = self.router.running.terminal.line(kind) if kind != "aux" else LineSettings()
        self.session.push(LineMode(self.session, settings))

    @command("logging console")
    @command(f"logging console {{{LEVEL_KEYWORDS}}}=level")
    @command("logging console <number:0-7>")
    def logging_console(self, args: Args) -> None:
        terminal = self.router.running.terminal
        terminal.console_logging = True
        if "number" in args:
            terminal.console_level = SEVERITIES[args["number"]]
        else:
            terminal.console_level = args.get("level", DEFAULT_CONSOLE_LEVEL)
        self.changed()

    @command("no logging console [<rest:line>]")
    def no_logging_console(self, args: Args) -> None:
        self.router.running.terminal.console_logging = False
        self.router.running.terminal.console_level = DEFAULT_CONSOLE_LEVEL
        self.changed()


class LineMode(SubMode):
    tag = "(config-line)"

    def __init__(self, session: CliSession, settings: LineSettings) -> None:
        super().__init__(session)
        self.settings = settings

    @command("exec-timeout <minutes:0-35791> [<seconds:0-2147483>]")
    def exec_timeout(self, args: Args) -> None:
        self.settings.exec_timeout = (args["minutes"], args.get("seconds", 0))
        self.changed()

    @command("no exec-timeout")
    def no_exec_timeout(self, args: Args) -> None:
        self.settings.exec_timeout = DEFAULT_EXEC_TIMEOUT
        self.changed()

    @command("stopbits {1|2}")
    @command("login [local]")
    @command("transport input {ssh|telnet|all|none}")
    @command("privilege level <level:0-15>")
    @command("logging synchronous")
    def unmodelled_setting(self, args: Args) -> None:
        """Accepted as before: the rendered line blocks carry the C8000V defaults for these."""
        return

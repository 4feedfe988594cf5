"""Global configuration for file handling: `archive` (its sub-mode), `file prompt quiet`, `ip scp server enable`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...state.config.model import ArchiveSettings
from ...state.flash import split_path
from .. import archive_timer
from ..grammar import CliError
from ..mode import Args, Mode, command
from .base import SubMode, unless_present

if TYPE_CHECKING:
    from ..session import CliSession


class FileConfigMixin(Mode):
    @command("archive")
    def archive(self, args: Args) -> None:
        running = self.router.running
        if running.archive is None:
            running.archive = ArchiveSettings()
            self.changed()
        self.session.push(ArchiveMode(self.session, running.archive))

    @command("no archive")
    def no_archive(self, args: Args) -> None:
        self.router.running.archive = None
        self.changed()
        archive_timer.arm(self.router)

    @command("file prompt quiet")
    @command("no file prompt quiet")
    @command("file prompt alert")
    def file_prompt(self, args: Args) -> None:
        self.router.running.file_prompt_quiet = "quiet" in args and "no" not in args
        self.changed()

    @command("ip scp server enable")
    @command("no ip scp server enable")
    def ip_scp_server(self, args: Args) -> None:
        self.router.running.ip_scp_server = "no" not in args
        self.changed()


class ArchiveMode(SubMode):
    tag = "(config-archive)"

    def __init__(self, session: CliSession, settings: ArchiveSettings) -> None:
        super().__init__(session)
        self.settings = settings

    def removed(self) -> str | None:
        return unless_present({"archive": self.router.running.archive}, "archive", self.settings, "archive")

    @command("path <url:word>")
    def path(self, args: Args) -> None:
        where = split_path(args["url"])
        if where is None or not where[1]:
            raise CliError("%Error: archive path must name a file on bootflash:")
        self.settings.path = args["url"]
        self.changed()

    @command("maximum <count:1-14>")
    def maximum(self, args: Args) -> None:
        self.settings.maximum = args["count"]
        self.changed()

    @command("write-memory")
    def write_memory(self, args: Args) -> None:
        self.settings.write_memory = True
        self.changed()

    @command("time-period <minutes:1-525600>")
    def time_period(self, args: Args) -> None:
        self.settings.time_period = args["minutes"]
        self.changed()
        archive_timer.arm(self.router)

    @command("no path")
    @command("no maximum")
    @command("no write-memory")
    @command("no time-period")
    def no_setting(self, args: Args) -> None:
        for attr, default in (("path", None), ("maximum", None), ("write-memory", False), ("time-period", None)):
            if attr in args:
                setattr(self.settings, attr.replace("-", "_"), default)
        self.changed()
        if "time-period" in args:
            archive_timer.arm(self.router)

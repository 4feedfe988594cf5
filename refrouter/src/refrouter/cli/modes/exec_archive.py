"""Archive commands of privileged EXEC: `show archive ...`, `archive config`, `configure replace`,
`configure terminal revert timer`, `configure confirm`, `configure revert`."""

from __future__ import annotations

import re

from ...state.config.diff import contextual_diff, incremental_diff
from ...state.config.sanitize import sanitize
from .. import revert
from ..mode import Args, Mode, command
from ..replace import RUNNING, SourceError, configure_replace, read_source, rendered

ARCHIVE_OFF = "%Please turn config archive on\n"
NO_PENDING = "%No Rollback Confirmed Change pending\n"
REPLACE_WARNING = (
    "This will apply all necessary additions and deletions\n"
    "to replace the current running configuration with the\n"
    "contents of the specified configuration file, which is\n"
    "assumed to be a complete configuration, not a partial\n"
    "configuration. Enter Y if you are sure you want to proceed. ? [no]: "
)
REPLACE_OPTIONS = re.compile(r"^(?:list|force|ignorecase|nolock|revert trigger error|revert trigger timer"
                             r"|timer (?:\d+)|\s)*$")


class ArchiveCommandsMixin(Mode):
    @command("show archive", privilege=15)
    def show_archive(self, args: Args) -> str:
        settings, log = self.router.running.archive, self.router.archive_log
        if settings is None:
            return "Archive feature not enabled\n"
        maximum = settings.maximum or 10
        upcoming = log.next_name(settings, self.router.running.hostname)
        out = [f"The maximum archive configurations allowed is {maximum}.",
               f"There are currently {len(log.files)} archive configurations saved.",
               f"The next archive file will be named bootflash:/{upcoming}" if upcoming
               else "Archive path is not specified", " Archive #  Name"]
        for number in range(1, maximum + 1):
            name = log.files[number - 1] if number <= len(log.files) else ""
            mark = " <- Most Recent" if name and number == len(log.files) else ""
            out.append(f"   {number:<8} {'bootflash:/' + name if name else ''}{mark}".rstrip())
        return "\n".join(out) + "\n"

    @command("archive config", privilege=15)
    def archive_config(self, args: Args) -> str:
        if self.router.running.archive is None or self.router.archive_config() is None:
            return "%Archive path is not specified\n"
        return ""

    @command("show archive config differences [<first:word> [<second:word>]]", privilege=15)
    def show_differences(self, args: Args) -> str:
        first, second = args.get("first"), args.get("second")
        if first is None:
            first, second = "nvram:startup-config", "system:running-config"
        elif second is None:
            second = "system:running-config"
        try:
            old = self._normalized(first)
            new = self._normalized(second)
        except SourceError as exc:
            return f"{exc}\n"
        lines = contextual_diff(old, new) or ["!No changes were found"]
        return sanitize("!Contextual Config Diffs:\n" + "\n".join(lines)) + "\n"

    def _normalized(self, path: str) -> str:
        text = read_source(self.router, path)
        return text if path.lower() in RUNNING else rendered(self.router, text)

    @command("show archive config incremental-diffs <path:word> [ignorecase]", privilege=15)
    def show_incremental(self, args: Args) -> str:
        try:
            merge = read_source(self.router, args["path"])
        except SourceError as exc:
            return f"{exc}\n"
        lines = incremental_diff(self.router.running_config_text(), merge, "ignorecase" in args)
        body = "\n".join(["!List of Commands:", *lines, "end"])
        if not lines:
            body += "\n!No changes were found"
        return sanitize(body) + "\n"

    @command("show archive config rollback timer", privilege=15)
    def show_rollback_timer(self, args: Args) -> str:
        pending = self.router.archive_log.pending
        if pending is None:
            return NO_PENDING
        left = max(int(pending.deadline - self.router.clock.now()), 0)
        return (f"Time configured(or reset) : {pending.started}\n"
                f"Timer type: {'idle' if pending.idle else 'absolute'}\n"
                f"Timer value: {pending.minutes} min\nTime remaining: {left} sec\nUser: {pending.user}\n")

    # ------------------------------------------------------------ configure replace

    @command("configure replace <path:word> [<options:line>]", privilege=15)
    def configure_replace(self, args: Args) -> str | None:
        options = " ".join(args.get("options", "").split())
        if not REPLACE_OPTIONS.match(options):
            return "% Invalid input detected at '^' marker.\n"
        try:
            text = read_source(self.router, args["path"])
        except SourceError as exc:
            return f"{exc}\n"
        timer = re.search(r"timer (\d+)", options)
        if (timer or "revert" in options) and self.router.running.archive is None:
            return ARCHIVE_OFF
        if "force" in options:
            return self._replace(text, options, int(timer.group(1)) if timer else None)

        def answer(reply: str) -> str:
            if reply.strip().lower() not in ("y", "yes"):
                return ""
            return self._replace(text, options, int(timer.group(1)) if timer else None)

        self.session.ask(REPLACE_WARNING, answer)
        return None

    def _replace(self, text: str, options: str, minutes: int | None) -> str:
        if minutes is not None and revert.start_revert(self.router, minutes, self.session.user) is None:
            return "%Archive path is not specified\n"
        before = self.router.running_config_text()
        result = configure_replace(self.router, text, self.session.user, self.session.line)
        if result.passes:
            self.router.mark_changed()
        out = []
        if "list" in options:
            for number, commands in enumerate(result.passes, 1):
                shown = [c for c in commands if c != "exit"]
                out += [f"!Pass {number}", "!List of Rollback Commands:", *shown, "end", ""]
        if not result.done and "revert trigger error" in options:
            configure_replace(self.router, before, self.session.user, self.session.line)
            out += ["Rollback aborted: the configuration could not be applied.",
                    "The original configuration has been successfully restored."]
        elif not result.done:
            out += [*(e.strip() for e in result.errors), f"Rollback aborted after {len(result.passes)} passes"]
        else:
            out += [f"Total number of passes: {len(result.passes)}", "Rollback Done"]
        return sanitize("\n".join(out)) + "\n\n"

    # ------------------------------------------------------------ confirmed changes

    @command("configure terminal revert timer [idle] <minutes:1-120>", privilege=15)
    def configure_revert_timer(self, args: Args) -> str | None:
        if self.router.running.archive is None:
            return ARCHIVE_OFF
        if self.router.archive_log.pending is not None:
            return "%Rollback Confirmed Change is already pending; confirm or revert it first\n"
        if self.router.config_lock_owner() is not None:
            return self._enter_config()  # refused while NETCONF holds the lock: nothing is armed
        name = revert.start_revert(self.router, args["minutes"], self.session.user, idle="idle" in args)
        if name is None:
            return "%Archive path is not specified\n"
        entered = self._enter_config()
        return f"Rollback Confirmed Change: Backing up current running config to bootflash:/{name}\n\n{entered}"

    def _enter_config(self) -> str:
        """Enter `(config)#` (ExecMode's, which comes first in its method order)."""
        raise NotImplementedError

    @command("configure confirm", privilege=15)
    def configure_confirm(self, args: Args) -> str:
        return "" if revert.confirm(self.router, self.session.user) else NO_PENDING

    @command("configure revert now", privilege=15)
    def configure_revert_now(self, args: Args) -> str:
        pending = self.router.archive_log.pending
        if pending is None:
            return NO_PENDING
        revert.expire(self.router, pending)
        return ""

    @command("configure revert timer [idle] <minutes:1-120>", privilege=15)
    def configure_revert_reset(self, args: Args) -> str:
        return "" if revert.reset_timer(self.router, args["minutes"], idle="idle" in args) else NO_PENDING


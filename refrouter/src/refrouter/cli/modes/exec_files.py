"""File commands of privileged EXEC: `dir`, `show bootflash:`, `more`, `delete`, `copy`, `verify /md5`,
`tclsh` (enough Tcl to write a file, as scrapli-cfg and netmiko's inline transfer do)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from ...state.flash import FILESYSTEM, TOTAL_BYTES, FlashError, split_path
from ...state.persistence import atomic_write
from ..mode import Args, Mode, command
from ..replace import RUNNING, STARTUP, SourceError, apply_commands, display_path, open_error, read_source

NULL = ("null:", "null:/")
TCL_OPEN = re.compile(r'^\s*puts\s+\[open\s+"?([^"\s\]]+)"?\s+w\+?\]\s+\{(.*)$')


def _stamp(mtime: float) -> str:
    return time.strftime("%b %d %Y %H:%M:%S +00:00", time.gmtime(mtime))


def _copied(size: int) -> str:
    return f"{size} bytes copied in 0.052 secs ({size * 19} bytes/sec)\n"


class FileCommandsMixin(Mode):
    # ------------------------------------------------------------ listing and reading

    @command("dir [<path:word>]", privilege=15)
    def dir(self, args: Args) -> str:
        path = args.get("path", FILESYSTEM)
        where = split_path(path)
        if where is None:
            return open_error(path, "No such device") + "\n"
        flash = self.router.flash
        try:
            entries = [flash.entry(where[1])] if where[1] else flash.entries()
        except FlashError as exc:
            return open_error(display_path(path), str(exc)) + "\n"
        rows = [f"{e.index:>7}  -rw-  {e.size:>15}  {_stamp(e.mtime)}  {e.name}" for e in entries]
        listing = "\n".join(rows) + "\n" if rows else "No files in directory\n"
        return (f"Directory of {display_path(path)}\n\n{listing}\n"
                f"{TOTAL_BYTES} bytes total ({flash.free_bytes()} bytes free)\n")

    @command("show {bootflash:|flash:}=fs", privilege=15)
    def show_bootflash(self, args: Args) -> str:
        flash = self.router.flash
        rows = [f"{n:<3} {e.size:>10} {_stamp(e.mtime)} {e.name}" for n, e in enumerate(flash.entries(), 1)]
        body = "\n".join(rows) + "\n" if rows else ""
        return (f"-#- --length-- ---------date/time--------- path\n{body}\n"
                f"{flash.free_bytes()} bytes available ({flash.used_bytes()} bytes used)\n")

    @command("more <path:word>", privilege=15)
    def more(self, args: Args) -> str:
        try:
            text = read_source(self.router, args["path"])
        except SourceError as exc:
            return f"{exc}\n"
        return text if text.endswith("\n") or not text else text + "\n"

    @command("verify /md5 <path:word> [<expected:word>]", privilege=15)
    def verify_md5(self, args: Args) -> str:
        where = split_path(args["path"])
        try:
            if where is None or not where[1]:
                raise FlashError("No such file or directory")
            digest = self.router.flash.md5(where[1])
        except FlashError as exc:
            return open_error(display_path(args["path"]), str(exc)) + "\n"
        dots = "." * 60 + "Done!\n"
        expected = args.get("expected")
        if expected is None:
            return f"{dots}verify /md5 ({display_path(args['path'])}) = {digest}\n\n"
        verdict = "Verified" if expected.lower() == digest else "%Error verifying"
        return f"{dots}{verdict} ({display_path(args['path'])}) = {digest}\n\n"

    # ------------------------------------------------------------ changing files

    @command("delete [/force] <path:word>", privilege=15)
    def delete(self, args: Args) -> str | None:
        path = args["path"]
        where = split_path(path)
        if where is None or not where[1]:
            return _delete_error(path, "Is a directory")
        name = where[1]

        def remove(_: str = "") -> str:
            try:
                self.router.flash.delete(name)
            except FlashError as exc:
                return _delete_error(display_path(path), str(exc))
            return ""

        if "/force" in args:
            return remove()
        self._then_confirm(f"Delete filename [{name}]? ",
                           lambda _: self.session.ask(f"Delete {display_path(path)}? [confirm]", _confirmed(remove)))
        return None

    def _then_confirm(self, prompt: str, next_step: Callable[[str], None]) -> None:
        """Ask `prompt` (unless `file prompt quiet`), then go on."""
        if self.router.running.file_prompt_quiet:
            next_step("")
            return

        def answer(text: str) -> str | None:
            next_step(text)
            return None

        self.session.ask(prompt, answer)

    @command("copy <source:word> <destination:word>", privilege=15)
    def copy(self, args: Args) -> str | None:
        source, destination = args["source"], args["destination"]
        default = destination.split(":")[-1].lstrip("/") or destination
        if self.router.running.file_prompt_quiet:
            return self._copy(source, destination)

        def answer(text: str) -> str:
            return self._copy(source, (text.strip() and _with_fs(destination, text.strip())) or destination)

        self.session.ask(f"Destination filename [{default}]? ", answer)
        return None

    def _copy(self, source: str, destination: str) -> str:
        try:
            text = "" if source.lower() in NULL else read_source(self.router, source)
        except SourceError as exc:
            return f"{exc}\n"
        lowered = destination.lower()
        if lowered in STARTUP and source.lower() in RUNNING:
            try:
                self.router.write_startup()
            except OSError as exc:
                return f"%Error writing nvram:startup-config ({exc.strerror or exc})\n"
            return "Building configuration...\n[OK]\n"
        if lowered in RUNNING:
            errors = apply_commands(self.router, text.splitlines(), self.session.user, self.session.line)
            self.router.mark_changed()
            return "".join(errors) + _copied(len(text.encode()))
        if lowered in STARTUP:
            if self.router.startup_path is None:
                return open_error("nvram:/startup-config", "No such device") + "\n"
            self._write_startup_text(text)
            return _copied(len(text.encode()))
        if lowered.startswith("nvram:"):
            name = destination.split(":", 1)[1].lstrip("/")
            return f"%Error opening nvram:/{name} (No such file or directory)\n"
        where = split_path(destination)
        if where is None or not where[1]:
            return open_error(destination, "No such device") + "\n"
        try:
            size = self.router.flash.write(where[1], text)
        except FlashError as exc:
            return open_error(display_path(destination), str(exc)) + "\n"
        return _copied(size)

    def _write_startup_text(self, text: str) -> None:
        assert self.router.startup_path is not None
        atomic_write(self.router.startup_path, text)

    # ------------------------------------------------------------ tclsh

    @command("tclsh", privilege=15)
    def tclsh(self, args: Args) -> None:
        TclShell(self).prompt_next()


def _delete_error(path: str, reason: str) -> str:
    return f"%Error deleting {path} ({reason})\n"


def _confirmed(action: Callable[[], str]) -> Callable[[str], str]:
    def answer(text: str) -> str:
        if text.strip().lower() not in ("", "y", "yes", "confirm"):
            return ""
        return action()

    return answer


def _with_fs(template: str, name: str) -> str:
    """The destination the user typed at the prompt, on the file system of the default."""
    if ":" in name or template.lower() in RUNNING:
        return name if ":" in name else template
    if template.lower() in STARTUP:
        return template if name.lower() == "startup-config" else f"nvram:/{name}"
    return f"{template.split(':')[0]}:{name}"


class TclShell:
    """`Router(tcl)#`: `puts [open "bootflash:f" w+] { ... }` writes a file (`+>` prompts for the lines
    inside the braces); `tclquit` leaves."""

    def __init__(self, mode: Mode) -> None:
        self.mode = mode
        self.target: str | None = None
        self.lines: list[str] = []
        self.depth = 0

    def prompt_next(self) -> None:
        """`Router(tcl)#`, or IOS's `+>` while a `{` is open."""
        session = self.mode.session
        prompt = "+>" if self.target is not None else f"{self.mode.router.running.hostname}(tcl)#"
        session.ask(prompt, self.feed)

    def feed(self, line: str) -> str | None:
        if self.target is not None:
            return self._collect(line)
        text = line.strip()
        if text in ("tclquit", "exit"):
            return None
        reply = ""
        match = TCL_OPEN.match(line)
        if match:
            self.target, self.lines, self.depth = match.group(1), [], 1
            rest = match.group(2)
            if rest:
                return self._collect(rest)
        elif text:
            reply = f'invalid command name "{text.split()[0]}"\n'
        self.prompt_next()
        return reply

    def _collect(self, line: str) -> str | None:
        self.depth += line.count("{") - line.count("}")
        if self.depth > 0:
            self.lines.append(line)
            self.prompt_next()
            return None
        last = line[: line.rfind("}")]
        if last.strip():
            self.lines.append(last)
        target, self.target = self.target, None
        assert target is not None
        where = split_path(target)
        reply = ""
        try:
            if where is None or not where[1]:
                raise FlashError("No such device")
            self.mode.router.flash.write(where[1], "\n".join(self.lines) + "\n")
        except FlashError as exc:
            reply = f'couldn\'t open "{target}": {exc}\n'
        self.prompt_next()
        return reply

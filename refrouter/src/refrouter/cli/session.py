"""A CLI session: the mode stack, pending interactive questions, and IOS error rendering."""

from __future__ import annotations

import logging
import traceback
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..state.config.sanitize import strip_controls
from .grammar import INCOMPLETE, INVALID, CliError, Match
from .mode import Mode
from .pipes import PIPE_COMMANDS, Pipe, parse_pipe, split_pipe

if TYPE_CHECKING:
    from ..state.router import Router

log = logging.getLogger(__name__)
INTERNAL_ERROR = "% Internal error: the command was not completed"
Matcher = Callable[[str], "tuple[Match, int]"]


class CommandCounter(Protocol):
    commands: int


@dataclass
class Pending:
    """An interactive question (e.g. `Password:`) whose answer goes to `callback`."""

    prompt: str
    callback: Callable[[str], str | None]
    echo: bool = True


Output = str | AsyncIterator[str]


class CliSession:
    def __init__(
        self,
        router: Router,
        *,
        user: str = "admin",
        peer: str = "127.0.0.1",
        line: str = "vty0",
        privilege: int = 1,
        stats: CommandCounter | None = None,
    ) -> None:
        from .modes.exec import ExecMode  # local import: modes import this module

        self.router = router
        self.user = user
        self.peer = peer
        self.line = line
        self.privilege = privilege
        self.stats = stats  # counts every line executed (the SSH server's per-router statistics)
        self.term_length = 24
        self.term_width = 80
        self.closed = False
        self.pending: Pending | None = None
        self.modes: list[Mode] = [ExecMode(self)]

    # ---------------------------------------------------------------- state

    @property
    def mode(self) -> Mode:
        return self.modes[-1]

    @property
    def in_config(self) -> bool:
        return len(self.modes) > 1

    @property
    def echo(self) -> bool:
        return self.pending.echo if self.pending else True

    def prompt(self) -> str:
        return self.pending.prompt if self.pending else self.mode.prompt()

    def ask(self, prompt: str, callback: Callable[[str], str | None], echo: bool = True) -> None:
        self.pending = Pending(prompt, callback, echo)

    def push(self, mode: Mode) -> None:
        self.modes.append(mode)

    def pop_to(self, depth: int) -> None:
        """Leave modes until `depth` remain; leaving config mode logs CONFIG_I like IOS."""
        leaving_config = self.in_config and depth <= 1
        del self.modes[depth:]
        if leaving_config:
            self.router.logs.log(
                f"%SYS-5-CONFIG_I: Configured from console by {self.user} on {self.line} ({self.peer})"
            )

    def close(self) -> None:
        self.closed = True

    # ---------------------------------------------------------------- input

    def execute(self, line: str) -> Output:
        """Run one input line; return the output text (lines joined by \\n, no prompt), or a stream
        of text for long-running commands such as `ping`."""
        if self.stats is not None:
            self.stats.commands += 1
        line = strip_controls(line)  # every channel (shell, exec, loaded configs) filters the same way
        if self.pending:
            pending, self.pending = self.pending, None
            return _guarded("interactive answer", lambda: pending.callback(line))
        line = line.replace("\t", " ")
        if not line.strip() or line.lstrip().startswith("!"):
            return ""
        pending_revert = self.router.archive_log.pending
        if self.in_config and pending_revert is not None:  # configuration activity (`revert timer idle`)
            pending_revert.note_activity(self.router.clock.now())
        try:
            return self._dispatch(line)
        except CliError as err:
            return self.render_error(err)

    def _dispatch(self, line: str) -> Output:
        refused = self._leave_removed_modes(line)
        if refused is not None:
            return refused
        match, depth, pipe = self._parse(line, self._match)
        if depth < len(self.modes):
            self.pop_to(depth)
        mode = self.mode
        output = _run(match, mode, pipe)
        if mode.is_config:  # any accepted config-mode line may have changed it: `show configuration id` moves
            self.router.config_id += 1
        return output

    def _parse(self, line: str, matcher: Matcher) -> tuple[Match, int, Pipe | None]:
        """Parse the whole line, pipe included, before anything runs.

        Only exec `show`/`more` commands take a pipe; elsewhere `|` is part of the line, so it is either
        invalid input (caret under it) or text of a LINE argument (`description a | b`)."""
        command_part, pipe_text = split_pipe(line)
        if pipe_text is None:
            return (*matcher(line), None)
        match, depth = matcher(command_part)
        if self.modes[depth - 1].is_config or match.command.syntax.split()[0] not in PIPE_COMMANDS:
            return (*matcher(line), None)
        return match, depth, parse_pipe(pipe_text, len(command_part) + 1)

    def _leave_removed_modes(self, line: str) -> str | None:
        """Leave a sub-mode whose object another session removed (or replaced) and refuse the line, unless
        it edits nothing: `exit` is then done, `end` and `do ...` run in the parent mode."""
        for depth, mode in enumerate(self.modes):
            removed = mode.removed()
            if not removed:
                continue
            try:
                syntax = mode.table.match(line, self.privilege).command.syntax
            except CliError:
                syntax = ""
            self.pop_to(depth)
            if syntax == "exit":
                return ""
            if syntax in ("end", "do <command:line>"):
                return None
            return f"% {removed} was removed or replaced by another session; the line was not applied\n"
        return None

    def _match(self, line: str) -> tuple[Match, int]:
        """Match in the current mode, then in each enclosing config mode (IOS falls back upward)."""
        best: CliError | None = None
        for depth in range(len(self.modes), 0, -1):
            mode = self.modes[depth - 1]
            if depth < len(self.modes) and not mode.is_config:
                break
            try:
                return mode.table.match(line, self.privilege), depth
            except CliError as err:
                if best is None or _progress(err) > _progress(best):
                    best = err
        assert best is not None
        raise best

    def render_error(self, err: CliError) -> str:
        if err.message == INVALID and err.column is not None:
            caret = " " * (len(self.mode.prompt()) + err.column) + "^"
            return f"{caret}\n{INVALID}\n"
        if err.message == INCOMPLETE:
            return f"{INCOMPLETE}\n"
        if err.message and not err.message.endswith("\n"):
            return err.message + "\n"  # the prompt must start a new line (`% Ambiguous command: ...`)
        return err.message

    def help(self, line: str) -> str:
        """`?` help for the partial line typed so far."""
        try:
            entries = self.mode.table.help(line, self.privilege)
        except CliError as err:
            return self.render_error(err)
        if not entries:
            return INVALID if line.strip() else ""
        if not line.endswith(" ") and line.strip():
            return "  ".join(word for word, _ in entries)
        width = max(len(word) for word, _ in entries)
        return "\n".join(f"  {word.ljust(width)}  {text}".rstrip() for word, text in entries)

    def run_exec(self, line: str, column: int = 0) -> Output:
        """Run an exec command from config mode (`do ...`, `line` starting at `column`) without leaving it."""
        from .modes.exec import ExecMode

        exec_mode = self.modes[0]
        assert isinstance(exec_mode, ExecMode)
        try:
            match, _, pipe = self._parse(line, lambda text: (exec_mode.table.match(text, self.privilege), 1))
        except CliError as err:
            if err.column is not None:
                err.column += column  # the caret goes under the word in the line as typed
            return self.render_error(err)
        return _run(match, exec_mode, pipe)


def _run(match: Match, mode: Mode, pipe: Pipe | None) -> Output:
    output = _guarded(match.command.syntax, lambda: match.command.handler(mode, match.args))
    return _piped(output, pipe) if pipe is not None else output


def _guarded(what: str, handler: Callable[[], Output | None]) -> Output:
    """Run a command handler; a bug in it becomes an IOS `%` line instead of ending the session.

    The log names the command syntax and the stack, never the exception text or the arguments: the line
    may carry a secret (`crypto isakmp key ...`)."""
    try:
        return handler() or ""
    except CliError:
        raise
    except Exception as exc:  # the router must never crash on a command
        stack = "".join(traceback.format_tb(exc.__traceback__))
        log.error("command `%s` failed with %s\n%s", what, type(exc).__name__, stack)
        return INTERNAL_ERROR + "\n"


def _piped(output: Output, pipe: Pipe) -> Output:
    if isinstance(output, str):
        return pipe.apply(output)

    async def collect() -> AsyncIterator[str]:
        text = "".join([chunk async for chunk in output])
        yield pipe.apply(text)

    return collect()


def _progress(err: CliError) -> int:
    if err.message == INCOMPLETE:
        return 1_000_000
    return err.column if err.column is not None else -1


NOTICE_PREFIXES = (  # see cli/errors.py (kind notice)
    "% NOTE", "% Warning", "% WARNING", "% Interface ", "% The key modulus size", "% Generating "
)


def is_error_output(output: str) -> bool:
    """True when the output carries an IOS error line (`% ...` other than notes, or `ERROR: ...`)."""
    return any(
        (line.startswith("%") and not line.startswith(NOTICE_PREFIXES)) or line.startswith("ERROR:")
        for line in output.splitlines()
    )

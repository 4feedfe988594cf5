"""Base class for CLI modes: each mode is one command processor with a compiled command table."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from .grammar import Command, CommandTable
from .help_texts import HELP

if TYPE_CHECKING:
    from ..state.router import Router
    from .session import CliSession

Args = dict[str, Any]
_Spec = tuple[str, str, int, bool]


def command(syntax: str, help: str = "", privilege: int = 1, hidden: bool = False) -> Callable[..., Any]:
    """Register a method as the handler of `syntax` in its mode's table."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        specs: list[_Spec] = getattr(fn, "_cli_specs", [])
        fn._cli_specs = [*specs, (syntax, help, privilege, hidden)]  # type: ignore[attr-defined]
        return fn

    return decorate


class Mode:
    """A CLI mode. Subclasses set `tag` (the prompt part in parentheses) and declare commands."""

    tag: ClassVar[str] = ""
    table: ClassVar[CommandTable]
    is_config: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.table = CommandTable()
        cls.table.help_texts = HELP
        seen: set[str] = set()
        for klass in cls.__mro__:
            for attr, fn in vars(klass).items():
                if attr in seen or not callable(fn):
                    continue
                seen.add(attr)
                for syntax, help_text, privilege, hidden in getattr(fn, "_cli_specs", []):
                    cls.table.add(Command(syntax, fn, help_text, privilege, hidden))

    def __init__(self, session: CliSession) -> None:
        self.session = session

    @property
    def router(self) -> Router:
        return self.session.router

    def prompt(self) -> str:
        suffix = "#" if self.session.privilege >= 15 else ">"
        return f"{self.router.running.hostname}{self.tag}{suffix}"

    def removed(self) -> str | None:
        """What this mode edits, once it is no longer in the running config (another session removed it)."""
        return None

    def changed(self) -> None:
        self.router.mark_changed()

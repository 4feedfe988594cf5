"""Commands every configuration mode has: `end`, `exit`, `do`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..mode import Args, Mode, command


class ConfigBase(Mode):
    @command("end")
    def end(self, args: Args) -> None:
        self.session.pop_to(1)

    @command("exit")
    def exit(self, args: Args) -> None:
        self.session.pop_to(len(self.session.modes) - 1)

    @command("do <command:line>")
    def do(self, args: Args) -> str:
        return self.session.run_exec(args["command"], args["_col"]["command"])


def unless_present(table: Mapping[Any, object], key: object, item: object, name: str) -> str | None:
    """`name` when `table[key]` is no longer `item` (removed, or replaced by a new object); else None."""
    return None if table.get(key) is item else name


class SubMode(ConfigBase):
    """A mode entered from global configuration; `exit` returns there."""

    @command("exit")
    def exit(self, args: Args) -> None:
        self.session.pop_to(2)

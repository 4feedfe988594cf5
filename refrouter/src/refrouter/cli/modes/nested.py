"""Modes entered from another sub-mode (keyring peer, pubkey key, GDOI server and SA)."""

from __future__ import annotations

from ..mode import Args, command
from .base import SubMode


class NestedMode(SubMode):
    """A mode entered from another sub-mode; `exit` goes back one level."""

    @command("exit")
    def exit(self, args: Args) -> None:
        self.session.pop_to(len(self.session.modes) - 1)

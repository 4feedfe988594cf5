"""`(cfg-crypto-trans)#`: one IPsec transform set."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...state.config.model import TransformSet
from ..mode import Args, command
from .base import SubMode, unless_present

if TYPE_CHECKING:
    from ..session import CliSession


class TransformMode(SubMode):
    tag = "(cfg-crypto-trans)"

    def __init__(self, session: CliSession, transform_set: TransformSet) -> None:
        super().__init__(session)
        self.transform_set = transform_set

    def removed(self) -> str | None:
        name = self.transform_set.name
        sets = self.router.running.transform_sets
        return unless_present(sets, name, self.transform_set, f"crypto ipsec transform-set {name}")

    @command("mode {tunnel|transport}=mode [require]")
    def mode(self, args: Args) -> None:
        self.transform_set.mode = args["mode"]
        self.changed()

    @command("no mode [{tunnel|transport}]")
    @command("default mode")
    def no_mode(self, args: Args) -> None:
        self.transform_set.mode = "tunnel"
        self.changed()

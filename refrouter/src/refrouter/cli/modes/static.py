"""Configuration lines IOS XE always shows (platform, line, redundancy...): accepted, not modelled,
and the `vrf definition` mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...state.config.model import Vrf
from ..mode import Args, Mode, command
from .base import SubMode, unless_present

if TYPE_CHECKING:
    from ..session import CliSession

# Lines of the rendered running-config that carry no modelled state; re-entering them is a no-op.
STATIC_LINES = (
    "version <release:word>",
    "service timestamps <rest:line>",
    "platform <rest:line>",
    "boot-start-marker",
    "boot-end-marker",
    "no aaa new-model",
    "login on-success log",
    "subscriber templating",
    "license udi <rest:line>",
    "memory free <rest:line>",
    "ip forward-protocol nd",
    "ip http server",
    "ip http secure-server",
    "no ip domain lookup",
    "no ip domain-lookup",
    "ip domain name <name:word>",
    "logging buffered <rest:line>",
)


class StaticLinesMixin(Mode):
    def static_line(self, args: Args) -> None:
        return None

    @command("redundancy", hidden=True)
    @command("control-plane", hidden=True)
    def static_block(self, args: Args) -> None:
        self.session.push(StaticBlockMode(self.session))


for _syntax in STATIC_LINES:
    command(_syntax, hidden=True)(StaticLinesMixin.static_line)


class StaticBlockMode(SubMode):
    tag = "(config-red)"


class VrfMode(SubMode):
    tag = "(config-vrf)"

    def __init__(self, session: CliSession, vrf: Vrf) -> None:
        super().__init__(session)
        self.vrf = vrf

    def removed(self) -> str | None:
        name = self.vrf.name
        return unless_present(self.router.running.vrfs, name, self.vrf, f"vrf definition {name}")

    @command("rd <rd:word>")
    def rd(self, args: Args) -> None:
        self.vrf.rd = args["rd"]
        self.changed()

    @command("description <text:line>")
    def description(self, args: Args) -> None:
        self.vrf.description = args["text"]
        self.changed()

    @command("address-family ipv4 [unicast]")
    def address_family(self, args: Args) -> None:
        self.session.push(VrfAfMode(self.session))


class VrfAfMode(SubMode):
    tag = "(config-vrf-af)"

    @command("exit-address-family")
    def exit_af(self, args: Args) -> None:
        self.session.pop_to(len(self.session.modes) - 1)

    @command("exit")
    def exit(self, args: Args) -> None:
        self.session.pop_to(len(self.session.modes) - 1)

"""`(config-if)#`: one interface."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from ...state.config.model import Interface
from ...state.config.tunnel_status import is_tunnel_like
from ..grammar import INVALID, CliError
from ..mode import Args, command
from .acl import numbered_kind
from .base import SubMode, unless_present
from .tunnel_if import TunnelInterfaceMixin

if TYPE_CHECKING:
    from ..session import CliSession


class InterfaceMode(TunnelInterfaceMixin, SubMode):
    tag = "(config-if)"

    def __init__(self, session: CliSession, interface: Interface) -> None:
        super().__init__(session)
        self.interface = interface

    def removed(self) -> str | None:
        name = self.interface.name
        return unless_present(self.router.running.interfaces, name, self.interface, f"Interface {name}")

    @command("description <text:line>")
    def description(self, args: Args) -> None:
        self.interface.description = args["text"]
        self.changed()

    @command("no description")
    def no_description(self, args: Args) -> None:
        self.interface.description = None
        self.changed()

    @command("ip address <address:ip> <mask:ip>")
    def ip_address(self, args: Args) -> str | None:
        try:
            net = ipaddress.IPv4Interface(f"{args['address']}/{args['mask']}")
        except ValueError:
            return "% Bad mask /{} for address {}\n".format(args["mask"], args["address"])
        if net.ip == net.network.network_address and net.network.prefixlen < 31:
            return f"% Bad mask {args['mask']} for address {args['address']}\n"
        conflict = self._overlap(net)
        if conflict:
            return f"% {net.network} overlaps with {conflict}\n"
        self.interface.address, self.interface.mask = args["address"], args["mask"]
        self.changed()
        return None

    def _overlap(self, net: ipaddress.IPv4Interface) -> str | None:
        for other in self.router.running.interfaces.values():
            if other is self.interface or not other.address or other.vrf != self.interface.vrf:
                continue
            other_net = ipaddress.IPv4Interface(f"{other.address}/{other.mask}").network
            if other_net.overlaps(net.network):
                return other.name
        return None

    @command("no ip address [<address:ip>] [<mask:ip>]")
    def no_ip_address(self, args: Args) -> None:
        self.interface.address = self.interface.mask = None
        self.changed()

    @command("shutdown")
    def shutdown(self, args: Args) -> None:
        self._set_shutdown(True)

    @command("no shutdown")
    def no_shutdown(self, args: Args) -> None:
        self._set_shutdown(False)

    def _set_shutdown(self, down: bool) -> None:
        if self.interface.shutdown == down:
            return
        self.interface.shutdown = down
        self.changed()
        state = "administratively down" if down else "up"
        self.router.logs.log(f"%LINK-5-CHANGED: Interface {self.interface.name}, changed state to {state}")
        if is_tunnel_like(self.interface.name):
            return  # a tunnel's line protocol follows its endpoints and SAs: the data plane logs it
        protocol = "down" if down else "up"
        self.router.logs.log(
            f"%LINEPROTO-5-UPDOWN: Line protocol on Interface {self.interface.name}, changed state to {protocol}"
        )

    @command("crypto map <name:word>")
    def crypto_map(self, args: Args) -> None:
        if self.interface.crypto_map == args["name"]:
            return
        first = not any(i.crypto_map for i in self.router.running.interfaces.values())
        self.interface.crypto_map = args["name"]
        self.changed()
        if first:
            self.router.logs.log("%CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON")

    @command("no crypto map [<name:word>]")
    def no_crypto_map(self, args: Args) -> None:
        if self.interface.crypto_map is None:
            return
        self.interface.crypto_map = None
        self.changed()
        if not any(i.crypto_map for i in self.router.running.interfaces.values()):
            self.router.logs.log("%CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is OFF")

    @command("ip access-group <acl:word> {in|out}=direction")
    def access_group(self, args: Args) -> None:
        """An access list that does not exist yet may be named: IOS then permits everything. A number must be
        in a standard or extended range."""
        name = args["acl"]
        if name.isascii() and name.isdigit() and numbered_kind(int(name)) is None:
            raise CliError(INVALID, args["_col"]["acl"])
        self._set_access_group(args["direction"], name)

    @command("no ip access-group {in|out}=direction")
    @command("no ip access-group <acl:word> {in|out}=direction")
    def no_access_group(self, args: Args) -> None:
        self._set_access_group(args["direction"], None)

    def _set_access_group(self, direction: str, acl: str | None) -> None:
        attribute = f"access_group_{direction}"
        if getattr(self.interface, attribute) == acl:
            return
        setattr(self.interface, attribute, acl)
        self.changed()

    @command("vrf forwarding <vrf:word>")
    @command("ip vrf forwarding <vrf:word>")
    def vrf_forwarding(self, args: Args) -> str | None:
        if args["vrf"] not in self.router.running.vrfs:
            return f"% VRF {args['vrf']} not configured.\n"
        if self.interface.vrf == args["vrf"]:
            return None
        removed = self.interface.address
        self.interface.vrf = args["vrf"]
        self.interface.address = self.interface.mask = None
        self.changed()
        if removed:
            return (
                f"% Interface {self.interface.name} IPv4 disabled and address(es) removed "
                f"due to enabling VRF {args['vrf']}\n"
            )
        return None

    @command("no vrf forwarding [<vrf:word>]")
    @command("no ip vrf forwarding [<vrf:word>]")
    def no_vrf_forwarding(self, args: Args) -> None:
        self.interface.vrf = None
        self.interface.address = self.interface.mask = None
        self.changed()

    @command("negotiation auto", hidden=True)
    @command("no negotiation auto", hidden=True)
    def negotiation(self, args: Args) -> None:
        return None

"""Global configuration mode `(config)#`."""

from __future__ import annotations

import ipaddress
import re

from ...state.config.model import Interface, StaticRoute, Vrf
from ...state.config.tunnel import TunnelSettings
from ...state.interfaces import TUNNEL_TYPES
from ...state.secrets import hash_secret
from ..grammar import INVALID, CliError
from ..mode import Args, command
from .acl import AclMixin
from .archive import FileConfigMixin
from .base import ConfigBase
from .crypto import CryptoMixin
from .crypto_more import CryptoFamiliesMixin
from .ikev1 import Ikev1Mixin
from .ikev2 import Ikev2Mixin
from .ipsec_globals import IpsecGlobalsMixin
from .line import TerminalMixin
from .security import SecurityMixin
from .static import StaticLinesMixin

PHYSICAL_PREFIX = "GigabitEthernet"
# RFC 1123 labels as IOS enforces them: a letter first, letters, digits, `-` or `_` after, at most 63.
HOSTNAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,62}")


class ConfigMode(
    Ikev2Mixin,
    CryptoFamiliesMixin,
    CryptoMixin,
    Ikev1Mixin,
    IpsecGlobalsMixin,
    AclMixin,
    SecurityMixin,
    StaticLinesMixin,
    TerminalMixin,
    FileConfigMixin,
    ConfigBase,
):
    tag = "(config)"

    # ------------------------------------------------------------ system

    @command("hostname <name:word>")
    def hostname(self, args: Args) -> None:
        name = args["name"]
        if not HOSTNAME_RE.fullmatch(name):
            raise CliError("% Hostname contains one or more illegal characters.")
        self.router.running.hostname = name
        self.changed()

    @command("enable secret [{0|9}=enc] <secret:word>")
    def enable_secret(self, args: Args) -> None:
        secret = args["secret"]
        self.router.running.enable_secret_hash = secret if args.get("enc") == "9" else hash_secret(secret)
        self.changed()

    @command("no enable secret")
    def no_enable_secret(self, args: Args) -> None:
        self.router.running.enable_secret_hash = None
        self.changed()

    @command("username <name:word> [privilege <level:0-15>] {secret|password}=kind [{0|9}=enc] <secret:word>")
    def username(self, args: Args) -> None:
        secret = args["secret"]
        hashed = secret if args.get("enc") == "9" else hash_secret(secret)
        name, running = args["name"], self.router.running
        running.users[name] = hashed
        # a later `username` line without `privilege` keeps the user's level
        level = args.get("level", running.user_privileges.get(name, 1))
        running.user_privileges.pop(name, None)
        if level != 1:
            running.user_privileges[name] = level
        self.changed()

    @command("no username <name:word>")
    def no_username(self, args: Args) -> None:
        self.router.running.users.pop(args["name"], None)
        self.router.running.user_privileges.pop(args["name"], None)
        self.changed()

    @command("banner {motd|login}=kind <text:line>")
    def banner(self, args: Args) -> str | None:
        text = args["text"].strip()
        delimiter = text[:2] if text.startswith("^C") else text[:1]
        body = text[len(delimiter) :]
        if delimiter in body:
            self._set_banner(args["kind"], body[: body.index(delimiter)])
            return None
        lines = [body] if body else []

        def more(line: str) -> str | None:
            if delimiter in line:
                lines.append(line[: line.index(delimiter)])
                self._set_banner(args["kind"], "\n".join(lines))
                return None
            lines.append(line)
            self.session.ask("", more)
            return None

        self.session.ask("", more)
        return f"Enter TEXT message.  End with the character '{delimiter}'.\n"

    def _set_banner(self, kind: str, text: str) -> None:
        if kind == "motd":
            self.router.running.banner_motd = text
        else:
            self.router.running.banner_login = text
        self.changed()

    @command("no banner {motd|login}=kind")
    def no_banner(self, args: Args) -> None:
        self._set_banner(args["kind"], "")

    # ------------------------------------------------------------ interfaces and VRFs

    @command("interface <name:iface>")
    @command("interface <name:iface> type tunnel")
    def interface(self, args: Args) -> None:
        from .interface import InterfaceMode

        name = args["name"]
        interfaces = self.router.running.interfaces
        if name not in interfaces:
            if name.startswith((PHYSICAL_PREFIX, "Virtual-Access")):
                raise CliError(INVALID, args["_col"]["name"])
            # a virtual template is a tunnel template only with `type tunnel` (else a serial/PPP one)
            is_tunnel = name.startswith(TUNNEL_TYPES) and (not name.startswith("Virtual-Template") or "type" in args)
            tunnel = TunnelSettings() if is_tunnel else None
            interfaces[name] = Interface(name=name, tunnel=tunnel)
            self.changed()
        self.session.push(InterfaceMode(self.session, interfaces[name]))

    @command("no interface <name:iface>")
    def no_interface(self, args: Args) -> str | None:
        name = args["name"]
        if name.startswith(PHYSICAL_PREFIX):
            return "% Removal of physical interfaces is not permitted\n"
        if self.router.running.interfaces.pop(name, None) is not None:
            self.changed()
        return None

    @command("vrf definition <name:word>")
    def vrf_definition(self, args: Args) -> None:
        from .static import VrfMode

        vrf = self.router.running.vrfs.setdefault(args["name"], Vrf(args["name"]))
        self.changed()
        self.session.push(VrfMode(self.session, vrf))

    @command("no vrf definition <name:word>")
    def no_vrf_definition(self, args: Args) -> str | None:
        if args["name"] not in self.router.running.vrfs:
            return f"% VRF {args['name']} not configured\n"
        del self.router.running.vrfs[args["name"]]
        for iface in self.router.running.interfaces.values():
            if iface.vrf == args["name"]:
                iface.vrf = None
                iface.address = iface.mask = None
        self.changed()
        return None

    # ------------------------------------------------------------ static routes

    @command("ip route [vrf <vrf:word>] <prefix:ip> <mask:ip> <next_hop:ip> [<distance:1-255>]")
    @command("ip route [vrf <vrf:word>] <prefix:ip> <mask:ip> <interface:iface> [<next_hop:ip>] [<distance:1-255>]")
    def ip_route(self, args: Args) -> str | None:
        route = self._route(args)
        if isinstance(route, str):
            return route
        routes = self.router.running.static_routes
        for index, existing in enumerate(routes):
            if _same_route(existing, route):
                routes[index] = route
                break
        else:
            routes.append(route)
        self.changed()
        return None

    @command("no ip route [vrf <vrf:word>] <prefix:ip> <mask:ip> [<next_hop:ip>] [<distance:1-255>]")
    @command("no ip route [vrf <vrf:word>] <prefix:ip> <mask:ip> <interface:iface> [<next_hop:ip>] [<distance:1-255>]")
    def no_ip_route(self, args: Args) -> str | None:
        routes = self.router.running.static_routes
        keep = [
            r
            for r in routes
            if not (
                r.prefix == args["prefix"]
                and r.mask == args["mask"]
                and r.vrf == args.get("vrf")
                and args.get("next_hop") in (None, r.next_hop)
                and args.get("interface") in (None, r.interface)
            )
        ]
        if len(keep) == len(routes):
            return "%No matching route to delete\n"
        self.router.running.static_routes[:] = keep
        self.changed()
        return None

    def _route(self, args: Args) -> StaticRoute | str:
        try:
            net = ipaddress.IPv4Network(f"{args['prefix']}/{args['mask']}")
        except ValueError:
            if _is_mask(args["mask"]):
                return "%Inconsistent address and mask\n"
            return "%Invalid mask\n"
        vrf = args.get("vrf")
        if vrf is not None and vrf not in self.router.running.vrfs:
            return f"% VRF {vrf} not configured\n"
        return StaticRoute(
            str(net.network_address),
            str(net.netmask),
            next_hop=args.get("next_hop"),
            interface=args.get("interface"),
            distance=args.get("distance"),
            vrf=vrf,
        )


def _is_mask(text: str) -> bool:
    try:
        ipaddress.IPv4Network(f"0.0.0.0/{text}")
    except ValueError:
        return False
    return True


def _same_route(a: StaticRoute, b: StaticRoute) -> bool:
    return (a.vrf, a.prefix, a.mask, a.next_hop, a.interface) == (b.vrf, b.prefix, b.mask, b.next_hop, b.interface)

"""Tunnel, NHRP and IP-tuning commands of `(config-if)#` (mixed into InterfaceMode)."""

from __future__ import annotations

from ...state.config.model import Interface
from ...state.config.tunnel import DEFAULT_TUNNEL_MODE, TunnelSettings
from ..grammar import INVALID, CliError
from ..mode import Args, Mode, command
from .ikev2_modes import VIRTUAL_TEMPLATE, virtual_template_number

TUNNEL_MODE = "{gre {ip|multipoint|ipv6}=gre|ipsec {ipv4|ipv6}=ipsec}"


class TunnelInterfaceMixin(Mode):
    interface: Interface

    def _tunnel(self, args: Args) -> TunnelSettings:
        """The tunnel settings; `tunnel ...` on a non-tunnel interface is invalid input, as on IOS."""
        if self.interface.tunnel is None:
            raise CliError(INVALID, args["_col"].get("tunnel", 0))
        return self.interface.tunnel

    @command("tunnel source {<interface:iface>|<address:ip>}")
    def tunnel_source(self, args: Args) -> None:
        self._tunnel(args).source = args.get("interface") or args["address"]
        self.changed()

    @command("tunnel destination {<address:ip>|dynamic|<host:word>}")
    def tunnel_destination(self, args: Args) -> None:
        tunnel = self._tunnel(args)
        tunnel.destination = args.get("address") or ("dynamic" if args.get("dynamic") else args["host"])
        self.changed()

    @command("tunnel mode " + TUNNEL_MODE)
    def tunnel_mode(self, args: Args) -> None:
        tunnel = self._tunnel(args)
        tunnel.mode = f"gre {args['gre']}" if "gre" in args else f"ipsec {args['ipsec']}"
        self.changed()

    @command("tunnel key <key:0-4294967295>")
    def tunnel_key(self, args: Args) -> None:
        self._tunnel(args).key = args["key"]
        self.changed()

    @command("tunnel vrf <vrf:word>")
    def tunnel_vrf(self, args: Args) -> str | None:
        tunnel = self._tunnel(args)
        if args["vrf"] not in self.router.running.vrfs:
            return f"% VRF {args['vrf']} not configured.\n"
        tunnel.vrf = args["vrf"]
        self.changed()
        return None

    @command("tunnel path-mtu-discovery")
    def tunnel_pmtud(self, args: Args) -> None:
        self._tunnel(args).path_mtu_discovery = True
        self.changed()

    @command("tunnel protection ipsec profile <profile:word> [ikev2-profile <ikev2:word>] [shared]")
    def tunnel_protection(self, args: Args) -> str | None:
        tunnel = self._tunnel(args)
        running = self.router.running
        if running.ipsec_profile(args["profile"]) is None:
            return f"% IPSEC profile {args['profile']} does not exist\n"
        ikev2 = args.get("ikev2")
        if ikev2 and ikev2 not in running.ikev2.profiles:
            return f"% IKEv2 profile {ikev2} does not exist\n"
        tunnel.protection_profile = args["profile"]
        tunnel.protection_ikev2_profile = ikev2
        tunnel.protection_shared = bool(args.get("shared"))
        self.changed()
        return None

    @command("no tunnel {source|destination|key|vrf|path-mtu-discovery|mode|protection}=what [<rest:line>]")
    def no_tunnel(self, args: Args) -> None:
        tunnel = self._tunnel(args)
        what = args["what"]
        if what == "mode":
            tunnel.mode = DEFAULT_TUNNEL_MODE
        elif what == "path-mtu-discovery":
            tunnel.path_mtu_discovery = False
        elif what == "protection":
            tunnel.protection_profile = tunnel.protection_ikev2_profile = None
            tunnel.protection_shared = False
        else:
            setattr(tunnel, what, None)
        self.changed()

    # ------------------------------------------------------------ IP tuning

    @command("ip unnumbered <interface:iface>")
    def ip_unnumbered(self, args: Args) -> None:
        self.interface.unnumbered = args["interface"]
        self.interface.address = self.interface.mask = None
        self.changed()

    @command("no ip unnumbered [<interface:iface>]")
    def no_ip_unnumbered(self, args: Args) -> None:
        self.interface.unnumbered = None
        self.changed()

    @command("ip mtu <bytes:68-9216>")
    def ip_mtu(self, args: Args) -> None:
        self.interface.ip_mtu = args["bytes"]
        self.changed()

    @command("no ip mtu [<bytes:68-9216>]")
    def no_ip_mtu(self, args: Args) -> None:
        self.interface.ip_mtu = None
        self.changed()

    @command("ip tcp adjust-mss <bytes:500-1460>")
    def ip_tcp_adjust_mss(self, args: Args) -> None:
        self.interface.tcp_adjust_mss = args["bytes"]
        self.changed()

    @command("no ip tcp adjust-mss [<bytes:500-1460>]")
    def no_ip_tcp_adjust_mss(self, args: Args) -> None:
        self.interface.tcp_adjust_mss = None
        self.changed()

    # ------------------------------------------------------------ NHRP

    @command("ip nhrp authentication <key:word>")
    def nhrp_authentication(self, args: Args) -> str | None:
        if len(args["key"]) > 8:
            return "% NHRP authentication string must be at most 8 characters\n"
        self.interface.nhrp.authentication = args["key"]
        self.changed()
        return None

    @command("ip nhrp network-id <id:1-4294967295>")
    def nhrp_network_id(self, args: Args) -> None:
        self.interface.nhrp.network_id = args["id"]
        self.changed()

    @command("ip nhrp holdtime <seconds:1-65535>")
    def nhrp_holdtime(self, args: Args) -> None:
        self.interface.nhrp.holdtime = args["seconds"]
        self.changed()

    @command("ip nhrp map multicast {dynamic|<nbma:ip>}")
    def nhrp_map_multicast(self, args: Args) -> None:
        entry = "dynamic" if args.get("dynamic") else args["nbma"]
        if entry not in self.interface.nhrp.map_multicast:
            self.interface.nhrp.map_multicast.append(entry)
        self.changed()

    @command("ip nhrp map <address:ip> <nbma:ip>")
    def nhrp_map(self, args: Args) -> None:
        entry = f"{args['address']} {args['nbma']}"
        maps = self.interface.nhrp.maps
        maps[:] = [m for m in maps if m.split()[0] != args["address"]]
        maps.append(entry)
        self.changed()

    @command("ip nhrp nhs <address:ip> [nbma <nbma:ip>] [multicast]")
    def nhrp_nhs(self, args: Args) -> None:
        entry = args["address"]
        if args.get("nbma"):
            entry += f" nbma {args['nbma']}" + (" multicast" if args.get("multicast") else "")
        nhs = self.interface.nhrp.nhs
        nhs[:] = [n for n in nhs if n.split()[0] != args["address"]]
        nhs.append(entry)
        self.changed()

    @command("ip nhrp redirect")
    def nhrp_redirect(self, args: Args) -> None:
        self.interface.nhrp.redirect = True
        self.changed()

    @command("ip nhrp shortcut")
    @command("ip nhrp shortcut " + VIRTUAL_TEMPLATE)
    def nhrp_shortcut(self, args: Args) -> None:
        template = virtual_template_number(args) if "number" in args or "vt" in args else None
        self.interface.nhrp.shortcut = f"virtual-template {template}" if template else ""
        self.changed()

    @command("no ip nhrp {authentication|network-id|holdtime|redirect|shortcut}=what [<rest:line>]")
    def no_nhrp_setting(self, args: Args) -> None:
        nhrp = self.interface.nhrp
        what = args["what"]
        if what == "redirect":
            nhrp.redirect = False
        else:
            setattr(nhrp, what.replace("-", "_"), None)
        self.changed()

    @command("no ip nhrp {map|nhs}=what [<rest:line>]")
    def no_nhrp_list(self, args: Args) -> None:
        nhrp = self.interface.nhrp
        rest = args.get("rest", "").split()
        if args["what"] == "nhs":
            nhrp.nhs[:] = [n for n in nhrp.nhs if rest and n.split()[0] != rest[0]]
        elif rest[:1] == ["multicast"]:
            nhrp.map_multicast[:] = [m for m in nhrp.map_multicast if len(rest) > 1 and m != rest[1]]
        else:
            nhrp.maps[:] = [m for m in nhrp.maps if rest and m.split()[0] != rest[0]]
        self.changed()

"""EXEC shows about interfaces and the host, the ones automation tools send first (NAPALM, cisco.ios facts):
`show interfaces`, `show ip interface`, `show ipv6 interface`, `show arp`, `show hosts`, `show snmp user`."""

from __future__ import annotations

from ...show import host_show, interfaces_show
from ..grammar import INVALID, CliError
from ..mode import Args, Mode, command


class InterfaceShowMixin(Mode):
    """Mixed into ExecMode."""

    def _interface(self, args: Args) -> str | None:
        name: str | None = args.get("name")
        if name is not None and name not in self.router.running.interfaces \
                and name not in self.router.oper.virtual_access.by_name:
            raise CliError(INVALID, args["_col"]["name"])
        return name

    @command("show interfaces [<name:iface>]")
    def show_interfaces(self, args: Args) -> str:
        return interfaces_show.interfaces(self.router, self._interface(args))

    @command("show ip interface [<name:iface>]")
    def show_ip_interface(self, args: Args) -> str:
        return interfaces_show.ip_interface(self.router, self._interface(args))

    @command("show ipv6 interface [brief]")
    def show_ipv6_interface(self, args: Args) -> str:
        """No interface has IPv6 enabled (the router models none): IOS prints nothing."""
        return ""

    @command("show arp [vrf <vrf:word>]")
    def show_arp(self, args: Args) -> str:
        vrf = args.get("vrf")
        if vrf is not None and vrf not in self.router.running.vrfs:
            return f"% IP routing table {vrf} does not exist\n"
        return interfaces_show.arp(self.router, vrf)

    @command("show hosts")
    def show_hosts(self, args: Args) -> str:
        return host_show.hosts()

    @command("show snmp user")
    def show_snmp_user(self, args: Args) -> str:
        """No SNMPv3 user can be configured here, so the table is empty (IOS prints nothing)."""
        return ""

"""System show commands: version, configs, interfaces, routes, ACLs, logging, inventory."""

from __future__ import annotations

import ipaddress
import time
from typing import TYPE_CHECKING

from ..state.config.render import render_interface, sorted_interfaces
from ..state.router import Router
from .labels import RELEASE_TRAINS

if TYPE_CHECKING:
    from ..cli.session import CliSession

NVRAM_BYTES = 33554432


def format_uptime(seconds: float) -> str:
    """IOS style: `1 week, 2 days, 3 hours, 4 minutes`."""
    minutes = int(seconds // 60)
    parts = []
    for unit, size in (("year", 525600), ("week", 10080), ("day", 1440), ("hour", 60), ("minute", 1)):
        count, minutes = divmod(minutes, size)
        if count or (unit == "minute" and not parts):
            parts.append(f"{count} {unit}{'' if count == 1 else 's'}")
    return ", ".join(parts)


def version(router: Router) -> str:
    ident = router.identity
    major, minor = ident.major_minor
    padded = ident.padded_version
    train = RELEASE_TRAINS.get((major, minor), "IOSXE")
    uptime = format_uptime(router.uptime_seconds())
    return f"""Cisco IOS XE Software, Version {padded}
Cisco IOS Software [{train}], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version {ident.version}, RELEASE SOFTWARE (fc3)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2023 by Cisco Systems, Inc.
Compiled Fri 20-Oct-23 10:44 by mcpre


Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.
All rights reserved.  Certain components of Cisco IOS-XE software are
licensed under the GNU General Public License ("GPL") Version 2.0.  The
software code licensed under GPL Version 2.0 is free software that comes
with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such
GPL code under the terms of GPL Version 2.0.  For more details, see the
documentation or "License Notice" file accompanying the IOS-XE software,
or the applicable URL provided on the flyer accompanying the IOS-XE
software.


ROM: IOS-XE ROMMON

{router.running.hostname} uptime is {uptime}
Uptime for this control processor is {uptime}
System returned to ROM by reload
System image file is "bootflash:packages.conf"
Last reload reason: reload



This product contains cryptographic features and is subject to United
States and local country laws governing import, export, transfer and
use. Delivery of Cisco cryptographic products does not imply
third-party authority to import, export, distribute or use encryption.
Importers, exporters, distributors and users are responsible for
compliance with U.S. and local country laws. By using this product you
agree to comply with applicable laws and regulations. If you are unable
to comply with U.S. and local laws, return this product immediately.

A summary of U.S. laws governing Cisco cryptographic products may be found at:
http://www.cisco.com/wwl/export/crypto/tool/stqrg.html

If you require further assistance please contact us by sending email to
export@cisco.com.

License Level: ax
License Type: N/A(Smart License Enabled)
Next reload license Level: ax

The current throughput level is 1000 kbps 


Smart Licensing Status: Smart Licensing Using Policy

cisco {ident.model} (VXE) processor (revision VXE) with 2028465K/3075K bytes of memory.
Processor board ID {ident.serial}
Router operating mode: Autonomous
4 Gigabit Ethernet interfaces
32768K bytes of non-volatile configuration memory.
3965316K bytes of physical memory.
11526144K bytes of virtual hard disk at bootflash:.

Configuration register is 0x2102

"""


def _change_stamp(router: Router) -> str:
    if router.last_change is None:
        return "!"
    stamp = time.strftime("%H:%M:%S UTC %a %b %d %Y", time.gmtime(router.last_change))
    return f"!\n! Last configuration change at {stamp}\n!"


def running_config(router: Router) -> str:
    body = router.running_config_text()
    text = f"{_change_stamp(router)}\n{body}"
    return f"Building configuration...\n\nCurrent configuration : {len(text)} bytes\n{text}\n"


def running_interface(router: Router, name: str) -> str:
    iface = router.running.interfaces.get(name)
    if iface is None:
        return "                               ^\n% Invalid input detected at '^' marker.\n"
    body = "\n".join(render_interface(iface)) + "\nend\n"
    return f"Building configuration...\n\nCurrent configuration : {len(body)} bytes\n!\n{body}\n"


def startup_config(router: Router) -> str:
    text = router.read_startup()
    if text is None:
        return "startup-config is not present\n"
    return f"Using {len(text)} out of {NVRAM_BYTES} bytes\n!\n{text}"


def clock() -> str:
    now = time.time()
    stamp = time.strftime("%H:%M:%S", time.gmtime(now))
    return f"*{stamp}.{int(now % 1 * 1000):03d} UTC {time.strftime('%a %b %d %Y', time.gmtime(now))}\n"


def interface_status(router: Router, name: str) -> tuple[str, str]:
    iface = router.running.interfaces[name]
    if iface.shutdown:
        return "administratively down", "down"
    return "up", "up"


def ip_interface_brief(router: Router) -> str:
    lines = ["Interface              IP-Address      OK? Method Status                Protocol"]
    for iface in sorted_interfaces(router.running):
        status, protocol = interface_status(router, iface.name)
        address = iface.address or "unassigned"
        method = "manual" if iface.address else "unset"
        lines.append(f"{iface.name:<23}{address:<16}YES {method:<7}{status:<22}{protocol}")
    return "\n".join(lines) + "\n"


ROUTE_CODES = """Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP
       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area 
       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2
       E1 - OSPF external type 1, E2 - OSPF external type 2, m - OMP
       n - NAT, Ni - NAT inside, No - NAT outside, Nd - NAT DIA
       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2
       ia - IS-IS inter area, * - candidate default, U - per-user static route
       H - NHRP, G - NHRP registered, g - NHRP registration summary
       o - ODR, P - periodic downloaded static route, l - LISP
       a - application route
       + - replicated route, % - next hop override, p - overrides from PfR
       & - replicated local route overrides by connected

"""


def ip_route(router: Router) -> str:
    entries: list[tuple[ipaddress.IPv4Network, str]] = []
    for iface in router.running.interfaces.values():
        if not iface.address or iface.shutdown or iface.vrf:
            continue
        net = ipaddress.IPv4Interface(f"{iface.address}/{iface.mask}")
        entries.append((net.network, f"C        {net.network} is directly connected, {iface.name}"))
        entries.append((ipaddress.IPv4Network(f"{net.ip}/32"), f"L        {net.ip}/32 is directly connected, {iface.name}"))
    for route in router.running.static_routes:
        if route.vrf:
            continue
        net = ipaddress.IPv4Network(f"{route.prefix}/{route.mask}")
        via = f"via {route.next_hop}" if route.next_hop else f"is directly connected, {route.interface}"
        distance = route.distance or 1
        entries.append((net, f"S        {net} [{distance}/0] {via}"))
    default = any(n.prefixlen == 0 for n, _ in entries)
    header = ROUTE_CODES + ("Gateway of last resort is set\n\n" if default else "Gateway of last resort is not set\n\n")
    body = [line for _, line in sorted(entries, key=lambda e: (int(e[0].network_address), e[0].prefixlen))]
    return header + "".join(f"{line}\n" for line in body)


def access_lists(router: Router, name: str | None) -> str:
    lines: list[str] = []
    for acl in sorted(router.running.access_lists.values(), key=lambda a: (a.named, a.name.zfill(6))):
        if name is not None and acl.name != name:
            continue
        lines.append(f"{acl.kind.capitalize()} IP access list {acl.name}")
        for entry in acl.entries:
            if entry.action == "remark":
                continue
            hits = router.acl_hits.get((acl.name, entry.seq), 0)
            suffix = f" ({hits} match{'es' if hits != 1 else ''})" if hits else ""
            lines.append(f"    {entry.seq} {entry.action} {entry.text}{suffix}")
    return "\n".join(lines) + ("\n" if lines else "")


def logging(router: Router) -> str:
    entries = router.logs.entries()
    header = (
        "Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, "
        "xml disabled, filtering disabled)\n\n"
        "No Active Message Discriminator.\n\n\n\n"
        "No Inactive Message Discriminator.\n\n\n"
        "    Console logging: disabled\n"
        "    Monitor logging: level debugging, 0 messages logged, xml disabled,\n"
        "                     filtering disabled\n"
        f"    Buffer logging:  level debugging, {len(entries)} messages logged, xml disabled,\n"
        "                    filtering disabled\n"
        "    Exception Logging: size (4096 bytes)\n"
        "    Count and timestamp logging messages: disabled\n"
        "    Persistent logging: disabled\n\n"
        "No active filter modules.\n\n"
        "    Trap logging: level informational, 0 message lines logged\n"
        "        Logging Source-Interface:       VRF Name:\n\n"
        "Log Buffer (102400 bytes):\n\n"
    )
    return header + "".join(f"{entry.render()}\n" for entry in entries)


def inventory(router: Router) -> str:
    ident = router.identity
    return (
        f'NAME: "Chassis", DESCR: "Cisco {ident.model} Chassis"\n'
        f"PID: {ident.model:<17}, VID: V00  , SN: {ident.serial}\n\n"
        'NAME: "module R0", DESCR: "Cisco C8000V Route Processor"\n'
        f"PID: {ident.model:<17}, VID: V00  , SN: JAB1303001C\n\n"
        'NAME: "module F0", DESCR: "C8000V Embedded Services Processor"\n'
        f"PID: {ident.model:<17}, VID:      , SN:            \n\n"
    )


def users(session: CliSession) -> str:
    return (
        "    Line       User       Host(s)              Idle       Location\n"
        f"*  1 {session.line:<9} {session.user:<10} idle                 00:00:00 {session.peer}\n\n"
        "  Interface    User               Mode         Idle     Peer Address\n\n"
    )

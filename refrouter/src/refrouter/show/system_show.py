"""System show commands: version, clock, logging, inventory."""

from __future__ import annotations

import time

from ..state.router import Router
from .labels import RELEASE_TRAINS


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

"""  # noqa: E501 - show version prints its banner line unwrapped


def clock() -> str:
    now = time.time()
    stamp = time.strftime("%H:%M:%S", time.gmtime(now))
    return f"*{stamp}.{int(now % 1 * 1000):03d} UTC {time.strftime('%a %b %d %Y', time.gmtime(now))}\n"


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


"""Interface shows: `show interfaces [IF]`, `show ip interface [IF]`, `show ipv6 interface`, `show arp`.

Status comes from the configuration (as `show ip interface brief`), MACs from `state/interfaces.py`,
counters and the ARP cache from what the data plane recorded in `router.oper.interfaces`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass

from ..state.config.model import Interface
from ..state.interfaces import burned_in_mac
from ..state.router import Router
from .ip_show import interface_status, shown_interfaces
from .tunnel_show import tunnel_lines


@dataclass(frozen=True)
class Hardware:
    kind: str  # `Hardware is ...`
    mtu: int
    bandwidth_kbit: int
    delay_usec: int
    encapsulation: str


HARDWARE = {
    "GigabitEthernet": Hardware("vNIC", 1500, 1000000, 10, "ARPA"),
    "Loopback": Hardware("Loopback", 1514, 8000000, 5000, "LOOPBACK"),
    "Tunnel": Hardware("Tunnel", 9976, 100, 50000, "TUNNEL"),
    "Virtual-Access": Hardware("Virtual Access interface", 9976, 100, 50000, "TUNNEL"),
    "Virtual-Template": Hardware("Virtual Template interface", 9976, 100, 50000, "TUNNEL"),
}


def hardware_of(name: str) -> Hardware:
    return next(hw for prefix, hw in HARDWARE.items() if name.startswith(prefix))


def _selected(router: Router, name: str | None) -> list[Interface]:
    return [i for i in shown_interfaces(router) if name is None or i.name == name]


def _status_line(router: Router, iface: Interface) -> str:
    status, protocol = interface_status(router, iface.name)
    return f"{iface.name} is {status}, line protocol is {protocol} "


def _prefix(iface: Interface) -> str:
    return str(ipaddress.IPv4Interface(f"{iface.address}/{iface.mask}").with_prefixlen)


def ios_elapsed(seconds: float | None) -> str:
    """`Last input 00:00:05`; `1d02h` past a day; `never` when nothing happened."""
    if seconds is None:
        return "never"
    total = int(seconds)
    if total >= 86400:
        return f"{total // 86400}d{total % 86400 // 3600:02d}h"
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def _since(router: Router, moment: float | None) -> float | None:
    return None if moment is None else max(0.0, router.clock.now() - moment)


# ------------------------------------------------------------------------------ show interfaces


def interfaces(router: Router, name: str | None = None) -> str:
    return "".join("\n".join(_interface_block(router, iface)) + "\n" for iface in _selected(router, name))


def _interface_block(router: Router, iface: Interface) -> Iterator[str]:
    hw = hardware_of(iface.name)
    (bits_in, pkts_in), (bits_out, pkts_out) = router.oper.interfaces.rates(iface.name)
    counters = router.oper.interfaces.of(iface.name)
    mac = burned_in_mac(router.name, iface.name)
    yield _status_line(router, iface)
    yield f"  Hardware is {hw.kind}, address is {mac} (bia {mac})" if mac else f"  Hardware is {hw.kind}"
    if iface.description:
        yield f"  Description: {iface.description}"
    if iface.address:
        yield f"  Internet address is {_prefix(iface)}"
    elif iface.unnumbered:
        borrowed = router.running.interfaces.get(iface.unnumbered)
        address = borrowed.address if borrowed and borrowed.address else "0.0.0.0"
        yield f"  Interface is unnumbered. Using address of {iface.unnumbered} ({address})"
    mtu = 9938 if iface.tunnel and iface.tunnel.mode.startswith("ipsec") else hw.mtu
    yield f"  MTU {mtu} bytes, BW {hw.bandwidth_kbit} Kbit/sec, DLY {hw.delay_usec} usec, "
    yield "     reliability 255/255, txload 1/255, rxload 1/255"
    yield f"  Encapsulation {hw.encapsulation}, loopback not set"
    if mac:
        yield "  Keepalive set (10 sec)"
        yield "  Full Duplex, 1000Mbps, link type is auto, media type is Virtual"
        yield "  output flow-control is unsupported, input flow-control is unsupported"
        yield "  ARP type: ARPA, ARP Timeout 04:00:00"
    elif hw.kind == "Loopback":
        yield "  Keepalive set (10 sec)"
    else:
        yield "  Keepalive not set"
    if iface.tunnel is not None:
        yield from tunnel_lines(router, iface)
    last_in = ios_elapsed(_since(router, counters.last_input))
    last_out = ios_elapsed(_since(router, counters.last_output))
    yield f"  Last input {last_in}, output {last_out}, output hang never"
    yield '  Last clearing of "show interface" counters never'
    yield "  Input queue: 0/375/0/0 (size/max/drops/flushes); Total output drops: 0"
    yield "  Queueing strategy: fifo"
    yield "  Output queue: 0/40 (size/max)"
    yield f"  5 minute input rate {bits_in} bits/sec, {pkts_in} packets/sec"
    yield f"  5 minute output rate {bits_out} bits/sec, {pkts_out} packets/sec"
    yield f"     {counters.packets_in} packets input, {counters.bytes_in} bytes, 0 no buffer"
    yield "     Received 0 broadcasts (0 IP multicasts)"
    yield "     0 runts, 0 giants, 0 throttles "
    yield "     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored"
    if mac:
        yield "     0 watchdog, 0 multicast, 0 pause input"
    yield f"     {counters.packets_out} packets output, {counters.bytes_out} bytes, 0 underruns"
    if mac:
        yield "     Output 0 broadcasts (0 IP multicasts)"
    yield "     0 output errors, 0 collisions, 0 interface resets"
    yield "     0 unknown protocol drops"
    if mac:
        yield "     0 babbles, 0 late collision, 0 deferred"
        yield "     0 lost carrier, 0 no carrier, 0 pause output"
    yield "     0 output buffer failures, 0 output buffers swapped out"


# ------------------------------------------------------------------------------ show ip interface

IP_FEATURES = """  Helper address is not set
  Directed broadcast forwarding is disabled
  Outgoing Common access list is not set 
  Outgoing access list is {acl_out}
  Inbound Common access list is not set 
  Inbound  access list is {acl_in}
  Proxy ARP is enabled
  Local Proxy ARP is disabled
{vrf}  Security level is default
  Split horizon is enabled
  ICMP redirects are always sent
  ICMP unreachables are always sent
  ICMP mask replies are never sent
  IP fast switching is enabled
  IP Flow switching is disabled
  IP CEF switching is enabled
  IP CEF switching turbo vector
  IP Null turbo vector
  Associated unicast routing topologies:
        Topology "base", operation state is {topology}
  IP multicast fast switching is enabled
  IP multicast distributed fast switching is disabled
  IP route-cache flags are Fast, CEF
  Router Discovery is disabled
  IP output packet accounting is disabled
  IP access violation accounting is disabled
  TCP/IP header compression is disabled
  RTP/IP header compression is disabled
  Probe proxy name replies are disabled
  Policy routing is disabled
  Network address translation is disabled
  BGP Policy Mapping is disabled
  Input features: MCI Check
  IPv4 WCCP Redirect outbound is disabled
  IPv4 WCCP Redirect inbound is disabled
  IPv4 WCCP Redirect exclude is disabled
"""


def ip_interface(router: Router, name: str | None = None) -> str:
    return "".join(_ip_interface_block(router, iface) for iface in _selected(router, name))


def _ip_interface_block(router: Router, iface: Interface) -> str:
    head = _status_line(router, iface) + "\n"
    if not iface.address:
        return head + "  Internet protocol processing disabled\n"
    status, _ = interface_status(router, iface.name)
    vrf = f'  VPN Routing/Forwarding "{iface.vrf}"\n' if iface.vrf else ""
    return (
        head
        + f"  Internet address is {_prefix(iface)}\n"
        + "  Broadcast address is 255.255.255.255\n"
        + "  Address determined by non-volatile memory\n"
        + f"  MTU is {hardware_of(iface.name).mtu} bytes\n"
        + IP_FEATURES.format(vrf=vrf, acl_out=iface.access_group_out or "not set",
                             acl_in=iface.access_group_in or "not set", topology="UP" if status == "up" else "DOWN")
    )


# ------------------------------------------------------------------------------ show arp

ARP_HEADER = "Protocol  Address          Age (min)  Hardware Addr   Type   Interface\n"


def arp(router: Router, vrf: str | None = None) -> str:
    """Own addresses (age `-`) and learned neighbours on up interfaces of the VRF, by address."""
    rows: list[tuple[ipaddress.IPv4Address, str]] = []
    networks: dict[str, ipaddress.IPv4Network] = {}
    for iface in router.running.interfaces.values():
        mac = burned_in_mac(router.name, iface.name)
        if not mac or not iface.address or iface.shutdown or iface.vrf != vrf:
            continue
        networks[iface.name] = ipaddress.IPv4Interface(f"{iface.address}/{iface.mask}").network
        rows.append((ipaddress.IPv4Address(iface.address), _arp_row(iface.address, "-", mac, iface.name)))
    now = router.clock.now()
    for entry in router.oper.interfaces.arp_entries():
        address = ipaddress.IPv4Address(entry.address)
        network = networks.get(entry.interface)
        if network is None or address not in network or any(address == own for own, _ in rows):
            continue
        age = str(int(max(0.0, now - entry.learned) // 60))
        rows.append((address, _arp_row(entry.address, age, entry.mac, entry.interface)))
    return ARP_HEADER + "".join(row for _, row in sorted(rows, key=lambda r: r[0]))


def _arp_row(address: str, age: str, mac: str, interface: str) -> str:
    return f"Internet  {address:<16} {age:>8}   {mac:<14}  ARPA   {interface}\n"

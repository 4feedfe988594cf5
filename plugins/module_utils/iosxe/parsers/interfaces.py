# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parser for ``show interfaces [NAME]`` -> ``{"interfaces": [INTERFACE, ...]}``.

INTERFACE always has ``name``, ``status`` (``up``, ``down``, ``administratively down``, ``deleted``) and
``line_protocol`` (``up``/``down``); the rest where printed::

    {"status_reason", "line_protocol_reason" (the words in brackets after a state), "hardware", "mac",
     "bia", "description", "address" (``10.0.0.1/30``), "unnumbered" ({"interface", "address"}), "mtu",
     "bandwidth_kbit", "delay_usec", "reliability", "txload", "rxload", "encapsulation", "loopback",
     "keepalive" (``not set`` / ``set``), "keepalive_seconds", "duplex", "speed", "link_type",
     "media_type", "output_flow_control", "input_flow_control", "arp_type", "arp_timeout",
     "last_input", "last_output", "output_hang", "last_clearing", "input_queue" ({size, max, drops,
     flushes}), "total_output_drops", "queueing_strategy", "output_queue" ({size, max}),
     "input_rate" / "output_rate" ({"interval": "5 minute", "bits_sec", "packets_sec"}),
     "packets_input", "bytes_input", "no_buffer", "packets_output", "bytes_output", "underruns",
     "broadcasts_input", "multicasts_input", "broadcasts_output", "multicasts_output",
     "counters" ({"runts": 0, "giants": 0, "input_errors": 0, "crc": 0, ...}: every other
     ``N label, N label`` line),
     "tunnel": {"linestate", "linestate_reason", "source", "source_interface", "destination",
                "protocol" (``IPSEC/IP``), "mode" (the ``tunnel mode`` words, see :data:`TUNNEL_MODES`),
                "key", "sequencing", "checksumming", "ttl", "fast_tunneling", "transport_mtu", "ip_mtu",
                "transmit_bandwidth_kbps", "receive_bandwidth_kbps", "protection_profile",
                "source_tracking" (the lines under ``Tunnel Subblocks:``, as printed)}}

``tunnel.mode`` is None for a transport IOS prints that :data:`TUNNEL_MODES` does not list (the printed
``protocol`` is kept either way).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .common import Log, ParseResult, compile_rules, run_rules, snake_case

# `Tunnel protocol/transport X` -> the words of `tunnel mode` that configure it (upper-cased to compare)
TUNNEL_MODES = {
    "IPSEC/IP": "ipsec ipv4",
    "IPSEC/IPV6": "ipsec ipv6",
    "GRE/IP": "gre ip",
    "GRE/IPV6": "gre ipv6",
    "MULTI-GRE/IP": "gre multipoint",
}
_COUNTER = re.compile(r"(\d+)\s+([A-Za-z][A-Za-z ]*?)\s*(?:,|$)")


class _InterfacesState:
    def __init__(self) -> None:
        self.interfaces: list[dict[str, Any]] = []
        self.current: dict[str, Any] | None = None
        self.in_subblocks = False

    def on_status(self, match: re.Match[str], *_: object) -> None:
        self.current = {"name": match["name"], "status": match["status"]}
        if match["status_reason"]:
            self.current["status_reason"] = match["status_reason"]
        self.current["line_protocol"] = match["protocol"]
        if match["protocol_reason"]:
            self.current["line_protocol_reason"] = match["protocol_reason"]
        self.interfaces.append(self.current)
        self.in_subblocks = False

    def _set(self, **fields: Any) -> bool | None:
        if self.current is None:
            return False
        self.current.update(fields)
        self.in_subblocks = False
        return None

    def _tunnel(self, **fields: Any) -> bool | None:
        if self.current is None:
            return False
        self.current.setdefault("tunnel", {}).update(fields)
        self.in_subblocks = False
        return None

    def on_hardware(self, match: re.Match[str], *_: object) -> bool | None:
        fields: dict[str, Any] = {"hardware": match.group(1)}
        if match.group(2):
            fields.update(mac=match.group(2), bia=match.group(3))
        return self._set(**fields)

    def on_description(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(description=match.group(1))

    def on_address(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(address=match.group(1))

    def on_unnumbered(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(unnumbered={"interface": match.group(1), "address": match.group(2)})

    def on_mtu(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(
            mtu=int(match.group(1)), bandwidth_kbit=int(match.group(2)), delay_usec=int(match.group(3))
        )

    def on_load(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(reliability=match.group(1), txload=match.group(2), rxload=match.group(3))

    def on_encapsulation(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(encapsulation=match.group(1), loopback=match.group(2))

    def on_keepalive(self, match: re.Match[str], *_: object) -> bool | None:
        seconds = match.group(2)
        fields: dict[str, Any] = {"keepalive": match.group(1)}
        if seconds:
            fields["keepalive_seconds"] = int(seconds)
        return self._set(**fields)

    def on_duplex(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(
            duplex=match.group(1), speed=match.group(2), link_type=match.group(3), media_type=match.group(4)
        )

    def on_flow_control(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(output_flow_control=match.group(1), input_flow_control=match.group(2))

    def on_arp(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(arp_type=match.group(1), arp_timeout=match.group(2))

    def on_last_io(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(last_input=match.group(1), last_output=match.group(2), output_hang=match.group(3))

    def on_last_clearing(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(last_clearing=match.group(1))

    def on_input_queue(self, match: re.Match[str], *_: object) -> bool | None:
        size, maximum, drops, flushes, total = (int(value) for value in match.groups())
        queue = {"size": size, "max": maximum, "drops": drops, "flushes": flushes}
        return self._set(input_queue=queue, total_output_drops=total)

    def on_queueing(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(queueing_strategy=match.group(1))

    def on_output_queue(self, match: re.Match[str], *_: object) -> bool | None:
        return self._set(output_queue={"size": int(match.group(1)), "max": int(match.group(2))})

    def on_rate(self, match: re.Match[str], *_: object) -> bool | None:
        rate = {
            "interval": match.group(1),
            "bits_sec": int(match.group(3)),
            "packets_sec": int(match.group(4)),
        }
        return self._set(**{f"{match.group(2)}_rate": rate})

    def on_packets(self, match: re.Match[str], *_: object) -> bool | None:
        direction = match.group(2)
        fields: dict[str, Any] = {
            f"packets_{direction}": int(match.group(1)),
            f"bytes_{direction}": int(match.group(3)),
        }
        if match.group(4):
            fields[snake_case(match.group(5))] = int(match.group(4))
        return self._set(**fields)

    def on_broadcasts(self, match: re.Match[str], *_: object) -> bool | None:
        direction = "input" if match.group(1) == "Received" else "output"
        return self._set(
            **{f"broadcasts_{direction}": int(match.group(2)), f"multicasts_{direction}": int(match.group(3))}
        )

    def on_counters(self, match: re.Match[str], _lineno: int, line: str) -> bool | None:
        if self.current is None:
            return False
        counters = self.current.setdefault("counters", {})
        for number, label in _COUNTER.findall(line):
            counters[snake_case(label)] = int(number)
        self.in_subblocks = False
        return None

    # ------------------------------------------------------------------ tunnel lines
    def on_linestate(self, match: re.Match[str], *_: object) -> bool | None:
        fields: dict[str, Any] = {"linestate": match.group(1)}
        if match.group(2):
            fields["linestate_reason"] = match.group(2)
        return self._tunnel(**fields)

    def on_tunnel_source(self, match: re.Match[str], *_: object) -> bool | None:
        return self._tunnel(
            source=match.group(1), source_interface=match.group(2), destination=match.group(3)
        )

    def on_subblocks(self, *_: object) -> bool | None:
        refused = self._tunnel()
        self.in_subblocks = refused is None
        return refused

    def on_subblock_line(self, match: re.Match[str], *_: object) -> bool | None:
        if not self.in_subblocks or self.current is None:
            return False
        self.current["tunnel"].setdefault("source_tracking", []).append(match.group(1))
        return None

    def on_protocol(self, match: re.Match[str], *_: object) -> bool | None:
        protocol = match.group(1)
        return self._tunnel(protocol=protocol, mode=TUNNEL_MODES.get(protocol.upper()))

    def on_key(self, match: re.Match[str], *_: object) -> bool | None:
        return self._tunnel(key=match.group(1), sequencing=match.group(2))

    def on_checksumming(self, match: re.Match[str], *_: object) -> bool | None:
        return self._tunnel(checksumming=match.group(1))

    def on_ttl(self, match: re.Match[str], *_: object) -> bool | None:
        fields: dict[str, Any] = {"ttl": int(match.group(1))}
        if match.group(2):
            fields["fast_tunneling"] = match.group(2)
        return self._tunnel(**fields)

    def on_transport_mtu(self, match: re.Match[str], *_: object) -> bool | None:
        fields: dict[str, Any] = {"transport_mtu": int(match.group(1))}
        if match.group(2):
            fields["ip_mtu"] = int(match.group(2))
        return self._tunnel(**fields)

    def on_bandwidth(self, match: re.Match[str], *_: object) -> bool | None:
        return self._tunnel(**{f"{match.group(1)}_bandwidth_kbps": int(match.group(2))})

    def on_protection(self, match: re.Match[str], *_: object) -> bool | None:
        return self._tunnel(protection_profile=match.group(1))


_RULES = compile_rules(
    (
        r"(?P<name>[A-Za-z][\w./:-]*) is (?P<status>up|down|administratively down|deleted)"
        r"(?:\s+\((?P<status_reason>[^)]*)\))?, line protocol is (?P<protocol>up|down)"
        r"(?:\s+\((?P<protocol_reason>[^)]*)\))?\s*$",
        "on_status",
    ),
    (r"\s*Hardware is (.+?)(?:, address is (\S+) \(bia (\S+)\))?\s*$", "on_hardware"),
    (r"\s*Description: (.*?)\s*$", "on_description"),
    (r"\s*Internet address is (\S+)\s*$", "on_address"),
    (r"\s*Interface is unnumbered\. Using address of (\S+) \(([^)]*)\)\s*$", "on_unnumbered"),
    (r"\s*MTU (\d+) bytes, BW (\d+) Kbit/sec, DLY (\d+) usec,?\s*$", "on_mtu"),
    (r"\s*reliability (\d+/\d+), txload (\d+/\d+), rxload (\d+/\d+)\s*$", "on_load"),
    (r"\s*Encapsulation (.+?), loopback (not set|set)\s*$", "on_encapsulation"),
    (r"\s*Keepalive (not set|set)(?: \((\d+) sec\))?\s*$", "on_keepalive"),
    (r"\s*(\S+)[ -][Dd]uplex, (\S+), link type is (\S+), media type is (.+?)\s*$", "on_duplex"),
    (r"\s*output flow-control is (\S+), input flow-control is (\S+)\s*$", "on_flow_control"),
    (r"\s*ARP type: (\S+), ARP Timeout (\S+)\s*$", "on_arp"),
    (r"\s*Last input (\S+), output (\S+), output hang (\S+)\s*$", "on_last_io"),
    (r'\s*Last clearing of "show interface" counters (\S+)\s*$', "on_last_clearing"),
    (
        r"\s*Input queue: (\d+)/(\d+)/(\d+)/(\d+) \(size/max/drops/flushes\); Total output drops: (\d+)\s*$",
        "on_input_queue",
    ),
    (r"\s*Queueing strategy: (.+?)\s*$", "on_queueing"),
    (r"\s*Output queue: (\d+)/(\d+) \(size/max\)\s*$", "on_output_queue"),
    (r"\s*(\d+ (?:minute|second)) (input|output) rate (\d+) bits/sec, (\d+) packets/sec\s*$", "on_rate"),
    (r"\s*(\d+) packets (input|output), (\d+) bytes(?:, (\d+) (no buffer|underruns))?\s*$", "on_packets"),
    (r"\s*(Received|Output) (\d+) broadcasts \((\d+) (?:IP )?multicasts?\)\s*$", "on_broadcasts"),
    (r"\s*Tunnel linestate evaluation (up|down)(?:\s*-\s*(.+?))?\s*$", "on_linestate"),
    (r"\s*Tunnel source (\S+)(?: \(([^)]*)\))?(?:, destination (\S+))?\s*$", "on_tunnel_source"),
    (r"\s*Tunnel Subblocks:\s*$", "on_subblocks"),
    (r"\s*Tunnel protocol/transport (\S+)\s*$", "on_protocol"),
    (r"\s*Key (\S+), sequencing (\S+)\s*$", "on_key"),
    (r"\s*Checksumming of packets (\S+)\s*$", "on_checksumming"),
    (r"\s*Tunnel TTL (\d+)(?:, Fast tunneling (\S+))?\s*$", "on_ttl"),
    (r"\s*Tunnel transport MTU (\d+) bytes(?:, IP MTU (\d+))?\s*$", "on_transport_mtu"),
    (r"\s*Tunnel (transmit|receive) bandwidth (\d+) \(kbps\)\s*$", "on_bandwidth"),
    (r'\s*Tunnel protection via IPSec \(profile "([^"]*)"\)\s*$', "on_protection"),
    (r"\s*(\d+ [A-Za-z][A-Za-z ]*?(?:,\s*\d+ [A-Za-z][A-Za-z ]*?)*),?\s*$", "on_counters"),
    (
        r"\s+(src-track:|.* source tracking subblock .*|Set of tunnels with source .*?)\s*$",
        "on_subblock_line",
    ),
)


def parse_interfaces(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _InterfacesState()
    run_rules(text, _RULES, state, log)
    return ParseResult({"interfaces": state.interfaces}, log.warnings)

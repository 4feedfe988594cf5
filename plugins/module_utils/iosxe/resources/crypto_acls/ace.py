# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Access-list entries of extended IP ACLs: parsed from natural spelling into the text IOS stores.

`permit ip 10.0.1.0 0.0.0.255 host 10.0.2.1` and `10 deny tcp any any eq 500 log` are understood;
`remark ...` is recognised (`is_remark`) so that remarks can be left alone. The canonical text is what IOS
prints: `host A` for a zero wildcard, `any` for
`0.0.0.0 255.255.255.255`, the network masked by its wildcard, protocol names for their numbers; ports
are kept as numbers (`isakmp` -> 500) so that a device printing names and one printing numbers compare
equal. Entries are compared by that text, so `10.0.0.1 0.0.0.0` and `host 10.0.0.1` are the same entry.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

PROTOCOL_NAMES = {"1": "icmp", "6": "tcp", "17": "udp", "47": "gre", "50": "esp", "51": "ahp", "0": "ip"}
PROTOCOLS = ("ip", "icmp", "tcp", "udp", "gre", "esp", "ahp")
PORT_NAMES = {"www": 80, "telnet": 23, "domain": 53, "isakmp": 500, "non500-isakmp": 4500, "ssh": 22}
PORT_OPERATORS = ("eq", "gt", "lt", "neq", "range")
ENTRY_RE = re.compile(r"(?:(?P<seq>\d+) )?(?P<action>permit|deny|remark)(?: (?P<rest>.*))?")
ANY_WILDCARD = "255.255.255.255"


class AceError(ValueError):
    """An entry this module cannot read (the message says which word and why)."""


@dataclass(frozen=True)
class Entry:
    seq: int | None
    text: str  # canonical, without the sequence number

    @property
    def is_remark(self) -> bool:
        return self.text.startswith("remark")

    def line(self) -> str:
        """The entry as a named ACL prints it (`10 permit ...`), or without a number when it has none."""
        return f"{self.seq} {self.text}" if self.seq is not None else self.text


def parse_entry(text: str) -> Entry:
    """`[seq] permit|deny PROTOCOL SOURCE [PORT] DESTINATION [PORT] [log]` or `[seq] remark TEXT`."""
    match = ENTRY_RE.fullmatch(" ".join(text.split()))
    if match is None or (match["action"] != "remark" and not match["rest"]):
        raise AceError(f"{text!r}: expected [SEQ] permit|deny PROTOCOL SOURCE DESTINATION, or remark TEXT")
    seq = int(match["seq"]) if match["seq"] else None
    if match["action"] == "remark":
        return Entry(seq, f"remark {match['rest'] or ''}".rstrip())
    return Entry(seq, f"{match['action']} {_rule(text, match['rest'].split())}")


def _rule(text: str, words: list[str]) -> str:
    stream = list(reversed(words))
    protocol = _take(text, stream, "a protocol").lower()
    protocol = PROTOCOL_NAMES.get(protocol, protocol)
    if protocol not in PROTOCOLS and not (protocol.isdigit() and int(protocol) <= 255):
        raise AceError(f"{text!r}: protocol {protocol!r} is not one of {', '.join(PROTOCOLS)} or 0-255")
    ported = protocol in ("tcp", "udp")
    parts = [protocol, _address(text, stream)]
    if ported:
        parts += _port(text, stream)
    parts.append(_address(text, stream))
    if ported:
        parts += _port(text, stream)
    if stream and stream[-1].lower() == "log":
        parts.append(stream.pop().lower())
    if stream:
        raise AceError(f"{text!r}: {stream[-1]!r} is not understood here (supported: ports for tcp/udp, log)")
    return " ".join(parts)


def _take(text: str, stream: list[str], what: str) -> str:
    if not stream:
        raise AceError(f"{text!r}: {what} is missing")
    return stream.pop()


def _ip(text: str, word: str) -> ipaddress.IPv4Address:
    try:
        return ipaddress.IPv4Address(word)
    except ValueError:
        raise AceError(f"{text!r}: {word!r} is not an IPv4 address") from None


def _address(text: str, stream: list[str]) -> str:
    word = _take(text, stream, "an address (any, host A, or A WILDCARD)").lower()
    if word == "any":
        return "any"
    if word == "host":
        return f"host {_ip(text, _take(text, stream, 'the host address'))}"
    address = _ip(text, word)
    wildcard = _ip(text, _take(text, stream, f"the wildcard after {word}"))
    if str(wildcard) == ANY_WILDCARD:
        return "any"
    if int(wildcard) == 0:
        return f"host {address}"
    network = ipaddress.IPv4Address(int(address) & ~int(wildcard) & 0xFFFFFFFF)
    return f"{network} {wildcard}"


def _port(text: str, stream: list[str]) -> list[str]:
    if not stream or stream[-1].lower() not in PORT_OPERATORS:
        return []
    operator = stream.pop().lower()
    ports = [_port_number(text, _take(text, stream, f"the port after {operator}"))]
    if operator == "range":
        ports.append(_port_number(text, _take(text, stream, "the upper port of the range")))
    return [operator, *ports]


def _port_number(text: str, word: str) -> str:
    name = word.lower()
    if name in PORT_NAMES:
        return str(PORT_NAMES[name])
    if name.isascii() and name.isdigit() and int(name) <= 65535:
        return str(int(name))
    raise AceError(f"{text!r}: port {word!r} is not a number 0-65535 or one of {', '.join(PORT_NAMES)}")

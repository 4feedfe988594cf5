"""Access-list entry syntax: parse IOS ACE text into a structured rule and its canonical text."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

PROTOCOLS = {"ip": None, "icmp": 1, "tcp": 6, "udp": 17, "gre": 47, "esp": 50, "ahp": 51}
PORT_NAMES = {"www": 80, "telnet": 23, "ssh": 22, "domain": 53, "isakmp": 500, "non500-isakmp": 4500}
PORT_OPS = ("eq", "gt", "lt", "neq", "range")


class AceSyntaxError(Exception):
    def __init__(self, word_index: int, message: str = "invalid") -> None:
        super().__init__(message)
        self.word_index = word_index
        self.incomplete = message == "incomplete"


@dataclass(frozen=True)
class AddressMatch:
    network: ipaddress.IPv4Address
    wildcard: ipaddress.IPv4Address

    def matches(self, address: ipaddress.IPv4Address) -> bool:
        care = ~int(self.wildcard) & 0xFFFFFFFF
        return (int(address) & care) == (int(self.network) & care)

    def text(self, standard: bool = False) -> str:
        if int(self.wildcard) == 0xFFFFFFFF:
            return "any"
        if int(self.wildcard) == 0:
            return str(self.network) if standard else f"host {self.network}"
        return f"{self.network} {self.wildcard}"

    def as_network(self) -> ipaddress.IPv4Network | None:
        """The prefix this match covers, when the wildcard is contiguous."""
        try:
            mask = ipaddress.IPv4Address(~int(self.wildcard) & 0xFFFFFFFF)
            return ipaddress.IPv4Network(f"{self.network}/{mask}", strict=False)
        except ValueError:
            return None


ANY = AddressMatch(ipaddress.IPv4Address(0), ipaddress.IPv4Address(0xFFFFFFFF))


@dataclass(frozen=True)
class PortMatch:
    op: str
    low: int
    high: int = 0

    def matches(self, port: int) -> bool:
        return {
            "eq": port == self.low,
            "neq": port != self.low,
            "gt": port > self.low,
            "lt": port < self.low,
            "range": self.low <= port <= self.high,
        }[self.op]

    def text(self) -> str:
        return f"range {self.low} {self.high}" if self.op == "range" else f"{self.op} {self.low}"


@dataclass(frozen=True)
class Ace:
    action: str
    protocol: str
    source: AddressMatch
    destination: AddressMatch = ANY
    source_port: PortMatch | None = None
    destination_port: PortMatch | None = None
    log: bool = False

    def text(self, standard: bool) -> str:
        if standard:
            return self.source.text(standard=True) + (" log" if self.log else "")
        parts = [self.protocol, self.source.text()]
        if self.source_port:
            parts.append(self.source_port.text())
        parts.append(self.destination.text())
        if self.destination_port:
            parts.append(self.destination_port.text())
        if self.log:
            parts.append("log")
        return " ".join(parts)


class _Words:
    def __init__(self, words: list[str], offset: int) -> None:
        self.words = words
        self.pos = 0
        self.offset = offset

    def peek(self) -> str | None:
        return self.words[self.pos].lower() if self.pos < len(self.words) else None

    def take(self) -> str:
        if self.pos >= len(self.words):
            raise AceSyntaxError(self.offset + self.pos, "incomplete")
        self.pos += 1
        return self.words[self.pos - 1]

    def error(self) -> AceSyntaxError:
        return AceSyntaxError(self.offset + self.pos - 1)


def _ip(words: _Words) -> ipaddress.IPv4Address:
    try:
        return ipaddress.IPv4Address(words.take())
    except ValueError:
        raise words.error() from None


def _address(words: _Words, standard: bool) -> AddressMatch:
    first = words.take().lower()
    if first == "any":
        return ANY
    if first == "host":
        return AddressMatch(_ip(words), ipaddress.IPv4Address(0))
    words.pos -= 1
    network = _ip(words)
    if standard and (words.peek() in (None, "log")):
        return AddressMatch(network, ipaddress.IPv4Address(0))
    wildcard = _ip(words)
    return AddressMatch(ipaddress.IPv4Address(int(network) & ~int(wildcard) & 0xFFFFFFFF), wildcard)


def _port_number(words: _Words) -> int:
    word = words.take().lower()
    if word in PORT_NAMES:
        return PORT_NAMES[word]
    if word.isascii() and word.isdigit() and len(word) <= 5 and int(word) <= 65535:
        return int(word)
    raise words.error()


def _port(words: _Words) -> PortMatch | None:
    if words.peek() not in PORT_OPS:
        return None
    op = words.take().lower()
    low = _port_number(words)
    high = _port_number(words) if op == "range" else 0
    return PortMatch(op, low, high)


def parse_ace(action: str, words: list[str], standard: bool, offset: int = 0) -> Ace:
    """Parse the words after `permit`/`deny`; `offset` is the index of the first word in the line."""
    stream = _Words(words, offset)
    if standard:
        source = _address(stream, standard=True)
        log = stream.peek() == "log" and bool(stream.take())
        if stream.peek() is not None:
            stream.take()
            raise stream.error()
        return Ace(action, "ip", source, log=log)
    protocol = stream.take().lower()
    number = protocol.isascii() and protocol.isdigit() and len(protocol) <= 3  # `²` passes isdigit() alone
    if protocol not in PROTOCOLS and not (number and int(protocol) <= 255):
        raise stream.error()
    ported = protocol in ("tcp", "udp")
    source = _address(stream, standard=False)
    source_port = _port(stream) if ported else None
    destination = _address(stream, standard=False)
    destination_port = _port(stream) if ported else None
    log = stream.peek() == "log" and bool(stream.take())
    if stream.peek() is not None:
        stream.take()
        raise stream.error()
    return Ace(action, protocol, source, destination, source_port, destination_port, log)

"""Crypto lines of a configuration file, their family, and whether the router accepts them.

A *crypto line* (docs/refrouter-realcfg.md) is
- a top-level line starting with `crypto ` and every indented line of the block it opens, except the mode
  navigation words `exit` and `end` (comments `!` are not lines);
- in an `interface` block, a line starting with `crypto `, `tunnel protection ` or `tunnel mode ipsec`.

A line is *accepted* when the router, loading the file as `configure terminal` input, answers it without an
error line (`% ...` other than notes and warnings, or `ERROR: ...`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from refrouter.cli.modes.config import ConfigMode
from refrouter.cli.modes.interface import InterfaceMode
from refrouter.cli.session import CliSession, is_error_output
from refrouter.lab.boot import BootableRouter

INTERFACE_CRYPTO_PREFIXES = ("crypto ", "tunnel protection ", "tunnel mode ipsec")
NAVIGATION = ("exit", "end")

# Family of a line, from the words of its top-level block (first match wins).
FAMILIES: tuple[tuple[str, str], ...] = (
    ("crypto isakmp", "ikev1"),
    ("crypto keyring", "ikev1"),
    ("crypto ipsec", "ipsec"),
    ("crypto dynamic-map", "ipsec"),
    ("crypto map", "ipsec"),
    ("crypto ikev2", "ikev2"),
    ("crypto pki", "pki"),
    ("crypto key", "pki"),
    ("crypto ca", "pki"),
    ("crypto gdoi", "gdoi"),
    ("crypto logging", "logging"),
)
INTERFACE_FAMILIES = (("crypto map", "ipsec"), ("tunnel ", "tunnel"), ("crypto ", "other"))

# Physical interface names of other platforms, mapped in order of appearance onto the C8000V's ports.
PHYSICAL_RE = re.compile(
    r"\b(?:Ethernet|FastEthernet|GigabitEthernet|TenGigabitEthernet|eth|fa|gi|Gig|te|g(?=\d+/))\s?(\d+/\d+(?:/\d+)?|\d+)\b",
    re.IGNORECASE,
)
PORTS = tuple(f"GigabitEthernet{n}" for n in range(1, 5))


@dataclass(frozen=True)
class CryptoLine:
    number: int  # 1-based line number in the file
    text: str
    header: str  # the top-level line of its block (the line itself when top-level)
    family: str
    accepted: bool
    reply: str


@dataclass
class FileResult:
    name: str
    lines: list[CryptoLine] = field(default_factory=list)
    router: BootableRouter | None = None

    def of(self, families: Iterable[str] | None) -> list[CryptoLine]:
        wanted = None if families is None else set(families)
        return [line for line in self.lines if wanted is None or line.family in wanted]


def family_of(block_header: str, line: str, top_level: bool) -> str | None:
    """The family of `line` under `block_header` (the line itself when top-level), None if not crypto."""
    header = " ".join(block_header.split()).lower()
    words = " ".join(line.split()).lower()
    if header.startswith("interface "):
        if top_level or not words.startswith(INTERFACE_CRYPTO_PREFIXES):
            return None
        return next((fam for prefix, fam in INTERFACE_FAMILIES if words.startswith(prefix)), "other")
    if not header.startswith("crypto ") or words in NAVIGATION:
        return None
    if header.startswith("crypto map ") and header.split()[4:5] == ["gdoi"]:
        return "gdoi"
    return next((fam for prefix, fam in FAMILIES if header.startswith(prefix)), "other")


def substitute_interfaces(text: str) -> str:
    """Rename the file's physical interfaces to GigabitEthernet1-4, in order of first appearance."""
    names: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        key = re.sub(r"\s", "", match.group(0)).lower()
        key = re.sub(r"^[a-z]+", lambda m: m.group(0)[:2], key)
        if key not in names:
            names[key] = PORTS[min(len(names), len(PORTS) - 1)]
        return names[key]

    return PHYSICAL_RE.sub(rename, text)


def measure(name: str, text: str) -> FileResult:
    """Load `text` into a fresh router line by line and classify every crypto line."""
    router = BootableRouter(name="R")
    session = CliSession(router, user="realcfg", line="console", privilege=15)
    session.push(ConfigMode(session))
    result = FileResult(name, router=router)
    header = ""
    for number, raw in enumerate(substitute_interfaces(text).splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("!"):
            continue
        top_level = not line[0].isspace()
        if top_level:
            header = line
            if line == "end":
                break
        reply = _apply(session, line)
        family = family_of(header, line, top_level)
        if family is not None:
            accepted = not is_error_output(reply)
            result.lines.append(CryptoLine(number, line, header, family, accepted, reply.strip()))
    return result


def _apply(session: CliSession, line: str) -> str:
    before = session.mode
    output = session.execute(line)
    if session.mode is not before and isinstance(session.mode, InterfaceMode):
        session.mode.interface.shutdown = False
    if not session.in_config:
        session.push(ConfigMode(session))
    return output if isinstance(output, str) else ""

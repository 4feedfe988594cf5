# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Splitter and parser for ``show tech-support ipsec [peer X | vrf X]``.

The output is a sequence of sections, each headed by ``------------------ show version
------------------`` (any run of 3 or more dashes on both sides).  Result::

    {"sections": {"preamble": "...", "show version": "...", ...},   # raw text, device order
     "parsed":   {"show version": {...}, ...},                        # sections that have a parser
     "unparsed": ["show running-config", ...]}                        # sections without one

No text is dropped: text before the first header becomes the ``preamble`` section (when it holds
anything but whitespace) and every header line plus section text rebuilds the input exactly
(:func:`split_sections`).  A command printed twice gets ``"<command> #2"`` as its key and a warning.
Warnings of a section's parser are prefixed with ``[<command>]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .common import ParseResult, unique_key

HEADER = re.compile(r"-{3,}\s+(\S.*?)\s+-{3,}\s*")
PREAMBLE = "preamble"

SectionParser = Callable[[str, str], "ParseResult | None"]


@dataclass(frozen=True)
class Section:
    command: str | None  # None for the preamble
    header: str  # the header line as printed, with its line ending ("" for the preamble)
    text: str


def split_sections(text: str) -> list[Section]:
    """Sections in device order; ``"".join(s.header + s.text for s in result) == text``."""
    sections: list[Section] = []
    command: str | None = None
    header = ""
    body: list[str] = []
    for line in text.splitlines(keepends=True):
        match = HEADER.fullmatch(line.rstrip("\r\n"))
        if match:
            sections.append(Section(command, header, "".join(body)))
            command, header, body = " ".join(match.group(1).split()), line, []
        else:
            body.append(line)
    sections.append(Section(command, header, "".join(body)))
    return sections


def parse_tech_support(text: str, parse_section: SectionParser) -> ParseResult:
    """Split ``text`` and run ``parse_section(command, text)`` (None = no parser) on every section."""
    raw: dict[str, str] = {}
    parsed: dict[str, Any] = {}
    unparsed: list[str] = []
    warnings: list[str] = []
    for section in split_sections(text):
        if section.command is None:
            if section.text.strip():
                raw[PREAMBLE] = section.text
            continue
        key = unique_key(raw, section.command, "{} #{}")
        if key != section.command:
            warnings.append(f"[{section.command}] section printed again, kept as {key!r}")
        raw[key] = section.text
        result = parse_section(section.command, section.text)
        if result is None:
            unparsed.append(key)
            continue
        parsed[key] = result.data
        warnings.extend(f"[{key}] {warning}" for warning in result.warnings)
    return ParseResult({"sections": raw, "parsed": parsed, "unparsed": unparsed}, warnings)

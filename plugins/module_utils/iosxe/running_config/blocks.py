# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Split running-config text into top-level blocks (a header line and its indented child lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Lines that carry no configuration: separators, the `show running-config` banner and trailer.
NOISE_RE = re.compile(r"^\s*(?:!.*|end|Building configuration\.\.\.|Current configuration : \d+ bytes)?\s*$")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the input text
    text: str  # without trailing whitespace; children keep their leading indentation

    @property
    def words(self) -> str:
        """The line without indentation."""
        return self.text.strip()


@dataclass
class Block:
    header: Line | None  # None for indented lines that appear before any header
    children: list[Line] = field(default_factory=list)


def split_blocks(text: str) -> list[Block]:
    """Group lines under the last unindented line; drop noise lines; keep line numbers."""
    blocks: list[Block] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        line = raw.rstrip()
        if NOISE_RE.match(line):
            continue
        if not line[0].isspace():
            blocks.append(Block(Line(number, line)))
        elif blocks:
            blocks[-1].children.append(Line(number, line))
        else:
            blocks.append(Block(None, [Line(number, line)]))
    return blocks

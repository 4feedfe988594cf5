"""Reads the seed guide's configuration examples and show outputs (PDF-extracted text) for fidelity tests.

The extraction damaged whitespace (indentation lost, runs of spaces collapsed) and a few characters;
`normalise` compares text with each line's whitespace collapsed. Deliberate deviations are listed where
they are applied, in the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_6956c01ac9e1d79c.txt"
SAMPLES = SHARED / "reference" / "samples"

# Our routers have GigabitEthernet1-4 only; the seed's interfaces are typed as GigabitEthernet1.
INTERFACE_SUBSTITUTES = {"FastEthernet1/2": "GigabitEthernet1", "GigabitEthernet0/1": "GigabitEthernet1"}

_TYPED = re.compile(r"^(Router[AB])(\([\w-]+\))?# (.*?)\s*$")


@dataclass
class SeedLine:
    router: str
    mode: str  # "(config)", "(config-crypto-map)", ... as printed in the seed's prompt
    line: str  # with INTERFACE_SUBSTITUTES applied
    output: list[str] = field(default_factory=list)  # lines the seed prints after it

    @property
    def prompt(self) -> str:
        return f"{self.router}{self.mode}#"


def seed_lines() -> list[str]:
    if not SEED.exists():
        pytest.skip(f"seed guide not found at {SEED}")
    return SEED.read_text(encoding="utf-8").splitlines()


def substitute(line: str) -> str:
    for seed_name, ours in INTERFACE_SUBSTITUTES.items():
        line = line.replace(seed_name, ours)
    return line


def config_examples() -> list[dict[str, list[SeedLine]]]:
    """The two examples of 「IPsec Usability Enhancements の設定例」: per example, router → typed lines."""
    lines = seed_lines()
    starts = [i for i, text in enumerate(lines) if text.strip() == "! Configuring RouterA."]
    assert len(starts) == 2, "the seed should hold two configuration examples"
    examples = []
    for start in starts:
        typed: dict[str, list[SeedLine]] = {}
        for text in lines[start + 1 :]:
            text = text.strip()
            if text.startswith("!") and not text.startswith("! Configuring Router"):
                break  # the example's configuration part ends at the next comment
            match = _TYPED.match(text)
            if match:
                router, mode, command = match.groups()
                typed.setdefault(router, []).append(SeedLine(router, mode or "", substitute(command)))
            elif text and not text.startswith(("!", "```")):
                typed[list(typed)[-1]][-1].output.append(text)
        examples.append(typed)
    return examples


def show_block(command: str, occurrence: int = 0) -> list[str]:
    """The seed's output of `<prompt># <command>` (the n-th time it is printed with output)."""
    lines = seed_lines()
    hits = [i for i, text in enumerate(lines) if re.fullmatch(r"Router[AB]?# " + re.escape(command), text.strip())]
    blocks = []
    for index in hits:
        block = []
        for text in lines[index + 1 :]:
            stripped = text.strip()
            if stripped.startswith("```") or not stripped:
                continue
            if stripped.startswith(("!", "Router")) or not stripped.isascii():
                break
            block.append(stripped)
        if block:
            blocks.append(block)
    return blocks[occurrence]


def normalise(text: str | list[str]) -> list[str]:
    """Non-empty lines, each with runs of whitespace collapsed to one space."""
    lines = text.splitlines() if isinstance(text, str) else text
    return [" ".join(line.split()) for line in lines if line.strip()]

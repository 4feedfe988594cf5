"""Other people's show outputs, read where they live: ``../shared`` (tests/sharedref.py).

Two sources: every capture that ``reference/samples/INDEX.md`` lists with the command it was run with, and the
seed guide's example outputs, excerpts of ``seed/`` named here by line range. Nothing of them is copied into the
repository, expected structures included: the tests check what holds for any correct parse (see
test_shared_captures.py) and compare with the upstream parsers' own expected outputs (test_oracles.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import resolve
from sharedref import SHARED, shared_text

SEED = "seed/000_6956c01ac9e1d79c.txt"
INDEX = SHARED / "reference" / "samples" / "INDEX.md"
# `| `file.txt` | `command as run` | ...` rows under a `### <source>` heading
_INDEX_ROW = re.compile(r"\| `(?P<file>[^`]+\.txt)` \| `(?P<command>[^`]+)` \|")
_INDEX_SOURCE = re.compile(r"### (?P<source>\S+)")
# Where INDEX.md gives the command without the argument upstream ran it with (its notes point at the
# upstream arguments file instead).
_RUN_WITH = {"genieparser/show_crypto_session_remote_detail__1.txt": "show crypto session remote 17.27.1.11 detail"}


@dataclass(frozen=True)
class SharedCapture:
    command: str
    path: str  # below ../shared
    lines: tuple[int, int] | None = None  # 1-based, inclusive: an excerpt

    @property
    def id(self) -> str:
        return self.path if self.lines is None else f"{self.path}:{self.lines[0]}-{self.lines[1]}"

    def text(self) -> str:
        """The capture's text; skips the calling test where ../shared is absent."""
        return shared_text(self.path, self.lines)

    def available(self) -> bool:
        return (SHARED / self.path).is_file()


def _seed(command: str, first: int, last: int) -> SharedCapture:
    return SharedCapture(command, SEED, (first, last))


# The guide's example outputs, one per show command it prints.
SEED_EXCERPTS = (
    _seed("show crypto isakmp default policy", 156, 209),
    _seed("show crypto ipsec default transform-set", 277, 281),
    _seed("show crypto mib isakmp flowmib failure", 328, 354),
    _seed("show crypto mib isakmp flowmib global", 365, 395),
    _seed("show crypto mib isakmp flowmib history", 408, 475),
    _seed("show crypto mib isakmp flowmib peer", 488, 503),
    _seed("show crypto mib isakmp flowmib tunnel", 516, 550),
    _seed("show crypto mib ipsec flowmib endpoint", 577, 593),
    _seed("show crypto mib ipsec flowmib failure", 606, 612),
    _seed("show crypto mib ipsec flowmib global", 625, 656),
    _seed("show crypto mib ipsec flowmib history", 669, 713),
    _seed("show crypto mib ipsec flowmib spi", 725, 746),
    _seed("show crypto mib ipsec flowmib tunnel", 757, 805),
    _seed("show crypto isakmp sa detail", 999, 1001),  # `| include` excerpt, RouterA
    _seed("show crypto isakmp sa detail", 1004, 1006),  # RouterB
    _seed("show crypto map", 1009, 1021),  # RouterA
    _seed("show crypto map", 1024, 1043),  # RouterB
)


def indexed_captures() -> list[SharedCapture]:
    """The show-command captures INDEX.md lists that a parser of ours reads; none where ../shared is absent."""
    if not INDEX.is_file():
        return []
    captures = []
    source = ""
    for line in INDEX.read_text(encoding="utf-8").splitlines():
        if heading := _INDEX_SOURCE.match(line):
            source = heading["source"]
        elif (row := _INDEX_ROW.match(line)) and source:
            command = _RUN_WITH.get(f"{source}/{row['file']}", row["command"])
            if resolve(command):
                captures.append(SharedCapture(command, f"reference/samples/{source}/{row['file']}"))
    return captures


SHARED_CAPTURES = [*indexed_captures(), *SEED_EXCERPTS]


def sample_output(name: str) -> str:
    """The capture ``reference/samples/<name>.txt`` (``genieparser/show_version__1``)."""
    return shared_text(f"reference/samples/{name}.txt")


def seed_output(command: str, example: int = 0) -> str:
    """The guide's example output of ``command`` (``example`` picks among several, in guide order)."""
    return [capture for capture in SEED_EXCERPTS if capture.command == command][example].text()

"""Reference material kept next to the repository, in ``../shared``, and read from there by the tests.

Other people's text (genieparser, ntc-templates and lab write-up captures, the seed guide's examples) is not
ours to ship. A fixture that uses it is a pointer file ``<name>.shared`` holding the path below ``../shared``,
optionally followed by ``lines FIRST-LAST`` (1-based, inclusive) for an excerpt. In an excerpt, lines that
are only a Markdown code fence (a ``````` left by the seed guide's PDF-to-text conversion) are not output and
are dropped. The test reading a pointer is skipped, with the reason, when this checkout has no ``../shared``;
IPSECUX_SHARED names another location (e.g. for a git worktree outside the checkout's parent directory).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("IPSECUX_SHARED") or REPO.parent / "shared")
POINTER_SUFFIX = ".shared"
_POINTER = re.compile(r"(?P<path>\S+)(?: lines (?P<first>\d+)-(?P<last>\d+))?")
_FENCE = "```"


def shared_path(relative: str) -> Path:
    """``../shared/<relative>``, or skip the calling test when it is absent."""
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"{path} not found: other people's text is read from ../shared (or $IPSECUX_SHARED)")
    return path


def pointer_of(path: Path) -> Path:
    return path.with_name(path.name + POINTER_SUFFIX)


def _read_pointer(pointer: Path) -> re.Match[str]:
    text = pointer.read_text(encoding="utf-8").strip()
    match = _POINTER.fullmatch(text)
    if match is None:
        raise ValueError(f"{pointer}: expected '<path below ../shared> [lines FIRST-LAST]', got {text!r}")
    return match


def fixture_text(path: Path) -> str:
    """``path``'s text when the repository holds it, else the ``../shared`` text its pointer names."""
    if path.is_file():
        return path.read_text(encoding="utf-8")
    pointer = pointer_of(path)
    if not pointer.is_file():
        raise FileNotFoundError(f"{path} has neither the file nor a {POINTER_SUFFIX} pointer")
    match = _read_pointer(pointer)
    text = shared_path(match["path"]).read_text(encoding="utf-8")
    if match["first"] is None:
        return text
    lines = text.splitlines(keepends=True)[int(match["first"]) - 1 : int(match["last"])]
    return "".join(line for line in lines if line.strip() != _FENCE)


def is_available(path: Path) -> bool:
    """Whether ``fixture_text(path)`` can be read here without skipping."""
    if path.is_file():
        return True
    pointer = pointer_of(path)
    return pointer.is_file() and (SHARED / _read_pointer(pointer)["path"]).is_file()

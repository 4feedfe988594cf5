"""Reference material kept next to the repository, in ``../shared``, and read from there by the tests.

Other people's text (genieparser, ntc-templates and lab write-up captures, the seed guide's examples, public
configurations) is not ours to ship, so nothing of it is copied into the repository: tests name it by its path
below ``../shared`` and read it there. A test whose text is missing is skipped with the path as the reason;
IPSECUX_SHARED names another location (e.g. for a git worktree outside the checkout's parent directory).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("IPSECUX_SHARED") or REPO.parent / "shared")
_FENCE = "```"


def shared_path(relative: str) -> Path:
    """``../shared/<relative>``, or skip the calling test when it is absent."""
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"{path} not found: other people's text is read from ../shared (or $IPSECUX_SHARED)")
    return path


def shared_text(relative: str, lines: tuple[int, int] | None = None) -> str:
    """The text of ``../shared/<relative>``, or its lines ``first..last`` (1-based, inclusive). In an excerpt,
    lines that are only a Markdown code fence (left by the seed guide's PDF-to-text conversion) are dropped."""
    text = shared_path(relative).read_text(encoding="utf-8")
    if lines is None:
        return text
    excerpt = text.splitlines(keepends=True)[lines[0] - 1 : lines[1]]
    return "".join(line for line in excerpt if line.strip() != _FENCE)

"""Reference material kept next to the repository, in ``../shared``, and read from there by the tests.

Other projects' captures (genieparser, ntc-templates, lab write-ups) and their expected outputs are not ours
to ship. A fixture that uses one is a pointer file ``<name>.shared`` holding the path below ``../shared``;
the test reading it is skipped, with the reason, when this checkout has no ``../shared``.
IPSECUX_SHARED names another location (a git worktree outside the checkout's parent directory).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("IPSECUX_SHARED") or REPO.parent / "shared")
POINTER_SUFFIX = ".shared"


def shared_path(relative: str) -> Path:
    """``../shared/<relative>``, or skip the calling test when it is absent."""
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"{path} not found: other projects' captures are read from ../shared (or $IPSECUX_SHARED)")
    return path


def pointer_of(path: Path) -> Path:
    return path.with_name(path.name + POINTER_SUFFIX)


def fixture_path(path: Path) -> Path:
    """``path`` itself when the repository holds it, else the ``../shared`` file its pointer names."""
    if path.is_file():
        return path
    pointer = pointer_of(path)
    if not pointer.is_file():
        raise FileNotFoundError(f"{path} has neither the file nor a {POINTER_SUFFIX} pointer")
    return shared_path(pointer.read_text(encoding="utf-8").strip())


def fixture_text(path: Path) -> str:
    return fixture_path(path).read_text(encoding="utf-8")


def is_available(path: Path) -> bool:
    """Whether ``fixture_text(path)`` can be read here without skipping."""
    if path.is_file():
        return True
    pointer = pointer_of(path)
    return pointer.is_file() and (SHARED / pointer.read_text(encoding="utf-8").strip()).is_file()

"""The console script keeps library deprecation warnings out of the terminal unless the user asks for them."""

from __future__ import annotations

import subprocess
import sys

# What cryptography emits when asyncssh imports an algorithm it deprecated (warned from asyncssh's module).
RAISE = (
    "from refrouter.console import hide_library_deprecations; hide_library_deprecations(); import warnings; "
    "from cryptography.utils import CryptographyDeprecationWarning as W; "
    "warnings.warn_explicit('TripleDES has been moved', W, 'cipher.py', 1, module='asyncssh.crypto.cipher'); "
    "warnings.warn_explicit('old API', DeprecationWarning, 'cipher.py', 2, module='asyncssh.crypto.cipher'); "
    "warnings.warn_explicit('a warning of our own', UserWarning, 'lab.py', 3, module='refrouter.lab')"
)


def run(*options: str) -> str:
    done = subprocess.run([sys.executable, *options, "-c", RAISE], capture_output=True, text=True, timeout=60,
                          check=True)
    return done.stderr


def test_library_deprecations_are_hidden() -> None:
    assert run() == "lab.py:3: UserWarning: a warning of our own\n"


def test_warnings_asked_for_are_shown() -> None:
    shown = run("-W", "default")
    assert "CryptographyDeprecationWarning: TripleDES has been moved" in shown
    assert "DeprecationWarning: old API" in shown

"""Operational crypto commands of privileged EXEC: SA/session/flow-MIB shows, tech-support, `clear crypto`."""

from __future__ import annotations

from ..mode import Mode


class CryptoOperMixin(Mode):
    """Mixed into ExecMode; commands are declared with @command like every mode."""

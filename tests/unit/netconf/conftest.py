"""Reuse the module harness of tests/unit/modules (run_module, ScriptedDevice) from this directory."""

from __future__ import annotations

import sys
from pathlib import Path

MODULES = str(Path(__file__).resolve().parents[1] / "modules")
if MODULES not in sys.path:
    sys.path.insert(0, MODULES)

"""Make tests/integration's helpers (refrouter_harness) and the collections tree importable from here."""

from __future__ import annotations

import sys
from pathlib import Path

INTEGRATION = Path(__file__).resolve().parents[1]
for entry in (INTEGRATION, INTEGRATION.parents[1] / ".collections"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

"""The soak test: a two-tunnel lab under concurrent fuzzed CLI and NETCONF sessions (docs/refrouter.md)."""

import sys
from pathlib import Path

# The NETCONF test helpers (nchelpers) are top-level modules of ../netconf, which pytest puts on sys.path only
# when it collects that folder; the soak reuses them when run alone too.
_NETCONF_HELPERS = str(Path(__file__).resolve().parents[1] / "netconf")
if _NETCONF_HELPERS not in sys.path:
    sys.path.append(_NETCONF_HELPERS)

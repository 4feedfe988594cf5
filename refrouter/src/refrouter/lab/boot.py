"""Boot wiring: routers whose config text (startup config, lab seed) loads through the CLI's config mode.

The state layer's Router knows nothing of the CLI; the lab, as the composition root, hands it the loader.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..cli.loader import apply_config_text
from ..state.router import ConfigLoader, Router


@dataclass
class BootableRouter(Router):
    """A Router whose boot and reload apply config text as if typed in `configure terminal`."""

    config_loader: ConfigLoader | None = apply_config_text

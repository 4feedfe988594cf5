# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a plan may consult besides have and target: the whole parsed device config and module params."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )


@dataclass
class PlanContext:
    device: RunningConfig  # everything parsed from the device (empty for rendered)
    params: dict[str, Any]
    offline: bool = False  # rendered: no device state, skip checks against it
    check_mode: bool = False  # --check: earlier tasks of the play only predicted their changes
    warnings: list[str] = field(default_factory=list)

    def unresolved_references(self, problems: list[str]) -> list[str]:
        """Cross-module references the device contradicts (a crypto map naming a transform set the device
        lacks, an ACL to remove that a crypto map still matches): errors, except in check mode, where an
        earlier task of the same play may change that (it only predicted it), so they become warnings."""
        if not self.check_mode:
            return problems
        self.warnings += [f"{problem} (check mode: an earlier task may change this)" for problem in problems]
        return []

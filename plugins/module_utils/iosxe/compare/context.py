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
    warnings: list[str] = field(default_factory=list)

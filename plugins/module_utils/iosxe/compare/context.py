"""What a plan may consult besides have and target: the whole parsed device config and module params."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.running import RunningConfig


@dataclass
class PlanContext:
    device: RunningConfig  # everything parsed from the device (empty for rendered)
    params: dict[str, Any]
    offline: bool = False  # rendered: no device state, skip checks against it
    warnings: list[str] = field(default_factory=list)

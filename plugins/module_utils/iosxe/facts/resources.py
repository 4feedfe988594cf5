# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`gather_network_resources`: the config modules' facts, parsed from the running config, secrets masked."""

from __future__ import annotations

from typing import Any

from ..resources.registry import RESOURCES
from ..running_config.parse import parse_running_config

RESOURCE_NAMES = tuple(RESOURCES)


def gather_resources(running_config: str, names: list[str]) -> tuple[dict[str, Any], list[str]]:
    config = parse_running_config(running_config)
    resources = {name: RESOURCES[name].mask(RESOURCES[name].facts(config)) for name in names}
    warnings = list(dict.fromkeys(w for name in names for w in config.warnings_for(name)))
    return resources, warnings

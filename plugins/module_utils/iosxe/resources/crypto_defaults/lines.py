# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of the default IKE policy and default transform set toggles: parse rule and render."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_defaults.spec import (
    TOGGLE_COMMANDS,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

NAMESPACES = ("crypto isakmp default", "crypto ipsec default")
_FIELD_BY_COMMAND = {command: field for field, command in TOGGLE_COMMANDS.items()}

# `[no] crypto isakmp default policy`, `[no] crypto ipsec default transform-set`
TOGGLE_RE = re.compile(r"(no )?(" + "|".join(map(re.escape, _FIELD_BY_COMMAND)) + ")")


def toggle_line(field: str, enabled: bool) -> str:
    return TOGGLE_COMMANDS[field] if enabled else "no " + TOGGLE_COMMANDS[field]


def _toggle_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    config.crypto_defaults[_FIELD_BY_COMMAND[match.group(2)]] = not match.group(1)
    config.report(block.children, block.header, "crypto_defaults")


BLOCKS = ((TOGGLE_RE, _toggle_block),)


def config_text(defaults: dict[str, bool]) -> list[str]:
    """Like the running config: only disabled defaults appear."""
    return [toggle_line(field, False) for field in TOGGLE_COMMANDS if defaults.get(field) is False]

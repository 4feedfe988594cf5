# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of the IKEv2 smart defaults: `no crypto <object> default` turns one off, `default crypto
<object>` turns it back on; the running config shows only the `no` lines."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_defaults.spec import (
    OBJECTS,
    Ikev2DefaultsFact,
    Toggle,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

# The lines are inside the proposal/policy/transform-set/profile namespaces; only the exact lines are ours.
NAMESPACES: tuple[str, ...] = ()
_TOGGLE_BY_OBJECT = {name: toggle for toggle, name in OBJECTS.items()}

# `no crypto ikev2 proposal default`, `no crypto ipsec profile default`, ...
DISABLED_RE = re.compile(r"no crypto (" + "|".join(map(re.escape, _TOGGLE_BY_OBJECT)) + ") default")


def toggle_line(toggle: Toggle, enabled: bool) -> str:
    return f"default crypto {OBJECTS[toggle]}" if enabled else f"no crypto {OBJECTS[toggle]} default"


def _disabled_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    config.ikev2_defaults[_TOGGLE_BY_OBJECT[match.group(1)]] = False
    config.report(block.children, block.header, "ikev2_defaults")


BLOCKS = ((DISABLED_RE, _disabled_block),)


def config_text(defaults: Ikev2DefaultsFact) -> list[str]:
    """Like the running config: only disabled defaults appear."""
    return [toggle_line(toggle, False) for toggle in OBJECTS if defaults.get(toggle) is False]

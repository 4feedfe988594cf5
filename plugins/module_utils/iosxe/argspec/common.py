# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Options every config module shares: config, running_config, state and their relations."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import STATES


def resource_argument_spec(config: dict[str, Any], **extra: dict[str, Any]) -> dict[str, Any]:
    """Argument spec of a config module: its `config` option, the shared options and module extras."""
    return {
        "config": config,
        "running_config": {"type": "str", "no_log": True},  # may contain pre-shared keys
        "state": {"type": "str", "default": "merged", "choices": list(STATES)},
        "rendered_format": {"type": "str", "default": "cli", "choices": ["cli", "xml"]},  # state=rendered
        **SAFETY_OPTIONS,
        **extra,
    }


# Safe change, backup and save (doc fragment ipsecux.iosxe.config_safety; carried out by runner.py and the
# action plugin, see docs/modules/safe_change.md).
SAVE_WHEN = ("never", "always", "modified", "changed")
CONFIRM_TIMEOUT_RANGE = (1, 120)  # minutes, as `configure terminal revert timer`
SAFETY_OPTIONS: dict[str, dict[str, Any]] = {
    "confirm_timeout": {"type": "int"},
    "backup": {"type": "bool", "default": False},
    "backup_options": {
        "type": "dict",
        "options": {"dir_path": {"type": "path"}, "filename": {"type": "str"}},
    },
    "save_when": {"type": "str", "default": "never", "choices": list(SAVE_WHEN)},
}

MUTUALLY_EXCLUSIVE = [["config", "running_config"]]
REQUIRED_IF = [
    ["state", "merged", ["config"]],
    ["state", "replaced", ["config"]],
    ["state", "overridden", ["config"]],
    ["state", "rendered", ["config"]],
    ["state", "parsed", ["running_config"]],
]

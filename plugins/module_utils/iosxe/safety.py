# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Module side of safe change, backup and save (docs/modules/safe_change.md): option checks and the
markers the module hands to the action plugin, which verifies, confirms, writes backups and saves."""

from __future__ import annotations

import base64
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import CONFIRM_TIMEOUT_RANGE

BACKUP_KEY = "__backup__"  # the running config for the action plugin; popped before the result is shown
SAFE_CHANGE_KEY = "safe_change"
PENDING = "pending"  # sent with a revert timer; the action plugin verifies reachability and confirms
INTERRUPTED = "interrupted"  # sending failed; the action plugin reverts at once or waits for the timer


def option_errors(params: dict[str, Any]) -> list[str]:
    """Value errors of the safety options (the argspec checks their types)."""
    timeout = params.get("confirm_timeout")
    low, high = CONFIRM_TIMEOUT_RANGE
    if timeout is not None and not low <= timeout <= high:
        return [f"confirm_timeout: {timeout} is out of range; give minutes from {low} to {high}"]
    return []


def cli_only_options(params: dict[str, Any], confirmed_commit: bool = False) -> list[str]:
    """The options given that need network_cli (they drive the CLI: revert timer, show run, write memory);
    `confirm_timeout` also works over NETCONF when the device has `confirmed_commit` (:candidate and
    :confirmed-commit:1.1)."""
    given = []
    if params.get("confirm_timeout") is not None and not confirmed_commit:
        given.append("confirm_timeout (the device advertises no :candidate with :confirmed-commit:1.1)")
    if params.get("backup"):
        given.append("backup (NETCONF reads only the crypto configuration)")
    if params.get("save_when", "never") != "never":
        given.append("save_when")
    return given


def pending(timeout: int, persist_id: str | None = None) -> dict[str, Any]:
    """Sent with a revert timer; `persist_id`: a NETCONF confirmed commit, settled with that token."""
    marker: dict[str, Any] = {"status": PENDING, "confirm_timeout": timeout}
    if persist_id is not None:
        marker["persist_id"] = persist_id
    return marker


def interrupted(timeout: int, error: str, persist_id: str | None = None) -> dict[str, Any]:
    marker: dict[str, Any] = {"status": INTERRUPTED, "confirm_timeout": timeout, "error": error}
    if persist_id is not None:
        marker["persist_id"] = persist_id
    return marker


def encode_backup(text: str) -> str:
    """The running config, encoded so that Ansible's masking of the task's no_log values (a key the task
    sets) does not rewrite the copy; the action plugin removes it from the result before it is shown."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii")

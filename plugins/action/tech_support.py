# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of ipsecux.iosxe.tech_support: runs the module, then writes `dest` on the controller."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.action.iosxe import ActionModule as IosxeActionModule

RAW_KEY = "_raw"


class ActionModule(IosxeActionModule):
    def _run_task(self, task_vars: dict[str, Any]) -> dict[str, Any]:
        result = super()._run_task(task_vars)
        raw = result.pop(RAW_KEY, None)
        dest = self._task.args.get("dest")
        if result.get("failed") or not dest or raw is None:
            return result
        path = Path(os.path.expanduser(str(dest)))
        changed = _content(path) != raw  # `changed` means the file changed (or would, in check mode)
        if self._play_context.check_mode:  # check mode changes nothing, on the controller either
            return {**result, "changed": changed, "dest": str(path), "msg": f"check mode: {path} not written"}
        if changed:
            try:
                _write(path, raw)
            except OSError as exc:
                return {**result, "failed": True, "msg": f"dest: cannot write {path}: {exc.strerror or exc}"}
        return {**result, "changed": changed, "dest": str(path)}


def _content(path: Path) -> str | None:
    """The file's text; None when it is absent or unreadable (then it is written)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:  # as written: line endings untranslated
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def _write(path: Path, text: str) -> None:
    """Owner-only file: the text is masked, but a tech-support still describes the router in detail."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)

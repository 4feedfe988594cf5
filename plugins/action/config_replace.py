# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of ipsecux.iosxe.config_replace: copies `src` to bootflash: (SCP), then runs the module,
which replaces and deletes it; a safe replace is finished as for the config modules."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from ansible.module_utils.connection import Connection
from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible_collections.ipsecux.iosxe.plugins.action.iosxe import ActionModule as IosxeActionModule
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.save import VOLATILE_LINE_RE

DEFAULT_FILENAME = "ipsecux-replace.cfg"


class ActionModule(IosxeActionModule):
    def _run_task(self, task_vars: dict[str, Any]) -> dict[str, Any]:
        if self._play_context.connection.split(".")[-1] != "network_cli":
            return {"failed": True, "msg": "config_replace needs ansible.netcommon.network_cli"}
        src = self._task.args.get("src")
        if not src:
            return {"failed": True, "msg": "missing required arguments: src"}
        try:
            source = Path(self._find_needle("files", os.path.expanduser(str(src))))
            text = staged_text(source.read_text(encoding="utf-8"))
        except (
            Exception
        ) as exc:  # AnsibleError when the file is not found, OSError/UnicodeError when unreadable
            return {"failed": True, "msg": f"src: cannot read {src}: {exc}"}
        problem = self._stage(text, str(self._task.args.get("filename") or DEFAULT_FILENAME))
        if problem:
            return {"failed": True, "msg": problem}
        return super()._run_task(task_vars)

    def _stage(self, text: str, filename: str) -> str | None:
        """Copy the text to bootflash:FILENAME over SCP (a 0600 temporary file on the controller)."""
        fd, name = tempfile.mkstemp(prefix="ipsecux-replace-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            Connection(self._connection.socket_path).copy_file(
                source=name, destination=f"bootflash:{filename}", proto="scp"
            )
        except (DeviceError, OSError) as exc:
            return (
                f"copying the configuration to bootflash:{filename} failed: {exc} "
                "(the device needs `ip scp server enable`)"
            )
        finally:
            os.unlink(name)
        return None

    def _read_back(self, task_vars: dict[str, Any]) -> Any:
        """No resource to gather: the revert is reported, `restored` stays unknown."""
        return None


def staged_text(text: str) -> str:
    """The file without the banner lines `show running-config` prints before the configuration."""
    lines = text.replace("\r", "").split("\n")
    return "\n".join(line for line in lines if not VOLATILE_LINE_RE.match(line))

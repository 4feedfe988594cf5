# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test helper action `write_results`: write `content` (already templated) to the controller file `dest`.

The integration harnesses end each playbook with a localhost task that saves the registered results as JSON.
`ansible.builtin.copy` did that with two module runs (stat, then copy), each a new Python process; this
action writes the file in the worker that runs the task. Enabled by ANSIBLE_ACTION_PLUGINS (refrouter_harness).
"""

from __future__ import annotations

from pathlib import Path

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    """No module and no connection: the file is written on the controller."""

    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        Path(self._task.args["dest"]).write_text(self._task.args["content"], encoding="utf-8")
        result["changed"] = True
        return result

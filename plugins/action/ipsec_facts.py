# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of ipsecux.iosxe.ipsec_facts: over network_cli it gathers on the controller.

The show output (megabytes on a hub with a thousand tunnels) arrives from the persistent connection in this
process and is parsed here; only the facts go on to Ansible. Run as a module instead, the same text would be
sent to a module process and its facts serialised back (docs/performance.md, figure 3). Over NETCONF the
module runs as before.
"""

from __future__ import annotations

from typing import Any

from ansible.module_utils.connection import Connection
from ansible_collections.ipsecux.iosxe.plugins.action.iosxe import ActionModule as IosxeActionModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.over_cli import (
    ARGUMENT_SPEC,
    FactsFailed,
    gather_over_cli,
    subset_problem,
)


class ActionModule(IosxeActionModule):
    def _run_task(self, task_vars: dict[str, Any]) -> dict[str, Any]:
        socket_path = getattr(self._connection, "socket_path", None)
        if self._connection_type() != "network_cli" or not socket_path:
            return super()._run_task(task_vars)
        refusal = self._refusal()
        if refusal:
            return {"failed": True, "msg": refusal}
        params = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)[1]
        problem = subset_problem(params["gather_subset"])
        if problem:
            return {"failed": True, "msg": problem}
        try:
            result, warnings = gather_over_cli(Connection(socket_path), params)
        except FactsFailed as exc:
            return {"failed": True, "msg": str(exc), "commands": exc.commands}
        return {**result, "warnings": warnings} if warnings else result

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin shared by every module of ipsecux.iosxe.

It checks the connection before the module runs: device states need `ansible.netcommon.network_cli` or
`ansible.netcommon.netconf`; `rendered` and `parsed` never talk to a device, so they also run with any
other connection (for example `local`). It refuses to run when the persistent connection would write
commands or payloads, and with them pre-shared keys, to the persistent log in clear text.
"""

from __future__ import annotations

from typing import Any

from ansible.utils.display import Display
from ansible_collections.ansible.netcommon.plugins.action.network import (
    ActionModule as ActionNetworkModule,
)

display = Display()

DEVICE_CONNECTIONS = ("network_cli", "netconf")
OFFLINE_STATES = ("rendered", "parsed")
SUPPORTED_NETWORK_OS = "ipsecux.iosxe.iosxe"


class ActionModule(ActionNetworkModule):
    def run(self, tmp: Any = None, task_vars: dict[str, Any] | None = None) -> dict[str, Any]:
        del tmp
        task_vars = task_vars or {}
        self._config_module = False
        refusal = self._refusal()
        if refusal:
            return {"failed": True, "msg": refusal}
        return super().run(task_vars=task_vars)

    def _connection_type(self) -> str:
        return self._play_context.connection.split(".")[-1]

    def _refusal(self) -> str | None:
        """Why the task must not run on this connection, or None."""
        connection = self._connection_type()
        offline = self._task.args.get("state") in OFFLINE_STATES
        if connection not in DEVICE_CONNECTIONS and not offline:
            return (
                f"connection type {self._play_context.connection!r} is not valid for this module; "
                "use ansible.netcommon.network_cli or ansible.netcommon.netconf (rendered and parsed work "
                "with any connection)"
            )
        if connection in DEVICE_CONNECTIONS:
            return self._check_persistent_connection()
        return None

    def _check_persistent_connection(self) -> str | None:
        network_os = self._play_context.network_os or ""
        if network_os not in (SUPPORTED_NETWORK_OS, "iosxe"):
            display.warning(
                f"ansible_network_os is {network_os!r}; ipsecux.iosxe modules are tested with "
                f"{SUPPORTED_NETWORK_OS!r} (its terminal and netconf plugins decide how device errors read)"
            )
        if self._task.args.get("state") not in OFFLINE_STATES and self._logs_commands():
            return (
                "persistent_log_messages is enabled, so the persistent connection would log every command "
                "or payload, including pre-shared keys, in clear text; disable it "
                "(ansible_persistent_log_messages: false) for ipsecux.iosxe configuration tasks"
            )
        return None

    def _logs_commands(self) -> bool:
        try:
            return bool(self._connection.get_option("persistent_log_messages"))
        except KeyError:
            return False

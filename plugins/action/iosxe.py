# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin shared by every module of ipsecux.iosxe.

It checks the connection before the module runs: device states need `ansible.netcommon.network_cli` or
`ansible.netcommon.netconf`; `rendered` and `parsed` never talk to a device, so they also run with any
other connection (for example `local`). It refuses to run when the persistent connection would write
commands or payloads, and with them pre-shared keys, to the persistent log in clear text.

On the ansible-core versions it was verified with, it attaches the task to its persistent connection itself
(plugin_utils/attach.py), which spares a Python process per task. Over network_cli a config module runs
here, in the worker, instead of as a module
(plugin_utils/controller_module.py; `ansible_iosxe_controller_exec: false` turns that off).

After a config module it finishes what needs the controller (docs/modules/safe_change.md): it confirms or
reports the revert of a safe change (`confirm_timeout`), writes the `backup` and saves (`save_when`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from ansible.errors import AnsibleActionFail
from ansible.module_utils.connection import Connection
from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.utils.display import Display
from ansible_collections.ansible.netcommon.plugins.action.network import (
    ActionModule as ActionNetworkModule,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner import module_kwargs, run
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.safety import BACKUP_KEY, SAFE_CHANGE_KEY
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils import persistent, safe_change
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.attach import attach, verified_core
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.backup import write_backup
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.controller_module import (
    ControllerModule,
    ModuleExit,
    config_module_name,
)
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.netconf_confirm import (
    CANCEL,
    CONFIRM,
    NetconfTarget,
    netconf_problem,
    settler,
)
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.reachability import (
    Login,
    ssh_problem,
    wait_until_reachable,
)
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.save import save

display = Display()

DEVICE_CONNECTIONS = ("network_cli", "netconf")
OFFLINE_STATES = ("rendered", "parsed")
SUPPORTED_NETWORK_OS = "ipsecux.iosxe.iosxe"
CONTROLLER_EXEC_VAR = "ansible_iosxe_controller_exec"


class ActionModule(ActionNetworkModule):
    # ansible-core then skips its per-task `ansible-connection` stub and `attach` does its work here
    _requires_connection = not verified_core()

    def run(self, tmp: Any = None, task_vars: dict[str, Any] | None = None) -> dict[str, Any]:
        del tmp
        task_vars = task_vars or {}
        if not self._requires_connection:
            self._connection = attach(self, task_vars)
        return self._run_task(task_vars)

    def _run_task(self, task_vars: dict[str, Any]) -> dict[str, Any]:
        """The task, once the connection is attached (subclasses extend this, not `run`)."""
        self._config_module = False
        refusal = self._refusal()
        if refusal:
            return {"failed": True, "msg": refusal}
        self._controller_name = self._controller_module(task_vars)
        if self._controller_name:
            result = self._run_on_controller(self._controller_name, self._task.args)
        else:
            result = super().run(task_vars=task_vars)
        backup = result.pop(BACKUP_KEY, None)  # first: the copy holds the device's secrets
        if isinstance(result.get(SAFE_CHANGE_KEY), dict) and "status" in result[SAFE_CHANGE_KEY]:
            persist_id = result[SAFE_CHANGE_KEY].get("persist_id")
            device = (
                self._netconf_device(task_vars, persist_id)
                if persist_id
                else self._safe_change_device(task_vars)
            )
            result = safe_change.finish(result, device)
        if backup is not None:
            result = self._write_backup(result, backup, task_vars)
        save_when = self._task.args.get("save_when") or "never"
        if save_when != "never" and not result.get("failed") and not self._play_context.check_mode:
            result = self._save(result, save_when)
        return result

    def _controller_module(self, task_vars: dict[str, Any]) -> str | None:
        """The config module to run in this process, or None to run the module as a module: only over
        network_cli, not for async tasks, and not with `ansible_iosxe_controller_exec: false`."""
        name = config_module_name(self._task.resolved_action)
        if name is None or self._connection_type() != "network_cli" or self._task.async_val:
            return None
        if not getattr(self._connection, "socket_path", None):
            return None
        enabled = self._templar.template(task_vars.get(CONTROLLER_EXEC_VAR, True))
        try:
            return name if boolean(enabled, strict=True) else None
        except TypeError:
            raise AnsibleActionFail(f"{CONTROLLER_EXEC_VAR} must be a boolean, not {enabled!r}") from None

    def _run_on_controller(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        """The module's runner with a ControllerModule; returns what the module would have returned."""
        display.vvvv(
            f"ipsecux.iosxe: running {name} in the action plugin (controller)", self._play_context.remote_addr
        )
        try:
            module = ControllerModule(
                self._task.action,
                module_kwargs(name),
                args,
                check_mode=bool(self._task.check_mode),
                diff=bool(self._task.diff),
                socket_path=self._connection.socket_path,
            )
            run(module, name)
        except ModuleExit as done:
            return done.result
        return {"failed": True, "msg": f"{name} ended without a result"}

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

    def _safe_change_device(self, task_vars: dict[str, Any]) -> safe_change.Device:
        host, port = str(self._play_context.remote_addr), int(self._play_context.port or 22)
        login = self._probe_login()

        def wait(seconds: float) -> bool:
            return wait_until_reachable(host, port, time.monotonic() + seconds, login=login)

        return safe_change.Device(
            send=lambda command: Connection(self._connection.socket_path).get(command=command),
            problem=lambda: ssh_problem(host, port, login=login),
            wait_until_reachable=wait,
            read_back=lambda: self._read_back(task_vars),
        )

    def _netconf_device(self, task_vars: dict[str, Any], persist_id: str) -> safe_change.Device:
        """Over NETCONF: new sessions probe the device and settle the confirmed commit by its token."""
        target = NetconfTarget(
            str(self._play_context.remote_addr), int(self._play_context.port or 830), self._probe_login()
        )

        def wait(seconds: float) -> bool:
            deadline = time.monotonic() + seconds
            while netconf_problem(target) is not None:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(2.0)
            return True

        return safe_change.Device(
            send=settler(target, persist_id),
            problem=lambda: netconf_problem(target),
            wait_until_reachable=wait,
            read_back=lambda: self._read_back(task_vars),
            confirm_command=CONFIRM,
            revert_command=CANCEL,
        )

    def _probe_login(self) -> Login:
        """The persistent connection's own user, password or key and host key checking, for the probe."""
        option = self._connection.get_option
        return Login(
            user=str(option("remote_user") or self._play_context.remote_user),
            password=option("password"),
            key_file=option("private_key_file"),
            host_key_checking=bool(option("host_key_checking")),
        )

    def _read_back(self, task_vars: dict[str, Any]) -> Any:
        """The resource's facts over a new persistent connection (the device dropped the old session)."""
        try:
            persistent.restart(self._connection, self._play_context, self._task._uuid)
            args = {"state": "gathered"}
            if self._controller_name:
                gathered = self._run_on_controller(self._controller_name, args)
            else:
                gathered = self._execute_module(module_args=args, task_vars=task_vars)
        except Exception as exc:
            display.warning(f"after the revert the configuration could not be read back: {exc}")
            return None
        return None if gathered.get("failed") else gathered.get("gathered")

    def _write_backup(self, result: dict[str, Any], backup: str, task_vars: dict[str, Any]) -> dict[str, Any]:
        playbook_dir = task_vars.get("playbook_dir") or self._loader.get_basedir()
        hostname = str(task_vars.get("inventory_hostname") or self._play_context.remote_addr)
        try:
            written = write_backup(
                backup, hostname, self._task.args.get("backup_options"), Path(playbook_dir) / "backup"
            )
        except OSError as exc:
            return {
                **result,
                "failed": True,
                "msg": f"backup: cannot write the backup: {exc.strerror or exc}",
            }
        return {**result, **written}

    def _save(self, result: dict[str, Any], save_when: str) -> dict[str, Any]:
        try:
            saved = save(Connection(self._connection.socket_path), save_when, bool(result.get("changed")))
        except DeviceError as exc:
            return {**result, "failed": True, "msg": f"save_when: saving the configuration failed: {exc}"}
        return {
            **result,
            "saved": saved,
            "changed": bool(result.get("changed")) or (saved and save_when == "modified"),
        }

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

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Attach a task to its persistent connection in the worker, without ansible-core's per-task stub.

For every task on a persistent connection (network_cli, netconf) ansible-core starts `ansible-connection`
(`ansible_connection_cli_stub.py`): a new Python process, about 250 ms of CPU, which finds the connection's
socket and hands it the task's options and play context. The collection's action plugins declare
`_requires_connection = False` (on the ansible-core versions in `VERIFIED_CORE`), so ansible-core gives
them a `local` placeholder instead, and `attach` does the same work here, in the worker, where ansible-core
is already imported:

- the task's connection plugin is loaded and its options set from the task's variables, in the order of
  ansible-core's TaskExecutor (`_get_connection`, `_set_connection_options`);
- the socket path and its lock are the stub's (same hash, same lock file, so the stub and this code exclude
  each other);
- an existing connection gets the stub's three calls (`set_options`, `update_play_context`,
  `set_check_prompt`) and the messages it queued are displayed as ansible-core displays them;
- with no connection yet, or when the existing one does not answer, ansible-core's own `start_connection`
  runs the stub, which starts it or reports the error as it always has.

`ansible_iosxe_reuse_connection: false` sends every task through `start_connection`. User documentation:
docs/modules/config_modules.md ("Attaching to the persistent connection"); measurements: docs/performance.md
(round 4 of figures 1, 2 and 6).
"""

from __future__ import annotations

import fcntl
import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from ansible import constants as C
from ansible import errors
from ansible.errors import AnsibleActionFail, AnsibleError
from ansible.executor.task_executor import start_connection
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.connection import Connection
from ansible.module_utils.connection import ConnectionError as SocketError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.loader import connection_loader, get_plugin_class
from ansible.release import __version__ as CORE_VERSION
from ansible.utils.display import Display
from ansible.utils.path import unfrackpath

display = Display()

# ansible-core versions whose TaskExecutor this module follows step by step (tested in CI).
VERIFIED_CORE = ((2, 19),)
REUSE_VAR = "ansible_iosxe_reuse_connection"
VALUE_OMITTED: Any = getattr(errors, "AnsibleValueOmittedError", ())  # 2.19: an option set to `omit`
METHOD_NOT_FOUND = -32601  # JSON-RPC: netconf has no update_play_context / set_check_prompt
ATTACHED = "ipsecux.iosxe: attached without ansible-connection to"


def verified_core() -> bool:
    """True on the ansible-core versions this module follows."""
    major, minor = (int(part) for part in CORE_VERSION.split(".")[:2])
    return (major, minor) in VERIFIED_CORE


def attach(action: Any, task_vars: dict[str, Any]) -> Any:
    """The connection plugin ansible-core would have given the task, attached to its persistent process;
    the placeholder itself when the task's connection is not persistent (`local` for `rendered`)."""
    loader = action._shared_loader_obj.connection_loader
    name = _connection_name(action, task_vars)
    plugin_class = loader.get(name, class_only=True)
    if plugin_class is None or not _is_persistent(plugin_class):
        return action._connection
    play_context = action._play_context
    variables = _connection_variables(action, task_vars)
    connection = _load_connection(action, name, variables)
    _set_connection_options(action, connection, variables)
    play_context.timeout = connection.get_option("persistent_command_timeout")
    options = connection.get_options()
    socket_path = None
    if _reuse_wanted(action._templar, variables):
        socket_path = _reuse(play_context, options, action._task._uuid)
    if socket_path is None:
        socket_path = start_connection(play_context, options, action._task._uuid)
    connection._socket_path = socket_path
    return connection


def _connection_name(action: Any, task_vars: dict[str, Any]) -> str:
    """The connection name TaskExecutor chose, spelled as it spelled it (the spelling names the socket):
    `ansible_connection` of the host (of the delegated host when delegating), else the task's `connection`.

    The host's own value is read from the `vars` magic variable: ansible-core fills a missing
    `ansible_connection` in the task's variables with the plugin's full name before the action runs."""
    if action._task.delegate_to:
        value = _connection_variables(action, task_vars).get("ansible_connection")
    else:
        value = task_vars.get("vars", task_vars).get("ansible_connection")
    return str(action._task.connection if value is None else action._templar.template(value))


def _connection_variables(action: Any, task_vars: dict[str, Any]) -> dict[str, Any]:
    """The variables ansible-core resolves the connection from: the delegated host's when delegating."""
    delegate_to = action._task.delegate_to
    if delegate_to:
        delegated: dict[str, Any] = task_vars.get("ansible_delegated_vars", {}).get(delegate_to, {})
        return delegated
    return task_vars


def _load_connection(action: Any, name: str, variables: dict[str, Any]) -> Any:
    """The connection plugin, with its become plugin, as TaskExecutor._get_connection loads it."""
    play_context = action._play_context
    play_context.connection = name
    connection = action._shared_loader_obj.connection_loader.get(
        name,
        play_context,
        new_stdin=None,
        task_uuid=action._task._uuid,
        ansible_playbook_pid=to_text(os.getppid()),
    )
    if not connection:
        raise AnsibleError(f"the connection plugin '{name}' was not found")
    _set_become_plugin(action, connection, variables)
    play_context.set_attributes_from_plugin(connection)
    return connection


def _set_become_plugin(action: Any, connection: Any, variables: dict[str, Any]) -> None:
    templar = action._templar
    if variables.get("ansible_become") is not None:
        become = boolean(templar.template(variables["ansible_become"]))
    else:
        become = action._task.become
    become_plugin = None
    if become:
        method = (
            templar.template(variables["ansible_become_method"])
            if variables.get("ansible_become_method")
            else action._task.become_method
        )
        become_plugin = action._shared_loader_obj.become_loader.get(method)
        if not become_plugin:
            raise AnsibleError(f"Invalid become method specified, could not find matching plugin: '{method}'")
    connection.set_become_plugin(become_plugin)
    if become_plugin:
        action._play_context.set_become_plugin(become_plugin.name)


def _is_persistent(plugin: Any) -> bool:
    return bool((plugin.supports_persistence and C.USE_PERSISTENT_CONNECTIONS) or plugin.force_persistence)


def _set_connection_options(action: Any, connection: Any, variables: dict[str, Any]) -> None:
    """The options of the connection and its sub-plugins, as TaskExecutor._set_connection_options sets them."""
    play_context = action._play_context
    templar = action._templar
    task_keys = action._task.dump_attrs()
    task_keys["timeout"] = play_context.timeout  # the connection's timeout, not the task's
    if play_context.password:
        task_keys["password"] = play_context.password
    del task_keys["retries"]
    connection.set_options(
        task_keys=task_keys, var_options=connection._resolve_option_variables(variables, templar)
    )
    _set_plugin_options(connection._shell, "shell", variables, templar, task_keys)
    if connection.become is not None:
        if play_context.become_pass:
            task_keys["become_pass"] = play_context.become_pass
        _set_plugin_options(connection.become, "become", variables, templar, task_keys)
        for option in ("become_user", "become_flags", "become_exe", "become_pass"):
            with suppress(KeyError):  # not every become plugin has them all
                setattr(play_context, option, connection.become.get_option(option))
        play_context.prompt = connection.become.prompt
    sub = getattr(connection, "_sub_plugin", None)
    if sub and sub.get("type") != "external":
        plugin = sub.get("obj")
        _set_plugin_options(plugin, get_plugin_class(plugin), variables, templar, task_keys)
    ssh_type_conn = getattr(connection, "ssh_type_conn", None)
    if ssh_type_conn is not None:
        _set_plugin_options(ssh_type_conn, "connection", variables, templar, task_keys)


def _set_plugin_options(
    plugin: Any, plugin_type: str, variables: dict[str, Any], templar: Any, task_keys: dict[str, Any]
) -> None:
    options = {}
    for var_name in C.config.get_plugin_vars(plugin_type, plugin._load_name):
        if var_name in variables:
            try:
                options[var_name] = templar.template(variables[var_name])
            except VALUE_OMITTED:
                continue
    plugin.set_options(task_keys=task_keys, var_options=options)


def _reuse_wanted(templar: Any, variables: dict[str, Any]) -> bool:
    value = templar.template(variables.get(REUSE_VAR, True))
    try:
        return bool(boolean(value, strict=True))
    except TypeError:
        raise AnsibleActionFail(f"{REUSE_VAR} must be a boolean, not {value!r}") from None


def _socket_path_for(play_context: Any) -> str:
    """The socket of the task's persistent connection, named as ansible-connection names it."""
    ssh = connection_loader.get("ssh", class_only=True)
    control_path = ssh._create_control_path(
        play_context.remote_addr,
        play_context.port,
        play_context.remote_user,
        play_context.connection,
        to_text(os.getppid()),
    )
    directory = unfrackpath(C.PERSISTENT_CONTROL_PATH_DIR)
    os.makedirs(directory, mode=0o700, exist_ok=True)
    return str(unfrackpath(control_path % {"directory": directory}))


def _reuse(play_context: Any, options: dict[str, Any], task_uuid: str) -> str | None:
    """The stub's work for a connection that is already up: the socket path, or None when there is no
    connection yet or it does not answer (then ansible-core's start_connection takes over)."""
    socket_path = _socket_path_for(play_context)
    head, tail = os.path.split(socket_path)
    with _file_lock(unfrackpath(f"{head}/.ansible_pc_lock_{tail}")):
        if not os.path.exists(socket_path):
            return None
        connection = Connection(socket_path)
        try:
            connection.set_options(direct=options)
        except SocketError as exc:
            display.vvvv(f"ipsecux.iosxe: the persistent connection did not answer ({exc}); starting it")
            return None
        try:
            connection.update_play_context(to_text(pickle.dumps(play_context.serialize())))
            connection.set_check_prompt(task_uuid)
        except SocketError as exc:
            if getattr(exc, "code", None) != METHOD_NOT_FOUND:
                raise AnsibleError(to_text(exc)) from exc
        display.vvvv(f"{ATTACHED} {socket_path}", host=play_context.remote_addr)
        _display_messages(connection.pop_messages(), play_context.remote_addr)
    return socket_path


@contextmanager
def _file_lock(lock_path: str) -> Iterator[None]:
    """The stub's lock on the socket (fcntl.lockf on the same file)."""
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.lockf(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


def _display_messages(messages: list[Any], host: str) -> None:
    """The connection's queued messages, shown as start_connection shows the stub's."""
    for level, message in messages:
        if level == "log":
            display.display(message, log_only=True)
        elif level in ("debug", "v", "vv", "vvv", "vvvv", "vvvvv", "vvvvvv"):
            getattr(display, level)(message, host=host)
        elif hasattr(display, level):
            getattr(display, level)(message)
        else:
            display.vvvv(message, host=host)

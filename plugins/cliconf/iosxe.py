# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cliconf plugin for Cisco IOS XE: configuration read/write, command execution, device facts."""

from __future__ import annotations

DOCUMENTATION = """
author: ipsecux maintainers (@ipsecux)
name: iosxe
short_description: Cliconf plugin for Cisco IOS XE (ipsecux)
description:
  - Reads the running or startup configuration (optionally filtered, for example C(| section crypto)),
    pushes configuration lines in one C(configure terminal) ... C(end) batch that stops at the first line
    the device rejects (any C(%) line in its response that is not a syslog message or a notice such as
    C(% NOTE:) or C(% Warning:), or an C(ERROR:) line), runs exec commands and reads device facts from
    C(show version) only.
  - Pre-shared keys and passwords are masked in every error message it raises.
  - Plain configuration lines go in as few writes as possible (one round trip each; a write ends before
    each C(exit), sent only from a sub-mode) and the answer to every line is read back. The device runs
    every line of a write, so "stops" means no later write is sent; the first rejected line is named and
    the modules roll back (docs/modules/config_modules.md). Lines with an interactive prompt and confirmed
    changes go one per round trip.
  - Keeps the last C(show running-config) text of the connection with the device's C(show configuration id)
    and returns it while that is unchanged; any command sent that is not C(show ...) drops it.
version_added: 0.1.0
options:
  config_batch:
    description:
      - Send plain configuration lines in one write instead of one line per round trip.
    type: bool
    default: true
    vars:
      - name: ansible_iosxe_config_batch
  running_config_cache:
    description:
      - Keep the last C(show running-config) with the device's C(show configuration id) and return the kept
        copy while the id is unchanged. Turn it off for a device whose id does not move with every change.
    type: bool
    default: true
    vars:
      - name: ansible_iosxe_running_config_cache
  config_commands:
    description:
      - Commands that change the configuration; with C(ansible_network_single_user_mode) they invalidate
        the command cache.
    type: list
    elements: str
    default: []
    vars:
      - name: ansible_iosxe_config_commands
"""

import ast
import json
import re
from collections.abc import Mapping
from typing import Any, ClassVar

from ansible.errors import AnsibleConnectionFailure
from ansible.module_utils.common.text.converters import to_text
from ansible_collections.ansible.netcommon.plugins.module_utils.network.common.config import (
    NetworkConfig,
    dumps,
)
from ansible_collections.ansible.netcommon.plugins.plugin_utils.cliconf_base import (
    CliconfBase,
    enable_mode,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.device_errors import (
    ERROR_LINE_PREFIXES,
    config_error_lines,
    is_syslog,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import mask_line, mask_text
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.cli_batch import command_output
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.running_cache import (
    MARKER_COMMAND,
    RUNNING_COMMAND,
    RunningCache,
)

CONFIG_SOURCES = {"running": "show running-config", "startup": "show startup-config"}
# Every configuration mode shows its name in parentheses: `(config-if)`, `(cfg-crypto-trans)`, and also
# `(ipsec-profile)`, `(conf-isa-prof)`, `(conf-keyring)`; the exec prompt has none.
CONFIG_PROMPT_RE = re.compile(r"\([\w.\-/]+\)#\s*$")

# device_info key -> regex over `show version`; the first group is the value, first pattern wins.
SHOW_VERSION_FIELDS: dict[str, tuple[str, ...]] = {
    "network_os_version": (
        r"^Cisco IOS XE Software, Version (\S+)",
        r"^IOS XE Version: (\S+)",
        r"^Cisco IOS Software.*?, Version ([^,\s]+)",
    ),
    "network_os_model": (r"^cisco (\S+)(?: \([^)]*\))? processor",),
    "network_os_hostname": (r"^(\S+) uptime is ",),
    "network_os_image": (r'^System image file is "([^"]+)"',),
    "network_os_serial": (r"^Processor board ID (\S+)",),
}

DEVICE_OPERATIONS = {
    "supports_diff_replace": True,
    "supports_commit": False,
    "supports_rollback": False,
    "supports_defaults": True,
    "supports_onbox_diff": False,
    "supports_commit_comment": False,
    "supports_multiline_delimiter": False,
    "supports_diff_match": True,
    "supports_diff_ignore_lines": True,
    "supports_generate_diff": True,
    "supports_replace": False,
}
OPTION_VALUES = {
    "format": ["text"],
    "diff_match": ["line", "strict", "exact", "none"],
    "diff_replace": ["line", "block"],
    "output": ["text"],
}


def parse_show_version(text: str) -> dict[str, str]:
    """Device facts from `show version` output (IOS XE layout)."""
    info = {"network_os": "ipsecux.iosxe.iosxe"}
    for key, patterns in SHOW_VERSION_FIELDS.items():
        for pattern in patterns:
            match = re.search(pattern, text, re.MULTILINE)
            if match:
                info[key] = match.group(1)
                break
    if "network_os_model" in info:
        info["network_os_platform"] = info["network_os_model"]
    return info


def response_text(exc: Exception) -> str:
    """The device output carried by a network_cli error (which stores raw bytes as their repr)."""
    raw = exc.args[0] if exc.args else str(exc)
    if isinstance(raw, bytes):
        return raw.decode("utf-8", "replace")
    if re.fullmatch(r"b(['\"]).*\1", raw, re.DOTALL):
        try:
            return ast.literal_eval(raw).decode("utf-8", "replace")
        except (ValueError, SyntaxError):
            return raw
    return raw


def device_message(output: str) -> str:
    """The `%` and `ERROR:` lines but syslog (and the caret line before `% Invalid input`) of a response."""
    lines = [line.rstrip() for line in output.replace("\r", "").split("\n")]
    kept = [
        line.strip()
        for line in lines
        if line.lstrip().startswith(("%", "^", *ERROR_LINE_PREFIXES)) and not is_syslog(line)
    ]
    return " ".join(kept) if kept else output.strip()


def _write_groups(lines: list[str]) -> list[list[str]]:
    """The lines cut before each `exit`: the writes of a batch."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip() == "exit" and groups[-1]:
            groups.append([])
        groups[-1].append(line)
    return groups


def _plain(line: dict[str, Any]) -> bool:
    """A line that can go in a batch: no interactive prompt, no line break of its own."""
    command = line["command"]
    return set(line) == {"command"} and "\n" not in command and "\r" not in command


def config_command(item: Any) -> dict[str, Any]:
    """Normalise a candidate line (string or dict with prompt/answer) to send_command keywords."""
    if isinstance(item, Mapping):
        allowed = ("command", "prompt", "answer", "newline", "check_all")
        return {key: item[key] for key in allowed if key in item}
    return {"command": str(item)}


class Cliconf(CliconfBase):
    __rpc__: ClassVar[list[str]] = [*CliconfBase.__rpc__, "get_diff"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._device_info: dict[str, str] = {}
        self._running = RunningCache()

    @enable_mode
    def get_config(self, source: str = "running", flags: Any = None, format: str | None = None) -> str:
        if source not in CONFIG_SOURCES:
            raise ValueError(f"fetching configuration from {source!r} is not supported")
        if format not in (None, "text"):
            raise ValueError(f"'format' value {format!r} is not supported for get_config")
        if isinstance(flags, str):
            flags = [flags]
        command = " ".join([CONFIG_SOURCES[source], *(flags or [])])
        if command == RUNNING_COMMAND:
            return self._running_config()
        return self.send_command(command)

    def _running_config(self) -> str:
        """The cached copy while `show configuration id` says it is current (1 short round trip), else the
        id and the configuration in one round trip."""
        if not self._option("running_config_cache", True):
            self._running.markers = False
        shell = getattr(self._connection, "_ssh_shell", None)
        if self._running.usable(shell) and self._running.current(self._marker()):
            return self._running.text
        outputs = self._exec_batch([MARKER_COMMAND, RUNNING_COMMAND]) if self._running.markers else None
        if outputs is None:
            self._running.drop()
            return self.send_command(RUNNING_COMMAND)
        text = command_output(outputs[1])
        self._running.keep(shell, outputs[0], text)
        return text

    def _marker(self) -> str | None:
        try:
            return to_text(self.send_command(MARKER_COMMAND), errors="surrogate_then_replace")
        except AnsibleConnectionFailure:
            return None

    def _option(self, name: str, default: Any) -> Any:
        try:
            value = self.get_option(name)
        except KeyError:  # a plugin made outside the loader (unit tests) has no options
            return default
        return default if value is None else value

    def _batch_terminal(self) -> Any:
        """The terminal plugin when lines may be sent in one write: ours, with its own prompt pattern (not
        one set by `terminal_stdout_re`) and without network_cli's single-user command cache."""
        terminal = getattr(self._connection, "_terminal", None)
        return terminal if hasattr(terminal, "can_batch") and terminal.can_batch() else None

    def _exec_batch(self, commands: list[str]) -> list[str] | None:
        terminal = self._batch_terminal()
        return None if terminal is None else terminal.send_batch(commands)[0]

    @enable_mode
    def edit_config(
        self,
        candidate: Any = None,
        commit: bool = True,
        replace: Any = None,
        diff: bool = False,
        comment: str | None = None,
        revert_timer: int | None = None,
        read_back: bool = False,
    ) -> dict[str, Any]:
        """`revert_timer` (minutes) opens the batch with `configure terminal revert timer N`: the device
        rolls it back unless `configure confirm` follows in time (docs/modules/safe_change.md).
        `read_back`: also return the running config as it is after the batch (`running_config`), read in
        the same round trip when the batch goes in one write."""
        self.check_edit_config_capability(DEVICE_OPERATIONS, candidate, commit, replace, comment)
        if not commit:
            raise ValueError("IOS XE has no candidate configuration; commit must be true")
        lines = [config_command(item) for item in (candidate if isinstance(candidate, list) else [candidate])]
        self._running.drop()
        terminal = self._batch_terminal() if self._option("config_batch", True) else None
        if terminal is not None and revert_timer is None and all(_plain(line) for line in lines):
            return self._edit_in_writes(terminal, [line["command"] for line in lines], read_back)
        requests: list[str] = []
        responses: list[str] = []
        failure = None
        self._enter_config_mode(revert_timer)
        for index, line in enumerate(lines, start=1):
            try:
                response = self.send_command(**line)
            except AnsibleConnectionFailure as exc:
                failure = self._rejected(index, len(lines), line, response_text(exc))
                break
            if config_error_lines(to_text(response, errors="surrogate_then_replace")):
                failure = self._rejected(
                    index, len(lines), line, to_text(response, errors="surrogate_then_replace")
                )
                break
            responses.append(response)
            requests.append(mask_line(line["command"]))
        try:
            self._return_to_exec_mode()
        except AnsibleConnectionFailure as exc:
            if failure is None:
                raise
            failure = f"{failure}; then: {exc}"
        if failure:
            raise AnsibleConnectionFailure(failure)
        return {"request": requests, "response": responses}

    def _edit_in_writes(self, terminal: Any, lines: list[str], read_back: bool) -> dict[str, Any]:
        """`configure terminal`, the lines and `end` in one write, then the id and the running config that
        refresh the cache (docs/performance.md). The device runs every line of a write, so a write ends
        before each `exit`: that is sent only while the device is in a sub-mode (after a rejected parent
        line, `exit` would leave configuration mode and the next lines would run as exec commands). The
        first write with a rejected line is the last one sent; the line is named."""
        if not self._option("running_config_cache", True):
            self._running.markers = False
        trailer = [MARKER_COMMAND, RUNNING_COMMAND] if self._running.markers else []
        if read_back and not trailer:
            trailer = [RUNNING_COMMAND]
        groups = _write_groups(lines)
        responses: list[str] = []
        outputs: list[str] | None = None
        failure, sent = None, 0
        for number, group in enumerate(groups):
            first, last = number == 0, number == len(groups) - 1
            if not first and not self._in_sub_mode():
                failure = (
                    f"configuration line {sent + 1} of {len(lines)} ({group[0]!r}) not sent: the device is no "
                    f"longer in the sub-mode it would leave (lines 1-{sent} were sent)"
                )
                break
            head = ["configure terminal"] if first else []
            outputs, text = terminal.send_batch([*head, *group, *(["end", *trailer] if last else [])])
            failure = self._write_failure(lines, sent, len(group), len(head), outputs, text)
            sent += len(group)
            if outputs is None and not failure and not last:  # the device's mode is unknown: send no more
                failure = (
                    f"the answer to configuration lines 1-{sent} of {len(lines)} could not be matched to the "
                    f"lines (lines 1-{sent} were sent; the rest were not)"
                )
            if failure or outputs is None:
                break
            # each line's answer without its echo (which holds the line, keys included), as network_cli returns it
            responses += [command_output(output) for output in outputs[len(head) : len(head) + len(group)]]
        try:
            self._return_to_exec_mode()
        except AnsibleConnectionFailure as exc:
            failure = f"{failure}; then: {exc}" if failure else str(exc)
        if failure:
            raise AnsibleConnectionFailure(failure)
        result: dict[str, Any] = {"request": [mask_line(line) for line in lines], "response": responses}
        if outputs is None or sent < len(lines) or not trailer:
            return result
        running = command_output(outputs[-1])
        if len(trailer) == 2:
            self._running.keep(getattr(self._connection, "_ssh_shell", None), outputs[-2], running)
        if read_back and running:
            result["running_config"] = running
        return result

    def _in_sub_mode(self) -> bool:
        prompt = to_text(self._connection.get_prompt() or b"", errors="surrogate_then_replace").strip()
        return bool(CONFIG_PROMPT_RE.search(prompt)) and not prompt.endswith("(config)#")

    def _write_failure(
        self, lines: list[str], offset: int, count: int, head: int, outputs: list[str] | None, text: str
    ) -> str | None:
        """Why a write of lines[offset:offset + count] failed, naming the first line the device rejected."""
        total, sent = len(lines), offset + count
        if outputs is None:
            if not config_error_lines(text):
                return None
            return (
                f"device rejected a configuration line among lines {offset + 1}-{sent} of {total} (lines 1-{sent} "
                f"were sent; the response could not be matched to the lines): {mask_text(device_message(text))}"
            )
        if head and config_error_lines(outputs[0]):
            return f"could not enter configuration mode: {mask_text(device_message(outputs[0]))}"
        for index, output in enumerate(outputs[head : head + count], start=offset + 1):
            if config_error_lines(output):
                return (
                    f"device rejected configuration line {index} of {total} (lines 1-{sent} were sent; the "
                    f"device runs every line of a write): {mask_line(lines[index - 1])!r}: "
                    f"{mask_text(device_message(output))}"
                )
        return None

    def _enter_config_mode(self, revert_timer: int | None) -> None:
        if revert_timer is None:
            self.send_command("configure terminal")
            return
        command = f"configure terminal revert timer {int(revert_timer)}"
        try:
            response = to_text(self.send_command(command), errors="surrogate_then_replace")
        except AnsibleConnectionFailure as exc:
            response = response_text(exc)
        if config_error_lines(response) or not CONFIG_PROMPT_RE.search(
            to_text(self._connection.get_prompt() or b"", errors="surrogate_then_replace")
        ):
            self._return_to_exec_mode()
            raise AnsibleConnectionFailure(
                f"{command!r} did not open a confirmed change: {device_message(response)} "
                "(a revert timer needs `archive` with a `path` on the device)"
            )

    def _rejected(self, index: int, total: int, line: dict[str, Any], output: str) -> str:
        """Names the line sent and the device's error lines; every configuration response line that is an
        error (module_utils/iosxe/device_errors.py) stops the batch, known phrase or not."""
        message = mask_text(device_message(output))
        return (
            f"device rejected configuration line {index} of {total} "
            f"({index - 1} applied): {mask_line(line['command'])!r}: {message}"
        )

    def _return_to_exec_mode(self) -> None:
        prompt = to_text(self._connection.get_prompt() or b"", errors="surrogate_then_replace")
        if CONFIG_PROMPT_RE.search(prompt):
            self.send_command("end")
        prompt = to_text(self._connection.get_prompt() or b"", errors="surrogate_then_replace")
        if CONFIG_PROMPT_RE.search(prompt) or not prompt.strip().endswith("#"):
            raise AnsibleConnectionFailure(f"could not return to privileged exec mode (prompt {prompt!r})")

    def get(
        self,
        command: str | None = None,
        prompt: Any = None,
        answer: Any = None,
        sendonly: bool = False,
        newline: bool = True,
        output: str | None = None,
        check_all: bool = False,
    ) -> str:
        if output not in (None, "text"):
            raise ValueError(f"'output' value {output!r} is not supported")
        self._forget_running_unless_show(command)
        try:
            return super().get(command, prompt, answer, sendonly, newline, None, check_all)
        except AnsibleConnectionFailure as exc:
            raise AnsibleConnectionFailure(mask_text(response_text(exc))) from None

    def run_commands(self, commands: Any = None, check_rc: bool = True) -> list[str]:
        if commands is None:
            raise ValueError("'commands' value is required")
        responses = []
        for item in commands if isinstance(commands, list) else [commands]:
            command = dict(item) if isinstance(item, Mapping) else {"command": item}
            if command.pop("output", None) not in (None, "text"):
                raise ValueError("only text output is supported")
            self._forget_running_unless_show(command.get("command"))
            try:
                responses.append(self.send_command(**command))
            except AnsibleConnectionFailure as exc:
                if check_rc:
                    raise AnsibleConnectionFailure(mask_text(response_text(exc))) from None
                responses.append(mask_text(response_text(exc)))
        return responses

    def _forget_running_unless_show(self, command: Any) -> None:
        """A command that is not `show ...` may change the configuration: the cached copy is dropped."""
        if not str(command or "").lstrip().startswith("show "):
            self._running.drop()

    def get_device_info(self) -> dict[str, str]:
        if not self._device_info:
            self._update_cli_prompt_context(config_context=")#", exit_command="end")
            terminal = getattr(self._connection, "_terminal", None)
            output = getattr(terminal, "show_version", None)  # read in the connection's set-up write
            if output:
                terminal.show_version = None  # type: ignore[union-attr]
            else:
                output = to_text(self.get(command="show version"), errors="surrogate_or_strict")
            self._device_info = parse_show_version(output)
        return self._device_info

    def get_device_operations(self) -> dict[str, bool]:
        return dict(DEVICE_OPERATIONS)

    def get_option_values(self) -> dict[str, list[str]]:
        return {key: list(values) for key, values in OPTION_VALUES.items()}

    def get_capabilities(self) -> str:
        result = super().get_capabilities()
        result["device_operations"] = self.get_device_operations()
        result.update(self.get_option_values())
        return json.dumps(result)

    def set_cli_prompt_context(self) -> None:
        self._update_cli_prompt_context(config_context=")#", exit_command="end")

    def get_diff(
        self,
        candidate: str | None = None,
        running: str | None = None,
        diff_match: str = "line",
        diff_ignore_lines: list[str] | None = None,
        path: list[str] | None = None,
        diff_replace: str = "line",
    ) -> dict[str, str]:
        if candidate is None:
            raise ValueError("candidate configuration is required to generate diff")
        if diff_match not in OPTION_VALUES["diff_match"]:
            raise ValueError(
                f"'match' value {diff_match!r} is invalid; use one of {OPTION_VALUES['diff_match']}"
            )
        if diff_replace not in OPTION_VALUES["diff_replace"]:
            raise ValueError(
                f"'replace' value {diff_replace!r} is invalid; use one of {OPTION_VALUES['diff_replace']}"
            )
        wanted = NetworkConfig(indent=1, contents=candidate)
        if running and diff_match != "none":
            current = NetworkConfig(indent=1, contents=running, ignore_lines=diff_ignore_lines)
            changed = wanted.difference(current, path=path, match=diff_match, replace=diff_replace)
        else:
            changed = wanted.items
        return {"config_diff": dumps(changed, "commands") if changed else ""}

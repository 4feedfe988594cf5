# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Terminal plugin for Cisco IOS XE: prompt and error detection, paging, privilege escalation."""

from __future__ import annotations

DOCUMENTATION = """
author: ipsecux maintainers (@ipsecux)
name: iosxe
short_description: Terminal plugin for Cisco IOS XE over network_cli
description:
  - Recognises IOS XE exec and configuration prompts, detects device errors (a line that starts with C(%)
    and a known IOS error phrase, or with C(ERROR:)), disables paging and escalates to privilege level 15
    with C(enable).
  - Syslog lines such as C(%IPSEC-3-REPLAY_ERROR) or C(ISAKMP-ERROR:) and notices such as C(% Warning:) or
    C(% NOTE:) in command output are not errors.
version_added: 0.1.0
"""

import ast
import contextlib
import json
import re
from collections.abc import Iterator
from typing import ClassVar

from ansible.errors import AnsibleConnectionFailure
from ansible.module_utils.common.text.converters import to_bytes, to_text
from ansible_collections.ansible.netcommon.plugins.plugin_utils.terminal_base import TerminalBase
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe import device_errors
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.cli_batch import (
    BatchPrompt,
    command_output,
    split_batch,
)

# network_cli searches the whole response read so far after every chunk it reads, so these patterns are
# written to stay cheap on a response of megabytes (`show crypto ipsec sa detail` of 1,000 tunnels is 4 MB;
# scanning it from the start after each chunk made reading it take minutes, docs/performance.md): the prompt
# is looked for only in the response's tail, and each error pattern starts with a literal, which `re` finds
# with a fast substring scan before it checks that the literal starts a line.
PROMPT_TAIL = 4096

# `RouterA>`, `RouterA#`, `RouterA(config)#`, `RouterA(cfg-crypto-trans)#`: a hostname at the start of a line,
# at most one mode in parentheses, `>` or `#`, an optional space, and nothing after it.
PROMPT_RE = re.compile(rb"(?:\A|[\r\n])[A-Za-z0-9][\w.\-:/]*(?:\([\w.\-/]+\))?[>#] ?\Z")


class TailPattern:
    """A pattern anchored at the end of the buffer (`\\Z`), searched in the last PROMPT_TAIL bytes only."""

    def __init__(self, regex: re.Pattern[bytes]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self.flags = regex.flags

    def search(self, data: bytes, pos: int = 0) -> re.Match[bytes] | None:
        return self.regex.search(data, max(pos, len(data) - PROMPT_TAIL))


class ResponseScan:
    """How far the error patterns have already searched the response network_cli is reading.

    With libssh, network_cli appends each chunk it reads (at most 5 KB) to the response and searches the whole
    response again with every error pattern: megabytes of output meant thousands of full scans. A line that
    is an error never spans a line break, so after the first chunk only the last line already searched and
    the new chunk need searching. This state recognises "the same response, one chunk longer" from the
    connection's own counters (its window count goes up by one, the response grew by exactly the chunk just
    read and starts as before); anything else (a new command, paramiko's per-chunk windows, a caller
    outside network_cli) is searched in full, and so is the rest of a response once an error is in it.
    """

    HEAD = 256

    def __init__(self, connection: object) -> None:
        self.connection = connection
        self.data = b""
        self.window: object = None
        self.start = 0
        self.matched = False

    def start_for(self, data: bytes) -> int:
        if data is self.data:  # the next pattern of the same search
            return self.start
        window = getattr(self.connection, "_window_count", None)
        chunk = getattr(self.connection, "_last_recv_window", None)
        grown = (
            isinstance(window, int)
            and isinstance(self.window, int)
            and window == self.window + 1
            and isinstance(chunk, bytes)
            and data is not chunk
            and len(data) == len(self.data) + len(chunk)
            and data.endswith(chunk)
            and data[: self.HEAD] == self.data[: self.HEAD]
        )
        if not grown:
            self.matched = False
        self.start = data.rfind(b"\n", 0, len(self.data)) + 1 if grown and not self.matched else 0
        self.data, self.window = data, window
        return self.start


class ErrorPattern:
    """An error pattern that searches a growing response from where ResponseScan says."""

    def __init__(self, regex: re.Pattern[bytes], scan: ResponseScan) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.scan = scan

    def search(self, data: bytes, pos: int = 0) -> re.Match[bytes] | None:
        match = self.regex.search(data, max(pos, self.scan.start_for(data)))
        if match:
            self.scan.matched = True
        return match


def line_start(literal: bytes, rest: bytes = b"") -> re.Pattern[bytes]:
    """`^literal rest` (multiline), written literal-first: `literal(?<=^literal)rest`."""
    escaped = re.escape(literal)
    return re.compile(escaped + rb"(?<=^" + escaped + rb")" + rest, re.MULTILINE)


# Error lines come from the collection's one table of device messages (module_utils/iosxe/device_errors.py):
# a line that starts with `%`, an optional space and a known error phrase (never a syslog message or a
# notice such as `% Warning:`), or a line that starts with `ERROR: `.
NOT_SYSLOG_OR_NOTICE = device_errors.NOT_SYSLOG_OR_NOTICE.encode()
ERROR_RE = [
    line_start(b"%", rb" ?" + NOT_SYSLOG_OR_NOTICE + phrase.encode())
    for phrase in device_errors.ERROR_PHRASES
] + [line_start(prefix.encode()) for prefix in device_errors.ERROR_LINE_PREFIXES]

PRIVILEGE_RE = re.compile(r"Current privilege level is (\d+)\s*$", re.MULTILINE)
ENABLE_PASSWORD_PROMPT = r"[\r\n]?[Pp]assword: ?$"
# A configuration mode's name in parentheses: `(config-if)`, `(cfg-crypto-trans)`, `(ipsec-profile)`, ...
CONFIG_PROMPT_MARK_RE = re.compile(rb"\([\w.\-/]+\)#\s*$")
TERMINAL_SETUP = ("terminal length 0", "terminal width 0")  # width 512 when an older image refuses 0
SHOW_VERSION = "show version"


class TerminalModule(TerminalBase):
    terminal_stdout_re: ClassVar[list[TailPattern]] = [TailPattern(PROMPT_RE)]
    terminal_stderr_re: ClassVar[list[re.Pattern[bytes]]] = ERROR_RE
    terminal_config_prompt = re.compile(r"^[A-Za-z0-9][\w.\-:/]*\([\w.\-/]+\)#$")

    def __init__(self, connection: object) -> None:
        super().__init__(connection)
        scan = ResponseScan(connection)
        self.terminal_stderr_re = [ErrorPattern(regex, scan) for regex in ERROR_RE]  # type: ignore[misc]
        self._terminal_outputs: dict[str, str] | None = None  # set up by on_become's batch, if it ran
        self.show_version: str | None = None  # read in the set-up write, for the cliconf's device info

    @contextlib.contextmanager
    def expecting(self, count: int) -> Iterator[None]:
        """While a batch of `count` lines sent in one write is read, the response ends at the count-th prompt
        (plugin_utils/cli_batch.py), not at the first."""
        self.terminal_stdout_re = [BatchPrompt(self.terminal_stdout_re[0], count)]  # type: ignore[misc]
        try:
            yield
        finally:
            del self.terminal_stdout_re  # back to the class's pattern

    def can_batch(self) -> bool:
        """Whether network_cli reads with this plugin's prompt pattern (not one set by `terminal_stdout_re`)
        and without its single-user command cache: only then does a batch's response end where it should."""
        if not hasattr(self._connection, "send"):
            return False
        try:
            overridden = bool(self._connection.get_option("terminal_stdout_re"))  # type: ignore[attr-defined]
        except (KeyError, AttributeError):
            overridden = False
        return not overridden and not getattr(self._connection, "_single_user_mode", False)

    def send_batch(self, commands: list[str]) -> tuple[list[str] | None, str]:
        """Send lines in one write; each line's output (None when the response cannot be cut per line) and
        the whole response. A device error in an output is left to the caller."""
        if not self.can_batch():
            return None, ""
        with self.expecting(len(commands)):
            try:
                response = self._connection.send(  # type: ignore[attr-defined]
                    command=to_bytes("\r".join(commands)), strip_prompt=False
                )
            except AnsibleConnectionFailure as exc:
                response = exc.args[0] if exc.args else str(exc)
        text = _response_text(response)
        return split_batch(text, len(commands)), text

    def on_open_shell(self) -> None:
        """Paging off and lines unwrapped, in one round trip with on_become's `show privilege` when it ran,
        and `show version` (the cliconf plugin's device info) in the same write."""
        outputs = self._terminal_outputs or self._terminal_batch([])
        self._terminal_outputs = None
        if outputs is None:  # no batch possible: one line at a time
            outputs = {command: self._try(command) for command in TERMINAL_SETUP}
        if _refused(outputs["terminal length 0"]):
            raise AnsibleConnectionFailure("unable to disable paging (terminal length 0)")
        if _refused(outputs["terminal width 0"]) and _refused(self._try("terminal width 512")):  # older images
            self._connection.queue_message("warning", "terminal width 512 failed; long lines may wrap")
        version = outputs.get(SHOW_VERSION)
        self.show_version = None if _refused(version) else command_output(version or "")

    def _try(self, command: str) -> str | None:
        """The output of one exec line, None when the device refused it."""
        try:
            return to_text(self._exec_cli_command(to_bytes(command)), errors="surrogate_then_replace")
        except AnsibleConnectionFailure:
            return None

    def _terminal_batch(self, first: list[str]) -> dict[str, str] | None:
        commands = [*first, *TERMINAL_SETUP, SHOW_VERSION]
        outputs = self.send_batch(commands)[0]
        return None if outputs is None else dict(zip(commands, outputs, strict=True))

    def get_privilege_level(self) -> int:
        try:
            output = self._exec_cli_command(b"show privilege")
        except AnsibleConnectionFailure as exc:
            raise AnsibleConnectionFailure(f"unable to read the privilege level: {exc}") from exc
        return _privilege_level(to_text(output, errors="surrogate_or_strict"))

    def on_become(self, passwd: str | None = None) -> None:
        if self._prompt_is_privileged() and self.get_privilege_level() == 15:
            return
        command: dict[str, object] = {"command": "enable"}
        if passwd:
            command.update(prompt=ENABLE_PASSWORD_PROMPT, answer=passwd, prompt_retry_check=True)
        try:
            self._exec_cli_command(to_bytes(json.dumps(command), errors="surrogate_or_strict"))
            level = self._level_with_terminal_setup()
        except AnsibleConnectionFailure as exc:
            raise AnsibleConnectionFailure(
                f"failed to elevate privilege to enable mode at prompt {self._prompt_text()!r}: {exc}"
            ) from None
        if not self._prompt_is_privileged() or level != 15:
            raise AnsibleConnectionFailure(
                f"failed to elevate privilege: level {level} at prompt {self._prompt_text()!r}"
            )

    def _level_with_terminal_setup(self) -> int:
        """`show privilege` sent with on_open_shell's terminal lines (one round trip for the three); their
        outputs wait for on_open_shell, which reports their errors under its own error option."""
        outputs = self._terminal_batch(["show privilege"]) if self._prompt_is_privileged() else None
        if outputs is None:
            return self.get_privilege_level()
        self._terminal_outputs = outputs
        return _privilege_level(outputs["show privilege"])

    def on_unbecome(self) -> None:
        prompt = self._get_prompt()
        if prompt is None:
            return
        if CONFIG_PROMPT_MARK_RE.search(prompt):
            self._exec_cli_command(b"end")
        if self._prompt_is_privileged():
            self._exec_cli_command(b"disable")

    def _prompt_is_privileged(self) -> bool:
        prompt = self._get_prompt()
        return prompt is not None and prompt.strip().endswith(b"#")

    def _prompt_text(self) -> str:
        return to_text(self._get_prompt() or b"", errors="surrogate_then_replace").strip()


def _refused(output: str | None) -> bool:
    return output is None or bool(device_errors.config_error_lines(output))


def _privilege_level(output: str) -> int:
    match = PRIVILEGE_RE.search(output)
    if not match:
        raise AnsibleConnectionFailure(f"unexpected 'show privilege' output: {output!r}")
    return int(match.group(1))


def _response_text(response: object) -> str:
    """network_cli's response, or the raw bytes (as their repr) it puts in an error."""
    if isinstance(response, bytes):
        return response.decode("utf-8", "replace")
    text = str(response)
    if re.fullmatch(r"b(['\"]).*\1", text, re.DOTALL):
        with contextlib.suppress(ValueError, SyntaxError):
            return ast.literal_eval(text).decode("utf-8", "replace")  # type: ignore[no-any-return]
    return text

"""Lines sent in one write (plugin_utils/cli_batch.py) and the cliconf plugin's batched edit; the real
exchange with the reference router is in tests/integration (test_cliconf_refrouter, test_config_modules_*)."""

from __future__ import annotations

import re

import pytest
from ansible.errors import AnsibleConnectionFailure
from ansible_collections.ipsecux.iosxe.plugins.cliconf.iosxe import Cliconf
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.cli_batch import BatchPrompt, split_batch
from ansible_collections.ipsecux.iosxe.plugins.terminal.iosxe import PROMPT_RE, TailPattern, TerminalModule

RESPONSE = (
    "configure terminal\r\nEnter configuration commands, one per line.  End with CNTL/Z.\r\n"
    "R1(config)#crypto isakmp policy 10\r\n"
    "R1(config-isakmp)#encr aes 9\r\n% Invalid input detected at '^' marker.\r\n"
    "R1(config-isakmp)#end\r\n"
    "R1#"
)


def test_split_batch_gives_each_line_its_own_output() -> None:
    assert split_batch(RESPONSE, 4) == [
        "configure terminal\nEnter configuration commands, one per line.  End with CNTL/Z.",
        "R1(config)#crypto isakmp policy 10",
        "R1(config-isakmp)#encr aes 9\n% Invalid input detected at '^' marker.",
        "R1(config-isakmp)#end",
    ]


@pytest.mark.parametrize("count", [3, 5])
def test_split_batch_refuses_a_response_without_one_prompt_per_line(count: int) -> None:
    assert split_batch(RESPONSE, count) is None


def test_split_batch_refuses_a_response_that_does_not_end_at_a_prompt() -> None:
    assert split_batch(RESPONSE + "show clock\r\n", 4) is None


def test_batch_prompt_waits_for_the_last_of_its_prompts() -> None:
    pattern = BatchPrompt(TailPattern(PROMPT_RE), 4)
    data = RESPONSE.encode()
    partial = data[: data.index(b"R1(config-isakmp)#end")] + b"R1(config-isakmp)#"
    assert pattern.search(partial) is None  # ends with a prompt, but only the third
    match = pattern.search(data)
    assert match is not None and match.group().strip() == b"R1#"


SUB_MODES = {"crypto map": "config-crypto-map", "interface": "config-if"}


class BatchTerminal:
    """Stands in for the terminal plugin: answers each line of a write from a table, tracks the mode."""

    def __init__(self, connection: BatchConnection, errors: dict[str, str]) -> None:
        self.connection = connection
        self.errors = errors
        self.writes: list[list[str]] = []

    def can_batch(self) -> bool:
        return True

    def send_batch(self, commands: list[str]) -> tuple[list[str] | None, str]:
        self.writes.append(commands)
        outputs = []
        for command in commands:
            prompt = self.connection.prompt.decode()
            outputs.append(f"{prompt}{command}\n{self.errors.get(command, '')}".rstrip())
            if command in self.errors:
                continue
            mode = next((m for start, m in SUB_MODES.items() if command.startswith(start)), None)
            if command == "configure terminal" or (command == "exit" and "(config-" in prompt):
                self.connection.prompt = b"R1(config)#"
            elif command in ("end", "exit"):
                self.connection.prompt = b"R1#"
            elif mode:
                self.connection.prompt = f"R1({mode})#".encode()
        return outputs, "\n".join(outputs)


class BatchConnection:
    def __init__(self, errors: dict[str, str]) -> None:
        self.prompt = b"R1#"
        self._ssh_shell = object()
        self._terminal = BatchTerminal(self, errors)

    def get_prompt(self) -> bytes:
        return self.prompt

    def get_option(self, name: str) -> object:
        raise KeyError(name)

    def send(self, command: bytes, **kwargs: object) -> str:  # `end` after a failed write
        if command == b"end":
            self.prompt = b"R1#"
        return ""


LINES = ["crypto map M 10 ipsec-isakmp", "set peer 192.0.2.1", "interface GigabitEthernet9", "crypto map M",
         "exit", "crypto map N 10 ipsec-isakmp", "set peer 192.0.2.2"]


def test_a_batch_goes_in_writes_that_end_before_each_exit() -> None:
    connection = BatchConnection({})
    result = Cliconf(connection).edit_config(candidate=LINES, read_back=True)
    assert connection._terminal.writes == [
        ["configure terminal", *LINES[:4]],
        [*LINES[4:], "end", "show configuration id", "show running-config"],
    ]
    assert result["request"] == LINES
    assert result["response"] == [""] * len(LINES)  # each line's answer without its echo


def test_responses_hold_no_echo_of_a_key() -> None:
    connection = BatchConnection({"crypto isakmp key S3cret address 192.0.2.1": "% Warning: weak key"})
    result = Cliconf(connection).edit_config(candidate=["crypto isakmp key S3cret address 192.0.2.1"])
    assert result["response"] == ["% Warning: weak key"]
    assert result["request"] == ["crypto isakmp key ******** address 192.0.2.1"]


def test_a_rejected_parent_line_stops_the_batch_before_exit_could_leave_configuration_mode() -> None:
    connection = BatchConnection({"interface GigabitEthernet9": "% Invalid input detected at '^' marker."})
    with pytest.raises(AnsibleConnectionFailure) as failure:
        Cliconf(connection).edit_config(candidate=LINES)
    assert str(failure.value) == (
        "device rejected configuration line 3 of 7 (lines 1-4 were sent; the device runs every line of a write): "
        "'interface GigabitEthernet9': % Invalid input detected at '^' marker."
    )
    assert connection._terminal.writes == [["configure terminal", *LINES[:4]]]
    assert re.search(r"lines 1-(\d+) were sent", str(failure.value)).group(1) == "4"  # what the runner reads


class OptionConnection:
    """network_cli as the terminal plugin sees it: its options and whether single-user mode is on."""

    def __init__(self, stdout_re: object = None, single_user: bool = False) -> None:
        self.stdout_re = stdout_re
        self._single_user_mode = single_user
        self.sent: list[bytes] = []

    def get_option(self, name: str) -> object:
        return {"terminal_stdout_re": self.stdout_re}[name]

    def send(self, command: bytes, **kwargs: object) -> str:
        self.sent.append(command)
        return ""


@pytest.mark.parametrize(
    "connection",
    [OptionConnection(stdout_re=[{"pattern": r"\S+#$"}]), OptionConnection(single_user=True)],
    ids=["terminal_stdout_re set", "single-user mode"],
)
def test_no_batch_when_network_cli_would_end_the_read_at_the_first_prompt(connection: OptionConnection) -> None:
    terminal = TerminalModule(connection)
    assert terminal.send_batch(["terminal length 0", "terminal width 0"]) == (None, "")
    assert connection.sent == []  # nothing written: the lines go one by one instead


class UnmatchedTerminal(BatchTerminal):
    """Answers without one prompt per line (as a device that does not echo would)."""

    def send_batch(self, commands: list[str]) -> tuple[list[str] | None, str]:
        self.writes.append(commands)
        return None, "no prompts here"


def test_a_write_whose_answer_cannot_be_matched_to_its_lines_stops_the_batch() -> None:
    connection = BatchConnection({})
    connection._terminal = UnmatchedTerminal(connection, {})
    with pytest.raises(AnsibleConnectionFailure) as failure:
        Cliconf(connection).edit_config(candidate=LINES)
    assert "could not be matched to the lines (lines 1-4 were sent; the rest were not)" in str(failure.value)
    assert connection._terminal.writes == [["configure terminal", *LINES[:4]]]

"""Prompt and error regexes of the iosxe terminal plugin, both ways, and its session hooks."""

from __future__ import annotations

import json

import pytest
from ansible.errors import AnsibleConnectionFailure
from ansible_collections.ipsecux.iosxe.plugins.terminal.iosxe import TerminalModule


def is_prompt(buffer: bytes) -> bool:
    return any(regex.search(buffer) for regex in TerminalModule.terminal_stdout_re)


def is_error(buffer: bytes) -> bool:
    return any(regex.search(buffer) for regex in TerminalModule.terminal_stderr_re)


@pytest.mark.parametrize(
    "buffer",
    [
        b"RouterA>",
        b"RouterA#",
        b"RouterA# ",
        b"\r\nRouterA(config)#",
        b"show privilege\r\nCurrent privilege level is 15\r\nRouterA#",
        b"RouterA(config-isakmp)#",
        b"RouterA(cfg-crypto-trans)#",
        b"RouterA(config-crypto-map)#",
        b"RouterA(config-if)#",
        b"\nCOL-B-ASR1001-X-1#",
        b"edge.lab-01(config-ext-nacl)#",
        b"R1(ca-trustpoint)#",
        b"RouterA(ipsec-profile)#",
        b"RouterA(conf-keyring)#",
    ],
)
def test_prompt_matches(buffer: bytes) -> None:
    assert is_prompt(buffer)


@pytest.mark.parametrize(
    "buffer",
    [
        b"RouterA#\r\n",  # the prompt must be the last bytes received
        b"Transform sets={",
        b"   #!default_transform_set_1: { esp-aes esp-sha-hmac },",
        b"RouterA(config)#show",
        b"Password:",
        b"banner with RouterA#1 lab> text\r\nmore",
        b"RouterA(config)(config)#",
        b" -#",
    ],
)
def test_prompt_does_not_match(buffer: bytes) -> None:
    assert not is_prompt(buffer)


@pytest.mark.parametrize(
    "buffer",
    [
        (
            b"crypto map foo 10 ipsec-isakmpp\r\n                              ^\r\n"
            b"% Invalid input detected at '^' marker.\r\n\r\nRouterA(config)#"
        ),
        b"crypto map\r\n% Incomplete command.\r\n\r\nRouterA(config)#",
        b'c\r\n% Ambiguous command:  "c"\r\nRouterA#',
        b"%Error opening tftp://10.0.0.1/x (Timed out)\r\nRouterA#",
        b"% Error: could not apply\r\nRouterA(config)#",
        b"% Bad mask 255.0.255.0 for address 10.0.0.0\r\nRouterA(config)#",
        b"% Crypto map testmap not found\r\nRouterA(config)#",
        b"% Unknown command or computer name, or unable to find computer address\r\nRouterA>",
        b"% Bad secrets\r\nRouterA>",
        b"% Access denied\r\nRouterA>",
        b"Command authorization failed.\r\nRouterA#",
    ],
)
def test_device_errors_match(buffer: bytes) -> None:
    assert is_error(buffer)


@pytest.mark.parametrize(
    "buffer",
    [
        b"*Mar  1 00:51:05.987: %IPSEC-3-REPLAY_ERROR: IPSec SA receives anti-replay error\r\nRouterA#",
        b"%IPSEC-3-REPLAY_ERROR: IPSec SA receives anti-replay error, DP Handle 3\r\nRouterA#",
        b"%CRYPTO-4-RECVD_PKT_NOT_IPSEC: Rec'd packet not an IPSEC packet, not found\r\nRouterA#",
        b'ISAKMP-ERROR: (0):deleting SA reason "Death by retransmission P1"\r\nRouterA#',
        b"ISAKMP: (1001):ERROR: phase 1 failed\r\nRouterA#",
        (
            b"% NOTE: This new crypto map will remain disabled until a peer\r\n"
            b"        and a valid access list have been configured.\r\nRouterA(config-crypto-map)#"
        ),
        b"%Warning: weaker transform is deprecated\r\nRouterA(cfg-crypto-trans)#",
        b"Number of errors: 0, invalid input counters: 0\r\nRouterA#",
        b"   Input errors 0, ambiguous command counters 0, peer not found: 0\r\nRouterA#",
        b"show crypto isakmp sa | include % Invalid\r\nRouterA#",
        b"interface error-disabled and not found in table\r\nRouterA#",
    ],
)
def test_output_that_is_not_an_error(buffer: bytes) -> None:
    assert not is_error(buffer)


class RecordingConnection:
    """Stands in for network_cli: answers commands from a table and records what was sent."""

    def __init__(self, answers: dict[str, bytes], prompt: bytes = b"RouterA>") -> None:
        self.answers = answers
        self.prompt = prompt
        self.sent: list[str] = []

    def exec_command(self, command: bytes) -> bytes:
        text = command.decode()
        request = json.loads(text) if text.startswith("{") else {"command": text}
        self.sent.append(request["command"])
        answer = self.answers.get(request["command"], b"")
        if answer.startswith(b"%"):
            raise AnsibleConnectionFailure(answer.decode())
        if request["command"] == "enable":
            self.prompt = b"RouterA#"
        if request["command"] in ("end", "disable"):
            self.prompt = b"RouterA>" if request["command"] == "disable" else b"RouterA#"
        return answer

    def get_prompt(self) -> bytes:
        return self.prompt

    def queue_message(self, level: str, message: str) -> None:
        self.sent.append(f"<{level}> {message}")


def test_open_shell_disables_paging_and_tolerates_width_0_errors() -> None:
    connection = RecordingConnection({"terminal width 0": b"% Invalid input detected at '^' marker."})
    TerminalModule(connection).on_open_shell()
    assert connection.sent == ["terminal length 0", "terminal width 0", "terminal width 512"]


def test_open_shell_sends_no_width_512_when_width_0_is_accepted() -> None:
    connection = RecordingConnection({})
    TerminalModule(connection).on_open_shell()
    assert connection.sent == ["terminal length 0", "terminal width 0"]


def test_open_shell_fails_when_paging_cannot_be_disabled() -> None:
    connection = RecordingConnection({"terminal length 0": b"% Invalid input detected at '^' marker."})
    with pytest.raises(AnsibleConnectionFailure, match="terminal length 0"):
        TerminalModule(connection).on_open_shell()


def test_become_sends_enable_and_checks_level_15() -> None:
    connection = RecordingConnection({"show privilege": b"Current privilege level is 15"})
    TerminalModule(connection).on_become(passwd="en4ble")
    assert connection.sent == ["enable", "show privilege"]


def test_become_fails_below_level_15() -> None:
    connection = RecordingConnection({"show privilege": b"Current privilege level is 7"})
    with pytest.raises(AnsibleConnectionFailure, match="level 7"):
        TerminalModule(connection).on_become(passwd="en4ble")


def test_become_is_skipped_at_level_15() -> None:
    connection = RecordingConnection({"show privilege": b"Current privilege level is 15"}, prompt=b"RouterA#")
    TerminalModule(connection).on_become(passwd="en4ble")
    assert connection.sent == ["show privilege"]


@pytest.mark.parametrize(
    "prompt", [b"RouterA(config-if)#", b"RouterA(ipsec-profile)#", b"RouterA(conf-isa-prof)#"]
)
def test_unbecome_leaves_config_mode_then_disables(prompt: bytes) -> None:
    connection = RecordingConnection({}, prompt=prompt)
    TerminalModule(connection).on_unbecome()
    assert connection.sent == ["end", "disable"]

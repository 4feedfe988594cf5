"""Pure parts of the iosxe cliconf plugin; tests/integration drives the session flow against refrouter."""

from __future__ import annotations

from pathlib import Path

import pytest
from ansible.errors import AnsibleConnectionFailure
from ansible_collections.ipsecux.iosxe.plugins.cliconf.iosxe import (
    config_command,
    device_message,
    parse_show_version,
    response_text,
)
from sharedref import shared_text

SHOW_VERSION = Path(__file__).resolve().parents[1] / "fixtures" / "show_version"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "refrouter",
            {
                "network_os_version": "17.09.04a",
                "network_os_hostname": "RouterA",
                "network_os_model": "C8000V",
                "network_os_image": "bootflash:packages.conf",
                "network_os_serial": "9ABCDEFGHIJ",
            },
        ),
        (
            "genieparser/show_version__1",
            {
                "network_os_version": "17.05.01a",
                "network_os_hostname": "COL-B-ASR1001-X-1",
                "network_os_model": "ASR1001-X",
                "network_os_image": "bootflash:packages.conf",
                "network_os_serial": "FXS2412Q36T",
            },
        ),
        (
            "genieparser/show_version__3",
            {
                "network_os_version": "BLD_POLARIS_DEV_LATEST_20240326_003112",
                "network_os_hostname": "ott-mdt-vm7",
                "network_os_model": "C8000V",
            },
        ),
        (
            "genieparser/show_version__2",
            {
                "network_os_version": "16.06.05",
                "network_os_model": "ISR4451-X/K9",
                "network_os_hostname": "isr4k",
            },
        ),
        (
            "ntc-templates/show_version__1",
            {
                "network_os_version": "03.09.01.S",
                "network_os_model": "ASR1001",
                "network_os_hostname": "my_device",
            },
        ),
    ],
)
def test_device_info_from_show_version(case: str, expected: dict[str, str]) -> None:
    ours = SHOW_VERSION / case / "output.txt"
    text = ours.read_text() if ours.is_file() else shared_text(f"reference/samples/{case}.txt")
    info = parse_show_version(text)
    assert info["network_os"] == "ipsecux.iosxe.iosxe"
    assert {key: info[key] for key in expected} == expected
    assert info["network_os_platform"] == info["network_os_model"]


def test_device_message_keeps_the_caret_and_percent_lines() -> None:
    output = (
        "crypto map foo 10 ipsec-isakmpp\r\n                              ^\r\n"
        "% Invalid input detected at '^' marker.\r\n\r\nRouterA(config)#"
    )
    assert device_message(output) == "^ % Invalid input detected at '^' marker."


def test_device_message_falls_back_to_the_whole_output() -> None:
    assert device_message("  command timeout triggered \n") == "command timeout triggered"


def test_response_text_decodes_the_bytes_repr_network_cli_raises() -> None:
    raw = b"crypto isakmp key S3cret address 1.2.3\r\n% Invalid input detected at '^' marker.\r\nR(config)#"
    exc = AnsibleConnectionFailure(raw)
    assert response_text(exc) == raw.decode()
    assert response_text(AnsibleConnectionFailure("plain text")) == "plain text"


def test_config_command_accepts_strings_and_prompt_dicts() -> None:
    assert config_command("mode tunnel") == {"command": "mode tunnel"}
    assert config_command({"command": "no crypto map x", "prompt": "confirm", "answer": "y", "junk": 1}) == {
        "command": "no crypto map x",
        "prompt": "confirm",
        "answer": "y",
    }


def test_rejected_line_message_masks_keys_in_the_line_and_the_echo() -> None:
    from ansible_collections.ipsecux.iosxe.plugins.cliconf.iosxe import Cliconf

    line = {"command": "crypto isakmp key S3cret address 1.2.3"}
    exc = AnsibleConnectionFailure(
        b"crypto isakmp key S3cret address 1.2.3\r\n"
        b"                                     ^\r\n"
        b"% Invalid input detected at '^' marker.\r\nRouterA(config)#"
    )
    message = Cliconf._rejected(None, 2, 5, line, response_text(exc))
    assert message == (
        "device rejected configuration line 2 of 5 (1 applied): "
        "'crypto isakmp key ******** address 1.2.3': ^ % Invalid input detected at '^' marker."
    )


class ScriptedConnection:
    """Stands in for network_cli: answers each line from a table (never raising, as when the terminal
    plugin's known phrases miss a message) and tracks the configuration prompt."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.sent: list[str] = []
        self.prompt = b"RouterA#"

    def send(self, command: bytes, **kwargs: object) -> str:
        text = command.decode()
        self.sent.append(text)
        if text == "configure terminal":
            self.prompt = b"RouterA(config)#"
        elif text.startswith("crypto ipsec profile "):
            self.prompt = b"RouterA(ipsec-profile)#"
        elif text == "end":
            self.prompt = b"RouterA#"
        return self.answers.get(text, "")

    def get_prompt(self) -> bytes:
        return self.prompt


def test_edit_config_stops_at_any_error_line_the_terminal_patterns_did_not_know() -> None:
    from ansible_collections.ipsecux.iosxe.plugins.cliconf.iosxe import Cliconf

    connection = ScriptedConnection(
        {
            "crypto map M 10 ipsec-isakmp": "% NOTE: This new crypto map will remain disabled until a peer\n"
            "        and a valid access list have been configured.",
            "set peer 192.0.2.1": "%CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON\n% Crypto map entry is unusable",
        }
    )
    cliconf = Cliconf(connection)
    lines = ["crypto map M 10 ipsec-isakmp", "set peer 192.0.2.1", "match address 101"]
    with pytest.raises(AnsibleConnectionFailure) as failure:
        cliconf.edit_config(candidate=lines)
    assert str(failure.value) == (
        "device rejected configuration line 2 of 3 (1 applied): 'set peer 192.0.2.1': "
        "% Crypto map entry is unusable"
    )
    assert connection.sent == ["configure terminal", *lines[:2], "end"]


def test_edit_config_accepts_notices_and_syslog_lines() -> None:
    from ansible_collections.ipsecux.iosxe.plugins.cliconf.iosxe import Cliconf

    connection = ScriptedConnection(
        {"set peer 192.0.2.1": "%CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON\n%Warning: peer is unreachable"}
    )
    result = Cliconf(connection).edit_config(candidate=["crypto map M 10 ipsec-isakmp", "set peer 192.0.2.1"])
    assert result["request"] == ["crypto map M 10 ipsec-isakmp", "set peer 192.0.2.1"]


def test_edit_config_leaves_modes_whose_prompt_does_not_start_with_config() -> None:
    from ansible_collections.ipsecux.iosxe.plugins.cliconf.iosxe import Cliconf

    connection = ScriptedConnection({})
    Cliconf(connection).edit_config(candidate=["crypto ipsec profile VTI", "set pfs group14"])
    assert connection.sent == ["configure terminal", "crypto ipsec profile VTI", "set pfs group14", "end"]
    assert connection.prompt == b"RouterA#"

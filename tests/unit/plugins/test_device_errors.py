"""The collection's device message table against the reference router's error catalogue, and its rules."""

from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.device_errors import (
    config_error_lines,
    is_known_error,
    notice_lines,
    warning_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.terminal.iosxe import TerminalModule

errors_catalogue = pytest.importorskip("refrouter.cli.errors", reason="refrouter is not installed")
CATALOGUE = errors_catalogue.CATALOGUE


def terminal_sees_error(text: str) -> bool:
    buffer = b"line sent\r\n" + text.replace("\n", "\r\n").encode() + b"\r\nRouterA(config)#"
    return any(regex.search(buffer) for regex in TerminalModule.terminal_stderr_re)


@pytest.mark.parametrize("message", CATALOGUE, ids=lambda message: message.name)
def test_every_catalogue_message_is_classified_by_its_kind(message: object) -> None:
    text = message.render()
    first_line = text.split("\n")[0]
    is_error = message.kind == "error"
    assert is_known_error(first_line) is is_error  # in any response, exec or configuration
    assert terminal_sees_error(text) is is_error  # network_cli stops at it
    assert bool(config_error_lines(text)) is is_error  # a configuration push stops at it
    assert bool(notice_lines(text)) is not is_error


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("transform_set_missing", {"name": "a-b.c_1"}),
        ("not_a_peer", {"address": "203.0.113.254"}),
        ("overlap", {"network": "10.0.0.0/8", "interface": "Loopback100"}),
        ("ambiguous", {"text": "crypto i"}),
        ("nvram_open", {"file": "x y"}),
    ],
)
def test_messages_are_recognised_with_other_values(name: str, values: dict[str, str]) -> None:
    text = errors_catalogue.BY_NAME[name].render(**values)
    assert is_known_error(text) and terminal_sees_error(text)


@pytest.mark.parametrize(
    "text",
    [
        "% Crypto map entry is incomplete",  # a message this table has never seen
        "%Some other refusal",
        "ERROR: something went wrong",
        "crypto map X 10\n% Maximum number of peers reached\nmore",
    ],
)
def test_any_percent_line_in_a_configuration_response_is_an_error(text: str) -> None:
    assert config_error_lines(text)


@pytest.mark.parametrize(
    "text",
    [
        "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (127.0.0.1)",
        "*Dec  7 07:47:44.123: %CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON",
        "% NOTE: This new crypto map will remain disabled until a peer\n        and a valid access list",
        "%Warning: weaker transform is deprecated",
        "% WARNING: this is a notice",
        "no percent line here, 50% done",
        "",
    ],
)
def test_syslog_notices_and_plain_output_are_not_configuration_errors(text: str) -> None:
    assert config_error_lines(text) == []


def test_a_banner_line_in_show_output_is_not_an_error_unless_it_reads_like_one() -> None:
    assert not is_known_error("% Authorised access only")
    assert is_known_error("% Access denied")


def test_only_warning_notices_are_repeated_as_module_warnings() -> None:
    text = "% NOTE: new map\n%Warning: weaker transform is deprecated\n% WARNING: x\n% Invalid input"
    assert warning_lines(text) == ["%Warning: weaker transform is deprecated", "% WARNING: x"]


@pytest.mark.parametrize(
    "text",
    [
        "% WARNING: Master key not configured, password encryption will not take effect",
        "%Warning: peer 192.0.2.1 is not configured yet",
        "% NOTE: this entry does not exist yet and will be created",
    ],
)
def test_a_notice_naming_a_verdict_is_still_a_notice(text: str) -> None:
    """The optional space after `%` cannot be backtracked over to turn a notice into a known error."""
    assert not is_known_error(text)
    assert not config_error_lines(text)
    assert notice_lines(text)

"""Pipes (issue #12): parsed with the whole line before anything runs, regexes within a time and size budget.

A pipe regex that backtracks catastrophically (`([a-z ]|[a-z ]){0,30}Q`) used to block the event loop every
session of a lab shares; a `| ...` after a config command printed `% Invalid input` after the command ran.
"""

from __future__ import annotations

import asyncio

import pytest
from clishell import Shell, privileged_shell
from routerlab import TEST_CREDENTIALS, LiveRouter

from refrouter.cli.grammar import INVALID
from refrouter.cli.session import CliSession
from refrouter.state.router import Router

USER, PASSWORD, SECRET = TEST_CREDENTIALS.username, TEST_CREDENTIALS.password, TEST_CREDENTIALS.enable_secret
# Exponential for a backtracking engine (the {0,21} form took 123 s there); linear for RE2.
PATHOLOGICAL = "([a-z ]|[a-z ]){0,30}Q"


@pytest.fixture
def session() -> CliSession:
    return CliSession(Router("RouterA"), privilege=15)


def run(session: CliSession, *lines: str) -> list[str]:
    return [session.execute(line) for line in lines]


def caret_at(session: CliSession, line: str, marker: str) -> str:
    """The IOS error for `line` typed at the current prompt, caret under the first `marker`."""
    return " " * (len(session.prompt()) + line.index(marker)) + "^\n" + INVALID + "\n"


# ------------------------------------------------------------------------ parse before run


def test_pipe_after_an_interface_command_is_refused_before_it_runs(session: CliSession) -> None:
    run(session, "configure terminal", "interface Loopback7", "no shutdown")
    assert session.execute("sh | zz") == caret_at(session, "sh | zz", "|")  # `sh` abbreviates `shutdown`
    assert session.prompt() == "RouterA(config-if)#"
    assert not session.router.running.interfaces["Loopback7"].shutdown


@pytest.mark.parametrize(
    "line", ["set peer 192.0.2.9 | zz", "match address EVIL | (", "set peer 192.0.2.9 | include x"]
)
def test_pipe_after_a_crypto_map_command_is_refused_before_it_runs(session: CliSession, line: str) -> None:
    run(session, "configure terminal", "crypto map CM 10 ipsec-isakmp")
    assert session.execute(line) == caret_at(session, line, "|")
    entry = session.router.running.crypto_maps["CM"].entries[10]
    assert (entry.peers, entry.match_address) == ([], None)


def test_config_command_with_a_valid_pipe_is_still_invalid(session: CliSession) -> None:
    """In config modes `| include x` is not part of any command: IOS marks the pipe."""
    run(session, "configure terminal")
    line = "hostname EVIL | include x"
    assert session.execute(line) == caret_at(session, line, "|")
    assert session.router.running.hostname == "RouterA"


def test_a_line_argument_keeps_its_pipe_character(session: CliSession) -> None:
    run(session, "configure terminal", "interface Loopback7", "description uplink | backup")
    assert session.router.running.interfaces["Loopback7"].description == "uplink | backup"


def test_bad_pipe_keyword_gets_a_caret_under_it(session: CliSession) -> None:
    assert session.execute("show version | zz") == caret_at(session, "show version | zz", "zz")
    run(session, "configure terminal")
    line = "do show version | zz"
    assert session.execute(line) == caret_at(session, line, "zz")


def test_do_show_with_a_pipe_filters_from_config_mode(session: CliSession) -> None:
    run(session, "configure terminal", "hostname PIPED")
    assert session.execute("do show running-config | include ^hostname") == "hostname PIPED\n"


# ------------------------------------------------------------------------ regex budget


def test_pathological_regex_answers(session: CliSession) -> None:
    output = session.execute(f"show version | include {PATHOLOGICAL}")
    assert output == ""
    lines_with_b = sum("b" in line for line in session.execute("show running-config").splitlines())
    assert lines_with_b > 0
    counted = session.execute("show running-config | count (a|a)*b")
    assert counted == f"Number of lines which match regexp = {lines_with_b}\n"


def test_backreference_gets_a_clear_error(session: CliSession) -> None:
    output = session.execute(r"show version | include (a)\1")
    assert output == "% Invalid regular expression: back-references (\\1 ... \\9) are not supported\n"


def test_regex_over_the_size_budget_is_refused(session: CliSession) -> None:
    assert session.execute(r"show version | include \pL{1000}").startswith(
        "% Invalid regular expression: pattern too large"
    )
    too_long = "show version | include " + "a" * 600
    assert session.execute(too_long) == "% Invalid regular expression: longer than 512 characters\n"


def test_pathological_regex_in_one_ssh_session_does_not_stall_another(live_router: LiveRouter) -> None:
    """Session A sends pathological pipes; session B's commands are all answered (counted) in between."""
    rounds = 5

    async def scenario() -> tuple[list[str], list[str]]:
        shell_a = await Shell.open(live_router.port, USER, PASSWORD)  # privilege 1, as in the issue
        try:
            async with privileged_shell(live_router.port, USER, PASSWORD, SECRET) as shell_b:
                answers_a: list[str] = []
                answers_b: list[str] = []
                for _ in range(rounds):
                    shell_a.process.stdin.write(f"show version | include {PATHOLOGICAL}\r".encode())
                    answers_b.append(await shell_b.command("show privilege"))
                    answers_a.append((await shell_a.read_until(shell_a.prompt_re)).text)
                return answers_a, answers_b
        finally:
            await shell_a.close()

    answers_a, answers_b = asyncio.run(scenario())
    assert answers_b == ["Current privilege level is 15\n"] * rounds
    assert answers_a == [f"show version | include {PATHOLOGICAL}\n"] * rounds  # the echo, no matching line

"""IOS CLI behaviour of one session, driven directly through CliSession (no transport)."""

from __future__ import annotations

import pytest

from refrouter.cli.grammar import INCOMPLETE, INVALID
from refrouter.cli.session import INTERNAL_ERROR, CliSession
from refrouter.state.router import Router

CONFIG_BANNER = "Enter configuration commands, one per line.  End with CNTL/Z.\n"


@pytest.fixture
def session() -> CliSession:
    return CliSession(Router("RouterA"), privilege=15)


def run(session: CliSession, *lines: str) -> list[str]:
    return [session.execute(line) for line in lines]


def caret(prompt: str, column: int) -> str:
    """IOS puts the caret under the first character of the offending word, counting the prompt."""
    return " " * (len(prompt) + column) + "^\n" + INVALID + "\n"


# ------------------------------------------------------------------------ abbreviation and modes


def test_abbreviations_enter_modes(session: CliSession) -> None:
    assert session.execute("conf t") == CONFIG_BANNER
    assert session.prompt() == "RouterA(config)#"
    run(session, "cry isa pol 10", "enc aes 256", "auth pre", "gr 14")
    assert session.prompt() == "RouterA(config-isakmp)#"
    assert session.execute("int gi 1") == ""  # `gi 1` → GigabitEthernet1, via the global-config fallback
    assert session.prompt() == "RouterA(config-if)#"
    run(session, "end")
    assert session.execute("sh run | sec crypto") == (
        "crypto isakmp policy 10\n encr aes 256\n authentication pre-share\n group 14\n"
    )


def test_ambiguous_command_is_reported_with_what_was_typed(session: CliSession) -> None:
    assert session.execute("sh c") == '% Ambiguous command:  "sh c"\n'
    assert session.execute("show cr i") == '% Ambiguous command:  "show cr i"\n'
    run(session, "conf t", "crypto isakmp policy 1")
    assert session.execute("do sh c") == '% Ambiguous command:  "sh c"\n'
    assert session.prompt() == "RouterA(config-isakmp)#"


@pytest.mark.parametrize(
    ("setup", "line", "column"),
    [
        ([], "show crypto isakmp bogus", 19),
        ([], "show  crypto   bogus", 15),
        ([], "configure terminal now", 19),
        (["conf t"], "crypto isakmp policy 10001", 21),
        (["conf t", "crypto isakmp policy 10"], "group 7", 6),
        (["conf t", "crypto isakmp policy 10"], "encryption rot13", 11),
        (["conf t", "crypto map M 10 ipsec-isakmp"], "set peer 300.1.1.1", 9),
        (["conf t", "crypto ipsec transform-set T esp-aes"], "mode sideways", 5),
    ],
)
def test_caret_sits_under_the_offending_word(session: CliSession, setup: list[str], line: str, column: int) -> None:
    run(session, *setup)
    prompt = session.prompt()
    assert session.execute(line) == caret(prompt, column)
    assert session.prompt() == prompt  # an error never changes the mode


def test_transform_caret_counts_from_the_line_start(session: CliSession) -> None:
    run(session, "conf t")
    line = "crypto ipsec transform-set T esp-aes esp-bogus"
    assert session.execute(line) == caret("RouterA(config)#", line.index("esp-bogus"))


@pytest.mark.parametrize(
    ("setup", "line"),
    [
        ([], "show"),
        ([], "show crypto"),
        ([], "show crypto isakmp"),
        (["conf t"], "crypto isakmp policy"),
        (["conf t"], "crypto ipsec transform-set T"),
        (["conf t"], "hostname"),
        (["conf t", "crypto isakmp policy 10"], "hash"),
    ],
)
def test_incomplete_command(session: CliSession, setup: list[str], line: str) -> None:
    run(session, *setup)
    assert session.execute(line) == INCOMPLETE + "\n"


def test_help(session: CliSession) -> None:
    completions = session.help("show crypto i").split("  ")  # completions of a partial word, on one line
    assert {"ipsec", "isakmp"} <= set(completions)
    assert all(word.startswith("i") for word in completions) and completions == sorted(completions)
    assert session.help("show crypto isakmp policy ") == "  <cr>"
    listing = session.help("show crypto ").splitlines()
    keywords = [line.split()[0] for line in listing]
    assert {"dynamic-map", "ipsec", "isakmp", "map"} <= set(keywords) and keywords == sorted(keywords)
    described = [line for line in listing if len(line.split()) > 1]
    assert len({line.index(line.split()[1]) for line in described}) == 1  # help texts start in one column
    run(session, "conf t", "crypto isakmp policy 10")
    assert session.help("group ").split() == ["1", "14", "15", "16", "19", "2", "20", "21", "24", "5"]
    assert "lifetime" in session.help("")


def test_do_runs_exec_commands_without_leaving_the_mode(session: CliSession) -> None:
    run(session, "conf t", "crypto isakmp policy 10", "encr aes")
    assert session.execute("do show privilege") == "Current privilege level is 15\n"
    assert session.execute("do sh run | i ^ encr") == " encr aes\n"
    assert session.prompt() == "RouterA(config-isakmp)#"
    assert session.execute("do show bogus") == caret("RouterA(config-isakmp)#", 8)


def test_exit_and_end(session: CliSession) -> None:
    run(session, "conf t", "crypto isakmp policy 10")
    run(session, "exit")
    assert session.prompt() == "RouterA(config)#"
    run(session, "exit")
    assert session.prompt() == "RouterA#"
    run(session, "conf t", "interface gi2", "end")
    assert session.prompt() == "RouterA#"
    assert "%SYS-5-CONFIG_I: Configured from console by admin" in "\n".join(
        e.render() for e in session.router.logs.entries()
    )
    run(session, "exit")
    assert session.closed


def test_lines_fall_back_to_global_config(session: CliSession) -> None:
    run(session, "conf t", "crypto isakmp policy 10")
    note = session.execute("crypto map CM 10 ipsec-isakmp")
    assert note.startswith("% NOTE: This new crypto map will remain disabled until a peer\n")
    assert session.prompt() == "RouterA(config-crypto-map)#"
    session.execute("crypto map CM 20 ipsec-isakmp dynamic DYN")
    assert session.prompt() == "RouterA(config)#"


# ------------------------------------------------------------------------ pipes

SHOW_RUN_POLICIES = ["conf t", "crypto isakmp policy 10", "encr aes", "crypto isakmp policy 20", "hash md5", "end"]


@pytest.mark.parametrize(
    ("pipe", "expected"),
    [
        ("| include ^crypto isakmp", "crypto isakmp policy 10\ncrypto isakmp policy 20\n"),
        ("| i policy (1|2)0$", "crypto isakmp policy 10\ncrypto isakmp policy 20\n"),
        ("| section isakmp", "crypto isakmp policy 10\n encr aes\ncrypto isakmp policy 20\n hash md5\n"),
        ("| sec policy 20", "crypto isakmp policy 20\n hash md5\n"),
        ("| count ^interface", "Number of lines which match regexp = 4\n"),
        ("| include _md5_", " hash md5\n"),  # `_` matches a delimiter, as in IOS regexes
    ],
)
def test_pipes(session: CliSession, pipe: str, expected: str) -> None:
    run(session, *SHOW_RUN_POLICIES)
    assert session.execute(f"show running-config {pipe}") == expected


def test_pipe_begin_and_exclude(session: CliSession) -> None:
    run(session, *SHOW_RUN_POLICIES)
    begun = session.execute("show running-config | begin ^line con")
    assert begun.startswith("line con 0\n stopbits 1\n") and begun.rstrip().endswith("end")
    excluded = session.execute("show running-config | exclude ^ |^!")
    assert " encr aes" not in excluded and "!" not in excluded.splitlines()
    assert "crypto isakmp policy 10" in excluded


@pytest.mark.parametrize("pipe", ["| include (", "| exclude [a-", "| begin *x", "| section ("])
def test_bad_regex_keeps_the_prompt_on_its_own_line(session: CliSession, pipe: str) -> None:
    output = session.execute(f"show version {pipe}")
    assert output.startswith("%") and output.endswith("\n")
    assert session.prompt() == "RouterA#"


def test_pipe_needs_a_regex(session: CliSession) -> None:
    assert session.execute("show version | include") == INCOMPLETE + "\n"


# ------------------------------------------------------------------------ terminal and privilege


def test_terminal_length_and_privilege(session: CliSession) -> None:
    assert session.execute("terminal length 0") == ""
    assert session.term_length == 0
    assert session.execute("terminal width 512") == ""
    assert session.execute("show privilege") == "Current privilege level is 15\n"
    session.execute("disable")
    assert session.prompt() == "RouterA>"
    assert session.execute("show privilege") == "Current privilege level is 1\n"
    assert session.execute("configure terminal") == caret("RouterA>", 0)


def test_enable_asks_for_the_secret_without_echo() -> None:
    session = CliSession(Router("RouterA"))
    assert session.execute("enable") == ""
    assert session.prompt() == "Password: " and session.echo is False
    assert session.execute("admin") == ""
    assert session.prompt() == "RouterA#" and session.echo is True


def test_a_failing_handler_prints_an_ios_error_and_logs_no_secret(session: CliSession, monkeypatch,
                                                                   caplog) -> None:
    """Fault injection: a handler bug ends neither the session nor the router, and its text stays out of logs."""
    secret = "s3cret"  # the logged stack quotes only the raising line, which names the variable

    def broken() -> str:
        raise ValueError(f"leaked {secret}")

    monkeypatch.setattr(session.router, "running_config_text", broken)
    assert session.execute("show running-config") == INTERNAL_ERROR + "\n"
    assert "ValueError" in caplog.text and secret not in caplog.text
    assert session.prompt() == "RouterA#" and session.execute("show clock")

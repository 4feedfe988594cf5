"""Thousands of random and malformed lines fed straight to CliSession.execute / help.

Soundness of "the running config is unchanged":
- exec mode: no single exec line can change the running config (`reload`, `copy`, `erase` only ask a
  question; the question is never answered here), so the config must be byte-identical after any line;
- config modes, invalid-only lines (first character no command starts with): byte-identical;
- config modes, mixed lines (prefixes of real commands, deep `no` forms, mutations, pipes): a change is
  allowed only when the mode's grammar (or an enclosing config mode's, as IOS falls back) accepts the line;
  a line no grammar accepts must leave config and mode alone and print an error.
"""

from __future__ import annotations

import asyncio
import re

from fuzzlines import BASELINE_CONFIG, MODE_ENTRIES, any_line, invalid_config_lines, may_ping
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from refrouter.cli.grammar import CliError, CommandTable
from refrouter.cli.loader import apply_config_text
from refrouter.cli.modes.config import ConfigMode
from refrouter.cli.session import INTERNAL_ERROR, CliSession
from refrouter.state.config.sanitize import strip_controls
from refrouter.state.router import Router

PROMPT = re.compile(r"^[\w.\-]+(\([\w\-]+\))?[>#]$")
FUZZ = settings(max_examples=1000, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def baseline_router() -> Router:
    router = Router("RouterA")
    assert apply_config_text(router, BASELINE_CONFIG) == []
    return router


ROUTER = baseline_router()


def output_text(output: object) -> str:
    """Plain text of an execute() result; streamed output (async iterator) is drained.

    A handler bug would only show as the session's internal-error line, so that line fails the test."""
    if isinstance(output, str):
        text = output
    else:
        async def drain() -> str:
            return "".join([chunk async for chunk in output])  # type: ignore[attr-defined]

        text = asyncio.run(drain())
    assert INTERNAL_ERROR not in text, "a command handler raised"
    return text


def config_session(entry: list[str]) -> CliSession:
    session = CliSession(ROUTER, privilege=15)
    session.push(ConfigMode(session))
    for line in entry:
        assert not output_text(session.execute(line)).startswith("% Invalid")
    return session


def grammar_accepts(session: CliSession, line: str) -> bool:
    """Does the current mode, or an enclosing config mode, match `line`? Config modes take no pipe: a `|`
    is part of the line there (`do <line>` passes it on to exec)."""
    command = strip_controls(line).replace("\t", " ")
    config_modes = [mode for mode in session.modes if mode.is_config]
    return any(_matches(mode.table, command, session.privilege) for mode in config_modes)


def _matches(table: CommandTable, command: str, privilege: int) -> bool:
    try:
        table.match(command, privilege)
    except CliError:  # invalid, incomplete or ambiguous
        return False
    return True


def assert_prompt_returns(session: CliSession) -> None:
    prompt = session.prompt()
    assert isinstance(prompt, str)
    assert session.pending is not None or session.closed or PROMPT.match(prompt), prompt


@FUZZ
@given(line=any_line)
def test_exec_lines_never_change_the_config(line: str) -> None:
    assume(not may_ping(line))
    session = CliSession(ROUTER, privilege=15)
    before = ROUTER.running_config_text()
    output = output_text(session.execute(line))
    assert isinstance(output, str)
    assert_prompt_returns(session)
    assert ROUTER.running_config_text() == before


@FUZZ
@given(line=any_line, level=st.sampled_from([1, 15]))
def test_help_never_raises(line: str, level: int) -> None:
    session = CliSession(ROUTER, privilege=level)
    assert isinstance(session.help(line), str)
    config = config_session(MODE_ENTRIES[len(line) % len(MODE_ENTRIES)])
    assert isinstance(config.help(line), str)
    assert_prompt_returns(config)


@FUZZ
@given(entry=st.sampled_from(MODE_ENTRIES), line=invalid_config_lines)
def test_invalid_config_lines_change_nothing(entry: list[str], line: str) -> None:
    session = config_session(entry)
    modes = list(session.modes)
    before = ROUTER.running_config_text()
    output = output_text(session.execute(line))
    assert output.startswith(("% Invalid input", "% Incomplete", " ")) and "% " in output, output
    assert session.modes == modes
    assert ROUTER.running_config_text() == before


@settings(FUZZ, max_examples=2000)
@given(entry=st.sampled_from(MODE_ENTRIES), line=any_line)
def test_config_changes_only_come_from_accepted_lines(entry: list[str], line: str) -> None:
    assume(not may_ping(line))
    session = config_session(entry)
    modes = list(session.modes)
    accepted = grammar_accepts(session, line)
    before = ROUTER.running_config_text()
    output = output_text(session.execute(line))
    assert_prompt_returns(session)
    after = ROUTER.running_config_text()
    if after != before:
        assert accepted, f"{line!r} changed the config without matching the grammar"
    typed = strip_controls(line)  # every channel drops control characters before a line runs
    is_noop = not typed.strip() or typed.lstrip().startswith("!")
    if not accepted and not is_noop:
        assert session.modes == modes
        assert "%" in output, (line, output)

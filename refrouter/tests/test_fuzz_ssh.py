"""A few hundred random and malformed lines over real SSH (PTY and plain shells), in privileged exec.

Each line must be answered by exactly one prompt, and the running config must be unchanged afterwards:
no exec line can change it (lines whose first word may abbreviate a question-asking, mode-changing or
session-ending command are left out, so every line ends at the same `#` prompt).
"""

from __future__ import annotations

import asyncio

import pytest
from clishell import PASSWORD_PROMPT, Shell, prompt_pattern
from fuzzlines import BASELINE_CONFIG, changes_the_session, ssh_line_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routerlab import TEST_CREDENTIALS, LiveRouter

from refrouter.cli.loader import apply_config_text

LINES_PER_SESSION = 60
SSH_FUZZ = settings(
    max_examples=5,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def typed_text(raw: bytes) -> str:
    """What the router's line buffer holds once backspace / Ctrl-U edits are applied."""
    buffer = bytearray()
    for byte in raw:
        if byte in (0x08, 0x7F):
            if buffer:
                buffer.pop()
        elif byte == 0x15:
            buffer.clear()
        elif byte >= 0x20 or byte == 0x09:
            buffer.append(byte)
    return buffer.decode("utf-8", "replace")


@pytest.fixture
def fuzz_router(live_router: LiveRouter) -> LiveRouter:
    errors = live_router.call(apply_config_text, live_router.router, BASELINE_CONFIG)
    assert errors == []
    return live_router


async def fuzz_session(live: LiveRouter, lines: list[bytes], pty: bool) -> list[bytes]:
    shell = await Shell.open(live.port, TEST_CREDENTIALS.username, TEST_CREDENTIALS.password, pty=pty)
    prompt = prompt_pattern("RouterA", pty)
    replies = []
    try:
        await shell.send("enable", eol=b"\n", until=PASSWORD_PROMPT)
        await shell.send(TEST_CREDENTIALS.enable_secret, eol=b"\n")
        for line in lines:
            reply = await shell.send(line, eol=b"\r", until=prompt)
            assert reply.prompt == "RouterA#", (line, reply.raw[-300:])
            replies.append(reply.raw)
        # The session still works normally afterwards.
        final = await shell.send("show privilege", eol=b"\r", until=prompt)
        assert b"Current privilege level is 15\r\nRouterA#" in final.raw
    finally:
        await shell.close()
    return replies


@pytest.mark.parametrize("pty", [True, False], ids=["pty", "no-pty"])
@SSH_FUZZ
@given(lines=st.lists(ssh_line_bytes, min_size=LINES_PER_SESSION, max_size=LINES_PER_SESSION))
def test_random_lines_over_ssh(fuzz_router: LiveRouter, pty: bool, lines: list[bytes]) -> None:
    lines = [line for line in lines if not changes_the_session(typed_text(line))]
    before = fuzz_router.running_config()
    replies = asyncio.run(fuzz_session(fuzz_router, lines, pty))
    assert len(replies) == len(lines)
    assert fuzz_router.running_config() == before

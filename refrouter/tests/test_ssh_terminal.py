"""The SSH transport: PTY and plain shells, exec channels, line endings, echo and control keys."""

from __future__ import annotations

import asyncio
import re

import pytest
from clishell import PASSWORD_PROMPT, Reply, Shell, connect, privileged_shell, prompt_pattern
from routerlab import TEST_CREDENTIALS, LiveRouter

USER, PASSWORD, SECRET = TEST_CREDENTIALS.username, TEST_CREDENTIALS.password, TEST_CREDENTIALS.enable_secret


def test_pty_shell_greets_with_the_user_prompt(live_router: LiveRouter) -> None:
    async def scenario() -> None:
        shell = await Shell.open(live_router.port, USER, PASSWORD)
        try:
            assert shell.greeting.endswith(b"\r\nRouterA>")
            assert shell.prompt == "RouterA>"
        finally:
            await shell.close()

    asyncio.run(scenario())


def test_enable_secret_is_never_echoed(live_router: LiveRouter) -> None:
    async def scenario() -> bytes:
        shell = await Shell.open(live_router.port, USER, PASSWORD)
        try:
            asked = await shell.send("enable", until=PASSWORD_PROMPT)
            assert asked.raw == b"enable\r\nPassword: "
            for char in SECRET:  # typed key by key, as a person would
                shell.process.stdin.write(char.encode())
            reply = await shell.send(b"")
            assert reply.raw == b"\r\nRouterA#"
            return shell.greeting + asked.raw + reply.raw
        finally:
            await shell.close()

    transcript = asyncio.run(scenario())
    assert SECRET.encode() not in transcript


@pytest.mark.parametrize("eol", [b"\r", b"\n", b"\r\n"], ids=["CR", "LF", "CRLF"])
@pytest.mark.parametrize("pty", [True, False], ids=["pty", "no-pty"])
def test_line_endings(live_router: LiveRouter, eol: bytes, pty: bool) -> None:
    """CR (ansible network_cli), LF (netmiko) and CRLF each end one line; CRLF never runs an empty one."""

    async def scenario() -> list[bytes]:
        shell = await Shell.open(live_router.port, USER, PASSWORD, pty=pty)
        try:
            await shell.send("enable", eol=eol, until=PASSWORD_PROMPT)
            await shell.send(SECRET, eol=eol)
            replies = [await shell.send(line, eol=eol) for line in ("terminal length 0", "show privilege")]
            # Nothing else may follow: a stray empty line would print one more prompt.
            shell.process.stdin.write(b"show clock" + eol)
            rest = await shell.read_until(prompt_pattern("RouterA", pty))
            assert rest.raw.count(b"RouterA#") == 1
            return [reply.raw for reply in replies]
        finally:
            await shell.close()

    length, privilege = asyncio.run(scenario())
    echo = b"terminal length 0\r\n" if pty else b""
    assert length == echo + b"RouterA#"
    assert privilege.endswith(b"Current privilege level is 15\r\nRouterA#")


def test_ctrl_z_exit_and_end_over_pty(live_router: LiveRouter) -> None:
    async def scenario() -> None:
        async with privileged_shell(live_router.port, USER, PASSWORD, SECRET) as shell:
            await shell.command("configure terminal")
            await shell.command("crypto isakmp policy 5")
            assert shell.prompt == "RouterA(config-isakmp)#"
            await shell.send(b"\x1a", eol=b"")  # Ctrl-Z
            assert shell.prompt == "RouterA#"
            await shell.command("configure terminal")
            await shell.command("interface GigabitEthernet2")
            await shell.command("exit")
            assert shell.prompt == "RouterA(config)#"
            await shell.command("end")
            assert shell.prompt == "RouterA#"
            shell.process.stdin.write(b"exit\r")
            rest = await shell.read_rest()  # IOS closes the session on `exit` at the exec prompt
            assert rest.startswith(b"exit\r\n")
            assert b"RouterA#" not in rest

    asyncio.run(scenario())


def test_ctrl_c_discards_the_line(live_router: LiveRouter) -> None:
    async def scenario() -> None:
        async with privileged_shell(live_router.port, USER, PASSWORD, SECRET) as shell:
            shell.process.stdin.write(b"configure terminal\x03")
            await shell.read_until(shell.prompt_re)
            assert shell.prompt == "RouterA#"
            reply = await shell.send("show privilege")
            assert reply.after_echo("show privilege") == "Current privilege level is 15\n"

    asyncio.run(scenario())


def test_question_mark_answers_at_once_on_a_pty(live_router: LiveRouter) -> None:
    async def scenario() -> None:
        async with privileged_shell(live_router.port, USER, PASSWORD, SECRET) as shell:
            shell.process.stdin.write(b"show crypto isa?")
            # Help, then the prompt with the partial line typed again, ready to be completed.
            reply = await shell.read_until(re.compile(rb"RouterA#show crypto isa$"))
            assert reply.raw == b"show crypto isa?\r\nisakmp\r\nRouterA#show crypto isa"
            done = await shell.send("kmp policy")
            assert b"Default protection suite of priority 65507" in done.raw

    asyncio.run(scenario())


def test_plain_shell_does_not_echo(live_router: LiveRouter) -> None:
    async def scenario() -> None:
        shell = await Shell.open(live_router.port, USER, PASSWORD, pty=False)
        try:
            reply = await shell.send("show privilege", eol=b"\n")
            assert reply.raw == b"Current privilege level is 1\r\nRouterA>"
            helped = await shell.send("show crypto isa?", eol=b"\n")
            assert b"\r\nisakmp\r\n" in helped.raw
        finally:
            await shell.close()

    asyncio.run(scenario())


@pytest.mark.parametrize("pty", [False, True], ids=["no-pty", "pty"])
def test_exec_channel(live_router: LiveRouter, pty: bool) -> None:
    """`ssh router "show version"`: run the command at the user's privilege, then close."""

    async def scenario() -> tuple[str, str, int | None]:
        conn = await connect(live_router.port, USER, PASSWORD)
        try:
            term = "vt100" if pty else None
            version = await conn.run("show version", term_type=term, timeout=20)
            privilege = await conn.run("show privilege", term_type=term, timeout=20)
            assert version.exit_status == 0
            return str(version.stdout), str(privilege.stdout), privilege.exit_status
        finally:
            conn.close()

    version, privilege, status = asyncio.run(scenario())
    assert version.startswith("Cisco IOS XE Software, Version 17.09.04a")
    assert "RouterA uptime is" in version
    assert privilege.replace("\r\n", "\n") == "Current privilege level is 1\n"
    assert status == 0
    assert "RouterA>" not in version  # an exec channel prints no prompt


def test_exec_channel_errors_are_printed(live_router: LiveRouter) -> None:
    async def scenario() -> str:
        conn = await connect(live_router.port, USER, PASSWORD)
        try:
            return str((await conn.run("show bogus", timeout=20)).stdout)
        finally:
            conn.close()

    # The caret is placed as on an interactive line, counting the (unprinted) prompt `RouterA>`.
    expected = " " * (len("RouterA>") + 5) + "^\n% Invalid input detected at '^' marker.\n"
    assert asyncio.run(scenario()).replace("\r\n", "\n") == expected


def test_wrong_password_is_refused(live_router: LiveRouter) -> None:
    import asyncssh

    async def scenario() -> None:
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(live_router.port, USER, "not-the-password")

    asyncio.run(scenario())


def test_escape_without_a_pty_swallows_nothing(live_router: LiveRouter) -> None:
    """A stray ESC in piped input is dropped alone: the newline after it still ends the line."""

    async def scenario() -> bytes:
        shell = await Shell.open(live_router.port, USER, PASSWORD, pty=False)
        try:
            shell.process.stdin.write(b"show privilege\x1b\nshow privilege\n")
            both = await shell.read_until(re.compile(rb"(RouterA>)[^>]*RouterA>$"))  # two prompts
            return both.raw
        finally:
            await shell.close()

    assert asyncio.run(scenario()) == b"Current privilege level is 1\r\nRouterA>" * 2


@pytest.mark.parametrize("key", [b"\x1b[A", b"\x1b[1;5C", b"\x1bOD", b"\x1bb"], ids=["up", "ctrl-right", "ss3", "meta"])
def test_escape_sequences_on_a_pty_are_skipped_whole(live_router: LiveRouter, key: bytes) -> None:
    async def scenario() -> Reply:
        shell = await Shell.open(live_router.port, USER, PASSWORD)
        try:
            return await shell.send(b"show priv" + key + b"ilege")
        finally:
            await shell.close()

    reply = asyncio.run(scenario())
    assert reply.raw == b"show privilege\r\nCurrent privilege level is 1\r\nRouterA>"


def test_line_end_inside_an_escape_sequence_still_runs_the_line(live_router: LiveRouter) -> None:
    async def scenario() -> Reply:
        shell = await Shell.open(live_router.port, USER, PASSWORD)
        try:
            return await shell.send(b"show privilege\x1b[")
        finally:
            await shell.close()

    assert asyncio.run(scenario()).raw == b"show privilege\r\nCurrent privilege level is 1\r\nRouterA>"


def test_ctrl_c_inside_an_escape_sequence_still_discards_the_line(live_router: LiveRouter) -> None:
    async def scenario() -> tuple[bytes, Reply]:
        shell = await Shell.open(live_router.port, USER, PASSWORD)
        try:
            shell.process.stdin.write(b"show version\x1b[\x03")
            discarded = await shell.read_until(shell.prompt_re)
            return discarded.raw, await shell.send("show privilege")
        finally:
            await shell.close()

    discarded, reply = asyncio.run(scenario())
    assert discarded == b"show version\r\nRouterA>"
    assert reply.raw == b"show privilege\r\nCurrent privilege level is 1\r\nRouterA>"

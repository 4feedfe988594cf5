"""SSH output flow control: a client that sends `?` without end and never reads what comes back must not make
the router buffer without bound, nor stall the other sessions."""

from __future__ import annotations

import asyncio

import asyncssh
from clishell import Shell, connect
from routerlab import TEST_CREDENTIALS, LiveRouter

USER, PASSWORD = TEST_CREDENTIALS.username, TEST_CREDENTIALS.password
CLIENT_WINDOW = 64 * 1024  # the silent client's receive window: all the router may send unasked for
QUESTIONS = 40000  # each `?` at the exec prompt prints the command list (265 bytes): 10 MB if all were made
SERVER_SLACK = 512 * 1024  # the router's own channel buffer and reply batching, generously
SETTLE_POLLS = 400


class SilentSession(asyncssh.SSHClientSession[bytes]):
    """Reads nothing: once paused, asyncssh keeps the data and never reopens the receive window."""


def test_help_flood_from_a_client_that_does_not_read(live_router: LiveRouter) -> None:
    stats = live_router.server.stats

    async def scenario() -> tuple[int, int, str]:
        flooder = await connect(live_router.port, USER, PASSWORD)
        channel, _ = await flooder.create_session(SilentSession, term_type="vt100", encoding=None,
                                                  window=CLIENT_WINDOW)
        channel.pause_reading()
        channel.write(b"?" * QUESTIONS)
        settled, last, unchanged = 0, -1, 0
        for _ in range(SETTLE_POLLS):  # until the router stops producing output for this session
            await asyncio.sleep(0.02)
            settled = stats.bytes_out
            unchanged = unchanged + 1 if settled == last else 0
            if unchanged >= 10:
                break
            last = settled
        other = await Shell.open(live_router.port, USER, PASSWORD)
        try:
            answer = (await other.send("show privilege")).after_echo("show privilege")
        finally:
            await other.close()
        after = stats.bytes_out
        flooder.abort()
        return settled, after, answer

    settled, after, answer = asyncio.run(scenario())
    help_size = len(live_router.call(_exec_help, live_router))
    assert help_size * QUESTIONS > 10 * (CLIENT_WINDOW + SERVER_SLACK)  # the flood would be far larger
    assert settled <= CLIENT_WINDOW + SERVER_SLACK
    assert answer == "Current privilege level is 1\n"
    assert after > settled  # the other session was served while the flood is pending


def _exec_help(live: LiveRouter) -> str:
    from refrouter.cli.session import CliSession

    return CliSession(live.router, user=USER).help("")

"""The terminal plugin's error patterns on a growing response: they search only what is new, and find the
same errors as a search of the whole response (network_cli's libssh reader appends chunks of at most 5 KB
and searches the whole response after each one)."""

from __future__ import annotations

import random

import pytest
from ansible_collections.ipsecux.iosxe.plugins.terminal.iosxe import ERROR_RE, TerminalModule


class FakeConnection:
    """The two counters network_cli keeps while it reads a response."""

    def __init__(self) -> None:
        self._window_count = 0
        self._last_recv_window: bytes | None = None


def full_search(data: bytes) -> bool:
    return any(regex.search(data) for regex in ERROR_RE)


def read_libssh(terminal: TerminalModule, connection: FakeConnection, chunks: list[bytes]) -> list[bool]:
    """network_cli.receive_libssh's loop: append each chunk, then search the whole response."""
    connection._window_count = 0
    response = b""
    found = []
    for chunk in chunks:
        connection._last_recv_window = chunk
        response += chunk
        connection._window_count += 1
        found.append(any(regex.search(response) for regex in terminal.terminal_stderr_re))
    return found


def chunked(data: bytes, sizes: list[int]) -> list[bytes]:
    chunks, at = [], 0
    for size in sizes:
        if at >= len(data):
            break
        chunks.append(data[at : at + size])
        at += size
    if at < len(data):
        chunks.append(data[at:])
    return chunks


OUTPUT = b"".join(b"   #pkts encaps: %d, #pkts encrypt: %d\r\n" % (i, i) for i in range(300))
ERROR = b"% Invalid input detected at '^' marker.\r\n"


@pytest.mark.parametrize("error_at", [None, 0, 17, 5000, len(OUTPUT)])
@pytest.mark.parametrize("seed", range(8))
def test_growing_response_finds_what_a_full_search_finds(error_at: int | None, seed: int) -> None:
    """Chunks cut anywhere, an error line split across them: after every chunk the answer is the full search's."""
    rng = random.Random(seed)
    if error_at is None:
        text = OUTPUT
    else:
        line_at = OUTPUT.rfind(b"\n", 0, error_at) + 1
        text = OUTPUT[:line_at] + ERROR + OUTPUT[line_at:]
    text = b"show crypto ipsec sa\r\n" + text + b"Hub#"
    chunks = chunked(text, [rng.randint(1, 700) for _position in range(len(text))])
    connection = FakeConnection()
    terminal = TerminalModule(connection)
    expected = [full_search(text[: sum(len(c) for c in chunks[: i + 1])]) for i in range(len(chunks))]
    assert read_libssh(terminal, connection, chunks) == expected
    assert expected[-1] == (error_at is not None)


def test_new_command_is_searched_from_its_start() -> None:
    """A second response that begins like the first is a new response: its first lines are searched."""
    connection = FakeConnection()
    terminal = TerminalModule(connection)
    first = [b"show clock\r\n", b"*10:00:00.000 UTC Mon Dec 7 2026\r\n", b"Hub#"]
    assert read_libssh(terminal, connection, first) == [False, False, False]
    second = [b"show clock\r\n% Invalid input detected at '^' marker.\r\n", b"more\r\n", b"Hub#"]
    assert read_libssh(terminal, connection, second) == [True, True, True]


def test_paramiko_windows_are_each_searched_whole() -> None:
    """network_cli's paramiko reader searches each window alone; an error at a window's start is found."""
    connection = FakeConnection()
    terminal = TerminalModule(connection)
    windows = [b"line one\r\nline two\r\n", b"line one\r\nline two\r\n% Incomplete command.\r\n"]
    found = []
    for window in windows:
        connection._last_recv_window = window
        connection._window_count += 1
        found.append(any(regex.search(window) for regex in terminal.terminal_stderr_re))
    assert found == [False, True]


def test_error_found_once_is_found_again_in_the_longer_response() -> None:
    """network_cli keeps the response of the last search that found an error for its message: every later
    search of the same response must find it again, as a full search does."""
    connection = FakeConnection()
    terminal = TerminalModule(connection)
    chunks = [b"crypto map X 10\r\n% Incomplete command.\r\n", b"x" * 100 + b"\r\n", b"y\r\n", b"R1(config)#"]
    assert read_libssh(terminal, connection, chunks) == [True, True, True, True]

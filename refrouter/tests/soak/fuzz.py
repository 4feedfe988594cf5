"""Seeded garbage for the soak sessions: exec lines, configuration lines no mode accepts, malformed NETCONF.

Built from fuzzlines.py's vocabulary with `random.Random(seed)` (a soak run is one long scenario, not a
Hypothesis example, and must be reproducible from its seed). Everything here is answered without leaving
the session's mode: exec lines never abbreviate a command that asks, leaves, elevates, pings or clears; no
line holds a line end, a control character that edits the line, `?` (help keeps the line) or a pipe
regex with more than one quantifier (a regex time budget is not this test's subject).
"""

from __future__ import annotations

import random
import re

from fuzzlines import PIPE_WORDS, REAL_COMMANDS, changes_the_session
from nchelpers import NC

PRINTABLE = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) != "?")
TYPED_BYTES = bytes([0x09, *range(0x20, 0x7F), *range(0x80, 0x100)]).replace(b"?", b"")
JUNK_WORDS = ["", "-1", "65536", "256.1.1.1", "0x", "%s", "'", '"', "\\", "ééé", "aes512", "{}", "<x/>", "||"]
SAFE_REGEX = "[]^$._-ab1 "  # no quantifiers: every pattern is matched in linear time
INVALID_HEADS = [*list("~`@#$%&*()=+[]{};:'\",<>/\\"), "zz", "qq", "xyzzy", "ü"]
NEVER_IN_EXEC = ("clear", "debug", "undebug")  # first words that would disturb the tunnels under test


def _first_word_abbreviates(line: str, words: tuple[str, ...]) -> bool:
    match = re.search(r"\S+", line.replace("\t", " "))
    first = match.group(0).lower() if match else ""
    return bool(first) and any(word.startswith(first) for word in words)


def exec_safe(line: str) -> bool:
    """True when typing `line` at `Router#` leaves the session at `Router#` and the configuration as is."""
    return not (changes_the_session(line) or _first_word_abbreviates(line, NEVER_IN_EXEC))


class Fuzzer:
    """One session's source of garbage; the same seed gives the same sequence."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def _text(self, alphabet: str, longest: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(self.rng.randint(0, longest)))

    def _mutated_command(self) -> str:
        words = self.rng.choice(REAL_COMMANDS).split()
        words[self.rng.randrange(len(words))] = self.rng.choice(JUNK_WORDS)
        return " ".join(words)

    def _command_prefix(self) -> str:
        command = self.rng.choice(REAL_COMMANDS)
        return command[: self.rng.randint(0, len(command))] + self._text(PRINTABLE, 30)

    def _pipe(self) -> str:
        show = self.rng.choice(["show running-config", "sh run", "show version", "show crypto map", "show clock"])
        return f"{show} | {self.rng.choice(PIPE_WORDS)} {self._text(SAFE_REGEX, 12)}"

    def _long_line(self) -> str:
        if self.rng.random() < 0.5:
            return "show " + "x" * self.rng.randint(500, 4000)
        return " ".join([self.rng.choice(["show", "x", "crypto", "no", "|"])] * self.rng.randint(50, 400))

    def _typed_bytes(self) -> bytes:
        return bytes(self.rng.choice(TYPED_BYTES) for _ in range(self.rng.randint(1, 150)))

    def exec_line(self) -> bytes:
        """A line for `Router#`: random text or bytes, broken commands, pipes, long lines."""
        makers = [self._mutated_command, self._command_prefix, self._pipe, self._long_line,
                  lambda: self._text(PRINTABLE, 120)]
        for _ in range(100):  # most candidates are exec-safe: this practically never runs out
            if self.rng.random() < 0.2:
                raw = self._typed_bytes()
                text = raw.decode("utf-8", "replace")
            else:
                text = self.rng.choice(makers)()
                raw = text.encode("utf-8")
            if exec_safe(text) and "?" not in text:
                return raw
        return b""

    def config_line(self) -> str:
        """A line no configuration mode accepts: its first word starts with a character no keyword has."""
        return self.rng.choice(INVALID_HEADS) + self._text(PRINTABLE, 60)

    def maybe(self, probability: float) -> bool:
        return self.rng.random() < probability

    def how_many(self, most: int) -> int:
        return self.rng.randint(0, most)

    def netconf_message(self, message_id: str, valid_rpc: bytes) -> bytes:
        """One well-framed message no server may accept: broken XML, a bad `<rpc>`, a DOCTYPE, ..."""
        rpc_open = f'<rpc message-id="{message_id}" xmlns="{NC}">'
        makers = [
            lambda: valid_rpc[: self.rng.randint(1, len(valid_rpc) - 1)],
            lambda: self._text(PRINTABLE, 200).encode() or b"<",
            self._typed_bytes,
            lambda: valid_rpc.replace(f' message-id="{message_id}"'.encode(), b""),
            lambda: f"{rpc_open}<frobnicate/></rpc>".encode(),
            lambda: f"{rpc_open}<get/><get/></rpc>".encode(),
            lambda: f'<?xml version="1.0"?><!DOCTYPE rpc [<!ENTITY a "aaaa">]>{rpc_open}<get>&a;</get></rpc>'.encode(),
            lambda: f'<rpc message-id="{message_id}" xmlns="urn:example:not-netconf"><get/></rpc>'.encode(),
            lambda: f'<hello xmlns="{NC}"><capabilities/></hello>'.encode(),
        ]
        return self.rng.choice(makers)()

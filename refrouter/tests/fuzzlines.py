"""Hypothesis strategies for random and malformed CLI input lines, and a rich baseline configuration."""

from __future__ import annotations

import re

from hypothesis import strategies as st

BASELINE_CONFIG = """\
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key s3cret address 192.0.2.2
crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac
 mode tunnel
access-list 101 permit ip host 198.51.100.1 host 203.0.113.1
ip access-list extended NAMED
 permit ip any any
crypto dynamic-map DM 10
 set transform-set TS
crypto map CM 10 ipsec-isakmp
 set peer 192.0.2.2
 set transform-set TS
 set pfs group14
 match address 101
crypto map CM 20 ipsec-isakmp dynamic DM
interface GigabitEthernet1
 ip address 192.0.2.1 255.255.255.0
 crypto map CM
 no shutdown
ip route 10.0.0.0 255.0.0.0 192.0.2.2
"""

# Where a config-mode example starts: the lines that enter the mode (all already in BASELINE_CONFIG).
MODE_ENTRIES = [
    [],
    ["crypto isakmp policy 10"],
    ["crypto map CM 10 ipsec-isakmp"],
    ["crypto dynamic-map DM 10"],
    ["crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac"],
    ["interface GigabitEthernet1"],
    ["ip access-list extended NAMED"],
]

REAL_COMMANDS = [
    "show running-config", "show crypto map", "show crypto map tag CM", "show crypto isakmp policy",
    "show crypto isakmp default policy", "show crypto ipsec transform-set", "show crypto dynamic-map",
    "show crypto ipsec default transform-set", "show version", "show ip interface brief", "show ip route",
    "show access-lists 101", "show logging", "show inventory", "show users", "show clock", "show privilege",
    "terminal length 0", "terminal width 512",
    "crypto isakmp policy 10", "encryption aes 256", "encr 3des", "hash sha256", "authentication pre-share",
    "group 14", "lifetime 3600", "crypto isakmp key other address 192.0.2.9 255.255.255.255",
    "crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac", "mode transport", "crypto map CM 10 ipsec-isakmp",
    "set peer 192.0.2.2", "set transform-set TS", "set pfs group14", "set security-association lifetime seconds 1200",
    "match address 101", "access-list 101 permit ip host 1.1.1.1 host 2.2.2.2", "ip access-list extended NAMED",
    "permit ip any any", "10 deny tcp any any eq 22", "ip route 10.0.0.0 255.0.0.0 192.0.2.2",
    "interface GigabitEthernet1", "ip address 192.0.2.1 255.255.255.0", "crypto map CM", "shutdown",
    "description uplink", "crypto dynamic-map DM 10", "crypto map CM 20 ipsec-isakmp dynamic DM",
    "crypto isakmp default policy", "crypto ipsec default transform-set", "vrf definition V", "interface Loopback7",
    "do show crypto map", "exit", "end",
]

PIPE_WORDS = ["include", "exclude", "begin", "section", "count", "i", "e", "b", "s", "c", "sec include",
              "section exclude", "bogus", "", "|", "inc inc"]
REGEX_CHARS = "()[]{}*+?.^$|\\_-ab1 "

# Bytes a person can type inside one line (no line ends, no Ctrl-C/Ctrl-Z/ESC, which act on the line).
LINE_BYTES = bytes(b for b in range(256) if b not in (0x0A, 0x0D, 0x03, 0x1A, 0x1B))


def _prefix_with_junk(command: str, junk: str, cut: int) -> str:
    return command[: cut % (len(command) + 1)] + junk


junk_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
random_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200)
decoded_bytes = st.binary(max_size=200).map(lambda raw: raw.decode("utf-8", "replace"))
latin1_bytes = st.binary(max_size=120).map(lambda raw: raw.decode("latin-1"))
long_lines = st.builds(lambda word, n: " ".join([word] * n), st.sampled_from(["show", "x", "crypto", "no", "|"]),
                       st.integers(300, 3000))
very_long_word = st.integers(1000, 20000).map(lambda n: "show " + "x" * n)
command_prefixes = st.builds(_prefix_with_junk, st.sampled_from(REAL_COMMANDS), junk_text, st.integers(0, 80))
question_marks = st.builds(lambda c, cut: c[: cut % (len(c) + 1)] + "?", st.sampled_from(REAL_COMMANDS),
                           st.integers(0, 80))
bad_pipes = st.builds(
    lambda show, word, regex: f"{show} | {word} {regex}",
    st.sampled_from(["show running-config", "sh run", "show version", "show crypto map", "do show version"]),
    st.sampled_from(PIPE_WORDS),
    st.text(alphabet=REGEX_CHARS, max_size=14),
)
deep_no = st.builds(
    lambda depth, command, extra: "no " * depth + command + extra,
    st.integers(1, 3),
    st.sampled_from(REAL_COMMANDS),
    st.sampled_from(["", " extra", " 1 2 3", " 99999", " ?", " | include x", " 0.0.0.0 0.0.0.0", " default"]),
)


def _replace_word(command: str, index: int, replacement: str) -> str:
    words = command.split()
    index %= len(words)
    return " ".join([*words[:index], replacement, *words[index + 1 :]])


mutated = st.builds(
    _replace_word,
    st.sampled_from(REAL_COMMANDS),
    st.integers(0, 8),
    st.sampled_from(["", "-1", "65536", "256.1.1.1", "0x", "%s", "'", '"', "\\", "\x00", "ééé", "aes512"]),
)

any_line = st.one_of(random_text, decoded_bytes, latin1_bytes, long_lines, very_long_word, command_prefixes,
                     question_marks, bad_pipes, deep_no, mutated)

# Lines no configuration mode can accept: the first word starts with a character no keyword, number or
# `do`/`no`/`default`/`exit`/`end` starts with.
_INVALID_START = "~`@#$%&*()=+[]{};:'\",<>/?\\"
invalid_config_lines = st.builds(
    lambda head, rest: head + rest,
    st.sampled_from(list(_INVALID_START)) | st.sampled_from(["zz", "qq", "xyzzy", "ü"]),
    random_text,
)

ssh_line_bytes = st.one_of(
    st.binary(max_size=150).map(lambda raw: bytes(b for b in raw if b in LINE_BYTES)),
    any_line.map(lambda text: text.encode("utf-8", "replace")[:4000]),
).map(lambda raw: bytes(b for b in raw if b in LINE_BYTES and b != ord("?")))

_SESSION_CHANGING = ("exit", "logout", "quit", "reload", "copy", "erase", "configure", "write", "enable",
                     "disable", "terminal")
_FIRST_WORD = re.compile(r"\S+")


def _first_word(line: str) -> str:
    match = _FIRST_WORD.search(line.replace("\t", " "))
    return match.group(0).lower() if match else ""


def changes_the_session(line: str) -> bool:
    """True when the first word may abbreviate a command that asks a question, leaves or elevates."""
    first = _first_word(line)
    return bool(first) and (any(word.startswith(first) for word in _SESSION_CHANGING) or may_ping(line))


def may_ping(line: str) -> bool:
    """`ping` streams its output for seconds; the fuzz tests leave it to the data-plane tests."""
    first = _first_word(line.lstrip().removeprefix("do "))
    return bool(first) and "ping".startswith(first)

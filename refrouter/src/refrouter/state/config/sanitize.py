"""Input and output hygiene for configuration text.

Input is cut into lines and freed of control characters the same way on every channel (SSH shell and exec,
loaded configs); secrets are taken out of configuration text as IOS prints it in `show tech-support`
(`<removed>`).
"""

from __future__ import annotations

import re

REMOVED = "<removed>"
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # C0 but tab (a word separator), DEL, C1
_LINE_ENDS = re.compile(r"\r\n|\r|\n")


def strip_controls(line: str) -> str:
    """An input line without control characters, as a terminal drops them (tab stays a separator)."""
    return _CONTROLS.sub("", line)


def input_lines(text: str) -> list[str]:
    """Lines as a terminal ends them: at CR, LF or CRLF only (`str.splitlines` also splits at FF, NEL, ...)."""
    lines = _LINE_ENDS.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def has_controls(text: str) -> bool:
    """Does a value hold a control character (tab included) that no stored configuration value may hold?"""
    return "\t" in text or _CONTROLS.search(text) is not None


_SECRET_LINES = (
    re.compile(r"^(\s*(?:no )?crypto isakmp key )(?:[06] )?\S+(\s+(?:address|hostname)\b.*)$"),
    re.compile(r"^(\s*pre-shared-key (?:address|hostname) .*?\bkey (?:[06] )?)\S+()$"),
    re.compile(r"^(\s*pre-shared-key (?:local |remote )?(?:[06] )?)\S+()$"),
    re.compile(r"^(\s+key (?:[06] )?)\S+()$"),
    re.compile(r"^(\s*(?:enable|username \S+(?: privilege \d+)?) (?:secret|password) (?:\d+ )?)\S+(.*)$"),
    re.compile(r"^(\s*pre-shared-key (?:(?:local|remote) )?(?:[06] )?)\S+(.*)$"),  # IKEv2 keyring peer
    re.compile(r"^(\s*ip nhrp authentication )\S+(.*)$"),
    re.compile(r"^(\s*password (?:[07] )?)\S+(.*)$"),  # PKI trustpoint
)


def sanitize_line(line: str) -> str:
    for pattern in _SECRET_LINES:
        match = pattern.match(line)
        if match:
            return f"{match.group(1)}{REMOVED}{match.group(2)}"
    return line


def sanitize(text: str) -> str:
    return "\n".join(sanitize_line(line) for line in text.split("\n"))


def _abbreviates(word: str, keyword: str) -> bool:
    return 0 < len(word) <= len(keyword) and keyword.startswith(word.lower())


def _secret_span(words: list[str]) -> tuple[int, int] | None:
    """Where the secret sits in a typed (possibly abbreviated or malformed) secret-bearing command."""
    if len(words) > 3 and all(map(_abbreviates, words[:3], ("crypto", "isakmp", "key"))):
        start = 4 if words[3] in ("0", "6") and len(words) > 4 else 3
        tail = next((i for i in range(start + 1, len(words))
                     if _abbreviates(words[i], "address") or _abbreviates(words[i], "hostname")), len(words))
        return start, tail
    if words and _abbreviates(words[0], "pre-shared-key") and len(words[0]) >= 2:
        if len(words) > 1 and (_abbreviates(words[1], "address") or _abbreviates(words[1], "hostname")):
            key_at = next((i for i in range(2, len(words)) if _abbreviates(words[i], "key")), None)
            return (key_at + 1, len(words)) if key_at is not None and key_at + 1 < len(words) else None
        return (1, len(words)) if len(words) > 1 else None  # IKEv2 keyring peer `pre-shared-key [local|remote] KEY`
    if len(words) > 1 and _abbreviates(words[0], "password"):  # PKI trustpoint
        return 1, len(words)
    if len(words) > 3 and all(map(_abbreviates, words[:3], ("ip", "nhrp", "authentication"))):
        return 3, len(words)
    if len(words) > 1 and words[0].lower() in ("key", "ke"):  # Easy VPN group key, `key config-key ...`
        return 1, len(words)
    if words and (_abbreviates(words[0], "enable") or _abbreviates(words[0], "username")):
        for index, word in enumerate(words[1:], 1):
            if (_abbreviates(word, "secret") or _abbreviates(word, "password")) and index + 1 < len(words):
                return index + 1, len(words)
    return None


def sanitize_typed(line: str) -> str:
    """A line as a user typed it, with any secret it may carry removed (abbreviations and errors allowed).

    Errs towards removing too much: the result only serves messages about rejected lines."""
    words = line.split()
    span = _secret_span(words)
    if span is None:
        return line
    start, end = span
    return " ".join([*words[:start], REMOVED, *words[end:]])

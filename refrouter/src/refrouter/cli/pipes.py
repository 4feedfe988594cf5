"""Output pipes of show commands: `| include|exclude|begin|section|count REGEX`."""

from __future__ import annotations

import re

from .grammar import INVALID, CliError, ambiguous

PIPE_KEYWORDS = ("begin", "count", "exclude", "include", "section")
_SHOW_WORDS = ("show", "more")


def split_pipe(line: str) -> tuple[str, str | None]:
    """Split `show ... | include x` into command and pipe text; other commands keep their `|`."""
    words = line.split()
    if not words:
        return line, None
    first = words[1] if words[0].lower() == "do" and len(words) > 1 else words[0]
    if not any(w.startswith(first.lower()) for w in _SHOW_WORDS) or "|" not in line:
        return line, None
    index = line.index("|")
    return line[:index], line[index + 1 :]


def _ios_regex(pattern: str) -> re.Pattern[str]:
    """IOS regexes are POSIX-like; `_` matches a delimiter, the start/end of the line, or itself (the seed's
    `show log | include %CRYPTO-6-IKMP_POLICY_DEFAULT*` matches the message)."""
    translated = pattern.replace("_", r"(?:_|^|$|[\s,{}()])")
    try:
        return re.compile(translated)
    except re.error as exc:
        raise CliError(f"% Invalid regular expression: {exc.msg}") from exc


def apply_pipe(output: str, pipe: str) -> str:
    words = pipe.split(None, 1)
    if not words:
        raise CliError("% Incomplete command.")
    keyword = words[0].lower()
    matches = [k for k in PIPE_KEYWORDS if k.startswith(keyword)]
    if len(matches) > 1:
        raise ambiguous(keyword)
    if not matches:
        raise CliError(INVALID)
    action = matches[0]
    rest = words[1] if len(words) > 1 else ""
    if action == "section":
        sub = rest.split(None, 1)
        if sub and sub[0] in ("include", "exclude") and len(sub) > 1:
            return _section(output, _ios_regex(sub[1]), invert=sub[0] == "exclude")
    if not rest.strip() and action != "count":
        raise CliError("% Incomplete command.")
    regex = _ios_regex(rest.strip()) if rest.strip() else re.compile("")
    lines = output.split("\n")
    if output.endswith("\n"):
        lines.pop()
    if action == "include":
        kept = [ln for ln in lines if regex.search(ln)]
    elif action == "exclude":
        kept = [ln for ln in lines if not regex.search(ln)]
    elif action == "begin":
        start = next((i for i, ln in enumerate(lines) if regex.search(ln)), len(lines))
        kept = lines[start:]
    elif action == "count":
        return f"Number of lines which match regexp = {sum(1 for ln in lines if regex.search(ln))}\n"
    else:
        return _section(output, regex, invert=False)
    return "".join(f"{ln}\n" for ln in kept)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _section(output: str, regex: re.Pattern[str], invert: bool) -> str:
    """A matching line is printed with all lines indented below it; others are skipped line by line."""
    lines = output.split("\n")
    if output.endswith("\n"):
        lines.pop()
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        end = index + 1
        while end < len(lines) and lines[end].strip() and _indent(lines[end]) > _indent(line):
            end += 1
        hit = bool(line.strip()) and bool(regex.search(line))
        if hit != invert:
            kept.extend(lines[index:end] if hit else [line])
            index = end if hit else index + 1
        else:
            index = end if invert and hit else index + 1
    return "".join(f"{ln}\n" for ln in kept)

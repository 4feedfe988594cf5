"""Output pipes of show commands: `| include|exclude|begin|section|count REGEX`.

A pipe is parsed (keyword and regex) before its command runs, so a bad pipe leaves nothing done. Regexes run
on RE2, which matches in time linear in the input (no catastrophic backtracking) within a memory budget: no
pattern can stall the event loop that serves every session of a lab.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

import re2

from .grammar import INCOMPLETE, INVALID, CliError, ambiguous

PIPE_KEYWORDS = ("begin", "count", "exclude", "include", "section")
PIPE_COMMANDS = ("show", "more", "dir")  # the exec commands whose output may be piped
MAX_REGEX_LENGTH = 512  # characters of one pipe regex: a size budget, far above what a person types
MAX_REGEX_MEMORY = 1 << 20  # bytes RE2 may use for one compiled regex
IOS_UNDERSCORE = r"(?:_|^|$|[\s,{}()])"
BACKREFERENCE = re.compile(r"(?<!\\)(?:\\\\)*\\[1-9]")  # `\1` not preceded by an escaping backslash


class Regex(Protocol):
    """A compiled pattern (RE2's `_Regexp`)."""

    def search(self, text: str) -> object: ...


def split_pipe(line: str) -> tuple[str, str | None]:
    """Split `show ... | include x` into command and pipe text; other commands keep their `|`."""
    words = line.split()
    if not words or "|" not in line:
        return line, None
    if not any(command.startswith(words[0].lower()) for command in PIPE_COMMANDS):
        return line, None
    index = line.index("|")
    return line[:index], line[index + 1 :]


@dataclass(frozen=True)
class Pipe:
    """One parsed output filter."""

    action: str
    regex: Regex
    invert: bool = False  # `section exclude`

    def apply(self, output: str) -> str:
        lines = output.split("\n")
        if output.endswith("\n"):
            lines.pop()
        if self.action == "section":
            kept = _section(lines, self.regex, self.invert)
        elif self.action == "count":
            return f"Number of lines which match regexp = {sum(1 for ln in lines if self.regex.search(ln))}\n"
        elif self.action == "include":
            kept = [ln for ln in lines if self.regex.search(ln)]
        elif self.action == "exclude":
            kept = [ln for ln in lines if not self.regex.search(ln)]
        else:  # begin
            start = next((i for i, ln in enumerate(lines) if self.regex.search(ln)), len(lines))
            kept = lines[start:]
        return "".join(f"{ln}\n" for ln in kept)


def parse_pipe(text: str, column: int = 0) -> Pipe:
    """Parse the text after `|` (which starts at `column` of the line) into a Pipe, or raise the IOS error."""
    stripped = text.lstrip()
    if not stripped:
        raise CliError(INCOMPLETE)
    keyword_column = column + len(text) - len(stripped)
    keyword, _, rest = stripped.partition(" ")
    matches = [k for k in PIPE_KEYWORDS if k.startswith(keyword.lower())]
    if len(matches) > 1:
        raise ambiguous(keyword)
    if not matches:
        raise CliError(INVALID, keyword_column)
    action, pattern = matches[0], rest.strip()
    if action == "section":
        sub, _, sub_pattern = pattern.partition(" ")
        if sub.lower() in ("include", "exclude") and sub_pattern.strip():
            return Pipe(action, ios_regex(sub_pattern.strip()), invert=sub.lower() == "exclude")
    if not pattern and action != "count":
        raise CliError(INCOMPLETE)
    return Pipe(action, ios_regex(pattern))


def ios_regex(pattern: str) -> Regex:
    """Compile an IOS regex: POSIX-like, where `_` matches a delimiter, the start/end of the line, or itself
    (the seed's `show log | include %CRYPTO-6-IKMP_POLICY_DEFAULT*` matches the message)."""
    if len(pattern) > MAX_REGEX_LENGTH:
        raise CliError(f"% Invalid regular expression: longer than {MAX_REGEX_LENGTH} characters")
    if BACKREFERENCE.search(pattern):
        raise CliError("% Invalid regular expression: back-references (\\1 ... \\9) are not supported")
    options = re2.Options()
    options.log_errors = False
    options.max_mem = MAX_REGEX_MEMORY
    try:
        return re2.compile(pattern.replace("_", IOS_UNDERSCORE), options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "not supported"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise CliError(f"% Invalid regular expression: {reason}") from exc


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _section(lines: list[str], regex: Regex, invert: bool) -> list[str]:
    """A matching line is printed with all lines indented below it; others are skipped line by line."""
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
    return kept

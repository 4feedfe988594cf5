# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Several CLI lines in one write, read back as one response (docs/performance.md, figure 1).

network_cli waits for a prompt after each line it sends: one round trip per line. IOS reads typed-ahead
lines in order and answers each with its echo, its output and the next prompt, so a batch of N lines comes
back as N prompts. `BatchPrompt` stands in for the terminal plugin's prompt pattern while a batch is read:
it matches only once the response ends with a prompt and holds N of them. `split_batch` cuts the response
into each line's own output (the device-error scan names the failing line from it).
"""

from __future__ import annotations

import itertools
import re

# A prompt at the start of a line, with what was typed after it: `R1(config-isakmp)#encr aes 256`.
PROMPT_LINE_RE = re.compile(rb"^[A-Za-z0-9][\w.\-:/]*(?:\([\w.\-/]+\))?[>#]", re.MULTILINE)
PROMPT_LINE_TEXT_RE = re.compile(PROMPT_LINE_RE.pattern.decode(), re.MULTILINE)
PROMPT_ONLY_TEXT_RE = re.compile(PROMPT_LINE_RE.pattern.decode()[1:])


class BatchPrompt:
    """The end of a batch: the terminal's own prompt pattern at the end of the response, and at least `count`
    prompts at line starts in it (one per line sent). Searched only when the tail is a prompt, so a response
    of megabytes is counted once per prompt, not once per chunk."""

    def __init__(self, tail: object, count: int) -> None:
        self.tail = tail
        self.pattern = getattr(tail, "pattern", b"")
        self.flags = getattr(tail, "flags", 0)
        self.count = count

    def search(self, data: bytes, pos: int = 0) -> re.Match[bytes] | None:
        match: re.Match[bytes] | None = self.tail.search(data, pos)  # type: ignore[attr-defined]
        if match is None:
            return None
        counted = next(itertools.islice(PROMPT_LINE_RE.finditer(data), self.count - 1, None), None)
        return match if counted is not None else None


def split_batch(text: str, count: int) -> list[str] | None:
    """Each line's output, in the order sent, from the response to a batch of `count` lines: what precedes
    the first prompt answers line 1 (its echo is on the first line), what follows prompt k answers line k+1.
    None when the response does not hold one prompt per line (no echo, a line eaten by a question)."""
    outputs: list[list[str]] = [[]]
    for line in text.replace("\r", "").split("\n"):
        if PROMPT_LINE_TEXT_RE.match(line):
            outputs.append([line])
        else:
            outputs[-1].append(line)
    last = outputs.pop()  # the prompt the batch ends at: nothing typed after it
    ended = PROMPT_ONLY_TEXT_RE.fullmatch(last[0].strip()) is not None and not "".join(last[1:]).strip()
    if len(outputs) != count or not ended:
        return None
    return ["\n".join(output) for output in outputs]


def command_output(output: str) -> str:
    """One line's output from a batch: without the echoed command line, as network_cli returns it."""
    return "\n".join(output.split("\n")[1:]).strip()

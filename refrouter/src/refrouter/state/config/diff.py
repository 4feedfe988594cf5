"""Line-level differences between two configurations, in IOS order.

Both sides are configuration text as the running-config renderer writes it (a file is first loaded into a
scratch router and rendered again, so its lines come in the renderer's order). A configuration is a list of
blocks: a top-level line and the indented lines under it. The differences drive `show archive config
differences`, `... incremental-diffs` and the commands `configure replace` applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SKIP = re.compile(r"^(Building configuration|Current configuration|end$|\s*!|\s*$)")


@dataclass
class Block:
    line: str
    children: list[str] = field(default_factory=list)


def parse_blocks(text: str) -> list[Block]:
    """Blocks of a configuration text: comments, blank lines, `end` and show headers dropped."""
    blocks: list[Block] = []
    lines = iter(text.splitlines())
    for raw in lines:
        line = raw.rstrip()
        if _SKIP.match(line):
            continue
        if line.startswith("banner "):
            line = _whole_banner(line, lines)
        if line.startswith(" ") and blocks:
            blocks[-1].children.append(line)
        elif not line.startswith(" "):
            blocks.append(Block(line))
    return blocks


def _whole_banner(first: str, rest: object) -> str:
    """A banner's lines up to its closing delimiter, as one line of text."""
    words = first.split(" ", 2)
    body = words[2] if len(words) > 2 else ""
    delimiter = body[:2] if body.startswith("^C") else body[:1]
    lines = [first]
    if delimiter and delimiter not in body[len(delimiter) :]:
        for more in rest:  # type: ignore[attr-defined]
            lines.append(more.rstrip())
            if delimiter in more:
                break
    return "\n".join(lines)


def _key(line: str, ignore_case: bool = False) -> str:
    text = line.rstrip()
    return text.lower() if ignore_case else text


def _index(blocks: list[Block], ignore_case: bool = False) -> dict[str, Block]:
    return {_key(block.line, ignore_case): block for block in blocks}


def contextual_diff(old: str, new: str) -> list[str]:
    """`show archive config differences`: `+`/`-` lines, children under their unchanged parent."""
    before, after = parse_blocks(old), parse_blocks(new)
    old_index, new_index = _index(before), _index(after)
    out: list[str] = []
    for block in after:
        match = old_index.get(_key(block.line))
        if match is None:
            out.append("+" + block.line)
            out += [_marked(child, "+") for child in block.children]
            continue
        changes = [_marked(c, "+") for c in block.children if c not in match.children]
        changes += [_marked(c, "-") for c in match.children if c not in block.children]
        if changes:
            out += [block.line, *changes]
    for block in before:
        if _key(block.line) not in new_index:
            out.append("-" + block.line)
            out += [_marked(child, "-") for child in block.children]
    return out


def _marked(child: str, sign: str) -> str:
    stripped = child.lstrip(" ")
    return child[: len(child) - len(stripped)] + sign + stripped


def incremental_diff(running: str, merge: str, ignore_case: bool = False) -> list[str]:
    """`show archive config incremental-diffs`: the lines of `merge` the running config lacks, in context."""
    current = _index(parse_blocks(running), ignore_case)
    out: list[str] = []
    for block in parse_blocks(merge):
        match = current.get(_key(block.line, ignore_case))
        if match is None:
            out += [block.line, *block.children]
            continue
        have = {_key(child, ignore_case) for child in match.children}
        missing = [child for child in block.children if _key(child, ignore_case) not in have]
        if missing:
            out += [block.line, *missing]
    return out


# Commands that hold one value: a new line replaces the old one, so the old one needs no `no` first.
_SINGLE_VALUED = re.compile(
    r"^(?:no )?(hostname|description|ip address|enable secret|username \S+|banner \w+|set pfs|set transform-set"
    r"|set security-association lifetime \w+|match address|mode|encr|hash|authentication|group|lifetime"
    r"|crypto isakmp keepalive|vrf forwarding|login delay|login block-for|rd|path|maximum|time-period"
    r"|crypto map \S+$|crypto map \S+ local-address|shutdown$)"
)
_NEGATIONS = (
    (re.compile(r"^crypto map (\S+) (\d+) ipsec-isakmp.*$"), r"crypto map \1 \2"),
    (re.compile(r"^crypto ipsec transform-set (\S+) .*$"), r"crypto ipsec transform-set \1"),
    (re.compile(r"^crypto map (\S+) local-address .*$"), r"crypto map \1 local-address"),
    (re.compile(r"^username (\S+) .*$"), r"username \1"),
    (re.compile(r"^enable secret .*$"), "enable secret"),
    (re.compile(r"^(banner \w+) .*$", re.DOTALL), r"\1"),
    (re.compile(r"^description .*$"), "description"),
    (re.compile(r"^ip address .*$"), "ip address"),
    (re.compile(r"^set transform-set .*$"), "set transform-set"),
    (re.compile(r"^(\d+) (?:permit|deny) .*$"), r"\1"),
)


def single_key(line: str) -> str | None:
    match = _SINGLE_VALUED.match(line.strip())
    return match.group(1) if match else None


def negate(line: str) -> str:
    """The command that removes a configuration line (`no ...`, or the positive form of a `no` line)."""
    text = line.strip()
    if text.startswith("no "):
        return text[3:]
    for pattern, replacement in _NEGATIONS:
        if pattern.match(text):
            return "no " + pattern.sub(replacement, text)
    return "no " + text


def _removals(old: list[str], new: list[str]) -> list[str]:
    """`no` commands for the lines of `old` that `new` lacks; none where `new` sets the same single value."""
    replaced = {single_key(line) for line in new if line not in old} - {None}
    return [negate(line) for line in old if line not in new and single_key(line) not in replaced]


def replace_commands(running: str, target: str) -> list[str]:
    """The configuration commands that turn `running` into `target`, as `configure replace` applies them:
    removals inside kept blocks, removed blocks (last first), then additions in IOS order."""
    before, after = parse_blocks(running), parse_blocks(target)
    old_index, new_index = _index(before), _index(after)
    inner: list[str] = []
    for block in before:
        match = new_index.get(_key(block.line))
        if match is not None:
            gone = _removals(block.children, match.children)
            if gone:
                inner += [block.line, *(" " + g for g in gone), "exit"]
    top_removed = [b.line for b in before if _key(b.line) not in new_index]
    top_added = [b.line for b in after if _key(b.line) not in old_index]
    outer = _removals(top_removed, top_added)
    additions: list[str] = []
    for block in after:
        match = old_index.get(_key(block.line))
        children = block.children if match is None else [c for c in block.children if c not in match.children]
        if match is None or children:
            additions += [block.line, *children]
            if children:
                additions.append("exit")
    return inner + list(reversed(outer)) + additions

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A unified diff of running-config text whose hunks are whole blocks.

Ansible's own --diff shows three lines of context, so a change at the end of a long block loses the
block's header line (a lifetime change in policy 20 would read as one in the next policy). Here a block
is a line that starts in column one with the indented lines under it, and every hunk holds the whole
changed block: its header and every line under it, unchanged lines as context.
"""

from __future__ import annotations

import difflib

Block = list[str]


def blocks(text: str) -> list[Block]:
    """The text's lines grouped into blocks (a header and the indented lines under it)."""
    result: list[Block] = []
    for line in text.splitlines():
        if line.startswith(" ") and result:
            result[-1].append(line)
        else:
            result.append([line])
    return result


def block_diff(before: str, after: str) -> str:
    """`before` -> `after` as a unified diff, one hunk per changed block; empty when they are equal."""
    old, new = blocks(before), blocks(after)
    hunks: list[str] = []
    old_line = new_line = 1
    matcher = difflib.SequenceMatcher(a=[b[0] for b in old], b=[b[0] for b in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for old_block, new_block in zip(old[i1:i2], new[j1:j2], strict=True):
                if old_block != new_block:
                    hunks.append(
                        _hunk(old_line, new_line, old_block, new_block, _changed(old_block, new_block))
                    )
                old_line += len(old_block)
                new_line += len(new_block)
            continue
        removed = [line for block in old[i1:i2] for line in block]
        added = [line for block in new[j1:j2] for line in block]
        lines = ["-" + line for line in removed] + ["+" + line for line in added]
        hunks.append(_hunk(old_line, new_line, removed, added, lines))
        old_line += len(removed)
        new_line += len(added)
    if not hunks:
        return ""
    return "--- before\n+++ after\n" + "".join(hunks)


def _changed(old: Block, new: Block) -> list[str]:
    """The lines of one block present on both sides: unchanged lines as context, the rest as -/+."""
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [" " + line for line in old[i1:i2]]
            continue
        lines += ["-" + line for line in old[i1:i2]]
        lines += ["+" + line for line in new[j1:j2]]
    return lines


def _hunk(old_start: int, new_start: int, old: Block, new: Block, lines: list[str]) -> str:
    header = f"@@ -{_range(old_start, len(old))} +{_range(new_start, len(new))} @@\n"
    return header + "".join(line + "\n" for line in lines)


def _range(start: int, length: int) -> str:
    """Unified-diff line range; an empty range names the line before it."""
    if length == 0:
        return f"{start - 1},0"
    return f"{start},{length}"

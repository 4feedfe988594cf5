# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Commands shared by the IKEv2 resources: ordered value lists inside a block, name-keyed list resolution."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def word_list_commands(keyword: str, have: Sequence[object], target: Sequence[object]) -> list[str]:
    """One line holding an ordered list (`encryption aes-cbc-256 aes-cbc-128`): IOS appends the words it is
    given, so values appended at the end are added alone; any other change clears the line and sets it anew."""
    if list(have) == list(target):
        return []
    if not target:
        return [f"no {keyword}"]
    if list(target[: len(have)]) == list(have):
        return [f"{keyword} {' '.join(str(v) for v in target[len(have) :])}"]
    return ([f"no {keyword}"] if have else []) + [f"{keyword} {' '.join(str(v) for v in target)}"]


def line_list_commands(keyword: str, have: Sequence[object], target: Sequence[object]) -> list[str]:
    """One line per value (`proposal A`, `match address local B`), kept in order: the common prefix stays,
    the rest of `have` is removed and the rest of `target` added in order."""
    same = 0
    while same < min(len(have), len(target)) and have[same] == target[same]:
        same += 1
    return [f"no {keyword} {value}" for value in have[same:]] + [
        f"{keyword} {value}" for value in target[same:]
    ]


def scalar_commands(keyword: str, have: object, target: object) -> list[str]:
    """A single-valued line: set the new value, or remove the old one."""
    if have == target:
        return []
    return [f"no {keyword} {have}"] if target is None else [f"{keyword} {target}"]


def name_of(item: Mapping[str, Any]) -> str:
    return str(item["name"])

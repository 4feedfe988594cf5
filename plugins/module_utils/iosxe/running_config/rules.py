# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Line rules: a regex over a line's words plus the function that stores what it captured."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Line

Store = Callable[[dict[str, Any], re.Match[str]], None]
Rule = tuple[re.Pattern[str], Store]


def rule(pattern: str, store: Store) -> Rule:
    return re.compile(pattern), store


def apply_rules(lines: Iterable[Line], rules: Iterable[Rule], target: dict[str, Any]) -> list[Line]:
    """Store every line that a rule matches in full; return the lines no rule matched, in order."""
    rules = tuple(rules)
    unmatched = []
    for line in lines:
        for pattern, store in rules:
            match = pattern.fullmatch(line.words)
            if match:
                store(target, match)
                break
        else:
            unmatched.append(line)
    return unmatched


def setter(key: str, convert: Callable[[str], Any] = str) -> Store:
    """A store that sets target[key] from the first capture group."""

    def store(target: dict[str, Any], match: re.Match[str]) -> None:
        target[key] = convert(match.group(1))

    return store

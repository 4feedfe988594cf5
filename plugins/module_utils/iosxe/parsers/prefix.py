# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The literal text a line pattern requires, used by the rule engine to dispatch a line cheaply.

:func:`literal_prefixes` returns strings ``ps`` such that whenever ``re.match(pattern, line)``
succeeds, ``line.lstrip().startswith(ps)``.  ``("",)`` (no requirement) is always a correct answer, so
the analysis is conservative: it stops at the first construct it does not understand.  A leading
group of alternatives (``(Inbound|Outbound):``) gives one prefix per alternative.
"""

from __future__ import annotations

import itertools

# possessive forms ("*+", "++") first: their greedy forms are prefixes of them
_LEADING_SPACE = tuple(
    f"{space}{quantifier}{possessive}"
    for possessive in ("+", "")
    for space in (r"\s", r"[ \t]", " ")
    for quantifier in ("*", "+")
)
_ESCAPED_LITERALS = frozenset("()[]{}.*+?|^$\\/-:#'\"!,;=<>@%&~ ")
_QUANTIFIERS = frozenset("*+?{")
_SPECIAL = frozenset("()[].^$|\\") | _QUANTIFIERS


def literal_prefixes(pattern: str) -> tuple[str, ...]:
    """Texts one of which every match of ``pattern`` (no flags) starts with after leading whitespace."""
    alternatives = _top_level_alternatives(pattern)
    if len(alternatives) > 1:
        found = tuple(prefix for alternative in alternatives for prefix in literal_prefixes(alternative))
        return ("",) if "" in found else found
    rest = _skip_leading_space(pattern)
    if rest.startswith("("):
        return _group_prefixes(rest)
    return (_literal_run(rest),)


def _skip_leading_space(pattern: str) -> str:
    for space in _LEADING_SPACE:
        if pattern.startswith(space):
            return pattern[len(space) :]
    return pattern


def _group_prefixes(rest: str) -> tuple[str, ...]:
    """Prefixes of a pattern that starts with a group: those of the group's content, unless the group
    is optional/repeated or is not a plain (capturing, named or non-capturing) group."""
    close = _closing_paren(rest)
    if close is None or rest[close + 1 : close + 2] in _QUANTIFIERS:
        return ("",)
    inner = rest[1:close]
    if inner.startswith("?:"):
        inner = inner[2:]
    elif inner.startswith("?P<") and ">" in inner:
        inner = inner[inner.index(">") + 1 :]
    elif inner.startswith("?"):
        return ("",)
    return literal_prefixes(inner)


def _literal_run(rest: str) -> str:
    literal: list[str] = []
    position = 0
    while position < len(rest):
        char = rest[position]
        if char == "\\" and position + 1 < len(rest) and rest[position + 1] in _ESCAPED_LITERALS:
            literal.append(rest[position + 1])
            position += 2
        elif char in _SPECIAL:
            break
        else:
            literal.append(char)
            position += 1
    if position < len(rest) and rest[position] in _QUANTIFIERS and literal:
        literal.pop()  # the quantifier makes the last character optional or repeatable
    return "".join(literal).lstrip()


def _scan(pattern: str) -> list[tuple[int, str, int]]:
    """``(position, character, depth)`` of every unescaped character outside character classes."""
    found: list[tuple[int, str, int]] = []
    depth, position, in_class = 0, 0, False
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[position + 1 : position + 2] == "]":
                position += 1  # "[]...]": a leading "]" is a member of the class
        else:
            depth -= char == ")"
            found.append((position, char, depth))
            depth += char == "("
        position += 1
    return found


def _top_level_alternatives(pattern: str) -> list[str]:
    cuts = [position for position, char, depth in _scan(pattern) if char == "|" and depth == 0]
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[start + 1 : end] for start, end in itertools.pairwise(bounds)]


def _closing_paren(rest: str) -> int | None:
    """Position of the ``)`` that closes the ``(`` at position 0."""
    for position, char, depth in _scan(rest):
        if char == ")" and depth == 0:
            return position
    return None

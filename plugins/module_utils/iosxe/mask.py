# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secret masking for anything the collection returns or logs.

Every pre-shared key is replaced by MASK: in facts (before, after, gathered, parsed), in the commands list,
in diff text, in warnings about unparsed lines, and in device error messages. MASK is the string
ansible-core itself uses when it scrubs no_log values from results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

MASK = "********"

# One pattern per IOS line shape that carries a secret; group 1 is kept, group 2 is the secret.
# The first pattern that matches a line wins. An optional encryption type (0, 6, 7) precedes the secret.
SECRET_LINE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(\bcrypto isakmp key (?:[067] (?=\S+ (?:address|hostname)\b))?)(\S+)"),
    re.compile(r"(\bpre-shared-key\b.*?\bkey (?:[067] (?=\S))?)(\S+)"),
    # `pre-shared-key [local|remote] SECRET` (IKEv2); not `no pre-shared-key local|remote` or
    # `no pre-shared-key address|hostname PEER`, which carry none
    re.compile(
        r"(\bpre-shared-key (?:local |remote )?(?:[067] (?=\S))?)(?!(?:local|remote)$)(?!(?:address|hostname) )(\S+)"
    ),
    re.compile(r"(\b(?:password|secret|key-string) (?:[0-9] (?=\S))?)(\S+)"),
    re.compile(r"(\bip nhrp authentication )(\S+)"),
)


def mask_line(line: str) -> str:
    """Return the line with the secret of the first matching pattern replaced by MASK."""
    for pattern in SECRET_LINE_PATTERNS:
        masked, count = pattern.subn(lambda m: m.group(1) + MASK, line, count=1)
        if count:
            return masked
    return line


def mask_text(text: str) -> str:
    """Mask every line of a multi-line text."""
    return "\n".join(mask_line(line) for line in text.split("\n"))


def scrub(value: Any, secrets: Iterable[str]) -> Any:
    """Replace each known secret string inside nested lists/dicts/strings by MASK."""
    known = sorted({s for s in secrets if s}, key=len, reverse=True)
    if not known:
        return value
    return _scrub(value, known)


def _scrub(value: Any, known: list[str]) -> Any:
    if isinstance(value, str):
        for secret in known:
            value = value.replace(secret, MASK)
        return value
    if isinstance(value, list):
        return [_scrub(item, known) for item in value]
    if isinstance(value, tuple):
        return tuple(_scrub(item, known) for item in value)
    if isinstance(value, dict):
        return {key: _scrub(item, known) for key, item in value.items()}
    return value

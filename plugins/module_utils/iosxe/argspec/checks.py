# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Value checks the Ansible argument spec cannot express (ranges, addresses, names).

Each check returns an error message that names the field by its path, e.g.
`config[1].entries[0].seq: 70000 is out of range 1..65535`, or None when the value is fine.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable
from typing import Any

_TAG_RE = re.compile(r"[!-~]+")  # printable ASCII without spaces; what IOS accepts as a name/tag


def in_range(path: str, value: int | None, bounds: tuple[int, int]) -> str | None:
    low, high = bounds
    if value is None or low <= value <= high:
        return None
    return f"{path}: {value} is out of range {low}..{high}"


def ipv4_address(path: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return f"{path}: {value!r} is not a valid IPv4 address"
    return None


def ipv4_netmask(path: str, value: str | None) -> str | None:
    if value is None:
        return None
    error = ipv4_address(path, value)
    if error:
        return error.replace("IPv4 address", "IPv4 netmask")
    try:
        ipaddress.IPv4Network(f"0.0.0.0/{value}")
    except ValueError:
        return f"{path}: {value!r} is not a contiguous IPv4 netmask"
    return None


def cli_word(path: str, value: str | None, max_length: int = 128) -> str | None:
    """A name, tag or key typed as one CLI word: printable, no whitespace, not too long."""
    if value is None:
        return None
    if not _TAG_RE.fullmatch(value):
        return f"{path}: {value!r} must be one word of printable characters without spaces"
    if len(value) > max_length:
        return f"{path}: longer than {max_length} characters"
    return None


def secret_word(path: str, value: str | None, max_length: int) -> str | None:
    """Like cli_word, but the message never repeats the value."""
    if value is None or cli_word(path, value, max_length) is None:
        return None
    return f"{path}: must be one word of printable characters without spaces, at most {max_length} characters"


CLI_HELP_KEY = "?"
HELP_KEY_REASON = (
    "contains '?', which the IOS command line takes as a request for help, so the line cannot be sent "
    "over network_cli; choose a value without '?' or use the netconf connection"
)


def cli_typable(path: str, value: Any) -> list[str]:
    """Every string under `value` that holds `?`, which the IOS command line answers with help instead of
    taking it as a character (IOS needs Ctrl-V before it; network_cli sends lines as they are). The
    messages name the field, never the value (it may be a key)."""
    if isinstance(value, str):
        if CLI_HELP_KEY not in value:
            return []
        return [f"{path}: {HELP_KEY_REASON}"]
    if isinstance(value, dict):
        return [error for key, item in value.items() for error in cli_typable(f"{path}.{key}", item)]
    if isinstance(value, list):
        return [error for index, item in enumerate(value) for error in cli_typable(f"{path}[{index}]", item)]
    return []


def duplicates(path: str, items: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> list[str]:
    """Report items that share a key (e.g. two policies with the same priority)."""
    seen: dict[Any, int] = {}
    errors = []
    for index, item in enumerate(items):
        ident = key(item)
        if ident in seen:
            errors.append(f"{path}[{index}]: duplicates {path}[{seen[ident]}] ({ident})")
        else:
            seen[ident] = index
    return errors


def collect(*results: str | list[str] | None) -> list[str]:
    """Flatten check results into a list of error messages."""
    errors: list[str] = []
    for result in results:
        if isinstance(result, list):
            errors.extend(result)
        elif result:
            errors.append(result)
    return errors

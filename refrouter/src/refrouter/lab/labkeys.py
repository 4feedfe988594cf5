"""Strict keys for lab-file mappings: an unknown key is an error naming it and the closest valid key."""

from __future__ import annotations

import difflib
from collections.abc import Collection
from typing import Any


class LabError(Exception):
    """A lab file (or a link argument) that cannot be used; the message says where and why."""


def closest(word: str, valid: Collection[str]) -> str:
    """The valid key most like `word`; separators count as equal (`startup-config` -> `startup_config`)."""
    normal = {key.replace("-", "_").lower(): key for key in valid}
    wanted = word.replace("-", "_").lower()
    if wanted in normal:
        return normal[wanted]
    matches = difflib.get_close_matches(wanted, list(normal), n=1, cutoff=0.0)
    return normal[matches[0]] if matches else min(valid)


def mapping(value: Any, where: str) -> dict[Any, Any]:
    """`value` as a mapping (None is an empty one); anything else is an error."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise LabError(f"{where}: expected a mapping, got {type(value).__name__}")  # the value may be a secret
    return value


def check_keys(data: dict[Any, Any], valid: Collection[str], where: str) -> None:
    """Refuse the first key of `data` that is not in `valid`."""
    for key in data:
        if key not in valid:
            raise LabError(f"{where}: unknown key {str(key)!r}; did you mean {closest(str(key), valid)!r}? "
                           f"(valid keys: {', '.join(valid)})")

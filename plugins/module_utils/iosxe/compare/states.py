# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Turn `want` into the target state for each `state`, for resources that are keyed lists.

The target is the complete resource as it should be on the device. Commands are then derived from the
difference between the device (`have`) and the target, so check mode, `--diff` and rollback all reuse it.

- merged: wanted objects are merged into the existing ones (resource-specific merge); others are kept.
- replaced: wanted objects replace existing objects of the same key; others are kept.
- overridden: the target is exactly the wanted objects.
- deleted: wanted keys (all objects when config is empty) are removed, or reduced by the resource's
  delete function (e.g. only the listed entries of a crypto map).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

Obj = dict[str, Any]
Params = dict[str, Any]  # one `config` item as the module received it: every option, None when not given
Fact = TypeVar("Fact", bound=Mapping[str, Any])  # one object of a resource's facts (a TypedDict)


class ResourceError(Exception):
    """A request that cannot be turned into a valid target (reported as the module's failure message)."""


def _delete_whole(have: Any, want: Params) -> None:
    return None


@dataclass(frozen=True)
class ListRules(Generic[Fact]):
    key: Callable[[Mapping[str, Any]], Hashable]  # of a fact and of a wanted item alike
    merge: Callable[[Fact | None, Params], Fact]  # (existing or None, wanted) -> target object
    replace: Callable[[Fact | None, Params], Fact]
    delete: Callable[[Fact, Params], Fact | None] = _delete_whole  # None removes the whole object


def resolve_list(rules: ListRules[Fact], want: list[Params], have: list[Fact], state: str) -> list[Fact]:
    wanted = {rules.key(item): item for item in want}
    if state == "deleted":
        if not want:
            return []
        reduced = [
            rules.delete(item, wanted[rules.key(item)]) if rules.key(item) in wanted else item
            for item in have
        ]
        return [item for item in reduced if item is not None]
    if state == "overridden":
        existing = {rules.key(item): item for item in have}
        return [rules.replace(existing.get(rules.key(item)), item) for item in want]
    combine = rules.merge if state == "merged" else rules.replace
    target = [combine(item, wanted[rules.key(item)]) if rules.key(item) in wanted else item for item in have]
    known = {rules.key(item) for item in have}
    return target + [combine(None, item) for item in want if rules.key(item) not in known]


def specified(obj: Mapping[str, Any]) -> Obj:
    """The fields a user actually set (None means 'not given')."""
    return {key: value for key, value in obj.items() if value is not None}


def index(items: list[Fact], key: Callable[[Fact], Hashable]) -> dict[Hashable, Fact]:
    return {key(item): item for item in items}

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a config resource is: the protocols its four modules follow, and the Resource that joins them."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.block_diff import block_diff
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import MASK

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import XmlElement
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

BlockRule = tuple[re.Pattern[str], Callable[["RunningConfig", "Block", re.Match[str]], None]]
XmlReader = Callable[["Reader", "XmlElement"], None]
# A resource's facts: a list of its TypedDict (`list[IsakmpPolicyFact]`) or one TypedDict (crypto_defaults).
F = TypeVar("F")
F_contra = TypeVar("F_contra", contravariant=True)


class Spec(Protocol):
    """`spec.py`: the module's argument spec and the value checks it cannot express."""

    @property
    def ARGUMENT_SPEC(self) -> dict[str, Any]: ...  # a module constant

    def check(self, params: dict[str, Any]) -> list[str]: ...


class Lines(Protocol[F_contra]):
    """`lines.py`: parse rule and render of each CLI line of the resource."""

    @property
    def NAMESPACES(self) -> tuple[str, ...]: ...  # line prefixes the resource owns

    @property
    def BLOCKS(self) -> tuple[BlockRule, ...]: ...  # running-config blocks it parses

    def config_text(self, facts: F_contra) -> list[str]: ...


class Planner(Protocol[F]):
    """`compare.py`: from want/have to the target, then the ordered CLI commands."""

    def resolve(self, want: Any, have: F, state: str, context: PlanContext) -> F: ...  # want: module params

    def plan(self, have: F, target: F, context: PlanContext) -> list[str]: ...

    def transition(self, have: F, target: F) -> list[str]: ...


class Netconf(Protocol[F_contra]):
    """`netconf.py`: get-config readers and the edit-config renderer (IOS XE native model)."""

    @property
    def READERS(self) -> dict[tuple[str, ...], XmlReader]: ...  # path below <native> -> reader

    def render(self, payload: Payload, have: F_contra, target: F_contra, device: RunningConfig) -> None: ...


@dataclass(frozen=True)
class ResourceOf(Generic[F]):
    """One config resource; F is its facts type, checked against the four modules where the registry
    builds it. The runner, the parsers and the facts module see `Resource` (facts typed `Any`)."""

    name: str
    spec: Spec
    planner: Planner[F]
    lines: Lines[F]
    netconf: Netconf[F]
    empty: Callable[[], Any]  # `config` when the task gives none
    unconfigured: Callable[[], F]  # facts of a device without any line of the resource
    secret_fields: tuple[str, ...] = ()
    touches: tuple[str, ...] = ()  # other resources the plan may change (restored on rollback too)
    unconfigured_xml: Callable[[], Any] | None = None  # when get-config shows an absent node differently

    def facts(self, config: RunningConfig) -> F:
        return cast(F, copy.deepcopy(getattr(config, self.name)))

    def want(self, params: dict[str, Any]) -> Any:
        config = params.get("config")
        return copy.deepcopy(config) if config is not None else self.empty()

    def mask(self, facts: Any, compared_to: Any = None) -> Any:
        """Facts safe to return: secrets replaced by MASK, or by MASK_CHANGED where an item's secret
        differs from the same item in `compared_to`. A secret field `peers.key` is `key` of each item
        of the item's `peers` list."""
        if not self.secret_fields or not isinstance(facts, list):
            return copy.deepcopy(facts)
        return _mask_items(facts, compared_to or [], self.secret_fields)

    def secrets(self, facts: Any) -> list[str]:
        if not isinstance(facts, list):
            return []
        return _secrets_of(facts, self.secret_fields)

    def config_text(self, facts: Any) -> str:
        """Running-config text of already masked facts."""
        return "".join(line + "\n" for line in self.lines.config_text(facts))

    def diff(self, before: Any, after: Any) -> dict[str, str]:
        """The --diff of a task: a unified diff of the running-config text, one hunk per changed block
        (compare/block_diff.py), secrets masked; a changed secret shows as MASK_CHANGED. It is `prepared`
        (printed as is), not before/after, which Ansible would diff with three lines of context."""
        before_text = self.config_text(self.mask(before))
        return {"prepared": block_diff(before_text, self.config_text(self.mask(after, before)))}

    @property
    def restore_order(self) -> tuple[str, ...]:
        return (self.name, *self.touches)


Resource = ResourceOf[Any]
MASK_CHANGED = MASK + "(changed)"


def _split(fields: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """(fields of the item itself, {list field: secret fields of its items})."""
    nested: dict[str, tuple[str, ...]] = {}
    for field in fields:
        if "." in field:
            prefix, rest = field.split(".", 1)
            nested[prefix] = (*nested.get(prefix, ()), rest)
    return tuple(f for f in fields if "." not in f), nested


def _mask_items(items: list[Any], previous_items: list[Any], fields: tuple[str, ...]) -> list[Any]:
    own, nested = _split(fields)
    hidden = (*own, "key_type", *nested)

    def identity(item: dict[str, Any]) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((key, str(value)) for key, value in item.items() if key not in hidden))

    def values(item: dict[str, Any]) -> list[Any]:
        return [item.get(field) for field in (*own, "key_type")]

    previous = {identity(item): item for item in previous_items}
    masked_items = []
    for item in items:
        before = previous.get(identity(item))
        token = MASK_CHANGED if before is not None and values(before) != values(item) else MASK
        masked = {
            key: (token if key in own and value else copy.deepcopy(value)) for key, value in item.items()
        }
        for prefix, inner in nested.items():
            if isinstance(item.get(prefix), list):
                masked[prefix] = _mask_items(item[prefix], (before or {}).get(prefix) or [], inner)
        masked_items.append(masked)
    return masked_items


def _secrets_of(items: list[Any], fields: tuple[str, ...]) -> list[str]:
    own, nested = _split(fields)
    found = [item[field] for item in items for field in own if item.get(field)]
    for prefix, inner in nested.items():
        found += [
            s
            for item in items
            if isinstance(item.get(prefix), list)
            for s in _secrets_of(item[prefix], inner)
        ]
    return found

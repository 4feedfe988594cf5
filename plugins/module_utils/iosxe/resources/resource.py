# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a config resource is: the protocols its four modules follow, and the Resource that joins them."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

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


class Spec(Protocol):
    """`spec.py`: the module's argument spec and the value checks it cannot express."""

    @property
    def ARGUMENT_SPEC(self) -> dict[str, Any]: ...  # a module constant

    def check(self, params: dict[str, Any]) -> list[str]: ...


class Lines(Protocol):
    """`lines.py`: parse rule and render of each CLI line of the resource."""

    @property
    def NAMESPACES(self) -> tuple[str, ...]: ...  # line prefixes the resource owns

    @property
    def BLOCKS(self) -> tuple[BlockRule, ...]: ...  # running-config blocks it parses

    def config_text(self, facts: Any) -> list[str]: ...


class Planner(Protocol):
    """`compare.py`: from want/have to the target, then the ordered CLI commands."""

    def resolve(self, want: Any, have: Any, state: str, context: PlanContext) -> Any: ...

    def plan(self, have: Any, target: Any, context: PlanContext) -> list[str]: ...

    def transition(self, have: Any, target: Any) -> list[str]: ...


class Netconf(Protocol):
    """`netconf.py`: get-config readers and the edit-config renderer (IOS XE native model)."""

    @property
    def READERS(self) -> dict[tuple[str, ...], XmlReader]: ...  # path below <native> -> reader

    def render(self, payload: Payload, have: Any, target: Any, device: RunningConfig) -> None: ...


@dataclass(frozen=True)
class Resource:
    name: str
    spec: Spec
    planner: Planner
    lines: Lines
    netconf: Netconf
    empty: Callable[[], Any]  # `config` when the task gives none
    unconfigured: Callable[[], Any]  # facts of a device without any line of the resource
    secret_fields: tuple[str, ...] = ()
    touches: tuple[str, ...] = ()  # other resources the plan may change (restored on rollback too)
    unconfigured_xml: Callable[[], Any] | None = None  # when get-config shows an absent node differently

    def facts(self, config: RunningConfig) -> Any:
        return copy.deepcopy(getattr(config, self.name))

    def want(self, params: dict[str, Any]) -> Any:
        config = params.get("config")
        return copy.deepcopy(config) if config is not None else self.empty()

    def mask(self, facts: Any, compared_to: Any = None) -> Any:
        """Facts safe to return: secrets replaced by MASK, or by MASK_CHANGED where an item's secret
        differs from the same item in `compared_to`."""
        if not self.secret_fields or not isinstance(facts, list):
            return copy.deepcopy(facts)
        previous = {self._identity(item): self._secret_values(item) for item in compared_to or []}
        return [self._mask_item(item, previous.get(self._identity(item))) for item in facts]

    def _mask_item(self, item: dict[str, Any], previous: list[Any] | None) -> dict[str, Any]:
        changed = previous is not None and previous != self._secret_values(item)
        token = MASK_CHANGED if changed else MASK
        return {key: (token if key in self.secret_fields and value else value) for key, value in item.items()}

    def _identity(self, item: dict[str, Any]) -> tuple[tuple[str, str], ...]:
        hidden = (*self.secret_fields, "key_type")
        return tuple(sorted((key, str(value)) for key, value in item.items() if key not in hidden))

    def _secret_values(self, item: dict[str, Any]) -> list[Any]:
        return [item.get(field) for field in (*self.secret_fields, "key_type")]

    def secrets(self, facts: Any) -> list[str]:
        if not isinstance(facts, list):
            return []
        return [item[f] for item in facts for f in self.secret_fields if item.get(f)]

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


MASK_CHANGED = MASK + "(changed)"

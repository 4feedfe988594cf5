# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The five config resources: which argspec, parser slice, planner and renderer each one uses."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec import (
    crypto_defaults as crypto_defaults_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec import (
    crypto_maps as crypto_maps_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec import (
    isakmp_keys as isakmp_keys_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec import (
    isakmp_policies as isakmp_policies_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec import (
    transform_sets as transform_sets_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare import (
    crypto_defaults as crypto_defaults_plan,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare import (
    crypto_maps as crypto_maps_plan,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare import (
    isakmp_keys as isakmp_keys_plan,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare import (
    isakmp_policies as isakmp_policies_plan,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare import (
    transform_sets as transform_sets_plan,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.running import RunningConfig
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import MASK
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.render import (
    crypto_defaults as crypto_defaults_text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.render import (
    crypto_maps as crypto_maps_text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.render import (
    isakmp_keys as isakmp_keys_text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.render import (
    isakmp_policies as isakmp_policies_text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.render import (
    transform_sets as transform_sets_text,
)


@dataclass(frozen=True)
class Resource:
    name: str
    spec: ModuleType  # ARGUMENT_SPEC and check(params)
    planner: ModuleType  # resolve(want, have, state, context), plan(...), transition(have, target)
    text: ModuleType  # config_text(facts) -> running-config lines
    empty: Callable[[], Any]
    secret_fields: tuple[str, ...] = ()
    touches: tuple[str, ...] = ()  # other resources the plan may change (restored on rollback too)

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
        return "".join(line + "\n" for line in self.text.config_text(facts))

    def diff(self, before: Any, after: Any) -> dict[str, str]:
        """Before/after running-config text with secrets masked; a changed secret shows as MASK_CHANGED."""
        return {
            "before": self.config_text(self.mask(before)),
            "after": self.config_text(self.mask(after, before)),
        }

    @property
    def restore_order(self) -> tuple[str, ...]:
        return (self.name, *self.touches)


MASK_CHANGED = MASK + "(changed)"


RESOURCES = {
    resource.name: resource
    for resource in (
        Resource("isakmp_policies", isakmp_policies_spec, isakmp_policies_plan, isakmp_policies_text, list),
        Resource("isakmp_keys", isakmp_keys_spec, isakmp_keys_plan, isakmp_keys_text, list, ("key",)),
        Resource(
            "transform_sets",
            transform_sets_spec,
            transform_sets_plan,
            transform_sets_text,
            list,
            touches=("crypto_maps",),
        ),
        Resource("crypto_maps", crypto_maps_spec, crypto_maps_plan, crypto_maps_text, list),
        Resource("crypto_defaults", crypto_defaults_spec, crypto_defaults_plan, crypto_defaults_text, dict),
    )
}

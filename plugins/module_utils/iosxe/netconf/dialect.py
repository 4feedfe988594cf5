# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NETCONF dialect of the config modules: get-config XML in, one edit-config payload out.

The runner reads facts, resolves the target and checks the plan exactly as over network_cli (the CLI
planner still runs, for its checks and warnings); this dialect then replaces the CLI lines by one
`<config>` payload rendered from the same facts. The device applies an edit-config all-or-nothing.
"""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import parse_config_xml
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.rpc_errors import mask_xml
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.registry import RESOURCES
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import RunningConfig

# Facts fields without a node in the 17.18.1 YANG: (resource, field) -> why.
NOT_MODELLED = {
    ("crypto_defaults", "ipsec_default_transform_set"): (
        "crypto ipsec default transform-set has no node in the IOS XE 17.18.1 YANG model, so it cannot be "
        "read or set over NETCONF; use ansible.netcommon.network_cli for this toggle"
    ),
}


class XmlDialect:
    name = "xml"

    @staticmethod
    def parse(text: str) -> RunningConfig:
        return parse_config_xml(text)

    @staticmethod
    def adapt(resource: Any, params: dict[str, Any], target: Any) -> Any:
        """The target without fields the model cannot express; fails when the task sets one of them."""
        fields = {field: why for (name, field), why in NOT_MODELLED.items() if name == resource.name}
        config = params.get("config")
        given: dict[str, Any] = config if isinstance(config, dict) else {}
        errors = [why for field, why in fields.items() if given.get(field) is not None]
        if errors:
            raise ResourceError("; ".join(errors))
        if isinstance(target, dict):
            return {key: value for key, value in target.items() if key not in fields}
        return target

    @staticmethod
    def encode(resource: Any, have: Any, target: Any, context: PlanContext, commands: list[str]) -> list[str]:
        """One payload that takes the device from `have` to `target` (none when nothing differs)."""
        payload = Payload()
        resource.netconf.render(payload, have, target, context.device)
        return [] if payload.empty() else [payload.text()]

    @staticmethod
    def restore(names: tuple[str, ...], now: RunningConfig, before: RunningConfig) -> list[str]:
        """One payload that takes every named resource back from `now` to `before`."""
        payload = Payload()
        for name in names:
            RESOURCES[name].netconf.render(
                payload, getattr(now, name), getattr(before, name), RunningConfig()
            )
        return [] if payload.empty() else [payload.text()]

    @staticmethod
    def show(payloads: list[str]) -> list[str]:
        return [mask_xml(payload) for payload in payloads]


XML_DIALECT = XmlDialect()


def looks_like_xml(text: str) -> bool:
    return text.lstrip().startswith("<")

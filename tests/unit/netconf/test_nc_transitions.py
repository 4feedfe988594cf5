"""Each rendered edit takes the reference router's datastore to the target, and both views agree.

For every case: the router boots the start config; the facts read from its get-config XML equal the facts
the CLI parser reads from its `show running-config`; the payload rendered from (have, target) is applied
by the router's own edit engine; afterwards both views show the target, and rendering again gives nothing
to send (idempotent).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.dialect import XML_DIALECT
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.registry import RESOURCES
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    RunningConfig,
    parse_running_config,
)
from nc_cases import CASES
from nc_inprocess import RouterDatastore


def canonical(resource: str, facts: Any) -> Any:
    """Facts with list items in a fixed order and interfaces as a set; peer and transform-set order kept."""
    if resource == "crypto_defaults":
        return {"isakmp_default_policy": facts["isakmp_default_policy"]}  # the only field NETCONF carries
    if resource in (
        "ikev2_proposals",
        "ikev2_profiles",
    ):  # empty leaves / lists by kind: no order over NETCONF
        facts = [
            {key: sorted(value) if isinstance(value, list) else value for key, value in item.items()}
            for item in facts
        ]
    items = [
        {**item, "interfaces": sorted(item["interfaces"])} if "interfaces" in item else item for item in facts
    ]
    return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))


def views(device: RouterDatastore, resource: str) -> tuple[Any, Any]:
    xml = RESOURCES[resource].facts(XML_DIALECT.parse(device.running_config()))
    cli = RESOURCES[resource].facts(parse_running_config(device.cli_text()))
    return canonical(resource, xml), canonical(resource, cli)


def encode(resource: str, config: RunningConfig, target: Any) -> list[str]:
    item = RESOURCES[resource]
    return XML_DIALECT.encode(item, item.facts(config), target, PlanContext(config, {}), [])


@pytest.mark.parametrize("name", sorted(CASES))
def test_edit_reaches_the_target_in_both_views(name: str) -> None:
    case = CASES[name]
    device = RouterDatastore(case.startup)
    xml_before, cli_before = views(device, case.resource)
    assert xml_before == cli_before
    payloads = encode(case.resource, XML_DIALECT.parse(device.running_config()), case.target)
    assert len(payloads) == 1
    device.configure(payloads)
    xml_after, cli_after = views(device, case.resource)
    assert xml_after == canonical(case.resource, case.target)
    assert cli_after == xml_after
    assert encode(case.resource, XML_DIALECT.parse(device.running_config()), case.target) == []


def test_unchanged_target_renders_nothing() -> None:
    case = CASES["crypto-maps-reorder-and-trim-lists"]
    config = XML_DIALECT.parse(RouterDatastore(case.startup).running_config())
    for name in RESOURCES:
        item = RESOURCES[name]
        assert (
            XML_DIALECT.encode(item, item.facts(config), item.facts(config), PlanContext(config, {}), [])
            == []
        )

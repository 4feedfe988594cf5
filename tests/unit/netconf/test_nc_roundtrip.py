"""Property: facts rendered as an edit-config payload and parsed back are the same facts.

The payload that creates a resource from nothing has the shape of a get-config reply, so parsing it must
give back exactly what was rendered (list order aside where the YANG keys a list differently: PSKs are
grouped by key string, interfaces belong to their interface list).
"""

from __future__ import annotations

import json
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.dialect import XML_DIALECT
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import parse_config_xml
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.registry import RESOURCES
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import RunningConfig
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import (
    AH_INTEGRITIES,
    COMBINED_MODE_TRANSFORMS,
    DH_GROUPS,
    ESP_ENCRYPTIONS,
    ESP_INTEGRITIES,
    ISAKMP_AUTHENTICATIONS,
    ISAKMP_ENCRYPTION_CLI,
    ISAKMP_HASHES,
    KEY_SIZE_TRANSFORMS,
    KEY_SIZES,
    PFS_GROUPS,
)
from hypothesis import given, settings
from hypothesis import strategies as st

NAMES = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789_-", min_size=1, max_size=12).filter(
    lambda name: name[0].isalpha()
)
ADDRESSES = st.tuples(*[st.integers(1, 254)] * 4).map(lambda parts: ".".join(map(str, parts)))
ACLS = st.one_of(st.integers(100, 199).map(str), st.integers(2000, 2699).map(str), NAMES)
INTERFACES = st.sampled_from(
    ["GigabitEthernet1", "GigabitEthernet2", "Loopback0", "Tunnel10", "Vlan20", "Port-channel3"]
)
SETTINGS = settings(max_examples=60, deadline=None)


def roundtrip(resource: str, facts: Any) -> Any:
    item = RESOURCES[resource]
    context = PlanContext(RunningConfig(), {}, offline=True)
    payloads = XML_DIALECT.encode(item, item.empty(), facts, context, [])
    return item.facts(parse_config_xml(payloads[0])) if payloads else item.empty()


def as_set(items: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(item, sort_keys=True) for item in items)


policies = st.lists(
    st.builds(
        lambda priority, encryption, hash_, authentication, group, lifetime: {
            "priority": priority,
            "encryption": encryption,
            "hash": hash_,
            "authentication": authentication,
            "group": group,
            "lifetime": lifetime,
        },
        st.integers(1, 10000),
        st.sampled_from(sorted(ISAKMP_ENCRYPTION_CLI)),
        st.sampled_from(ISAKMP_HASHES),
        st.sampled_from(ISAKMP_AUTHENTICATIONS),
        st.sampled_from(DH_GROUPS),
        st.integers(60, 86400),
    ),
    max_size=5,
    unique_by=lambda policy: policy["priority"],
).map(lambda items: sorted(items, key=lambda policy: policy["priority"]))


@SETTINGS
@given(policies)
def test_policies(facts: list[dict[str, Any]]) -> None:
    assert roundtrip("isakmp_policies", facts) == facts


def _key(address: str, secret: str, mask: str | None, no_xauth: bool) -> dict[str, Any]:
    return {
        "address": address,
        **({"mask": mask} if mask else {}),
        "key": secret,
        **({"no_xauth": True} if no_xauth else {}),
    }


keys = st.lists(
    st.builds(
        _key,
        ADDRESSES,
        st.sampled_from(["Key-A", "Key-B", "K&<y>"]),
        st.sampled_from([None, "255.255.0.0"]),
        st.booleans(),
    ),
    max_size=6,
    unique_by=lambda entry: entry["address"],
)


@SETTINGS
@given(keys)
def test_keys(facts: list[dict[str, Any]]) -> None:
    assert as_set(roundtrip("isakmp_keys", facts)) == as_set(facts)


@st.composite
def transform_set(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {"name": draw(NAMES)}
    if draw(st.booleans()):
        item["ah_integrity"] = draw(st.sampled_from(AH_INTEGRITIES))
    else:
        item["esp_encryption"] = draw(st.sampled_from(ESP_ENCRYPTIONS))
        if item["esp_encryption"] in KEY_SIZE_TRANSFORMS:
            item["key_size"] = draw(st.sampled_from(KEY_SIZES))
        if item["esp_encryption"] not in COMBINED_MODE_TRANSFORMS and draw(st.booleans()):
            item["esp_integrity"] = draw(st.sampled_from(ESP_INTEGRITIES))
    order = ("name", "esp_encryption", "key_size", "esp_integrity", "ah_integrity")
    return {
        **{field: item[field] for field in order if field in item},
        "mode": draw(st.sampled_from(["tunnel", "transport"])),
    }


@SETTINGS
@given(st.lists(transform_set(), max_size=5, unique_by=lambda item: item["name"]))
def test_transform_sets(facts: list[dict[str, Any]]) -> None:
    assert roundtrip("transform_sets", facts) == facts


@st.composite
def policy_entry(draw: st.DrawFn, seq: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"seq": seq}
    optional = {
        "peers": st.lists(ADDRESSES, min_size=1, max_size=3, unique=True),
        "match_address": ACLS,
        "transform_sets": st.lists(NAMES, min_size=1, max_size=3, unique=True),
        "pfs": st.sampled_from(PFS_GROUPS),
        "sa_lifetime": st.fixed_dictionaries(
            {}, optional={"seconds": st.integers(120, 2592000), "kilobytes": st.integers(2560, 4294967295)}
        ).filter(bool),
    }
    for field, strategy in optional.items():
        if draw(st.booleans()):
            entry[field] = draw(strategy)
    if "sa_lifetime" in entry:
        entry["sa_lifetime"] = {
            unit: entry["sa_lifetime"][unit]
            for unit in ("seconds", "kilobytes")
            if unit in entry["sa_lifetime"]
        }
    return entry


@st.composite
def crypto_maps(draw: st.DrawFn) -> list[dict[str, Any]]:
    names = draw(st.lists(NAMES, min_size=1, max_size=3, unique=True))
    maps, free = [], list(draw(st.lists(INTERFACES, max_size=4, unique=True)))
    for index, name in enumerate(names):
        dynamic = index == 0 and draw(st.booleans())
        seqs = sorted(draw(st.sets(st.integers(1, 65535), min_size=1, max_size=3)))
        entries = []
        for seq in seqs:
            if not dynamic and maps and maps[0]["dynamic"] and draw(st.booleans()):
                entries.append({"seq": seq, "dynamic_map": maps[0]["name"]})
            else:
                entries.append(draw(policy_entry(seq)))
        item: dict[str, Any] = {"name": name, "dynamic": dynamic, "entries": entries}
        if not dynamic and free:
            item["interfaces"], free = free[:2], free[2:]
        maps.append(item)
    return maps


@SETTINGS
@given(crypto_maps())
def test_crypto_maps(facts: list[dict[str, Any]]) -> None:
    def canonical(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {**item, "interfaces": sorted(item["interfaces"])} if "interfaces" in item else item
            for item in items
        ]

    assert canonical(roundtrip("crypto_maps", facts)) == canonical(facts)

"""Every payload the XML renderers produce validates against the IOS XE 17.18.1 YANG (yanglint).

The matrix: for every case of nc_cases, the edit from the router's start state to the target, the edit
back, and the payload that creates the target from nothing (what `rendered_format: xml` returns), plus
payloads for facts the router does not keep (type-6 keys, esp-seal, interface types it does not serve)
and a rollback payload over two resources. All are checked as edit-config content (`-t edit`: structure,
types, enumerations, namespaces); the ones without edit operations are also checked as complete
configurations (`-t config`: `when` and `must` statements too).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.dialect import XML_DIALECT
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.registry import RESOURCES
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import RunningConfig
from nc_cases import CASES, cmap, key, tset
from nc_inprocess import RouterDatastore, native_of, require_yanglint, yanglint

# Facts the reference router does not keep or serve, rendered from nothing.
UNSERVED: dict[str, tuple[str, Any]] = {
    "type-6-key": ("isakmp_keys", [{**key("192.0.2.7", "FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB"), "key_type": 6}]),
    "esp-seal": ("transform_sets", [tset("SEAL", esp_encryption="esp-seal", esp_integrity="esp-sha-hmac")]),
    "interface-types": (
        "crypto_maps",
        [
            cmap(
                {"seq": 1, "peers": ["192.0.2.1"], "match_address": "2699"},
                interfaces=[
                    "TenGigabitEthernet0/0/1",
                    "Port-channel1",
                    "Vlan10",
                    "Tunnel5",
                    "GigabitEthernet1.100",
                ],
            )
        ],
    ),
}


# Alone, these payloads fail the model's `must`/leafref checks: an IKEv2 policy names proposals of
# ikev2_proposals, an IKEv2 profile a keyring of ikev2_keyrings.
REFERENCES_ANOTHER_RESOURCE = ("ikev2-policies-", "ikev2-profiles-", "ipsec-profiles", "isakmp-profiles")


def encode(resource: str, have: Any, target: Any, device: RunningConfig | None = None) -> list[str]:
    context = PlanContext(device or RunningConfig(), {}, offline=device is None)
    return XML_DIALECT.encode(RESOURCES[resource], have, target, context, [])


def payload_matrix() -> dict[str, str]:
    documents: dict[str, str] = {}
    for name, case in CASES.items():
        config = XML_DIALECT.parse(RouterDatastore(case.startup).running_config())
        have = RESOURCES[case.resource].facts(config)
        for direction, payloads in (
            ("forward", encode(case.resource, have, case.target, config)),
            ("back", encode(case.resource, case.target, have, config)),
            ("create", encode(case.resource, RESOURCES[case.resource].empty(), case.target)),
        ):
            documents.update({f"{name}-{direction}": payload for payload in payloads})
    for name, (resource, target) in UNSERVED.items():
        documents[name] = encode(resource, RESOURCES[resource].empty(), target)[0]
    case = CASES["crypto-maps-drop-fields-switch-kind-move-interfaces"]
    start, end = RouterDatastore(case.startup), RouterDatastore(case.startup)
    end.configure(
        encode(
            case.resource,
            RESOURCES[case.resource].facts(XML_DIALECT.parse(end.running_config())),
            case.target,
        )
    )
    restore = XML_DIALECT.restore(
        ("transform_sets", "crypto_maps"),
        XML_DIALECT.parse(end.running_config()),
        XML_DIALECT.parse(start.running_config()),
    )
    documents["restore-two-resources"] = restore[0]
    return documents


@pytest.fixture(scope="module")
def matrix() -> dict[str, str]:
    require_yanglint()
    return payload_matrix()


def test_matrix_covers_every_resource_and_operation(matrix: dict[str, str]) -> None:
    text = "\n".join(matrix.values())
    for operation in ("replace", "remove"):
        assert f'nc:operation="{operation}"' in text
    for element in (
        "<policy>",
        "<key-address-host>",
        "<transform-set>",
        "<dynamic-map xmlns=",
        "<map-seq>",
        "<tag>",
    ):
        assert element in text
    assert len(matrix) >= 3 * len(CASES)


def test_every_payload_is_valid_edit_config_content(matrix: dict[str, str], tmp_path: Path) -> None:
    assert yanglint({name: native_of(payload) for name, payload in matrix.items()}, "edit", tmp_path) == ""


def test_payloads_without_operations_are_valid_configurations(matrix: dict[str, str], tmp_path: Path) -> None:
    # A policy's proposal, a profile's keyring or transform set must name an object of the same datastore (a
    # YANG `must`), which a payload that only adds the referring object does not hold; the edit check above
    # validates those payloads.
    plain = {
        name: native_of(payload)
        for name, payload in matrix.items()
        if "nc:operation" not in payload and not name.startswith(REFERENCES_ANOTHER_RESOURCE)
    }
    assert len(plain) >= len(CASES) - 2 * len(REFERENCES_ANOTHER_RESOURCE)
    assert yanglint(plain, "config", tmp_path) == ""


def test_yanglint_rejects_what_the_model_forbids(matrix: dict[str, str], tmp_path: Path) -> None:
    payload = matrix["policies-create-every-cipher-create"]
    assert "<group>19</group>" in payload
    broken = native_of(payload.replace("<group>19</group>", "<group>3</group>"))
    assert 'Invalid enumeration value "3"' in yanglint({"broken": broken}, "edit", tmp_path)


@pytest.mark.parametrize(
    ("resource", "target", "reason"),
    [
        (
            "transform_sets",
            [tset("BOTH", ah_integrity="ah-sha-hmac", esp_encryption="esp-aes", key_size=128)],
            "allows esp only without ah-hmac",
        ),
        (
            "crypto_maps",
            [cmap({"seq": 1, "peers": ["192.0.2.1"]}, interfaces=["Serial0/0"])],
            "interface Serial0/0",
        ),
        ("crypto_maps", [cmap({"seq": 1, "match_address": "99"})], "match_address 99"),
        (
            "isakmp_keys",
            [key("10.0.0.0", "Same-Key", "255.0.0.0"), key("10.0.0.0", "Same-Key", "255.255.0.0")],
            "cannot be given twice for the same address",
        ),
    ],
)
def test_what_the_model_cannot_express_fails_before_anything_is_sent(
    resource: str, target: Any, reason: str
) -> None:
    with pytest.raises(ResourceError, match=reason):
        encode(resource, RESOURCES[resource].empty(), target)

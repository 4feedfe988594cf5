"""The config modules over the XML dialect, run in-process against the reference router's datastore.

The same task runs on two routers booted from the same config: one driven with CLI lines (the network_cli
dialect, through refrouter's CLI), one with edit-config payloads (the NETCONF dialect, through refrouter's
edit engine). Results must agree on before, after, changed and diff.
"""

from __future__ import annotations

from typing import Any

import pytest
from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import parse_config_xml
from iosxe_module_harness import run_module
from nc_cases import MAPS_STARTUP, SETS_STARTUP
from nc_inprocess import RouterDatastore

from refrouter.cli.loader import apply_config_text

POLICIES = "crypto isakmp policy 10\n encr aes 256\n hash sha256\ncrypto isakmp policy 20\n encr 3des\n"
KEYS = (
    "crypto isakmp key Dev-Key-1 address 192.0.2.1\ncrypto isakmp key Dev-Key-2 address 10.0.0.0 255.0.0.0\n"
)


class RouterCli:
    """The CLI dialect's device: running-config text, and lines applied as `configure terminal` input."""

    def __init__(self, startup: str) -> None:
        self.router = RouterDatastore(startup).router

    def running_config(self) -> str:
        return self.router.running_config_text()

    def configure(self, commands: list[str]) -> list[str]:
        errors = apply_config_text(self.router, "\n".join(commands))
        if errors:
            raise DeviceError(f"device rejected configuration: {errors[0]}")
        return []


SAME_AS_CLI: list[tuple[str, str, dict[str, Any]]] = [
    (
        "isakmp_policies",
        POLICIES,
        {"config": [{"priority": 10, "group": 19}, {"priority": 30, "encryption": "aes"}]},
    ),
    ("isakmp_policies", POLICIES, {"config": [{"priority": 10, "hash": "md5"}], "state": "replaced"}),
    (
        "isakmp_policies",
        POLICIES,
        {"config": [{"priority": 5, "authentication": "pre-share"}], "state": "overridden"},
    ),
    ("isakmp_policies", POLICIES, {"config": [{"priority": 20}], "state": "deleted"}),
    (
        "isakmp_keys",
        KEYS,
        {"config": [{"address": "192.0.2.1", "key": "Rotated-9"}, {"address": "192.0.2.2", "key": "K2"}]},
    ),
    (
        "isakmp_keys",
        KEYS,
        {"config": [{"address": "192.0.2.9", "key": "Only-1", "no_xauth": True}], "state": "overridden"},
    ),
    ("isakmp_keys", KEYS, {"state": "deleted"}),
    (
        "transform_sets",
        SETS_STARTUP,
        {"config": [{"name": "TS1", "mode": "transport"}, {"name": "N", "esp_encryption": "esp-aes"}]},
    ),
    (
        "transform_sets",
        SETS_STARTUP,
        {"config": [{"name": "TS2", "esp_encryption": "esp-gcm"}], "state": "replaced"},
    ),
    (
        "transform_sets",
        SETS_STARTUP,
        {"config": [{"name": "TS3", "ah_integrity": "ah-md5-hmac"}], "state": "overridden"},
    ),
    (
        "crypto_maps",
        MAPS_STARTUP,
        {
            "config": [
                {
                    "name": "CMAP",
                    "entries": [{"seq": 20, "peers": ["192.0.2.30"], "pfs": "group20"}],
                    "interfaces": ["Gi3"],
                }
            ]
        },
    ),
    (
        "crypto_maps",
        MAPS_STARTUP,
        {
            "config": [
                {
                    "name": "CMAP",
                    "entries": [
                        {"seq": 10, "peers": ["192.0.2.2", "192.0.2.1"], "transform_sets": ["TS3", "TS1"]}
                    ],
                }
            ],
            "state": "replaced",
        },
    ),
    (
        "crypto_maps",
        MAPS_STARTUP,
        {
            "config": [{"name": "OTHER", "entries": [{"seq": 10, "peers": ["192.0.2.21"]}]}],
            "state": "overridden",
        },
    ),
    (
        "crypto_maps",
        MAPS_STARTUP,
        {"config": [{"name": "CMAP", "entries": [{"seq": 30}]}, {"name": "OTHER"}], "state": "deleted"},
    ),
    ("crypto_defaults", "", {"config": {"isakmp_default_policy": False}}),
    ("crypto_defaults", "no crypto isakmp default policy\n", {"state": "deleted"}),
]


@pytest.mark.parametrize(("resource", "startup", "args"), SAME_AS_CLI)
def test_same_results_as_over_network_cli_and_idempotent(
    capsys: pytest.CaptureFixture[str], resource: str, startup: str, args: dict[str, Any]
) -> None:
    xml_device, cli_device = RouterDatastore(startup), RouterCli(startup)
    over_xml = run_module(capsys, resource, args, xml_device, diff=True)
    over_cli = run_module(capsys, resource, args, cli_device, diff=True)
    assert not over_xml.get("failed"), over_xml.get("msg")
    assert over_cli["changed"] is True
    for field in ("before", "after", "changed", "diff", "warnings"):
        assert _comparable(resource, over_xml[field]) == _comparable(resource, over_cli[field]), field
    assert len(over_xml["commands"]) == len(xml_device.edits) == 1
    assert over_xml["commands"][0].startswith('<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"')
    again = run_module(capsys, resource, args, xml_device)
    assert (again["changed"], again["commands"], len(xml_device.edits)) == (False, [], 1)


def _comparable(resource: str, value: Any) -> Any:
    """crypto_defaults over NETCONF carries only isakmp_default_policy (no YANG node for the other toggle);
    ISAKMP keys are a set (the YANG lists them by PSK, so a rotated key moves to the end of the list)."""
    if resource == "crypto_defaults" and isinstance(value, dict) and "isakmp_default_policy" in value:
        return {"isakmp_default_policy": value["isakmp_default_policy"]}
    if resource == "isakmp_keys" and isinstance(value, list):
        return sorted(value, key=str)
    if resource == "isakmp_keys" and isinstance(value, dict):  # the diff: its changed lines, as a set
        return sorted(
            line for line in value["prepared"].splitlines() if line[:1] in "+-" and line[1:2] != line[:1]
        )
    return value


def test_check_mode_sends_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    device = RouterDatastore(POLICIES)
    before = device.running_config()
    result = run_module(
        capsys,
        "isakmp_policies",
        {"config": [{"priority": 10, "group": 14}]},
        device,
        check_mode=True,
        diff=True,
    )
    assert (
        result["changed"] is True
        and len(result["commands"]) == 1
        and "<group>14</group>" in result["commands"][0]
    )
    assert result["after"][0]["group"] == 14 and result["before"][0]["group"] == 1
    assert result["diff"]["prepared"] == (
        "--- before\n+++ after\n@@ -1,3 +1,4 @@\n crypto isakmp policy 10\n  encr aes 256\n  hash sha256\n"
        "+ group 14\n"
    )
    assert device.edits == [] and device.running_config() == before


def test_rejected_edit_changes_nothing_so_nothing_is_restored(capsys: pytest.CaptureFixture[str]) -> None:
    device = RouterDatastore(MAPS_STARTUP)
    before = device.running_config()
    args = {
        "config": [
            {
                "name": "NEW",
                "entries": [{"seq": 5, "peers": ["192.0.2.7"]}],
                "interfaces": ["GigabitEthernet9"],
            }
        ]
    }
    result = run_module(capsys, "crypto_maps", args, device)
    assert result["failed"] is True
    assert result["msg"].startswith("edit-config failed: rpc-error invalid-value: ")
    assert "GigabitEthernet9" in result["msg"]
    assert result["msg"].endswith("; nothing to restore: the configuration is as it was before the task")
    assert result["rollback"] == {"commands": [], "restored": True}
    assert result["commands"] == device.edits and len(device.edits) == 1
    assert device.running_config() == before


class AppliesThenFails(RouterDatastore):
    """A device whose edit is not all-or-nothing: it applies the first payload, then reports an error."""

    def configure(self, payloads: list[str]) -> list[str]:
        failing = not self.edits
        super().configure(payloads)
        if failing:
            raise DeviceError("edit-config failed: rpc-error operation-failed: commit failed half way")
        return []


def test_partial_edit_is_rolled_back_with_a_payload(capsys: pytest.CaptureFixture[str]) -> None:
    device = AppliesThenFails(SETS_STARTUP)
    before = parse_config_xml(device.running_config())
    args = {"config": [{"name": "TS1"}], "state": "deleted"}
    result = run_module(capsys, "transform_sets", args, device)
    assert (
        result["failed"] is True and "restored the previous configuration with 1 command(s)" in result["msg"]
    )
    assert result["rollback"]["restored"] is True
    assert result["rollback"]["commands"] == device.edits[1:]
    assert "<tag>TS1</tag>" in device.edits[1] and "nc:operation" not in device.edits[1]
    restored = parse_config_xml(device.running_config()).transform_sets
    assert sorted(restored, key=str) == sorted(before.transform_sets, key=str)  # a re-created set comes last


def test_remove_references_over_netconf(capsys: pytest.CaptureFixture[str]) -> None:
    device = RouterDatastore(MAPS_STARTUP)
    refused = run_module(capsys, "transform_sets", {"config": [{"name": "TS1"}], "state": "deleted"}, device)
    assert (
        refused["failed"] is True and "dynamic map DYN 10 uses TS1" in refused["msg"] and device.edits == []
    )
    args = {"config": [{"name": "TS1"}], "state": "deleted", "remove_references": True}
    result = run_module(capsys, "transform_sets", args, device)
    assert result["changed"] is True and len(device.edits) == 1
    maps = {
        (m["name"], e["seq"]): e.get("transform_sets")
        for m in parse_config_xml(device.running_config()).crypto_maps
        for e in m["entries"]
    }
    assert maps[("DYN", 10)] is None and maps[("CMAP", 10)] == ["TS2", "TS3"] and maps[("OTHER", 10)] is None
    assert any("DYN 10 has no transform set left" in warning for warning in result["warnings"])


def test_keys_are_masked_in_payloads_results_and_messages(capsys: pytest.CaptureFixture[str]) -> None:
    device = RouterDatastore(KEYS)
    args = {
        "config": [
            {"address": "192.0.2.1", "key": "Given-Key-77"},
            {"address": "192.0.2.5", "key": "Other-Key-78"},
        ],
        "state": "overridden",
    }
    result = run_module(capsys, "isakmp_keys", args, device, diff=True)
    assert result["changed"] is True
    assert "<key>********</key>" in result["commands"][0]
    assert "Given-Key-77" in device.edits[0] and "Dev-Key-2" in device.edits[0]  # sent in clear, shown masked
    assert result["diff"]["prepared"] == (
        "--- before\n+++ after\n@@ -1,2 +1,2 @@\n"
        "-crypto isakmp key ******** address 192.0.2.1\n-crypto isakmp key ******** address 10.0.0.0 255.0.0.0\n"
        "+crypto isakmp key ********(changed) address 192.0.2.1\n+crypto isakmp key ******** address 192.0.2.5\n"
    )
    for secret in ("Given-Key-77", "Other-Key-78", "Dev-Key-1", "Dev-Key-2"):
        assert secret not in result["_raw"], secret


def test_default_transform_set_toggle_has_no_yang_node(capsys: pytest.CaptureFixture[str]) -> None:
    device = RouterDatastore("")
    refused = run_module(
        capsys, "crypto_defaults", {"config": {"ipsec_default_transform_set": False}}, device
    )
    assert refused["failed"] is True
    assert refused["msg"].startswith(
        "crypto ipsec default transform-set has no node in the IOS XE 17.18.1 YANG"
    )
    assert device.edits == []
    replaced = run_module(
        capsys, "crypto_defaults", {"config": {"isakmp_default_policy": False}, "state": "replaced"}, device
    )
    assert replaced["before"] == {"isakmp_default_policy": True} and replaced["after"] == {
        "isakmp_default_policy": False
    }
    assert replaced["warnings"] == [] and len(device.edits) == 1


def test_ah_with_esp_fails_before_anything_is_sent(capsys: pytest.CaptureFixture[str]) -> None:
    device = RouterDatastore("")
    args = {"config": [{"name": "BOTH", "ah_integrity": "ah-sha-hmac", "esp_encryption": "esp-aes"}]}
    result = run_module(capsys, "transform_sets", args, device)
    assert (
        result["failed"] is True and "allows esp only without ah-hmac" in result["msg"] and device.edits == []
    )


def test_rendered_xml_and_parsed_xml_need_no_device(capsys: pytest.CaptureFixture[str]) -> None:
    config = [{"name": "TS", "esp_encryption": "esp-aes", "key_size": 256, "esp_integrity": "esp-sha-hmac"}]
    rendered = run_module(
        capsys, "transform_sets", {"config": config, "state": "rendered", "rendered_format": "xml"}
    )
    assert len(rendered["rendered"]) == 1
    text = RouterDatastore(SETS_STARTUP).running_config()
    parsed = run_module(
        capsys, "transform_sets", {"running_config": rendered["rendered"][0], "state": "parsed"}
    )
    assert parsed["parsed"] == [{**config[0], "mode": "tunnel"}]
    from_device = run_module(capsys, "transform_sets", {"running_config": text, "state": "parsed"})
    assert [item["name"] for item in from_device["parsed"]] == ["TS1", "TS2", "TS3"]
    cli = run_module(capsys, "transform_sets", {"config": config, "state": "rendered"})
    assert cli["rendered"] == ["crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac"]


def test_a_key_with_a_question_mark_is_sent_over_netconf(capsys: pytest.CaptureFixture[str]) -> None:
    """In XML `?` is an ordinary character (over network_cli the same task is refused, test_isakmp_keys)."""
    device = RouterDatastore(KEYS)
    args = {"config": [{"address": "192.0.2.9", "key": "Wh?t-Key-9"}]}
    result = run_module(capsys, "isakmp_keys", args, device)
    assert result["changed"] is True and result.get("failed") is not True
    assert "<key>Wh?t-Key-9</key>" in device.edits[0]
    assert result["after"][-1] == {"address": "192.0.2.9", "key": "********"}
    assert "Wh?t-Key-9" not in result["_raw"]


def test_more_than_ten_peers_fail_before_any_edit(capsys: pytest.CaptureFixture[str]) -> None:
    """The reference router's NETCONF server takes 11 peers; IOS does not (issue #12), so nothing is sent."""
    device = RouterDatastore(MAPS_STARTUP)
    before = device.running_config()
    peers = [f"203.0.113.{host}" for host in range(1, 12)]
    result = run_module(
        capsys, "crypto_maps", {"config": [{"name": "NEW", "entries": [{"seq": 5, "peers": peers}]}]}, device
    )
    assert result["failed"] is True
    assert result["msg"] == "crypto map NEW 5: 11 peers, but IOS allows at most 10 per entry"
    assert device.edits == [] and device.running_config() == before

"""Check mode against an empty router, and --diff hunks that hold whole blocks (issue 16)."""

from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.block_diff import block_diff
from iosxe_module_harness import ScriptedDevice, run_module

POLICIES = (
    "crypto isakmp policy 20\n encr aes 256\n hash sha256\n authentication pre-share\n group 14\n lifetime 3600\n"
    "crypto isakmp policy 30\n encr aes\n hash sha384\n authentication pre-share\n group 19\n lifetime 7200\n"
)
NEW_MAP = [
    {
        "name": "VPN",
        "entries": [
            {"seq": 10, "peers": ["192.0.2.2"], "match_address": "VPN-ACL", "transform_sets": ["TS"]},
            {"seq": 20, "dynamic_map": "DYN"},
        ],
        "interfaces": ["GigabitEthernet1"],
    }
]


def test_lifetime_change_in_policy_20_is_shown_under_its_own_header(
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = [{"priority": 20, "lifetime": 28800}]
    result = run_module(capsys, "isakmp_policies", {"config": config}, ScriptedDevice(POLICIES), True, True)
    assert result["diff"]["prepared"] == (
        "--- before\n+++ after\n@@ -1,6 +1,6 @@\n"
        " crypto isakmp policy 20\n  encr aes 256\n  hash sha256\n  authentication pre-share\n  group 14\n"
        "- lifetime 3600\n+ lifetime 28800\n"
    )


def test_block_diff_of_added_removed_and_unchanged_blocks() -> None:
    before = "a 1\n x\n y\nb 2\n z\nc 3\n"
    after = "a 1\n x\n y\nc 3\n w\nd 4\n"
    assert block_diff(before, before) == ""
    assert block_diff(before, after) == (
        "--- before\n+++ after\n"
        "@@ -4,2 +3,0 @@\n-b 2\n- z\n"
        "@@ -6,1 +4,2 @@\n c 3\n+ w\n"
        "@@ -6,0 +6,1 @@\n+d 4\n"
    )


def test_check_mode_on_an_empty_router_warns_about_objects_an_earlier_task_creates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    device = ScriptedDevice("")
    result = run_module(capsys, "crypto_maps", {"config": NEW_MAP}, device, check_mode=True, diff=True)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True and device.batches == []
    assert [w for w in result["warnings"] if "check mode" in w] == [
        (
            "crypto map VPN 20 references dynamic map DYN, which would not exist "
            "(check mode: an earlier task may change this)"
        ),
        (
            "crypto map VPN 10: transform set(s) TS do not exist on the device; create them with "
            "ipsecux.iosxe.transform_sets first (check mode: an earlier task may change this)"
        ),
    ]
    assert result["diff"]["prepared"].startswith("--- before\n+++ after\n@@ -0,0 +1,")


def test_the_same_references_fail_a_real_run(capsys: pytest.CaptureFixture[str]) -> None:
    device = ScriptedDevice("")
    result = run_module(capsys, "crypto_maps", {"config": NEW_MAP}, device)
    assert result["failed"] is True and device.batches == []
    assert "transform set(s) TS do not exist on the device" in result["msg"]
    assert "references dynamic map DYN, which would not exist" in result["msg"]


def test_deleting_a_transform_set_a_map_uses_warns_only_in_check_mode(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = (
        "crypto ipsec transform-set TS esp-aes esp-sha-hmac\n mode tunnel\n"
        "crypto map VPN 10 ipsec-isakmp\n set peer 192.0.2.2\n set transform-set TS\n match address 101\n"
    )
    args = {"config": [{"name": "TS"}], "state": "deleted"}
    check = run_module(capsys, "transform_sets", args, ScriptedDevice(text), check_mode=True)
    assert check["commands"] == ["no crypto ipsec transform-set TS"]
    assert any("crypto map VPN 10 uses TS" in w and w.endswith("(check mode: an earlier task may change this)")
               for w in check["warnings"])  # fmt: skip
    device = ScriptedDevice(text)
    real = run_module(capsys, "transform_sets", args, device)
    assert real["failed"] is True and device.batches == []
    assert (
        "cannot delete transform set(s) still referenced by crypto maps: crypto map VPN 10 uses TS"
        in real["msg"]
    )

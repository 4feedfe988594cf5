"""`confirm_timeout`, `backup` and `save_when` on the module side (issue 17): values are checked before the
device is read, NETCONF refuses them with the reason, and a safe change hands the action plugin its markers."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.device import UnsettledCommit
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.dialect import XML_DIALECT
from iosxe_module_harness import ScriptedDevice, run_module

POLICY = {
    "priority": 10,
    "encryption": "aes-256",
    "hash": "sha256",
    "authentication": "pre-share",
    "group": 14,
}
RUNNING = "hostname R1\ncrypto isakmp key Old-Key-55 address 209.165.200.226\n"


@pytest.mark.parametrize("minutes", [0, 121, -5])
def test_confirm_timeout_out_of_range_is_refused_before_the_device(
    capsys: pytest.CaptureFixture[str], minutes: int
) -> None:
    result = run_module(capsys, "isakmp_policies", {"config": [POLICY], "confirm_timeout": minutes})
    assert result["failed"] is True
    assert result["msg"] == f"confirm_timeout: {minutes} is out of range; give minutes from 1 to 120"


def test_save_when_takes_only_known_values(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_module(capsys, "isakmp_policies", {"config": [POLICY], "save_when": "sometimes"})
    assert result["failed"] is True and "save_when" in result["msg"] and "sometimes" in result["msg"]


class NetconfScriptedDevice(ScriptedDevice):
    dialect = XML_DIALECT


def test_over_netconf_the_options_fail_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    device = NetconfScriptedDevice("<data/>")
    args = {"config": [POLICY], "confirm_timeout": 5, "backup": True, "save_when": "always"}
    result = run_module(capsys, "isakmp_policies", args, device)
    assert result["failed"] is True
    assert result["msg"] == (
        "needs ansible.netcommon.network_cli: confirm_timeout (the device advertises no :candidate with "
        ":confirmed-commit:1.1); "
        "backup (NETCONF reads only the crypto configuration); save_when"
    )
    assert device.reads == 0 and device.batches == []


class RevertTimerDevice(ScriptedDevice):
    def __init__(self, *configs: str) -> None:
        super().__init__(*configs)
        self.timers: list[int] = []

    def configure_with_revert_timer(self, commands: list[str], minutes: int) -> list[str]:
        self.timers.append(minutes)
        return self.configure(commands)


def test_a_safe_change_is_sent_with_the_timer_and_left_pending(capsys: pytest.CaptureFixture[str]) -> None:
    after = (
        RUNNING
        + "crypto isakmp policy 10\n encryption aes 256\n hash sha256\n authentication pre-share\n group 14\n"
    )
    device = RevertTimerDevice(RUNNING, after)
    result = run_module(capsys, "isakmp_policies", {"config": [POLICY], "confirm_timeout": 3}, device)
    assert device.timers == [3]
    assert result["safe_change"] == {"status": "pending", "confirm_timeout": 3}
    assert result["changed"] is True


def test_an_unchanged_device_needs_no_confirmation(capsys: pytest.CaptureFixture[str]) -> None:
    device = RevertTimerDevice(RUNNING)
    args = {"config": [{"address": "10.9.9.9"}], "state": "deleted", "confirm_timeout": 3}
    result = run_module(capsys, "isakmp_keys", args, device)
    assert (result["changed"], result["commands"], device.timers, device.batches) == (False, [], [], [])
    assert "safe_change" not in result


def test_the_backup_is_the_text_read_and_unset_options_change_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args: dict[str, Any] = {"config": [{"address": "209.165.200.226", "key": "Old-Key-55"}], "backup": True}
    result = run_module(capsys, "isakmp_keys", args, ScriptedDevice(RUNNING))
    assert result["changed"] is False
    # encoded, so the masking of the task's key (no_log) does not rewrite the copy
    assert base64.b64decode(result["__backup__"]).decode() == RUNNING
    plain = run_module(capsys, "isakmp_keys", {"config": args["config"]}, ScriptedDevice(RUNNING))
    assert "__backup__" not in plain and "safe_change" not in plain


def test_a_rejected_safe_change_is_left_to_the_revert_not_rolled_back_by_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    class Rejecting(RevertTimerDevice):
        def configure_with_revert_timer(self, commands: list[str], minutes: int) -> list[str]:
            self.timers.append(minutes)
            self.batches.append(list(commands))
            raise DeviceError(
                "device rejected configuration line 2 of 6 (1 applied): ' encryption aes 256': % Invalid input"
            )

    device = Rejecting(RUNNING)
    result = run_module(capsys, "isakmp_policies", {"config": [POLICY], "confirm_timeout": 4}, device)
    assert result["failed"] is True
    assert result["commands"] == ["crypto isakmp policy 10", "encryption aes 256"]
    assert result["safe_change"]["status"] == "interrupted" and result["safe_change"]["confirm_timeout"] == 4
    assert len(device.batches) == 1  # no rollback batch: the device's archive restores everything
    assert "rollback" not in result


class ConfirmedCommitDevice(NetconfScriptedDevice):
    """A NETCONF device with :candidate and :confirmed-commit:1.1 (ScriptedDevice replays the configs)."""

    confirmed_commit = True

    def __init__(self, *configs: str, commit_error: DeviceError | None = None) -> None:
        super().__init__(*configs)
        self.commits: list[tuple[int, str]] = []
        self.commit_error = commit_error

    def configure_confirmed(self, payloads: list[str], seconds: int, persist: str) -> None:
        self.batches.append(list(payloads))
        if self.commit_error is not None:
            raise self.commit_error
        self.commits.append((seconds, persist))


def test_over_netconf_a_safe_change_is_a_confirmed_commit_with_a_persist_token(
    capsys: pytest.CaptureFixture[str],
) -> None:
    device = ConfirmedCommitDevice("<data/>", "<data/>")
    result = run_module(capsys, "isakmp_policies", {"config": [POLICY], "confirm_timeout": 2}, device)
    assert [seconds for seconds, _token in device.commits] == [120]
    token = device.commits[0][1]
    assert len(token) == 32 and result["safe_change"] == {"status": "pending", "confirm_timeout": 2,
                                                          "persist_id": token}


def test_over_netconf_a_refused_commit_fails_plainly_and_a_lost_one_is_left_to_the_controller(
    capsys: pytest.CaptureFixture[str],
) -> None:
    refused = ConfirmedCommitDevice("<data/>", commit_error=DeviceError("commit failed: rpc-error operation-failed"))
    result = run_module(capsys, "isakmp_policies", {"config": [POLICY], "confirm_timeout": 2}, refused)
    assert result["failed"] is True and "safe_change" not in result
    assert result["msg"] == "device error: commit failed: rpc-error operation-failed"
    lost = ConfirmedCommitDevice("<data/>", commit_error=UnsettledCommit("commit failed: socket closed"))
    result = run_module(capsys, "isakmp_policies", {"config": [POLICY], "confirm_timeout": 2}, lost)
    assert result["failed"] is True and result["safe_change"]["status"] == "interrupted"
    assert len(result["safe_change"]["persist_id"]) == 32

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller side of `confirm_timeout` (docs/modules/safe_change.md): after a module sent its change under
`configure terminal revert timer`, check that a new SSH connection still reaches the device and confirm;
otherwise let the device revert (at once when the session still works, else by its timer) and report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.safety import PENDING, SAFE_CHANGE_KEY

GRACE_SECONDS = 60  # waited beyond the timer for the rollback to run and SSH to answer again


@dataclass
class Device:
    """What the finisher needs from the device, as callables (the action plugin binds them)."""

    send: Callable[[str], Any]  # one exec command over the task's persistent connection
    problem: Callable[[], str | None]  # why a new SSH connection fails, None when it works
    wait_until_reachable: Callable[[float], bool]  # probe until reachable or the given seconds pass
    read_back: Callable[[], Any]  # the resource's facts over a new persistent connection (None: unknown)
    confirm_command: str = "configure confirm"  # what `send` is given to confirm (NETCONF: a commit by token)
    revert_command: str = "configure revert now"  # and to roll back at once (NETCONF: cancel-commit)


def finish(result: dict[str, Any], device: Device) -> dict[str, Any]:
    """The task's result once the safe change is confirmed or reverted."""
    marker = result.pop(SAFE_CHANGE_KEY)
    timeout = int(marker["confirm_timeout"])
    if marker["status"] == PENDING:
        problem = device.problem()
        if problem is None:
            return _confirm(result, device, timeout)
        cause = f"the device could not be reached after the change: {problem}"
    else:
        cause = f"sending the change failed: {marker['error']}"
        if device.problem() is None and _sent(device, device.revert_command):
            return _reverted(result, device, cause, device.revert_command, timeout)
    if not device.wait_until_reachable(timeout * 60 + GRACE_SECONDS):
        return _failed(
            result,
            f"{cause}; the device is still unreachable {timeout} minute(s) after the change, longer than its "
            "revert timer; check it from its console",
            {"confirmed": False, "reverted": None, "confirm_timeout": timeout},
        )
    return _reverted(result, device, cause, "revert timer", timeout)


def _confirm(result: dict[str, Any], device: Device, timeout: int) -> dict[str, Any]:
    try:
        device.send(device.confirm_command)
    except DeviceError as exc:
        return _failed(
            result,
            f"the device is reachable after the change but `{device.confirm_command}` failed ({exc}); it rolls the "
            f"change back when its {timeout}-minute timer fires",
            {"confirmed": False, "reverted": None, "confirm_timeout": timeout},
        )
    result[SAFE_CHANGE_KEY] = {"confirmed": True, "reachable": True, "confirm_timeout": timeout}
    return result


def _reverted(result: dict[str, Any], device: Device, cause: str, how: str, timeout: int) -> dict[str, Any]:
    """Report the revert; `restored` says whether the device's facts are `before` again."""
    current = device.read_back()
    report: dict[str, Any] = {
        "confirmed": False,
        "reverted": True,
        "reverted_by": how,
        "confirm_timeout": timeout,
    }
    if current is None:
        report["restored"] = None
        state = "its configuration could not be read back"
    else:
        report["restored"] = current == result.get("before")
        state = (
            "it is back in its state before the task"
            if report["restored"]
            else ("but its configuration differs from the state before the task (see safe_change.current)")
        )
        if not report["restored"]:
            report["current"] = current
    when = f"at once ({how})" if how != "revert timer" else "when its revert timer fired"
    return _failed(result, f"{cause}; the device rolled the change back {when}: {state}", report)


def _sent(device: Device, command: str) -> bool:
    try:
        device.send(command)
    except DeviceError:
        return False
    return True


def _failed(result: dict[str, Any], msg: str, report: dict[str, Any]) -> dict[str, Any]:
    return {**result, "failed": True, "changed": True, "msg": msg, SAFE_CHANGE_KEY: report}

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`config_replace` on the device: compare the staged file, `configure replace` it, delete it."""

from __future__ import annotations

from typing import Any

from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import mask_text
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.safety import (
    SAFE_CHANGE_KEY,
    interrupted,
    option_errors,
    pending,
)

REPLACE_DONE = "Rollback Done"


def differences(connection: Any, path: str) -> list[str]:
    """The contextual diff from the running config to the file (`show archive config differences`): `+`/`-`
    lines under their unchanged parents; empty when nothing differs."""
    text = str(connection.get(command=f"show archive config differences system:running-config {path}"))
    lines = [line.rstrip() for line in text.replace("\r", "").split("\n")]
    if any(line.startswith("%") for line in lines):
        raise DeviceError(" ".join(line for line in lines if line.startswith("%")))
    body = [
        mask_text(line)
        for line in lines
        if line.strip() and not line.startswith(("!", "Load for", "Time source"))
    ]
    return body if any(line.strip().startswith(("+", "-")) for line in body) else []


def replace(connection: Any, params: dict[str, Any], check_mode: bool) -> dict[str, Any]:
    """Compare, replace (unless check mode or equal), then delete the staged file; the module's result."""
    errors = option_errors(params)
    if errors:
        return {"failed": True, "msg": "; ".join(errors)}
    path = f"bootflash:{params['filename']}"
    try:
        changes = differences(connection, path)
    except DeviceError:
        _delete(connection, path)
        raise
    result: dict[str, Any] = {"changed": bool(changes), "differences": changes, "commands": []}
    if not changes or check_mode:
        _delete(connection, path)
        return result
    timeout = params.get("confirm_timeout")
    command = f"configure replace {path} force" + (f" timer {timeout}" if timeout else "")
    result["commands"] = [command]
    try:
        output = str(connection.get(command=command))
    except DeviceError as exc:
        if timeout is None:
            raise
        return {
            **result,
            "failed": True,
            "msg": f"device error: {exc}",
            SAFE_CHANGE_KEY: interrupted(timeout, f"device error: {exc}"),
        }
    _delete(connection, path)
    if REPLACE_DONE not in output:
        return {**result, "failed": True, "msg": f"configure replace failed: {mask_text(output.strip())}"}
    if timeout:
        result[SAFE_CHANGE_KEY] = pending(timeout)
    return result


def _delete(connection: Any, path: str) -> None:
    try:
        connection.get(command=f"delete /force {path}")
    except DeviceError:
        return  # the staging file stays; the next run overwrites it

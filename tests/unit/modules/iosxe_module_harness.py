"""Run an ipsecux.iosxe config module in-process against a scripted device.

ScriptedDevice plays back running-config texts (one per read) and records every batch it is sent; it can
reject one command the way the iosxe cliconf plugin reports it. Integration tests against the reference
router cover the real connection.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ansible.module_utils import _internal as module_utils_internal
from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common import warnings as module_warnings
from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible.module_utils.testing import patch_module_args
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner import module_kwargs, run
from sharedref import shared_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "running_config"


# Other projects' running-config captures, read from ../shared (tests/sharedref.py).
SHARED_CONFIGS = {
    "github_labs_section_crypto.txt": "reference/samples/github-labs/show_running-config_section_crypto__1.txt",
    "otus_lab_section_crypto.txt": "reference/samples/otus-lab/show_running-config_section_crypto__1.txt",
}


def fixture(name: str) -> str:
    """A running-config fixture: ours, or another project's capture read from ../shared."""
    if name in SHARED_CONFIGS:
        return shared_text(SHARED_CONFIGS[name])
    return (FIXTURES / name).read_text(encoding="utf-8")


class ScriptedDevice:
    def __init__(self, *configs: str, reject: tuple[str, str] | None = None) -> None:
        self.configs = list(configs)
        self.reads = 0
        self.batches: list[list[str]] = []
        self.reject = reject  # (command, device message) rejected once, the first time it is sent

    def running_config(self) -> str:
        text = self.configs[min(self.reads, len(self.configs) - 1)]
        self.reads += 1
        return text

    def configure(self, commands: list[str]) -> list[str]:
        self.batches.append(list(commands))
        if self.reject and self.reject[0] in commands:
            index = commands.index(self.reject[0]) + 1
            command, message = self.reject
            self.reject = None
            raise DeviceError(
                f"device rejected configuration line {index} of {len(commands)} "
                f"({index - 1} applied): {command!r}: {message}"
            )
        return ["" for _command in commands]


def run_module(
    capsys: pytest.CaptureFixture[str],
    resource: str,
    args: dict[str, Any],
    device: ScriptedDevice | None = None,
    check_mode: bool = False,
    diff: bool = False,
) -> dict[str, Any]:
    """Run the module; return its result (failed results have failed=True). Output is the raw JSON."""
    module_args = {**args, "_ansible_check_mode": check_mode, "_ansible_diff": diff}

    def no_device(module: Any) -> Any:
        raise AssertionError("the module contacted the device")

    module_warnings._global_warnings.clear()  # module warnings are process-wide; one run per task in Ansible
    module_warnings._global_deprecations.clear()
    # Once controller code is imported (the plugin tests do), module warnings would go to the display
    # instead of the result, as they do when network_cli runs a module inside the controller.
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(module_utils_internal, "is_controller", False)
    try:
        with patch_module_args(module_args), pytest.raises(SystemExit):
            module = AnsibleModule(**module_kwargs(resource))
            run(module, resource, device_factory=(lambda module: device) if device else no_device)
    finally:
        monkeypatch.undo()
    output = capsys.readouterr().out
    result = json.loads(output)
    result["_raw"] = output
    result["warnings"] = [_message(item) for item in result.get("warnings", [])]
    return result


def _message(warning: Any) -> str:
    """ansible-core 2.19 serialises module warnings as WarningSummary objects."""
    return warning["event"]["msg"] if isinstance(warning, dict) else warning

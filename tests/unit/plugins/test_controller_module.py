"""ControllerModule (plugin_utils/controller_module.py) returns what AnsibleModule returns for the same runner.

The reference is a real AnsibleModule fed its parameters the way ansible.netcommon's direct execution feeds
them (no stdin; the result recorded instead of printed). The offline states need no device, so the whole
runner runs both ways here; the device states are compared over network_cli in
tests/integration/test_controller_exec_refrouter.py.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from ansible.module_utils.basic import AnsibleModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner import module_kwargs, run
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.controller_module import (
    CONFIG_MODULES,
    ControllerModule,
    ModuleExit,
    config_module_name,
)

PSK = "Unit-Psk-5e9a"
RUNNING = f"crypto isakmp key {PSK} address 192.0.2.7\n"


def module_result(name: str, args: dict[str, Any]) -> dict[str, Any]:
    """What the module returns today: AnsibleModule with the params set, the result recorded."""
    recorded: dict[str, Any] = {}

    class RecordingModule(AnsibleModule):
        def _load_params(self) -> None:
            self.params = copy.deepcopy({**args, "_ansible_module_name": name})

        def _record_module_result(self, o: dict[str, Any]) -> None:
            recorded.update(o)

    with pytest.raises(SystemExit):
        run(RecordingModule(**module_kwargs(name.rsplit(".", 1)[-1])), name.rsplit(".", 1)[-1])
    return recorded


def controller_result(name: str, args: dict[str, Any]) -> dict[str, Any]:
    with pytest.raises(ModuleExit) as done:
        module = ControllerModule(
            name, module_kwargs(name.rsplit(".", 1)[-1]), args, check_mode=False, diff=False, socket_path=None
        )
        run(module, name.rsplit(".", 1)[-1])
    return done.value.result


CASES = {
    "rendered with a key": (
        "ipsecux.iosxe.isakmp_keys",
        {"config": [{"address": "192.0.2.9", "key": PSK}], "state": "rendered"},
    ),
    "parsed from text with a key": (
        "ipsecux.iosxe.isakmp_keys",
        {"running_config": RUNNING, "state": "parsed"},
    ),
    "rendered xml": (
        "ipsecux.iosxe.transform_sets",
        {
            "config": [{"name": "TS", "esp_encryption": "esp-aes", "esp_key_bits": 256}],
            "state": "rendered",
            "rendered_format": "xml",
        },
    ),
    "unknown option": ("ipsecux.iosxe.isakmp_keys", {"config": [], "colour": "blue"}),
    "mutually exclusive": (
        "ipsecux.iosxe.isakmp_keys",
        {"config": [{"address": "192.0.2.9", "key": PSK}], "running_config": RUNNING, "state": "parsed"},
    ),
    "required_if": ("ipsecux.iosxe.isakmp_policies", {"state": "rendered"}),
    "bad choice": ("ipsecux.iosxe.isakmp_policies", {"state": "sideways"}),
    "runner's own check": (
        "ipsecux.iosxe.isakmp_keys",
        {"config": [{"address": "192.0.2.9", "key": "has space"}], "state": "rendered"},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_result_equals_the_modules(case: str) -> None:
    name, args = CASES[case]
    expected = module_result(name, args)
    got = controller_result(name, args)
    expected.pop("warnings", None)  # AnsibleModule hands warnings to the controller's display, as we do
    expected.pop("exception", None)  # the module's own traceback, when tracebacks are on (not ours to add)
    assert got == expected
    assert PSK not in repr(got)


def test_no_log_values_are_removed_and_invocation_kept() -> None:
    got = controller_result("ipsecux.iosxe.isakmp_keys", {"running_config": RUNNING, "state": "parsed"})
    assert got["invocation"]["module_args"]["running_config"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert got["invocation"]["module_args"]["state"] == "parsed"
    assert got["parsed"] == [{"address": "192.0.2.7", "key": "********"}]
    assert got["changed"] is False


def test_validation_failure_names_the_task_action() -> None:
    got = controller_result("isakmp_keys", {"config": [], "colour": "blue"})
    assert got["failed"] is True
    assert got["msg"].startswith("Unsupported parameters for (isakmp_keys) module: colour.")


def test_check_mode_and_diff_are_the_tasks() -> None:
    module = ControllerModule(
        "isakmp_keys",
        module_kwargs("isakmp_keys"),
        {"state": "gathered"},
        check_mode=True,
        diff=True,
        socket_path="/sock",
    )
    assert (module.check_mode, module._diff, module._socket_path) == (True, True, "/sock")
    assert module.params["state"] == "gathered" and module.params["save_when"] == "never"


def test_only_the_runner_modules_of_this_collection_run_on_the_controller() -> None:
    assert config_module_name("ipsecux.iosxe.isakmp_keys") == "isakmp_keys"
    assert config_module_name("ipsecux.iosxe.ipsec_facts") is None
    assert config_module_name("ipsecux.iosxe.config_replace") is None
    assert config_module_name("cisco.ios.isakmp_keys") is None
    assert config_module_name(None) is None


def test_config_modules_are_exactly_the_modules_that_call_the_runner() -> None:
    modules = Path(__file__).resolve().parents[3] / "plugins" / "modules"
    calling = {path.stem for path in modules.glob("*.py") if "run(module, RESOURCE)" in path.read_text()}
    assert set(CONFIG_MODULES) == calling
    for path in modules.glob("*.py"):
        if path.stem in calling:
            assert f'RESOURCE = "{path.stem}"' in path.read_text(), path.name

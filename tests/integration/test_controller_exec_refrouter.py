"""Config modules over network_cli run in the action plugin; `ansible_iosxe_controller_exec: false` runs
the module instead (docs/modules/config_modules.md). Both ways return the same results, and no key shows.

The same playbook runs three ways against a fresh router each: on the controller (the default), as the
module run in-process by ansible.netcommon (`ansible_iosxe_controller_exec: false`), and as a module
process (AnsiballZ, with ansible.netcommon's `ansible_network_import_modules: false` as well). A fourth
run attaches every task to the persistent connection through ansible-core's `ansible-connection` stub
(`ansible_iosxe_reuse_connection: false`) instead of in the worker (plugin_utils/attach.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from refrouter_harness import PlaybookRun, require_refrouter, run_tasks, start_router

STARTUP = (
    "crypto isakmp key Device-Key-77f address 192.0.2.1\n"
    "crypto ipsec transform-set TS esp-aes esp-sha-hmac\n mode tunnel\n"
)
PSKS = {"psk_new": "Ctl-Key-4b1", "psk_diff": "Diff-Key-9d2", "psk_bad": "Bad Key"}
SECRETS = ("Device-Key-77f", *PSKS.values())
CONTROLLER_LINE = "running isakmp_keys in the action plugin (controller)"
DIRECT_EXECUTION_LINE = "ANSIBLE_NETWORK_IMPORT_MODULES: running ipsecux.iosxe.isakmp_keys"
ATTACHED_LINE = "ipsecux.iosxe: attached without ansible-connection to"


def module(name: str, **args: Any) -> dict[str, Any]:
    return {f"ipsecux.iosxe.{name}": args}


TASKS = [
    {**module("isakmp_keys", config=[{"address": "192.0.2.2", "key": "{{ psk_new }}"}]), "diff": True},
    module("isakmp_keys", config=[{"address": "192.0.2.2", "key": "{{ psk_new }}"}]),
    {
        **module("isakmp_keys", config=[{"address": "192.0.2.3", "key": "{{ psk_diff }}"}], state="replaced"),
        "check_mode": True,
        "diff": True,
    },
    module("isakmp_keys", state="gathered"),
    module("isakmp_keys", config=[{"address": "192.0.2.9", "key": "{{ psk_diff }}"}], state="rendered"),
    {
        **module("isakmp_keys", config=[{"address": "192.0.2.4", "key": "{{ psk_bad }}"}]),
        "ignore_errors": True,
    },
    {**module("isakmp_keys", config=[], colour="blue"), "ignore_errors": True},
    {
        **module(
            "crypto_maps",
            config=[
                {
                    "name": "newmap",
                    "interfaces": ["GigabitEthernet9"],
                    "entries": [{"seq": 5, "peers": ["192.0.2.7"]}],
                }
            ],
        ),
        "ignore_errors": True,
    },
    module("transform_sets", state="deleted", config=[{"name": "TS"}]),
    module("transform_sets", state="gathered"),
    {  # action groups still reach the module (the task's resolved action is the module's)
        **module("transform_sets", config=[{"name": "TX", "esp_encryption": "esp-aes"}], state="rendered"),
        "module_defaults": {"group/ipsecux.iosxe.config": {"rendered_format": "xml"}},
    },
    {
        **module("isakmp_keys", state="gathered"),
        "vars": {"ansible_iosxe_controller_exec": "maybe"},
        "ignore_errors": True,
    },
]


def run_with(tmp_path: Path, name: str, **host_vars: Any) -> PlaybookRun:
    router = start_router(tmp_path / name / "router", STARTUP)
    try:
        return run_tasks(router, tmp_path / name, TASKS, verbosity=4, **PSKS, **host_vars)
    finally:
        router.stop()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PlaybookRun]:
    require_refrouter()
    tmp_path = tmp_path_factory.mktemp("controller_exec")
    return {
        "controller": run_with(tmp_path, "controller"),
        "module": run_with(tmp_path, "module", ansible_iosxe_controller_exec=False),
        "ansiballz": run_with(
            tmp_path, "ansiballz", ansible_iosxe_controller_exec=False, ansible_network_import_modules=False
        ),
        "stub": run_with(tmp_path, "stub", ansible_iosxe_reuse_connection=False),
    }


def test_the_controller_path_runs_by_default_and_the_variable_turns_it_off(
    runs: dict[str, PlaybookRun],
) -> None:
    controller, module_run, ansiballz = runs["controller"], runs["module"], runs["ansiballz"]
    assert controller.stdout.count(CONTROLLER_LINE) == 7  # every isakmp_keys task
    assert DIRECT_EXECUTION_LINE not in controller.stdout
    assert "AnsiballZ_isakmp_keys.py" not in controller.stdout
    assert CONTROLLER_LINE not in module_run.stdout
    assert module_run.stdout.count(DIRECT_EXECUTION_LINE) == 7
    assert CONTROLLER_LINE not in ansiballz.stdout
    assert "AnsiballZ_isakmp_keys.py" in ansiballz.stdout


def test_each_way_returns_the_same_results(runs: dict[str, PlaybookRun]) -> None:
    controller = runs["controller"].results
    merged, again, check, gathered, rendered, bad_key, unknown, rejected, deleted, after, xml, bad_var = (
        controller
    )
    assert merged["commands"] == ["crypto isakmp key ******** address 192.0.2.2"]
    assert merged["diff"]["prepared"].endswith("+crypto isakmp key ******** address 192.0.2.2\n")
    assert (again["changed"], again["commands"]) == (False, [])
    assert check["changed"] is True and "192.0.2.3" in check["diff"]["prepared"]
    assert [item["key"] for item in gathered["gathered"]] == ["********", "********"]
    assert rendered["rendered"] == ["crypto isakmp key ******** address 192.0.2.9"]
    assert bad_key["failed"] is True and "config[0].key" in bad_key["msg"]
    assert unknown["failed"] is True
    assert unknown["msg"].startswith("Unsupported parameters for (ipsecux.iosxe.isakmp_keys) module: colour")
    assert rejected["failed"] is True and "GigabitEthernet9" in rejected["msg"]
    assert rejected["rollback"] == {"commands": ["no crypto map newmap 5"], "restored": True}
    assert deleted["commands"] == ["no crypto ipsec transform-set TS"]
    assert after["gathered"] == []
    assert bad_var["failed"] is True
    assert bad_var["msg"] == "ansible_iosxe_controller_exec must be a boolean, not 'maybe'"
    assert xml["rendered"][0].startswith("<config") and ">TX<" in xml["rendered"][0]
    for other in ("module", "ansiballz", "stub"):
        results = runs[other].results
        assert len(results) == len(controller)
        for index, (ours, theirs) in enumerate(zip(controller, results, strict=True)):
            assert ours == theirs, f"task {index}: controller and {other} differ"


def test_tasks_after_the_first_attach_without_the_stub_unless_told_not_to(
    runs: dict[str, PlaybookRun],
) -> None:
    """The first task starts the connection (through the stub); each later one attaches in the worker."""
    for name in ("controller", "module", "ansiballz"):
        assert runs[name].stdout.count(ATTACHED_LINE) == len(TASKS) - 1, name
    assert ATTACHED_LINE not in runs["stub"].stdout
    assert CONTROLLER_LINE in runs["stub"].stdout


def test_no_key_in_the_verbose_output_of_any_way(runs: dict[str, PlaybookRun]) -> None:
    for name, run in runs.items():
        for secret in SECRETS:
            assert secret not in run.stdout, (name, secret)
            assert secret not in str(run.results), (name, secret)

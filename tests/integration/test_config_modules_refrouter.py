"""The five config modules over network_cli against the reference router (refrouter serve)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from refrouter_harness import REPO, Router, require_refrouter, run_tasks, start_router

REFERENCE = (REPO / "tests" / "unit" / "fixtures" / "running_config" / "reference_router.txt").read_text()
# The reference config names transform set other_ts; define it before the crypto maps use it.
HARD_CASES_STARTUP = REFERENCE.replace(
    "no crypto ipsec default transform-set\n",
    "crypto ipsec transform-set other_ts esp-3des esp-sha-hmac\n mode tunnel\n",
)
SEED_TRANSFORM_SETS = [
    {"name": "test_transf", "esp_encryption": "esp-aes", "esp_integrity": "esp-sha-hmac", "mode": "tunnel"},
    {
        "name": "ts256",
        "esp_encryption": "esp-aes",
        "key_size": 256,
        "esp_integrity": "esp-sha256-hmac",
        "mode": "transport",
    },
]
SEED_MAPS = [
    {"name": "dyn_testmap", "dynamic": True, "entries": [{"seq": 10, "transform_sets": ["test_transf"]}]},
    {
        "name": "testmap",
        "interfaces": ["Gi1"],
        "entries": [
            {
                "seq": 10,
                "peers": ["209.165.200.226"],
                "transform_sets": ["test_transf", "ts256"],
                "pfs": "group14",
                "sa_lifetime": {"seconds": 1800},
                "match_address": "101",
            },
            {"seq": 20, "dynamic_map": "dyn_testmap"},
        ],
    },
]
# Keys come from variables, as from a vault: a failing task prints its playbook source lines.
SEED_KEYS = [
    {"address": "209.165.200.226", "key": "{{ psk_one }}"},
    {"address": "10.0.0.0", "mask": "255.0.0.0", "key": "{{ psk_two }}"},
]
PSKS = {
    "psk_one": "Kone-7f3a",
    "psk_two": "Ktwo-91bc",
    "psk_rotated": "Rotated-55aa",
    "psk_given": "Given-Key-8e2",
    "psk_diff": "Diff-Key-3c4",
    "psk_bad": "Bad Key",
}
SEED_POLICY = [
    {
        "priority": 10,
        "encryption": "aes-256",
        "hash": "sha256",
        "authentication": "pre-share",
        "group": 14,
        "lifetime": 3600,
    }
]


def module(name: str, **args: object) -> dict[str, object]:
    return {f"ipsecux.iosxe.{name}": args}


@pytest.fixture
def router_factory(tmp_path: Path) -> Iterator[callable]:
    require_refrouter()
    routers: list[Router] = []

    def start(startup_config: str = "") -> Router:
        router = start_router(tmp_path / f"router{len(routers)}", startup_config)
        routers.append(router)
        return router

    yield start
    for router in routers:
        router.stop()


def test_seed_configuration_from_scratch_then_idempotent(router_factory: callable, tmp_path: Path) -> None:
    router = router_factory()
    change = [
        module("transform_sets", config=SEED_TRANSFORM_SETS),
        module("crypto_maps", config=SEED_MAPS),
        module("isakmp_keys", config=SEED_KEYS),
        module("isakmp_policies", config=SEED_POLICY),
        module("crypto_defaults", config={"isakmp_default_policy": False}),
    ]
    run = run_tasks(
        router,
        tmp_path,
        change
        + change
        + [
            module("crypto_maps", state="gathered"),
            {"ansible.netcommon.cli_command": {"command": "show running-config"}},
        ],
        **PSKS,
    )
    first, second, (gathered, show_run) = run.results[:5], run.results[5:10], run.results[10:]
    assert [result["commands"] for result in first] == [
        [
            "crypto ipsec transform-set test_transf esp-aes esp-sha-hmac",
            "crypto ipsec transform-set ts256 esp-aes 256 esp-sha256-hmac",
            "mode transport",
        ],
        [
            "crypto dynamic-map dyn_testmap 10",
            "set transform-set test_transf",
            "crypto map testmap 10 ipsec-isakmp",
            "set peer 209.165.200.226",
            "set security-association lifetime seconds 1800",
            "set transform-set test_transf ts256",
            "set pfs group14",
            "match address 101",
            "crypto map testmap 20 ipsec-isakmp dynamic dyn_testmap",
            "interface GigabitEthernet1",
            "crypto map testmap",
            "exit",
        ],
        [
            "crypto isakmp key ******** address 209.165.200.226",
            "crypto isakmp key ******** address 10.0.0.0 255.0.0.0",
        ],
        [
            "crypto isakmp policy 10",
            "encryption aes 256",
            "hash sha256",
            "authentication pre-share",
            "group 14",
            "lifetime 3600",
        ],
        ["no crypto isakmp default policy"],
    ]
    assert all(result["changed"] for result in first)
    assert [(result["changed"], result["commands"]) for result in second] == [(False, [])] * 5
    assert gathered["gathered"][1]["interfaces"] == ["GigabitEthernet1"]
    lines = [line.rstrip() for line in show_run["stdout"].splitlines()]
    for expected in (
        "crypto isakmp policy 10",
        " encr aes 256",
        "no crypto isakmp default policy",
        "crypto map testmap 20 ipsec-isakmp dynamic dyn_testmap",
        " crypto map testmap",
    ):
        assert expected in lines
    for secret in ("Kone-7f3a", "Ktwo-91bc"):
        assert secret not in run.stdout
        assert secret not in str(run.results[:10])


def test_ordering_hard_cases_and_rollback(router_factory: callable, tmp_path: Path) -> None:
    router = router_factory(HARD_CASES_STARTUP)
    entry_10 = {
        "seq": 10,
        "peers": ["209.165.200.226"],
        "match_address": "101",
        "transform_sets": ["ts256", "other_ts"],
        "pfs": "group19",
        "sa_lifetime": {"seconds": 1800, "kilobytes": 100000},
    }
    tasks = [
        # 0: a new PSK for the same peer replaces the key in place
        module("isakmp_keys", config=[{"address": "209.165.200.226", "key": "{{ psk_rotated }}"}]),
        # 1: a set still used by crypto maps is not deleted
        {
            **module("transform_sets", config=[SEED_TRANSFORM_SETS[1]], state="overridden"),
            "ignore_errors": True,
        },
        # 2: ... unless the references are removed first
        module("transform_sets", config=[{"name": "test_transf"}], state="deleted", remove_references=True),
        # 3: overridden while GigabitEthernet1 holds the map: in place, no unbind
        module(
            "crypto_maps",
            state="overridden",
            config=[{"name": "testmap", "interfaces": ["GigabitEthernet1"], "entries": [entry_10]}],
        ),
        # 4: the device rejects an interface; the module restores what it had sent
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
        # 5: the session is usable after the failure and the device is back to the state after task 3
        module("crypto_maps", state="gathered"),
        # 6/7: check mode with diff sends nothing
        {
            **module("crypto_defaults", config={"ipsec_default_transform_set": False}),
            "check_mode": True,
            "diff": True,
        },
        module("crypto_defaults", state="gathered"),
        # 8: an unknown command fails the task with the device's message
        {"ansible.netcommon.cli_command": {"command": "show crypto bogus"}, "ignore_errors": True},
    ]
    run = run_tasks(router, tmp_path, tasks, **PSKS)
    keys, referenced, unreferenced, overridden, rejected, gathered, check, defaults, bogus = run.results
    assert keys["commands"] == ["crypto isakmp key ******** address 209.165.200.226"]
    assert referenced["failed"] is True
    assert "dynamic map dyn_testmap 10 uses test_transf" in referenced["msg"]
    assert "crypto map testmap 10 uses other_ts, test_transf" in referenced["msg"]
    assert unreferenced["commands"] == [
        "crypto dynamic-map dyn_testmap 10",
        "no set transform-set",
        "crypto map testmap 10 ipsec-isakmp",
        "set transform-set other_ts",
        "no crypto ipsec transform-set test_transf",
    ]
    assert overridden["commands"] == [
        "crypto map testmap 10 ipsec-isakmp",
        "set transform-set ts256 other_ts",
        "set pfs group19",
        "no crypto map testmap 20",
        "no crypto dynamic-map dyn_testmap 10",
    ]
    assert overridden["after"] == [
        {"name": "testmap", "dynamic": False, "entries": [entry_10], "interfaces": ["GigabitEthernet1"]}
    ]
    assert rejected["failed"] is True
    assert "interface GigabitEthernet9" in rejected["msg"] and "% Invalid input detected" in rejected["msg"]
    assert rejected["rollback"] == {"commands": ["no crypto map newmap 5"], "restored": True}
    assert gathered["gathered"] == overridden["after"]
    assert check["changed"] is True and check["commands"] == ["no crypto ipsec default transform-set"]
    assert check["diff"] == {
        "prepared": "--- before\n+++ after\n@@ -1,0 +2,1 @@\n+no crypto ipsec default transform-set\n"
    }
    assert defaults["gathered"] == {"isakmp_default_policy": False, "ipsec_default_transform_set": True}
    assert bogus["failed"] is True and "% Invalid input detected" in bogus["msg"]
    assert "Rotated-55aa" not in run.stdout and "SECRET" not in run.stdout


def test_secrets_stay_out_of_verbose_output_and_logs(router_factory: callable, tmp_path: Path) -> None:
    router = router_factory("crypto isakmp key Device-Key-0d1 address 192.0.2.1\n")
    log = tmp_path / "ansible.log"
    tasks = [
        module("isakmp_keys", config=[{"address": "192.0.2.2", "key": "{{ psk_given }}"}]),
        module("isakmp_keys", state="gathered"),
        {
            **module("isakmp_keys", config=[{"address": "192.0.2.3", "key": "{{ psk_diff }}"}]),
            "diff": True,
            "check_mode": True,
        },
        {
            **module("isakmp_keys", config=[{"address": "192.0.2.4", "key": "{{ psk_bad }}"}]),
            "ignore_errors": True,
        },
    ]
    run = run_tasks(router, tmp_path, tasks, verbosity=4, env={"ANSIBLE_LOG_PATH": str(log)}, **PSKS)
    merged, gathered, diff, bad = run.results
    assert merged["commands"] == ["crypto isakmp key ******** address 192.0.2.2"]
    assert [item["key"] for item in gathered["gathered"]] == ["********", "********"]
    assert diff["diff"]["prepared"].endswith("\n+crypto isakmp key ******** address 192.0.2.3\n")
    assert bad["failed"] is True and "config[0].key" in bad["msg"]
    text = run.stdout + log.read_text()
    for secret in ("Device-Key-0d1", "Given-Key-8e2", "Diff-Key-3c4", "Bad Key"):
        assert secret not in text, secret


def test_action_plugin_connection_checks(router_factory: callable, tmp_path: Path) -> None:
    router = router_factory()
    local = {
        "vars": {"ansible_connection": "ansible.builtin.local", "ansible_python_interpreter": sys.executable}
    }
    policy = [{"priority": 10, "encryption": "aes"}]
    tasks = [
        # network_cli would log every command (and key) in clear text: refused
        {**module("isakmp_keys", state="gathered"), "ignore_errors": True},
        # offline states need no device connection, so any connection works
        {**module("isakmp_policies", config=policy, state="rendered"), **local},
        {**module("isakmp_policies", running_config="crypto isakmp policy 7\n", state="parsed"), **local},
        # device states need network_cli
        {**module("isakmp_policies", config=policy), **local, "ignore_errors": True},
    ]
    run = run_tasks(router, tmp_path, tasks, ansible_persistent_log_messages=True)
    refused, rendered, parsed, wrong_connection = run.results
    assert refused["failed"] is True and "persistent_log_messages is enabled" in refused["msg"]
    assert rendered["rendered"] == ["crypto isakmp policy 10", "encryption aes"]
    assert parsed["parsed"][0]["priority"] == 7
    assert wrong_connection["failed"] is True
    assert "use ansible.netcommon.network_cli" in wrong_connection["msg"]

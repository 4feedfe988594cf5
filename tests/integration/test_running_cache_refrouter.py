"""The persistent connection's cached running config (plugins/plugin_utils/running_cache.py) against the
reference router: a change made from a second SSH session between two tasks is seen by the next task."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from refrouter_harness import CREDENTIALS, Router, require_refrouter, run_tasks, start_router

# A second SSH session (netmiko, as people script it) that changes the configuration.
OUT_OF_BAND = """
import sys
from netmiko import ConnectHandler
port, username, password, secret, *lines = sys.argv[1:]
session = ConnectHandler(device_type="cisco_xe", host="127.0.0.1", port=int(port), username=username,
                         password=password, secret=secret)
session.enable()
session.send_config_set(lines)
session.disconnect()
"""
POLICY_10 = {"priority": 10, "encryption": "aes-256", "hash": "sha256", "authentication": "pre-share", "group": 14}


@pytest.fixture
def router(tmp_path: Path) -> Iterator[Router]:
    require_refrouter()
    router = start_router(tmp_path / "router")
    yield router
    router.stop()


def out_of_band(router: Router, *lines: str) -> dict[str, object]:
    """A task on the controller that changes the router's configuration over its own SSH session."""
    credentials = [CREDENTIALS["username"], CREDENTIALS["password"], CREDENTIALS["enable_secret"]]
    return {
        "ansible.builtin.command": {"argv": [sys.executable, "-c", OUT_OF_BAND, str(router.port), *credentials,
                                             *lines]},
        "delegate_to": "localhost",
        "connection": "local",
    }


def policies(state: str, config: list[dict[str, object]] | None = None) -> dict[str, object]:
    return {"ipsecux.iosxe.isakmp_policies": {"state": state, **({"config": config} if config else {})}}


def test_a_change_from_another_session_between_two_tasks_is_seen(router: Router, tmp_path: Path) -> None:
    run = run_tasks(
        router,
        tmp_path,
        [
            policies("merged", [POLICY_10]),  # the batch that applies it refreshes the connection's copy
            policies("gathered"),
            out_of_band(router, "crypto isakmp policy 10", "hash sha384", "crypto isakmp policy 20",
                        "encryption aes 128"),
            policies("gathered"),
            policies("merged", [POLICY_10]),
            policies("merged", [POLICY_10]),
        ],
    )
    assert run.returncode == 0, run.stdout[-3000:]
    applied, gathered, changed_elsewhere, seen, restored, again = run.results
    assert applied["changed"] is True
    assert [policy["hash"] for policy in gathered["gathered"]] == ["sha256"]
    assert changed_elsewhere["rc"] == 0
    assert [(policy["priority"], policy["hash"]) for policy in seen["gathered"]] == [(10, "sha384"), (20, "sha")]
    assert restored["changed"] is True
    assert restored["commands"] == ["crypto isakmp policy 10", "hash sha256"]
    assert [policy["hash"] for policy in restored["after"]] == ["sha256", "sha"]
    assert again["changed"] is False

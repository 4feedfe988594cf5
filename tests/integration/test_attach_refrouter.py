"""The collection's tasks attach to the same persistent connection as everybody else's (plugin_utils/attach.py).

ansible-core starts `ansible-connection` for a task of ansible.netcommon; a task of ipsecux.iosxe attaches
in the worker. Both must find the same socket whichever way the connection is named (inventory variable or
play keyword, short or full name): one persistent connection per host, one SSH login.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from refrouter_harness import Router, inventory, require_refrouter, run_playbook_file, start_router

STUB_SOCKET = re.compile(r"local domain socket path is (\S+)")
ATTACHED_SOCKET = re.compile(r"ipsecux\.iosxe: attached without ansible-connection to (\S+)")
STARTED = "local domain socket does not exist, starting it"
TASKS: list[dict[str, Any]] = [
    {"ansible.netcommon.cli_command": {"command": "show clock"}},
    {"ipsecux.iosxe.isakmp_keys": {"state": "gathered"}},
    {"ansible.netcommon.cli_command": {"command": "show clock"}},
    {"ipsecux.iosxe.isakmp_keys": {"state": "gathered"}},
]
FULL, SHORT = "ansible.netcommon.network_cli", "network_cli"
NAMINGS = {  # variable (None: not set), play keyword
    "variable, full name": (FULL, None),
    "play keyword, short name": (None, SHORT),
    "short variable over a full keyword": (SHORT, FULL),
    "full variable over a short keyword": (FULL, SHORT),
}


@pytest.fixture(scope="module")
def router(tmp_path_factory: pytest.TempPathFactory) -> Any:
    require_refrouter()
    started = start_router(tmp_path_factory.mktemp("attach") / "router")
    yield started
    started.stop()


def run(router: Router, directory: Path, variable: str | None, keyword: str | None) -> str:
    inventory_data = inventory(router)
    host_vars = inventory_data["all"]["hosts"][router.hostname]
    host_vars.pop("ansible_connection")
    if variable:
        host_vars["ansible_connection"] = variable
    registered = [{**task, "register": f"t{index}"} for index, task in enumerate(TASKS)]
    play: dict[str, Any] = {"hosts": router.hostname, "gather_facts": False, "tasks": registered}
    if keyword:
        play["connection"] = keyword
    collect = (
        "{{ ["
        + ", ".join(f"hostvars[{router.hostname!r}].t{i}" for i in range(len(TASKS)))
        + "] | to_json }}"
    )
    done = run_playbook_file(directory, play, collect, inventory_data, verbosity=4)
    assert done.returncode == 0, done.stdout
    assert [result.get("failed", False) for result in done.results] == [False] * len(TASKS)
    return done.stdout


@pytest.mark.parametrize("naming", NAMINGS)
def test_both_ways_share_one_persistent_connection(router: Router, tmp_path: Path, naming: str) -> None:
    variable, keyword = NAMINGS[naming]
    stdout = run(router, tmp_path, variable, keyword)
    stub_sockets = STUB_SOCKET.findall(stdout)
    attached_sockets = ATTACHED_SOCKET.findall(stdout)
    assert len(stub_sockets) == 2  # the two cli_command tasks, through ansible-connection
    assert len(attached_sockets) == 2  # the two isakmp_keys tasks, in the worker
    assert set(stub_sockets) == set(attached_sockets) == {stub_sockets[0]}
    assert stdout.count(STARTED) == 1


def test_a_reuse_setting_that_is_not_a_boolean_fails_the_task_by_name(router: Router, tmp_path: Path) -> None:
    inventory_data = inventory(router, ansible_iosxe_reuse_connection="maybe")
    task = {"ipsecux.iosxe.isakmp_keys": {"state": "gathered"}, "register": "t0", "ignore_errors": True}
    play = {"hosts": router.hostname, "gather_facts": False, "tasks": [task]}
    done = run_playbook_file(
        tmp_path, play, f"{{{{ [hostvars[{router.hostname!r}].t0] | to_json }}}}", inventory_data
    )
    (result,) = done.results
    assert result["failed"] is True
    assert result["msg"] == "ansible_iosxe_reuse_connection must be a boolean, not 'maybe'"

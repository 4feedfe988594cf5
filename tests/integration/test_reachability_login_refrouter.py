"""The safe-change reachability probe logs in (plugins/plugin_utils/reachability.py): against a running
refrouter it passes with the connection's credentials and fails, without naming the password, when the
device accepts TCP and shows its SSH identification but refuses the login."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.reachability import Login, ssh_problem
from refrouter_harness import CREDENTIALS, Router, require_refrouter, start_router

WRONG = "Wr0ng-Secret-55"


@pytest.fixture
def router(tmp_path: Path) -> Iterator[Router]:
    require_refrouter()
    # one failed login within 120 s puts the router in quiet mode for 120 s: every login is refused
    started = start_router(tmp_path, "login block-for 120 attempts 1 within 120\n")
    try:
        yield started
    finally:
        started.stop()


def test_the_probe_logs_in_and_counts_a_refused_login_as_unreachable(router: Router) -> None:
    good = Login(CREDENTIALS["username"], CREDENTIALS["password"], host_key_checking=False)
    bad = Login(CREDENTIALS["username"], WRONG, host_key_checking=False)

    assert ssh_problem("127.0.0.1", router.port, timeout=10, login=None) is None
    assert ssh_problem("127.0.0.1", router.port, timeout=10, login=good) is None
    wrong = ssh_problem("127.0.0.1", router.port, timeout=10, login=bad)
    assert wrong == "the device refused the login of admin over a new SSH connection"
    # quiet mode now: TCP and the identification line still answer, the right password is refused
    assert ssh_problem("127.0.0.1", router.port, timeout=10, login=None) is None
    quiet = ssh_problem("127.0.0.1", router.port, timeout=10, login=good)
    assert quiet is not None and quiet.startswith(("the device refused the login", "logging in over a new SSH"))
    assert WRONG not in f"{wrong}{quiet}{bad!r}" and "password" not in repr(good)

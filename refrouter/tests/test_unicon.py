"""pyATS/unicon (`iosxe` plugin) connects with its default settings: its init commands (`term length 0`,
`term width 0`, `no logging console`, `line console 0` / `line vty 0 4` with `exec-timeout 0`) all succeed,
land in the running config, and `execute`, `configure` and `enable` work against the router's state."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from routerlab import TEST_CREDENTIALS, LiveRouter

unicon = pytest.importorskip("unicon", reason="unicon not installed (requirements-genie.txt)")
if shutil.which("ssh") is None:
    pytest.skip("unicon spawns the `ssh` client, which is not installed (openssh-client)", allow_module_level=True)

SSH_OPTIONS = "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o PubkeyAuthentication=no"


@pytest.fixture
def connection(live_router: LiveRouter, tmp_path: Path) -> Iterator[Any]:
    conn = unicon.Connection(
        hostname=live_router.name,
        start=[f"ssh {SSH_OPTIONS} -p {live_router.port} {TEST_CREDENTIALS.username}@{live_router.host}"],
        os="iosxe",
        credentials={
            "default": {"username": TEST_CREDENTIALS.username, "password": TEST_CREDENTIALS.password},
            "enable": {"password": TEST_CREDENTIALS.enable_secret},
        },
        log_stdout=False,
        logfile=str(tmp_path / "unicon.log"),
        connection_timeout=30,
    )
    conn.connect()
    try:
        yield conn
    finally:
        conn.disconnect()


def test_connect_with_defaults_applies_init_config(connection: Any, live_router: LiveRouter) -> None:
    running = live_router.running_config()
    assert "\nno logging console\n" in running
    assert "\nline con 0\n exec-timeout 0 0\n stopbits 1\nline vty 0 4\n exec-timeout 0 0\n" in running
    assert connection.execute("show privilege") == "Current privilege level is 15"


def test_execute_configure_enable(connection: Any, live_router: LiveRouter) -> None:
    version = connection.execute("show version | include uptime")
    assert version.startswith(f"{live_router.name} uptime is ")
    connection.configure(["interface Loopback7", "description set by unicon", "ip address 10.7.7.7 255.255.255.255"])
    loopback = live_router.call(lambda: live_router.router.running.interfaces["Loopback7"])
    assert (loopback.description, loopback.address, loopback.mask) == ("set by unicon", "10.7.7.7", "255.255.255.255")
    connection.disable()
    assert connection.execute("show privilege") == "Current privilege level is 1"
    connection.enable()
    assert connection.execute("show privilege") == "Current privilege level is 15"
    with pytest.raises(unicon.core.errors.SubCommandFailure):  # the router's `% Invalid input` reaches unicon
        connection.configure("interface GigabitEthernet9")

"""The generic commands automation tools send first (unicon's init, NAPALM, cisco.ios facts): `show users`
over real SSH sessions read by ntc-templates, the terminal-line and console-logging settings, and the IOS
answers for what this router does not have."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from netmiko import ConnectHandler
from netmiko.base_connection import BaseConnection
from routerlab import TEST_CREDENTIALS, LiveRouter

from refrouter.cli.grammar import INVALID
from refrouter.cli.session import CliSession
from refrouter.lab.boot import BootableRouter
from refrouter.state.router import Router

ntc = pytest.importorskip("ntc_templates.parse", reason="ntc-templates not installed")


def _connect(live: LiveRouter) -> BaseConnection:
    return ConnectHandler(
        device_type="cisco_xe", host=live.host, port=live.port, username=TEST_CREDENTIALS.username,
        password=TEST_CREDENTIALS.password, secret=TEST_CREDENTIALS.enable_secret, fast_cli=True,
        conn_timeout=20, ssh_config_file=None, allow_agent=False, use_keys=False,
    )


@pytest.fixture
def two_sessions(live_router: LiveRouter) -> Iterator[tuple[BaseConnection, BaseConnection]]:
    first = _connect(live_router)
    second = _connect(live_router)
    try:
        yield first, second
    finally:
        second.disconnect()
        first.disconnect()


def users_records(conn: BaseConnection) -> list[dict[str, str]]:
    return list(ntc.parse_output(platform="cisco_ios", command="show users", data=conn.send_command("show users")))


def test_show_users_lists_every_vty_and_marks_the_caller(
    two_sessions: tuple[BaseConnection, BaseConnection], live_router: LiveRouter
) -> None:
    _first, second = two_sessions
    logins = live_router.call(lambda: [(login.name, login.user, login.peer) for login in
                                       live_router.router.logins.active()])
    assert logins == [("vty 0", "netops", "127.0.0.1"), ("vty 1", "netops", "127.0.0.1")]
    records = users_records(second)
    assert [(r["line"], r["user"], r["location"]) for r in records] == [
        ("1 vty 0", "netops", "127.0.0.1"),
        ("*  2 vty 1", "netops", "127.0.0.1"),
    ]
    assert records[1]["idle"] == "00:00:00"


def test_a_closed_vty_is_reused_lowest_first(live_router: LiveRouter) -> None:
    first, second = _connect(live_router), _connect(live_router)
    try:
        first.disconnect()
        for _ in range(50):  # the server notices the closed channel within a few loop turns
            if len(live_router.call(live_router.router.logins.active)) == 1:
                break
            time.sleep(0.05)
        third = _connect(live_router)
        try:
            records = users_records(third)
            assert [(r["line"], r["user"]) for r in records] == [("*  1 vty 0", "netops"), ("2 vty 1", "netops")]
        finally:
            third.disconnect()
    finally:
        second.disconnect()


# ------------------------------------------------------------------------ lines and console logging


@pytest.fixture
def session() -> CliSession:
    return CliSession(Router("RouterA"), privilege=15)


def test_line_and_console_logging_settings_are_kept(session: CliSession) -> None:
    for line in ("conf t", "no logging console", "line console 0", "exec-timeout 0", "line vty 0 4",
                 "exec-timeout 5 30", "end"):
        assert session.execute(line) in ("", "Enter configuration commands, one per line.  End with CNTL/Z.\n")
    running = session.router.running_config_text()
    assert "\nno logging console\n" in running
    assert "\nline con 0\n exec-timeout 0 0\n stopbits 1\nline vty 0 4\n exec-timeout 5 30\n login local\n" in running
    for line in ("conf t", "logging console 3", "line con 0", "no exec-timeout", "end"):
        session.execute(line)
    running = session.router.running_config_text()
    assert "\nlogging console errors\n" in running
    assert "\nline con 0\n stopbits 1\n" in running


def test_default_lines_render_as_before(session: CliSession) -> None:
    running = session.router.running_config_text()
    assert "logging console" not in running
    assert "\nline con 0\n stopbits 1\nline vty 0 4\n login local\n transport input ssh\n" in running


# ------------------------------------------------------------------------ what this router does not have


def test_show_lacp_is_the_ios_error(session: CliSession) -> None:
    prompt = session.prompt()
    assert session.execute("show lacp sys-id") == " " * (len(prompt) + len("show ")) + "^\n" + INVALID + "\n"


def test_show_snmp_user_and_ipv6_interface_are_empty(session: CliSession) -> None:
    assert session.execute("show snmp user") == ""
    assert session.execute("show ipv6 interface") == ""


def test_show_interfaces_of_a_missing_interface_is_invalid(session: CliSession) -> None:
    prompt = session.prompt()
    assert session.execute("show interfaces Loopback9") == " " * (len(prompt) + 16) + "^\n" + INVALID + "\n"
    assert session.execute("show arp vrf NOPE") == "% IP routing table NOPE does not exist\n"


def test_line_settings_survive_a_reload(tmp_path: Path) -> None:
    router = BootableRouter(name="RouterA", state_dir=tmp_path)
    router.boot("no logging console\nline con 0\n exec-timeout 0 0\nline vty 0 4\n exec-timeout 15 0\n")
    assert router.boot_errors == []
    running = router.running_config_text()
    router.write_startup()
    router.reload()
    assert router.boot_errors == []
    assert router.running_config_text() == running
    assert "\nline vty 0 4\n exec-timeout 15 0\n login local\n" in running

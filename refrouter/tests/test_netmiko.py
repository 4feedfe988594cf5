"""netmiko `cisco_xe` (a tool nobody here wrote) drives the router over real SSH."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from netmiko import ConnectHandler
from netmiko.base_connection import BaseConnection
from routerlab import TEST_CREDENTIALS, LiveRouter


def _connect(live: LiveRouter, secret: str) -> BaseConnection:
    return ConnectHandler(
        device_type="cisco_xe",
        host=live.host,
        port=live.port,
        username=TEST_CREDENTIALS.username,
        password=TEST_CREDENTIALS.password,
        secret=secret,
        fast_cli=True,
        conn_timeout=20,
        read_timeout_override=20,
        ssh_config_file=None,
        allow_agent=False,
        use_keys=False,
    )


@pytest.fixture
def netmiko_conn(live_router: LiveRouter) -> Iterator[BaseConnection]:
    conn = _connect(live_router, TEST_CREDENTIALS.enable_secret)
    try:
        yield conn
    finally:
        conn.disconnect()


def test_send_command_in_user_exec(netmiko_conn: BaseConnection) -> None:
    assert netmiko_conn.find_prompt() == "RouterA>"
    version = netmiko_conn.send_command("show version")
    assert "Cisco IOS XE Software, Version 17.09.04a" in version
    assert "RouterA uptime is" in version
    assert netmiko_conn.send_command("show privilege").strip() == "Current privilege level is 1"


def test_enable_config_save_and_show_running(netmiko_conn: BaseConnection, live_router: LiveRouter) -> None:
    netmiko_conn.enable()
    assert netmiko_conn.check_enable_mode()
    assert netmiko_conn.find_prompt() == "RouterA#"
    lines = [
        "crypto isakmp policy 20",
        "encr aes 256",
        "hash sha256",
        "authentication pre-share",
        "group 14",
        "lifetime 3600",
        "crypto ipsec transform-set TS1 esp-aes 256 esp-sha256-hmac",
        "mode transport",
    ]
    output = netmiko_conn.send_config_set(lines)
    assert "% Invalid" not in output and "% Incomplete" not in output, output
    assert "RouterA(cfg-crypto-trans)#" in output
    assert netmiko_conn.find_prompt() == "RouterA#"

    saved = netmiko_conn.save_config()
    assert "[OK]" in saved
    startup = live_router.router.startup_path
    assert startup is not None and startup.exists()

    running = netmiko_conn.send_command("show running-config")
    expected_block = (
        "crypto isakmp policy 20\n encr aes 256\n hash sha256\n authentication pre-share\n group 14\n lifetime 3600\n"
    )
    assert expected_block in running
    assert "crypto ipsec transform-set TS1 esp-aes 256 esp-sha256-hmac \n mode transport\n" in running
    assert running.rstrip().endswith("end")
    # What was saved is what runs (the startup file has no `Building configuration` header).
    assert startup.read_text() in running


def test_send_config_set_reports_router_errors(netmiko_conn: BaseConnection) -> None:
    netmiko_conn.enable()
    output = netmiko_conn.send_config_set(["crypto isakmp policy 30", "encryption rot13"])
    assert "% Invalid input detected at '^' marker." in output
    # netmiko leaves config mode with `end`; the session is usable afterwards.
    assert netmiko_conn.find_prompt() == "RouterA#"


def test_wrong_enable_secret_gives_bad_secrets_after_three_tries(live_router: LiveRouter) -> None:
    conn = _connect(live_router, "wrong-secret")
    try:
        # As on IOS, a wrong secret is answered by `Password:` again (netmiko's enable() would wait for
        # the prompt until its timeout), so the exchange is driven by hand.
        replies = [conn.send_command("enable", expect_string=r"Password:")]
        # The router does not echo what is typed at `Password:`, so netmiko must not wait for an echo.
        replies += [conn.send_command(f"bad-{n}", expect_string=r"Password:", cmd_verify=False) for n in (1, 2)]
        final = conn.send_command("bad-3", expect_string=r"RouterA>", cmd_verify=False)
        assert all("% Bad secrets" not in r for r in replies)
        assert "% Bad secrets" in final
        assert conn.send_command("show privilege").strip() == "Current privilege level is 1"
    finally:
        conn.disconnect()

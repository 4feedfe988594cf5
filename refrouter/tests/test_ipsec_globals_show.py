"""`show crypto ipsec security-association` over real SSH (netmiko `cisco_xe`): the global SA lifetime and
replay window that new SAs get, as configured with `crypto ipsec security-association ...`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from netmiko import ConnectHandler
from netmiko.base_connection import BaseConnection
from routerlab import TEST_CREDENTIALS, LiveRouter
from seedtext import SAMPLES

CAPTURE = SAMPLES / "github-labs" / "show_crypto_ipsec_security-association__1.txt"  # 2560 KB / 300 s


@pytest.fixture
def conn(live_router: LiveRouter) -> Iterator[BaseConnection]:
    connection = ConnectHandler(
        device_type="cisco_xe", host=live_router.host, port=live_router.port,
        username=TEST_CREDENTIALS.username, password=TEST_CREDENTIALS.password,
        secret=TEST_CREDENTIALS.enable_secret, fast_cli=True, conn_timeout=20, read_timeout_override=20,
        ssh_config_file=None, allow_agent=False, use_keys=False,
    )
    connection.enable()
    try:
        yield connection
    finally:
        connection.disconnect()


def _show(conn: BaseConnection) -> list[str]:
    return str(conn.send_command("show crypto ipsec security-association")).splitlines()


def test_defaults_are_the_ios_defaults(conn: BaseConnection) -> None:
    assert _show(conn) == [
        "Security association lifetime: 4608000 kilobytes/3600 seconds",
        "Security association replay window size: 64",
    ]


def test_configured_lifetime_and_replay_window(conn: BaseConnection) -> None:
    conn.send_config_set([
        "crypto ipsec security-association lifetime seconds 300",
        "crypto ipsec security-association lifetime kilobytes 2560",
        "crypto ipsec security-association replay window-size 1024",
    ])
    assert _show(conn) == [
        "Security association lifetime: 2560 kilobytes/300 seconds",
        "Security association replay window size: 1024",
    ]


def test_disabled_volume_limit_and_replay_check(conn: BaseConnection) -> None:
    conn.send_config_set([
        "crypto ipsec security-association lifetime kilobytes disable",
        "crypto ipsec security-association replay disable",
    ])
    assert _show(conn) == [
        "Security association lifetime: 3600 seconds",
        "Security association replay window size: Disabled",
    ]


def test_lifetime_line_matches_the_real_capture(conn: BaseConnection) -> None:
    if not CAPTURE.exists():
        pytest.skip(f"reference capture {CAPTURE} not found")
    conn.send_config_set([
        "crypto ipsec security-association lifetime seconds 300",
        "crypto ipsec security-association lifetime kilobytes 2560",
    ])
    assert _show(conn)[0] == CAPTURE.read_text().splitlines()[0]


def test_crypto_map_entries_without_a_lifetime_show_the_global_one(conn: BaseConnection) -> None:
    conn.send_config_set([
        "crypto ipsec security-association lifetime seconds 1800",
        "crypto ipsec transform-set TS esp-aes esp-sha-hmac",
        "crypto map CM 10 ipsec-isakmp",
        "set peer 192.0.2.2",
        "set transform-set TS",
        "crypto map CM 20 ipsec-isakmp",
        "set peer 192.0.2.3",
        "set transform-set TS",
        "set security-association lifetime seconds 900",
    ])
    lifetimes = [line.strip() for line in _show_map(conn) if "Security association lifetime" in line]
    assert lifetimes == [
        "Security association lifetime: 4608000 kilobytes/1800 seconds",
        "Security association lifetime: 4608000 kilobytes/900 seconds",
    ]


def _show_map(conn: BaseConnection) -> list[str]:
    return str(conn.send_command("show crypto map")).splitlines()

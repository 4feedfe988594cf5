"""scrapli (2.x API, definition `cisco_iosxe`) drives the router over real SSH."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from routerlab import TEST_CREDENTIALS, LiveRouter
from scrapli import Cli
from scrapli.auth import LookupKeyValue
from scrapli.auth import Options as AuthOptions
from scrapli.transport import BinOptions


@pytest.fixture
def scrapli_cli(live_router: LiveRouter) -> Iterator[Cli]:
    cli = Cli(
        live_router.host,
        port=live_router.port,
        definition_file_or_name="cisco_iosxe",
        auth_options=AuthOptions(
            username=TEST_CREDENTIALS.username,
            password=TEST_CREDENTIALS.password,
            lookups=[LookupKeyValue(key="enable", value=TEST_CREDENTIALS.enable_secret)],
        ),
        transport_options=BinOptions(enable_strict_key=False, known_hosts_path="/dev/null"),
    )
    cli.open()  # on-open: enter privileged exec (enable + secret), term width/length
    try:
        yield cli
    finally:
        cli.close()


def test_show_commands(scrapli_cli: Cli) -> None:
    assert scrapli_cli.get_prompt().result == "RouterA#"
    version = scrapli_cli.send_input("show version")
    assert not version.failed
    assert "Cisco IOS XE Software, Version 17.09.04a" in version.result
    policy = scrapli_cli.send_input("show crypto isakmp default policy")
    assert not policy.failed
    assert policy.result.count("Default protection suite of priority") == 8
    privilege = scrapli_cli.send_input("show privilege")
    assert privilege.result.strip() == "Current privilege level is 15"


def test_send_inputs_in_configuration_mode(scrapli_cli: Cli, live_router: LiveRouter) -> None:
    result = scrapli_cli.send_inputs(
        [
            "crypto ipsec transform-set TS-GCM esp-gcm 256",
            "mode tunnel",
            "exit",
            "crypto map CMAP 10 ipsec-isakmp",
            "set peer 192.0.2.2",
            "set transform-set TS-GCM",
            "set pfs group14",
            "match address 110",
        ],
        requested_mode="configuration",
    )
    assert not result.failed, result.result
    assert scrapli_cli.get_prompt().result == "RouterA(config-crypto-map)#"
    running = live_router.running_config()
    assert "crypto ipsec transform-set TS-GCM esp-gcm 256 \n mode tunnel\n" in running
    assert (
        "crypto map CMAP 10 ipsec-isakmp \n set peer 192.0.2.2\n set transform-set TS-GCM \n"
        " set pfs group14\n match address 110\n"
    ) in running
    back = scrapli_cli.send_input("show crypto map", requested_mode="privileged_exec")
    assert not back.failed
    assert 'Crypto Map IPv4 "CMAP" 10 ipsec-isakmp' in back.result


@pytest.mark.parametrize(
    ("command", "mode"),
    [
        ("show crypto bogus", "privileged_exec"),  # % Invalid input
        ("show crypto", "privileged_exec"),  # % Incomplete command.
        ("sh c", "privileged_exec"),  # % Ambiguous command
        ("crypto isakmp policy 99999", "configuration"),
    ],
)
def test_invalid_command_is_failed(scrapli_cli: Cli, command: str, mode: str) -> None:
    result = scrapli_cli.send_input(command, requested_mode=mode)
    assert result.failed, result.result
    # The session keeps working after a failure.
    assert not scrapli_cli.send_input("show privilege", requested_mode="privileged_exec").failed

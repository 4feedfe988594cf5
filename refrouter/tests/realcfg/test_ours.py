"""Our own configurations of the IKEv1/IPsec families (ours/*.cfg, written in the form IOS XE prints):
typed over SSH with netmiko they come back verbatim in `show running-config`, survive `write memory` and a
restart, and Genie parses the new shows with the router's values."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from genie.libs.parser.iosxe.show_crypto import ShowCryptoIpsecProfile, ShowCryptoIsakmpPeersConfig
from netmiko import ConnectHandler
from netmiko.base_connection import BaseConnection
from routerlab import TEST_CREDENTIALS, LiveRouter

from refrouter.lab.boot import BootableRouter

OURS = Path(__file__).parent / "ours"
FIXTURES = sorted(OURS.glob("*.cfg"))


def body(text: str) -> list[str]:
    """Configuration lines without `!` separators and comments, trailing blanks dropped."""
    return [line.rstrip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("!")]


def blocks(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for line in lines:
        if line[0].isspace() and out:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def contains_run(shown: list[str], wanted: list[str]) -> bool:
    """Every block of `wanted` is a block of `shown`, exactly, in the same order."""
    shown_blocks = blocks(shown)
    position = 0
    for block in blocks(wanted):
        try:
            position = shown_blocks.index(block, position) + 1
        except ValueError:
            return False
    return True


def from_version(text: str) -> str:
    """The configuration from `version` on (the header before it names the time of the last change)."""
    return text[text.index("\nversion ") + 1 :]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_prints_back_as_written(path: Path) -> None:
    router = BootableRouter(name="R")
    router.boot(path.read_text(encoding="utf-8"))
    assert router.boot_errors == []
    assert contains_run(body(router.running_config_text()), body(path.read_text(encoding="utf-8")))


def _connect(live: LiveRouter) -> BaseConnection:
    conn = ConnectHandler(
        device_type="cisco_xe", host=live.host, port=live.port, username=TEST_CREDENTIALS.username,
        password=TEST_CREDENTIALS.password, secret=TEST_CREDENTIALS.enable_secret, fast_cli=True,
        conn_timeout=20, read_timeout_override=20, ssh_config_file=None, allow_agent=False, use_keys=False,
    )
    conn.enable()
    return conn


@pytest.fixture
def netmiko_router(live_router_factory: Callable[..., LiveRouter]) -> Iterator[tuple[LiveRouter, BaseConnection]]:
    live = live_router_factory("RouterA")
    conn = _connect(live)
    try:
        yield live, conn
    finally:
        conn.disconnect()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_typed_over_ssh_survives_write_memory_and_restart(
    path: Path, netmiko_router: tuple[LiveRouter, BaseConnection]
) -> None:
    live, conn = netmiko_router
    # typed, an interface keeps its factory `shutdown` unless told otherwise (a loaded config brings it up)
    lines = ["interface GigabitEthernet1", "no shutdown", "exit"]
    lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    output = conn.send_config_set(lines, cmd_verify=False)
    assert "% " not in output.replace("% NOTE", "").replace("% Warning", ""), output
    assert "ERROR:" not in output, output
    shown = conn.send_command("show running-config")
    assert contains_run(body(shown), body(path.read_text(encoding="utf-8")))
    assert "[OK]" in conn.send_command("write memory")
    conn.disconnect()
    live.call(live.router.boot)
    again = _connect(live)
    try:
        assert from_version(again.send_command("show running-config")) == from_version(shown)
    finally:
        again.disconnect()


def test_genie_parses_ipsec_profile_and_peers_config(netmiko_router: tuple[LiveRouter, BaseConnection]) -> None:
    live, conn = netmiko_router
    conn.send_config_set(
        [line for line in (OURS / "ipsec_families.cfg").read_text(encoding="utf-8").splitlines() if line.strip()],
        cmd_verify=False,
    )
    profiles = ShowCryptoIpsecProfile(device=None).cli(output=conn.send_command("show crypto ipsec profile"))
    profile = live.router.running.ipsec_profiles["VTI-PROF"]
    transform_set = live.router.running.transform_sets["TS-GCM"]
    assert profiles == {
        "ipsec_profile_name": {
            "VTI-PROF": {
                "security_association_lifetime": f"{profile.lifetime.seconds} seconds",
                "responder_only": "N",
                "psf": "Y",
                "pfs_inherit": "N",
                "dh_group": profile.pfs,
                "mixed_mode": "Disabled",
                "tranform_sets": {
                    transform_set.name: {"transform_set_name": "esp-gcm", "transform_set_method": "256"},
                },
            }
        }
    }
    peers = ShowCryptoIsakmpPeersConfig(device=None).cli(output=conn.send_command("show crypto isakmp peers config"))
    policy = live.router.running.isakmp_policies[20]
    assert peers == {
        "peers": {
            "198.51.100.2": {
                "key_exchange": "IKEv1",
                "authentication_method": "Pre-Shared Key",
                "encryption": f"AES-{policy.key_size or 128}",
                "hashing": "SHA-1",
                "dh_group": f"Group {policy.group}",
                "lifetime": policy.lifetime,
                "local_id": live.router.running.interfaces["GigabitEthernet1"].address,
                "remote_id": "198.51.100.2",
            }
        }
    }

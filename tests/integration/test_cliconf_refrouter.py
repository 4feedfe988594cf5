"""The iosxe terminal and cliconf plugins in a real network_cli session with the reference router."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from refrouter_harness import COLLECTIONS, Router, require_refrouter, start_router

DRIVER = Path(__file__).with_name("cliconf_driver.py")


@pytest.fixture
def router(tmp_path: Path) -> Iterator[Router]:
    require_refrouter()
    router = start_router(tmp_path)
    yield router
    router.stop()


def test_cliconf_session(router: Router) -> None:
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(COLLECTIONS), str(router.port)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["device_info"] == {
        "network_os": "ipsecux.iosxe.iosxe",
        "network_os_version": "17.09.04a",
        "network_os_model": "C8000V",
        "network_os_hostname": "RouterA",
        "network_os_image": "bootflash:packages.conf",
        "network_os_serial": result["device_info"]["network_os_serial"],
        "network_os_platform": "C8000V",
    }
    # `show version` came with the connection's set-up write (terminal plugin): nothing more, no `show vlan`
    assert result["device_info_commands"] == []
    assert result["capabilities"]["network_api"] == "cliconf"
    assert "get_diff" in result["capabilities"]["rpc"]
    assert result["edit"]["request"] == [
        "crypto isakmp policy 5",
        "encryption aes 256",
        "crypto isakmp key ******** address 192.0.2.1",
    ]
    assert result["edit_error"] == (
        "AnsibleConnectionFailure: device rejected configuration line 3 of 4 (lines 1-4 were sent; "
        "the device runs every line of a write): "
        "'crypto isakmp key ******** address 192.0.2.300': ^ % Invalid input detected at '^' marker."
    )
    assert result["prompt_after_error"].strip() == "RouterA#"
    assert result["section"].splitlines()[:4] == [
        "crypto isakmp policy 5",
        " encr aes 256",
        "crypto isakmp policy 6",
        " hash sha256",
    ]
    assert result["run_commands"][0] == "Current privilege level is 15"
    assert "% Invalid input detected" in result["run_commands"][1]
    assert "%SYS-5-CONFIG_I: Configured from console" in result["logging"]
    assert result["diff"] == {"config_diff": "crypto isakmp policy 5\nhash sha384"}
    assert result["startup_error"] == "ValueError: fetching configuration from 'candidate' is not supported"
    assert "Drv-Key-2" not in done.stdout + done.stderr

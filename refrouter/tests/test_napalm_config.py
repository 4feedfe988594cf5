"""NAPALM's `ios` driver manages the router's configuration as it would a real one: SCP to bootflash:,
`show archive config ...` diffs, `copy ... running-config`, `configure replace`, rollback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from routerlab import TEST_CREDENTIALS, LiveRouter

napalm = pytest.importorskip("napalm", reason="napalm is installed by `make setup` (requirements-dev.txt)")

PREPARE = ["archive", " path bootflash:$h-archive", " maximum 5", "exit", "ip scp server enable"]


@pytest.fixture
def device(live_router: LiveRouter) -> Iterator[object]:
    live_router.configure(PREPARE)
    driver = napalm.get_network_driver("ios")(
        live_router.host, TEST_CREDENTIALS.username, TEST_CREDENTIALS.password, timeout=30,
        optional_args={"port": live_router.port, "secret": TEST_CREDENTIALS.enable_secret,
                       "ssh_strict": False, "ssh_config_file": None, "allow_agent": False},
    )
    driver.open()
    try:
        yield driver
    finally:
        driver.close()


def test_merge_compare_commit_rollback(device, live_router: LiveRouter) -> None:
    before = live_router.running_config()
    device.load_merge_candidate(config="interface Loopback7\n description merged by napalm\n"
                                       " ip address 10.7.7.7 255.255.255.255\nend\n")
    diff = device.compare_config()
    assert diff.splitlines() == ["+interface Loopback7", "+ description merged by napalm",
                                 "+ ip address 10.7.7.7 255.255.255.255"]
    assert "interface Loopback7" not in live_router.running_config()
    device.commit_config()
    after = live_router.running_config()
    assert "interface Loopback7\n description merged by napalm\n ip address 10.7.7.7 255.255.255.255\n" in after
    assert live_router.call(live_router.router.read_startup) == after  # commit saves (write mem)
    device.rollback()
    assert _body(live_router.running_config()) == _body(before)


def test_replace_changes_only_the_differing_lines(device, live_router: LiveRouter) -> None:
    live_router.configure(["interface Loopback1", " description old", "ip route 192.0.2.0 255.255.255.0 203.0.113.1"])
    running = live_router.running_config()
    intended = running.replace(" description old", " description new").replace(
        "ip route 192.0.2.0 255.255.255.0 203.0.113.1\n", "ip route 198.51.100.0 255.255.255.0 203.0.113.1\n")
    device.load_replace_candidate(config=intended)
    diff = device.compare_config().splitlines()
    assert diff == ["interface Loopback1", " +description new", " -description old",
                    "+ip route 198.51.100.0 255.255.255.0 203.0.113.1", "-ip route 192.0.2.0 255.255.255.0 203.0.113.1"]
    device.commit_config()
    assert _body(live_router.running_config()) == _body(intended)
    device.rollback()
    assert _body(live_router.running_config()) == _body(running)


def _body(config: str) -> str:
    """The config from `version` on, without the `file prompt quiet` NAPALM keeps on until it closes."""
    return config[config.index("version "):].replace("file prompt quiet\n!\n", "")


def test_commit_with_revert_timer_then_confirm(device, live_router: LiveRouter) -> None:
    device.load_merge_candidate(config="interface Loopback8\n description confirm me\nend\n")
    device.commit_config(revert_in=60)  # `configure terminal revert timer 1`, then the merge
    assert device.has_pending_commit()
    assert live_router.call(lambda: live_router.router.archive_log.pending.user) == TEST_CREDENTIALS.username
    device.confirm_commit()  # `configure confirm` and `write mem`
    assert not device.has_pending_commit()
    assert "interface Loopback8\n description confirm me\n" in live_router.running_config()
    assert "interface Loopback8" in live_router.call(live_router.router.read_startup)

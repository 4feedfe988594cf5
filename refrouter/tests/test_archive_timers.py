"""`archive` / `time-period` archives by itself, and `configure terminal revert timer idle N` is an idle timer:
configuration activity restarts it, so it fires only after N minutes without any."""

from __future__ import annotations

import time
from collections.abc import Callable

from routerlab import LiveRouter

from refrouter.cli import revert
from refrouter.cli.session import CliSession
from refrouter.lab.boot import BootableRouter
from refrouter.state.oper.clock import ManualClock

IDLE_LOG = ("%ARCHIVE_DIFF-5-ROLLBK_CNFMD_CHG_START_IDLETIMER: User: admin(Priv: 15, View: 0): Scheduled to "
            "rollback to config bootflash:/R-archive-1 if session has been idle for 1 minutes")


def _archived(live: LiveRouter) -> list[str]:
    return list(live.call(lambda: list(live.router.archive_log.files)))


def test_time_period_archives_every_period(live_router_factory: Callable[..., LiveRouter]) -> None:
    live = live_router_factory("RouterA", time_scale=60.0)  # a router minute is one real second
    live.configure(["archive", " path bootflash:$h-auto", " time-period 1"])
    for _ in range(200):  # bounded: two periods have passed well before
        if len(_archived(live)) >= 2:
            break
        time.sleep(0.05)
    assert _archived(live)[:2] == ["RouterA-auto-1", "RouterA-auto-2"]
    assert "archive\n path bootflash:$h-auto\n time-period 1\n" in live.running_config()
    live.configure(["archive", " no time-period"])
    count = len(_archived(live))
    time.sleep(3)  # three former periods: nothing more is archived
    assert len(_archived(live)) == count


def _idle_router() -> tuple[BootableRouter, ManualClock, CliSession]:
    router = BootableRouter("R")
    router.boot("archive\n path bootflash:$h-archive\n")
    clock = ManualClock()
    router.clock = clock  # type: ignore[assignment]
    session = CliSession(router, user="admin", privilege=15)
    assert session.execute("configure terminal revert timer idle 1").startswith(
        "Rollback Confirmed Change: Backing up current running config to bootflash:/R-archive-1")
    return router, clock, session


def test_an_idle_timer_is_pushed_back_by_configuration_activity() -> None:
    router, clock, session = _idle_router()
    pending = router.archive_log.pending
    assert pending is not None and IDLE_LOG in router.logs.messages()
    clock.advance(50)
    session.execute("interface Loopback7")  # activity at 50 s: the minute starts again
    clock.advance(20)
    revert.on_timer(router, pending)  # the first deadline (60 s) has passed, the new one (110 s) has not
    assert router.archive_log.pending is pending and "interface Loopback7" in router.running_config_text()
    assert "Timer type: idle" in CliSession(router, privilege=15).execute("show archive config rollback timer")
    clock.advance(41)
    revert.on_timer(router, pending)
    assert router.archive_log.pending is None
    assert "interface Loopback7" not in router.running_config_text()
    assert any("ROLLBK_CNFMD_CHG_ROLLBACK_DONE" in m for m in router.logs.messages())


def test_an_absolute_timer_ignores_activity() -> None:
    router = BootableRouter("R")
    router.boot("archive\n path bootflash:$h-archive\n")
    clock = ManualClock()
    router.clock = clock  # type: ignore[assignment]
    session = CliSession(router, user="admin", privilege=15)
    session.execute("configure terminal revert timer 1")
    pending = router.archive_log.pending
    assert pending is not None
    clock.advance(50)
    session.execute("interface Loopback7")
    clock.advance(11)
    revert.on_timer(router, pending)
    assert router.archive_log.pending is None
    assert "interface Loopback7" not in router.running_config_text()


def test_exec_lines_are_not_configuration_activity() -> None:
    router, clock, session = _idle_router()
    session.execute("end")
    clock.advance(50)
    session.execute("show clock")
    clock.advance(11)
    pending = router.archive_log.pending
    assert pending is not None
    revert.on_timer(router, pending)
    assert router.archive_log.pending is None

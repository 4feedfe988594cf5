"""`archive` / `time-period N`: a copy of the running config is archived every N minutes of router time (the
lab's `time_scale` applies), whether or not it changed, as IOS does. Setting, changing or removing the period
(or `archive` itself) re-arms the timer from that moment; a reload starts a new archive list and timer."""

from __future__ import annotations

import asyncio

from ..state.archive import ArchiveLog
from ..state.router import Router


def arm(router: Router) -> None:
    """(Re)start the periodic archive from the current `time-period`; without one, stop it."""
    archive_log = router.archive_log
    if isinstance(archive_log.periodic, asyncio.TimerHandle):
        archive_log.periodic.cancel()
    archive_log.periodic = None
    settings = router.running.archive
    if settings is None or settings.time_period is None:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return  # no loop (a bare CliSession): nothing runs by itself
    real = settings.time_period * 60 / router.clock.time_scale
    archive_log.periodic = loop.call_later(real, tick, router, archive_log)


def tick(router: Router, archive_log: ArchiveLog) -> None:
    """The period elapsed: archive the running config and wait for the next one."""
    if router.archive_log is not archive_log:
        return  # the router reloaded since: its new list has its own timer
    archive_log.periodic = None
    router.archive_config()
    arm(router)

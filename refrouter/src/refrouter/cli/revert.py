"""Confirmed changes: `configure terminal revert timer N` archives the running config and rolls back to it
when the timer fires unless `configure confirm` comes first (`configure revert now|timer` end or move it).
`revert timer idle N` is an idle timer: every configuration line entered (any session) starts its N minutes
again, so it fires only after N minutes without configuration activity.

The timer runs on the asyncio loop serving the router, in router time (the lab's `time_scale` applies).
"""

from __future__ import annotations

import asyncio

from ..state.archive import PendingRevert
from ..state.flash import FlashError
from ..state.router import Router
from .replace import configure_replace

LOG = "%ARCHIVE_DIFF-5-ROLLBK_CNFMD_CHG_"


def start_revert(router: Router, minutes: int, user: str, idle: bool = False,
                 seconds: float | None = None) -> str | None:
    """Archive the running config and arm the timer (`seconds`, when given, instead of the minutes, which the
    logs and `show archive config rollback timer` still name); the backup's path, None when archive has no
    path."""
    name = router.archive_config()
    if name is None:
        return None
    pending = PendingRevert(name, router.clock.now() + (minutes * 60 if seconds is None else seconds), minutes, user,
                            started=router.clock.wall().strftime("%H:%M:%S UTC %a %b %d %Y"), idle=idle)
    router.archive_log.pending = pending
    router.logs.log(f"{LOG}BACKUP: Backing up current running config to bootflash:/{name}")
    if idle:
        router.logs.log(f"{LOG}START_IDLETIMER: User: {user}(Priv: 15, View: 0): Scheduled to rollback to config "
                        f"bootflash:/{name} if session has been idle for {minutes} minutes")
    else:
        router.logs.log(f"{LOG}START_ABSTIMER: User: {user}(Priv: 15, View: 0): Scheduled to rollback to config "
                        f"bootflash:/{name} in {minutes} minutes")
    _schedule(router, pending)
    return name


def _schedule(router: Router, pending: PendingRevert) -> None:
    _cancel(pending)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return  # no loop (a bare CliSession): the change stays pending until confirmed or reverted
    real = max(pending.deadline - router.clock.now(), 0.0) / router.clock.time_scale
    pending.timer = loop.call_later(real, on_timer, router, pending)


def _cancel(pending: PendingRevert) -> None:
    if isinstance(pending.timer, asyncio.TimerHandle):
        pending.timer.cancel()
    pending.timer = None


def reset_timer(router: Router, minutes: int, idle: bool = False, seconds: float | None = None) -> bool:
    """`configure revert timer [idle] N`: the pending change's timer restarts with N minutes (and that kind)."""
    pending = router.archive_log.pending
    if pending is None:
        return False
    pending.deadline = router.clock.now() + (minutes * 60 if seconds is None else seconds)
    pending.minutes, pending.idle = minutes, idle
    _schedule(router, pending)
    return True


def confirm(router: Router, user: str) -> bool:
    pending = router.archive_log.pending
    if pending is None:
        return False
    _cancel(pending)
    router.archive_log.pending = None
    router.logs.log(f"{LOG}CONFIRM: User: {user}(Priv: 15, View: 0): Confirm the configuration change")
    return True


def on_timer(router: Router, pending: PendingRevert) -> None:
    """The scheduled time came: an idle timer whose deadline activity moved waits again, else roll back."""
    if router.archive_log.pending is pending and pending.deadline > router.clock.now():
        _schedule(router, pending)
        return
    expire(router, pending)


def expire(router: Router, pending: PendingRevert) -> None:
    """The timer fired (or `configure revert now`): roll back to the backup."""
    if router.archive_log.pending is not pending:
        return
    _cancel(pending)
    router.archive_log.pending = None
    router.logs.log(f"{LOG}TIMER_EXPIRED: Rollback Confirmed Change: Rollback timer has expired. "
                    f"Starting rollback...")
    router.logs.log(f"{LOG}ROLLBACK_START: Start rolling to: bootflash:/{pending.saved_file}")
    try:
        text = router.flash.read(pending.saved_file)
    except FlashError:
        router.logs.log(f"{LOG}ROLLBACK_FAIL: Rollback failed: bootflash:/{pending.saved_file} is gone")
        return
    configure_replace(router, text, pending.user, "rollback")
    router.mark_changed()
    router.logs.log(f"{LOG}ROLLBACK_DONE: Rollback Confirmed Change: Rollback to bootflash:/{pending.saved_file} done")

"""The router's confirmed-change timer (cli.revert, the one `configure terminal revert timer` arms), as the
NETCONF confirmed commit drives it (netconf.candidate.RevertControl)."""

from __future__ import annotations

import math

from ...cli import revert
from ...state.archive import PendingRevert
from ...state.router import Router


class CliRevertTimer:
    def __init__(self, router: Router) -> None:
        self.router = router

    def start(self, seconds: float, user: str) -> PendingRevert | None:
        if revert.start_revert(self.router, _minutes(seconds), user, seconds=seconds) is None:
            return None
        return self.router.archive_log.pending

    def reset(self, seconds: float) -> None:
        revert.reset_timer(self.router, _minutes(seconds), seconds=seconds)

    def confirm(self, user: str) -> None:
        revert.confirm(self.router, user)

    def revert_now(self) -> None:
        pending = self.router.archive_log.pending
        if pending is not None:
            revert.expire(self.router, pending)


def _minutes(seconds: float) -> int:
    """The minutes the logs and `show archive config rollback timer` name (rounded up)."""
    return max(1, math.ceil(seconds / 60))

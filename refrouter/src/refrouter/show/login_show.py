"""`show login`: the login delay, quiet-mode access list and block-for state, in IOS's words."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..state.router import Router

INDENT = "     "


def show_login(router: Router) -> str:
    guard = router.login_guard
    running = router.running
    quiet = guard.quiet()
    lines = []
    if running.login_delay is not None:
        lines.append(f"A login delay of {running.login_delay} seconds is applied.")
    elif running.login_block:
        lines.append(f"A default login delay of {guard.delay} seconds is applied.")
    else:
        lines.append("No login delay has been applied.")
    acl = running.login_quiet_acl
    lines.append(
        f"Quiet-Mode access list {acl} is applied."
        if acl
        else "No Quiet-Mode access list has been configured."
    )
    lines.append("All successful login is logged.")
    block = running.login_block
    if block is None:
        lines += ["", "Router NOT enabled to watch for login Attacks"]
        return "\n".join(INDENT + line if line else "" for line in lines) + "\n"
    lines += ["", "Router enabled to watch for login Attacks.",
              f"If more than {block.attempts} login failures occur in {block.within} seconds or less,",
              f"logins will be disabled for {block.block_for} seconds.", ""]
    now = router.clock.now()
    if quiet and guard.quiet_until is not None:
        lines += ["Router presently in Quiet-Mode.",
                  f"Will remain in Quiet-Mode for {max(0, int(guard.quiet_until - now))} seconds.",
                  f"Restricted logins filtered by applied ACL {acl}." if acl else "Denying logins from all sources."]
    else:
        window_left = int(block.within - (now - guard.failures[0])) if guard.failures else block.within
        lines += ["Router presently in Normal-Mode.", "Current Watch Window",
                  f"    Time remaining: {max(0, window_left)} seconds.",
                  f"    Login failures for current window: {len(guard.failures)}."]
    lines.append(f"Total login failures: {guard.total_failures}.")
    return "\n".join(INDENT + line if line else "" for line in lines) + "\n"

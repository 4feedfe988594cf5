"""`show crypto ipsec security-association`: the global IPsec SA settings new SAs get (lifetime, replay)."""

from __future__ import annotations

from ..state.router import Router


def security_association(router: Router) -> str:
    """The lifetime line is IOS's; a disabled volume limit drops the kilobytes part and a disabled replay
    check prints `Disabled` (docs/refrouter.md)."""
    sa = router.running.ipsec_globals
    volume = "" if sa.lifetime_kilobytes_disabled else f"{sa.lifetime_kilobytes} kilobytes/"
    replay = "Disabled" if sa.replay_disabled else str(sa.replay_window)
    return (
        f"Security association lifetime: {volume}{sa.lifetime_seconds} seconds\n"
        f"Security association replay window size: {replay}\n"
    )

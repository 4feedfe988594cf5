"""Login protection over real SSH: quiet mode after repeated failures (`login block-for`), the quiet-mode
access-class, serialised and delayed checks (`login delay`) and equal work for unknown and known users."""

from __future__ import annotations

import asyncio
import itertools

import asyncssh
import pytest
from routerlab import TEST_CREDENTIALS, LiveRouter

import refrouter.state.secrets as secrets_module
from refrouter.state.login_guard import dummy_hash
from refrouter.state.oper.clock import ManualClock
from refrouter.state.router import Router

USER, PASSWORD = TEST_CREDENTIALS.username, TEST_CREDENTIALS.password
QUIET_ON = "%SEC_LOGIN-1-QUIET_MODE_ON: Still timeleft for watching failures is "


async def _login(port: int, username: str, password: str) -> bool:
    """One SSH login with a password; True when the router let us in."""
    try:
        conn = await asyncssh.connect("127.0.0.1", port, username=username, password=password, known_hosts=None,
                                      client_keys=None, agent_path=None, preferred_auth="password",
                                      connect_timeout=20)
    except asyncssh.PermissionDenied:
        return False
    conn.close()
    await conn.wait_closed()
    return True


def login(live: LiveRouter, username: str = USER, password: str = PASSWORD) -> bool:
    return asyncio.run(_login(live.port, username, password))


def manual_clock(live: LiveRouter) -> ManualClock:
    """Drive the router's login timers by hand (a fast time scale keeps `login delay` waits short)."""
    clock = ManualClock(time_scale=1000)

    def install() -> None:
        live.router.clock = clock

    live.call(install)
    return clock


def messages(live: LiveRouter, mnemonic: str) -> list[str]:
    return [m for m in live.call(live.router.logs.messages) if f"-{mnemonic}:" in m]


def show_login(live: LiveRouter) -> str:
    from refrouter.show.login_show import show_login as render

    return live.call(render, live.router)


def test_block_for_refuses_even_the_right_password_during_quiet_mode(live_router: LiveRouter) -> None:
    clock = manual_clock(live_router)
    assert live_router.configure(["login block-for 100 attempts 3 within 60"]) == [""]
    assert [login(live_router, password=f"guess-{n}") for n in range(3)] == [False, False, False]
    assert len(messages(live_router, "LOGIN_FAILED")) == 3
    assert messages(live_router, "LOGIN_FAILED")[0].startswith(
        f"%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: {USER}] [Source: 127.0.0.1] "
        f"[localport: {live_router.port}] [Reason: Login Authentication Failed] at ")
    [quiet_on] = messages(live_router, "QUIET_MODE_ON")
    assert quiet_on.startswith(QUIET_ON + "60 secs, [user: ")
    assert "[ACL: sl_def_acl]" in quiet_on

    assert login(live_router) is False  # the attack is stopped: the right password is refused too
    assert "Router presently in Quiet-Mode." in show_login(live_router)
    assert "Denying logins from all sources." in show_login(live_router)
    assert len(messages(live_router, "LOGIN_FAILED")) == 3  # refused attempts are not counted as failures

    clock.advance(100)
    assert login(live_router) is True
    [quiet_off] = messages(live_router, "QUIET_MODE_OFF")
    assert quiet_off.startswith("%SEC_LOGIN-5-QUIET_MODE_OFF: Quiet Mode is OFF, because block period timed out at ")
    assert "Router presently in Normal-Mode." in show_login(live_router)
    assert "Total login failures: 3." in show_login(live_router)


def test_failures_outside_the_watch_window_do_not_block(live_router: LiveRouter) -> None:
    clock = manual_clock(live_router)
    live_router.configure(["login block-for 100 attempts 2 within 10"])
    assert login(live_router, password="wrong") is False
    clock.advance(11)
    assert login(live_router, password="wrong") is False
    assert messages(live_router, "QUIET_MODE_ON") == []
    assert login(live_router) is True


def test_quiet_mode_access_class_admits_listed_sources(live_router: LiveRouter) -> None:
    manual_clock(live_router)
    outputs = live_router.configure(["access-list 10 permit host 127.0.0.1",
                                     "login block-for 100 attempts 1 within 60",
                                     "login quiet-mode access-class 10"])
    assert outputs == ["", "", ""]
    assert login(live_router, password="wrong") is False
    assert len(messages(live_router, "QUIET_MODE_ON")) == 1
    assert "[ACL: 10]" in messages(live_router, "QUIET_MODE_ON")[0]
    assert "Restricted logins filtered by applied ACL 10." in show_login(live_router)
    assert login(live_router) is True  # 127.0.0.1 is permitted by the access-class


def test_login_delay_serialises_attempts_on_the_router_clock(live_router: LiveRouter) -> None:
    """Concurrent guesses are checked one after the other, `login delay` router seconds apart."""

    def fast_clock() -> None:
        live_router.router.time_scale = 50  # 1 router second = 20 ms
        live_router.router.boot()

    live_router.call(fast_clock)
    live_router.configure(["login delay 1", "login block-for 600 attempts 100 within 600"])

    async def guesses() -> list[bool]:
        return list(await asyncio.gather(*(_login(live_router.port, USER, f"guess-{n}") for n in range(5))))

    assert asyncio.run(guesses()) == [False] * 5
    failed = [e for e in live_router.call(live_router.router.logs.entries) if e.mnemonic == "LOGIN_FAILED"]
    assert len(failed) == 5
    gaps = [later.uptime - earlier.uptime for earlier, later in itertools.pairwise(failed)]
    assert all(gap >= 1.0 - 1e-3 for gap in gaps), gaps


def test_unknown_user_costs_one_hash_like_a_known_user(live_router: LiveRouter,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A user name must not be guessable from the answer time: both checks hash exactly once."""
    dummy_hash()  # the dummy is made once per process; not part of the count
    calls: list[str] = []
    real = secrets_module.hash_secret

    def counting(secret: str, salt: str | None = None) -> str:
        calls.append(salt or "")
        return real(secret, salt)

    monkeypatch.setattr(secrets_module, "hash_secret", counting)
    assert login(live_router, USER, "wrong") is False
    known = len(calls)
    calls.clear()
    assert login(live_router, "no-such-user", "wrong") is False
    assert (known, len(calls)) == (1, 1)


def test_show_login_without_configuration() -> None:
    from refrouter.show.login_show import show_login as render

    router = Router("R1")
    assert render(router).splitlines() == [
        "     No login delay has been applied.",
        "     No Quiet-Mode access list has been configured.",
        "     All successful login is logged.",
        "",
        "     Router NOT enabled to watch for login Attacks",
    ]


def test_login_lines_render_and_load_back(live_router: LiveRouter) -> None:
    lines = ["login block-for 120 attempts 4 within 30", "login delay 3", "login quiet-mode access-class MGMT"]
    assert live_router.configure(lines) == ["", "", ""]
    config = live_router.running_config().splitlines()
    start = config.index(lines[0])
    assert config[start : start + 4] == [*lines, "login on-success log"]
    assert live_router.configure(["no login block-for", "no login delay", "no login quiet-mode access-class"]) == [
        "", "", ""]
    assert not any(line.startswith(("login block-for", "login delay", "login quiet")) for line in
                   live_router.running_config().splitlines())

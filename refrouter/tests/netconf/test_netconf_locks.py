"""Locks, kill-session, and NETCONF editing concurrently with CLI sessions on the same router."""

from __future__ import annotations

import threading

import pytest
from clishell import privileged_shell
from ncclient.operations.rpc import RPCError
from ncclient.transport.errors import TransportError
from nchelpers import NetconfRouter, config, ipsec, isakmp

pytest_plugins = ["ncfixtures"]

POLICY_20 = config(isakmp("<policy><number>20</number><hash>md5</hash></policy>"))


def test_lock_denied_names_the_holder_and_edits_get_in_use(nc_router: NetconfRouter) -> None:
    with nc_router.connect() as first, nc_router.connect() as second:
        assert first.lock("running").ok
        with pytest.raises(RPCError) as denied:
            second.lock("running")
        assert denied.value.tag == "lock-denied"
        assert f"<session-id>{first.session_id}</session-id>" in denied.value.info
        with pytest.raises(RPCError) as in_use:
            second.edit_config(target="running", config=POLICY_20)
        assert in_use.value.tag == "in-use"
        assert first.edit_config(target="running", config=POLICY_20).ok  # the holder may edit
        with pytest.raises(RPCError) as not_held:
            second.unlock("running")
        assert not_held.value.tag == "operation-failed"
        assert first.unlock("running").ok
        assert second.lock("running").ok
        assert second.unlock("running").ok
    assert "crypto isakmp policy 20\n hash md5" in nc_router.running_config()


def test_a_lock_ends_with_its_session(nc_router: NetconfRouter) -> None:
    holder = nc_router.connect()
    holder.lock("running")
    holder.close_session()
    with nc_router.connect() as other:
        assert other.lock("running").ok


def test_kill_session_releases_the_lock_and_closes_the_victim(nc_router: NetconfRouter) -> None:
    victim = nc_router.connect()
    victim.lock("running")
    with nc_router.connect() as killer:
        with pytest.raises(RPCError) as self_kill:
            killer.kill_session(killer.session_id)
        assert self_kill.value.tag == "invalid-value"
        assert killer.kill_session(victim.session_id).ok
        assert killer.lock("running").ok
        with pytest.raises(RPCError) as unknown:
            killer.kill_session("4242")
        assert unknown.value.tag == "invalid-value"
    assert int(victim.session_id) not in nc_router.service.sessions
    with pytest.raises(TransportError):
        victim.get_config("running")


def test_cli_submode_survives_a_netconf_edit_of_other_objects(nc_router: NetconfRouter) -> None:
    """A CLI session inside `crypto isakmp policy 50` keeps editing the live policy after NETCONF commits."""
    creds = nc_router.live.credentials

    async def cli_start() -> object:
        ctx = privileged_shell(nc_router.live.port, creds.username, creds.password, creds.enable_secret)
        shell = await ctx.__aenter__()
        await shell.command("configure terminal")
        await shell.command("crypto isakmp policy 50")
        return ctx, shell

    ctx, shell = nc_router.live.loop.run(cli_start())  # type: ignore[misc]
    with nc_router.connect() as m:
        m.edit_config(target="running", config=config(ipsec("<transform-set><tag>NC-TS</tag><esp>esp-aes</esp>"
                                                            "</transform-set>")))
        m.edit_config(target="running", config=POLICY_20)

    async def cli_finish() -> None:
        await shell.command("hash sha512")
        await shell.command("end")
        await ctx.__aexit__(None, None, None)

    nc_router.live.loop.run(cli_finish())
    running = nc_router.running_config()
    assert "crypto isakmp policy 50\n hash sha512" in running
    assert "crypto isakmp policy 20\n hash md5" in running
    assert "crypto ipsec transform-set NC-TS esp-aes " in running


def test_concurrent_netconf_and_cli_edits_lose_nothing(nc_router: NetconfRouter) -> None:
    rounds = 8
    creds = nc_router.live.credentials
    failures: list[BaseException] = []

    def netconf_worker() -> None:
        try:
            with nc_router.connect() as m:
                for index in range(rounds):
                    m.edit_config(target="running", config=config(isakmp(
                        f"<policy><number>{100 + index}</number><group>14</group></policy>")))
        except (RPCError, TransportError, OSError) as exc:  # reported by the main thread
            failures.append(exc)

    async def cli_worker() -> None:
        async with privileged_shell(nc_router.live.port, creds.username, creds.password, creds.enable_secret) as sh:
            await sh.command("configure terminal")
            for index in range(rounds):
                await sh.command(f"crypto ipsec transform-set CLI-{index} esp-aes esp-sha-hmac")
                await sh.command("exit")
            await sh.command("end")

    thread = threading.Thread(target=netconf_worker)
    thread.start()
    nc_router.live.loop.run(cli_worker())
    thread.join(60)
    assert not thread.is_alive() and not failures, failures
    running = nc_router.running_config()
    for index in range(rounds):
        assert f"crypto isakmp policy {100 + index}\n group 14" in running
        assert f"crypto ipsec transform-set CLI-{index} esp-aes esp-sha-hmac " in running


def test_a_netconf_lock_blocks_cli_configuration_until_unlocked(nc_router: NetconfRouter) -> None:
    """IOS XE's NETCONF lock on running is global: `configure terminal` is refused while it is held."""
    from refrouter.cli.session import CliSession

    with nc_router.connect() as holder:
        assert holder.lock("running").ok
        session = CliSession(nc_router.router, privilege=15)
        refused = session.execute("configure terminal")
        assert refused == (f"Configuration mode is locked by process '{holder.session_id}' user 'NETCONF' "
                           f"from terminal '{holder.session_id}'. Please try later.\n")
        assert not session.in_config
        assert holder.unlock("running").ok
        assert "Enter configuration commands" in str(session.execute("configure terminal"))
        assert session.in_config


@pytest.mark.parametrize("session_id", ["9" * 5000, "0", "4294967296", "abc", "-1"])
def test_kill_session_with_an_impossible_session_id_is_invalid_value(nc_router: NetconfRouter, session_id: str) -> None:
    with nc_router.connect() as m:
        with pytest.raises(RPCError) as refused:
            m.kill_session(session_id)
        assert refused.value.tag == "invalid-value"
        assert "<bad-element>session-id</bad-element>" in refused.value.info
        assert m.get_config("running", filter=("xpath", "/native/hostname")).ok  # the session goes on


def test_a_5000_digit_list_key_is_invalid_value(nc_router: NetconfRouter) -> None:
    with nc_router.connect() as m, pytest.raises(RPCError) as refused:
        m.edit_config(target="running", config=config(isakmp(f"<policy><number>{'1' * 5000}</number></policy>")))
    assert refused.value.tag == "invalid-value"
    assert "crypto isakmp policy 1" not in nc_router.running_config()

"""NETCONF serves privilege-15 users only, as IOS XE does: lower levels get no session, a demoted user's
open session gets access-denied."""

from __future__ import annotations

import pytest
from lxml import etree
from ncclient.operations.rpc import RPCError
from ncclient.transport.errors import SessionCloseError
from nchelpers import NetconfRouter, RawNetconf, config, hello, isakmp, rpc, texts

pytest_plugins = ["ncfixtures"]

BASE10 = "urn:ietf:params:netconf:base:1.0"
PSK = "Psk-Secret-77"
VIEWER = ("viewer", "View-Pw-1")
BOSS = ("boss", "Boss-Pw-1")
GET_KEYS = ("<get-config><source><running/></source><filter type='xpath' select='/native/crypto/isakmp/key'/>"
            "</get-config>")
SAVE = '<save-config xmlns="http://cisco.com/yang/cisco-ia"/>'
POLICY_30 = config(isakmp("<policy><number>30</number><hash>md5</hash></policy>"))


@pytest.fixture
def nc(nc_router: NetconfRouter) -> NetconfRouter:
    nc_router.cli([
        f"crypto isakmp key {PSK} address 192.0.2.1",
        f"username {VIEWER[0]} privilege 1 secret 0 {VIEWER[1]}",
        f"username {BOSS[0]} privilege 15 secret 0 {BOSS[1]}",
    ])
    return nc_router


def test_a_privilege_1_user_gets_no_hello_and_reads_no_psk(nc: NetconfRouter) -> None:
    async def attack() -> bytes:
        """Everything the server sends: its hello, then the reply to a get-config of the PSKs."""
        client = await RawNetconf.open(nc, VIEWER)
        try:
            server_hello = await client.read_until(b"]]>]]>")
            client.send(hello(BASE10) + rpc("1", GET_KEYS) + b"]]>]]>")
            return server_hello + await client.read_until(b"]]>]]>")
        except EOFError as closed:  # the channel closed: what came before it
            return bytes(closed.args[0])
        finally:
            await client.close()

    received = nc.live.loop.run(attack())
    assert received == b""
    assert nc.service.sessions == {}
    logs = nc.live.call(nc.router.logs.messages)
    assert any("%DMI-5-AUTHENTICATION_FAILED: R0/0: dmiauthd: Authentication failure from 127.0.0.1:" in line
               and line.endswith("for netconf over ssh.") for line in logs)


def test_ncclient_cannot_open_a_session_below_privilege_15(nc: NetconfRouter) -> None:
    # The channel closes before any server hello: ncclient notices it while waiting for the hello, or
    # (paramiko) while sending its own one, whichever comes first.
    with pytest.raises((SessionCloseError, OSError)):
        nc.connect(user=VIEWER)
    assert nc.service.sessions == {}


def test_a_privilege_15_user_gets_the_full_service(nc: NetconfRouter) -> None:
    with nc.connect(user=BOSS) as m:
        assert texts(m.get_config("running", filter=("xpath", "/native/crypto/isakmp/key")),
                     "//crypto:key/crypto:key-address-host/crypto:key") == [PSK]
        assert m.edit_config(target="running", config=POLICY_30).ok
    assert "crypto isakmp policy 30\n hash md5" in nc.running_config()


@pytest.mark.parametrize("demotion", [f"username {BOSS[0]} privilege 1 secret 0 {BOSS[1]}", f"no username {BOSS[0]}"])
def test_a_demoted_user_s_open_session_gets_access_denied(nc: NetconfRouter, demotion: str) -> None:
    with nc.connect(user=BOSS) as m:
        assert m.get_config("running", filter=("xpath", "/native/hostname")).ok
        nc.cli([demotion])
        for request in (lambda: m.get_config("running", filter=("xpath", "/native/crypto/isakmp/key")),
                        lambda: m.edit_config(target="running", config=POLICY_30),
                        lambda: m.dispatch(etree.fromstring(SAVE))):
            with pytest.raises(RPCError) as denied:
                request()
            assert denied.value.tag == "access-denied"
            assert PSK not in str(denied.value)
    assert "crypto isakmp policy 30" not in nc.running_config()
    assert nc.live.call(nc.router.read_startup) is None


def test_privilege_levels_are_kept_in_the_running_config_and_across_a_reload(nc: NetconfRouter) -> None:
    nc.cli([f"username {BOSS[0]} secret 0 New-Pw-2"])  # a later line without privilege keeps the level
    running = nc.running_config()
    assert f"username {BOSS[0]} privilege 15 secret 9 $9$" in running
    assert f"username {VIEWER[0]} secret 9 $9$" in running  # level 1 is not shown, as on IOS
    assert f"username {nc.live.credentials.username} privilege 15 secret 9 $9$" in running
    nc.live.call(nc.router.write_startup)
    nc.live.call(nc.router.reload)
    assert nc.live.call(nc.router.running.user_privilege, BOSS[0]) == 15
    assert nc.live.call(nc.router.running.user_privilege, VIEWER[0]) == 1
    with nc.connect(user=(BOSS[0], "New-Pw-2")) as m:
        assert m.get_config("running", filter=("xpath", "/native/hostname")).ok


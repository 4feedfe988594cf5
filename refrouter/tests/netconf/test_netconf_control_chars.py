"""Control characters: every input channel drops them the same way (CLI) or refuses them (NETCONF), and a
stored value that holds one anyway never breaks a NETCONF reply."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from clishell import connect, privileged_shell
from ncclient.operations.rpc import RPCError
from nchelpers import NATIVE, NetconfRouter, config, isakmp, texts

pytest_plugins = ["ncfixtures"]

# \x01 in a name broke every get-config; NEL (\x85) is XML-legal but no less a control character
TYPED = ["vrf definition red\x01", "interface Loopback7", "description left\x85right\x02", "end"]
VRF_NAMES = "//ios:vrf/ios:definition/ios:name"
LOOPBACK_DESCRIPTION = "//ios:interface/ios:Loopback[ios:name='7']/ios:description"
POLICY_40 = config(isakmp("<policy><number>40</number><hash>md5</hash></policy>"))


async def over_exec(nc: NetconfRouter) -> None:
    creds = nc.live.credentials
    conn = await connect(nc.live.port, creds.username, creds.password)
    try:
        command = "\n".join(["enable", creds.enable_secret, "configure terminal", *TYPED])
        await conn.run(command, check=False)
    finally:
        conn.close()
        await conn.wait_closed()


async def over_shell(nc: NetconfRouter) -> None:
    creds = nc.live.credentials
    async with privileged_shell(nc.live.port, creds.username, creds.password, creds.enable_secret) as shell:
        await shell.command("configure terminal")
        for line in TYPED:
            await shell.send(line)


@pytest.mark.parametrize("channel", [over_exec, over_shell], ids=["exec", "shell"])
def test_every_cli_channel_drops_control_characters_and_netconf_keeps_working(
    nc_router: NetconfRouter, channel: Callable[[NetconfRouter], Awaitable[None]]
) -> None:
    nc_router.live.loop.run(channel(nc_router))
    running = nc_router.running_config()
    assert "vrf definition red\n" in running and " description leftright\n" in running
    with nc_router.connect() as first, nc_router.connect() as second:
        assert texts(first.get_config("running"), VRF_NAMES) == ["red"]
        assert texts(second.get_config("running"), LOOPBACK_DESCRIPTION) == ["leftright"]
        assert second.edit_config(target="running", config=POLICY_40).ok


def test_a_loaded_config_drops_control_characters_too(nc_factory: Callable[..., NetconfRouter]) -> None:
    nc = nc_factory("vrf definition red\x01\n!\ninterface Loopback7\n description left\x0cright\x85\n!\n")
    assert nc.live.call(lambda: list(nc.router.running.vrfs)) == ["red"]
    assert nc.live.call(lambda: nc.router.running.interfaces["Loopback7"].description) == "leftright"
    assert nc.live.call(lambda: nc.router.boot_errors) == []


@pytest.mark.parametrize("description", ["first&#10;hostname PWNED", "tab&#9;inside", "nel\u0085inside"],
                         ids=["newline", "tab", "c1"])
def test_netconf_refuses_control_characters_in_values(nc_router: NetconfRouter, description: str) -> None:
    before = nc_router.running_config()
    edit = config(f"<interface><Loopback><name>7</name><description>{description}</description></Loopback>"
                  "</interface>", crypto=False)
    with nc_router.connect() as m, pytest.raises(RPCError) as refused:
        m.edit_config(target="running", config=edit)
    assert refused.value.tag == "invalid-value"
    assert "<bad-element>description</bad-element>" in refused.value.info
    after = nc_router.running_config()
    assert after == before and "PWNED" not in after


def test_a_stored_control_character_never_breaks_a_reply(nc_router: NetconfRouter) -> None:
    """Written straight into the datastore (no channel lets it in): every session can still read and edit."""
    from refrouter.state.config.model import Interface, Vrf

    def inject() -> None:
        running = nc_router.router.running
        running.vrfs["red\x01"] = Vrf("red\x01", description="d\x02")
        running.interfaces["Loopback7"] = Interface("Loopback7", description="x\x00y\ud800", vrf="red\x01")

    nc_router.live.call(inject)
    with nc_router.connect() as first, nc_router.connect() as second:
        for session in (first, second):
            reply = session.get_config("running")
            assert texts(reply, VRF_NAMES) == ["red\ufffd"]
            assert texts(reply, LOOPBACK_DESCRIPTION) == ["x\ufffdy\ufffd"]
            assert session.get(filter=("subtree", f'<native xmlns="{NATIVE}"><vrf/></native>')).ok
        assert first.edit_config(target="running", config=POLICY_40).ok
    # the edit committed what NETCONF showed: the replacement character instead of the unreadable one
    assert nc_router.live.call(lambda: list(nc_router.router.running.vrfs)) == ["red\ufffd"]
    assert "crypto isakmp policy 40\n hash md5" in nc_router.running_config()

"""Config shared by sessions and kept across reloads (issue #12): removed sub-mode objects and banners."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncssh
import pytest
from clishell import privileged_shell
from routerlab import TEST_CREDENTIALS, LiveRouter

from refrouter.cli.modes.config import ConfigMode
from refrouter.cli.session import CliSession
from refrouter.lab.boot import BootableRouter as Router

USER, PASSWORD, SECRET = TEST_CREDENTIALS.username, TEST_CREDENTIALS.password, TEST_CREDENTIALS.enable_secret


def config_session(router: Router) -> CliSession:
    session = CliSession(router, privilege=15)
    session.push(ConfigMode(session))
    return session


# ------------------------------------------------------------------------ removed sub-mode objects


def test_edit_of_a_crypto_map_removed_by_another_ssh_session_is_refused(live_router: LiveRouter) -> None:
    """Session A in `crypto map M 10`, session B removes it: A's next line gets an error, never a silent drop."""

    async def scenario() -> tuple[str, str, str]:
        async with (
            privileged_shell(live_router.port, USER, PASSWORD, SECRET) as shell_a,
            privileged_shell(live_router.port, USER, PASSWORD, SECRET) as shell_b,
        ):
            await shell_a.command("configure terminal")
            await shell_a.command("crypto map M 10 ipsec-isakmp")
            await shell_b.command("configure terminal")
            await shell_b.command("no crypto map M 10")
            refused = await shell_a.command("set peer 192.0.2.1")
            prompt_after = shell_a.prompt
            second = await shell_a.command("set peer 192.0.2.2")  # now in (config): plain invalid input
            return refused, prompt_after, second

    refused, prompt_after, second = asyncio.run(scenario())
    assert refused == "% crypto map M 10 was removed or replaced by another session; the line was not applied\n"
    assert prompt_after == "RouterA(config)#"
    assert second.endswith("% Invalid input detected at '^' marker.\n")
    running = live_router.running_config()
    assert "crypto map M 10" not in running and "192.0.2." not in running


def test_edit_of_a_recreated_crypto_map_entry_is_refused() -> None:
    """B removes and re-creates the entry: A's mode edits an orphan object, so its line is refused too."""
    router = Router("RouterA")
    session_a, session_b = config_session(router), config_session(router)
    session_a.execute("crypto map M 10 ipsec-isakmp")
    session_b.execute("no crypto map M 10")
    session_b.execute("crypto map M 10 ipsec-isakmp")
    session_b.execute("exit")
    assert session_a.execute("match address ACL").startswith("% crypto map M 10 was removed or replaced")
    assert router.running.crypto_maps["M"].entries[10].match_address is None


@pytest.mark.parametrize(
    ("enter", "remove", "edit", "name"),
    [
        ("interface Loopback9", "no interface Loopback9", "description gone", "Interface Loopback9"),
        ("crypto isakmp policy 30", "no crypto isakmp policy 30", "hash md5", "crypto isakmp policy 30"),
        ("crypto ipsec transform-set TS esp-aes esp-sha-hmac", "no crypto ipsec transform-set TS",
         "mode transport", "crypto ipsec transform-set TS"),
        ("crypto ipsec profile P", "no crypto ipsec profile P", "set pfs group14", "crypto ipsec profile P"),
        ("ip access-list extended ACL", "no ip access-list extended ACL", "permit ip any any",
         "ip access-list ACL"),
        ("vrf definition V", "no vrf definition V", "rd 65000:1", "vrf definition V"),
    ],
)
def test_every_sub_mode_refuses_edits_to_a_removed_object(enter: str, remove: str, edit: str, name: str) -> None:
    router = Router("RouterA")
    session_a, session_b = config_session(router), config_session(router)
    assert "%" not in session_a.execute(enter)
    before = router.running_config_text()
    assert "%" not in session_b.execute(remove)
    removed = router.running_config_text()
    assert removed != before
    output = session_a.execute(edit)
    assert output == f"% {name} was removed or replaced by another session; the line was not applied\n"
    assert session_a.prompt() == "RouterA(config)#"
    assert router.running_config_text() == removed


def test_sub_mode_of_a_live_object_still_edits() -> None:
    router = Router("RouterA")
    session_a, session_b = config_session(router), config_session(router)
    session_a.execute("crypto map M 10 ipsec-isakmp")
    session_b.execute("no crypto map M 20")  # another entry of the same map
    assert session_a.execute("set peer 192.0.2.1") == ""
    assert router.running.crypto_maps["M"].entries[10].peers == ["192.0.2.1"]


# ------------------------------------------------------------------------ banners


def test_banners_survive_write_memory_and_reload(tmp_path: Path) -> None:
    router = Router("RouterA", state_dir=tmp_path)
    router.boot()
    session = config_session(router)
    for line in ["banner motd #", "Welcome", "end", "not the end#", "banner login ^CAuthorized use only^C",
                 "hostname AFTER-BANNER", "end"]:
        session.execute(line)
    assert session.execute("write memory").endswith("[OK]\n")
    rendered = router.running_config_text()
    assert "banner login ^CAuthorized use only^C\nbanner motd ^CWelcome\nend\nnot the end^C\n" in rendered

    reloaded = Router("RouterA", state_dir=tmp_path)
    reloaded.boot()
    assert reloaded.running.banner_motd == "Welcome\nend\nnot the end"
    assert reloaded.running.banner_login == "Authorized use only"
    assert reloaded.running.hostname == "AFTER-BANNER"  # lines after the banner are not lost
    assert reloaded.running_config_text() == rendered.replace("hostname RouterA", "hostname AFTER-BANNER")


def test_login_banner_is_sent_before_authentication(live_router: LiveRouter) -> None:
    live_router.configure(["banner login ^CAuthorized use only^C"])
    received: list[str] = []

    class BannerClient(asyncssh.SSHClient):
        def auth_banner_received(self, msg: str, lang: str) -> None:
            received.append(msg)

    async def scenario() -> None:
        conn = await asyncssh.connect(
            "127.0.0.1", port=live_router.port, username=USER, password=PASSWORD, known_hosts=None,
            client_keys=None, agent_path=None, preferred_auth="password", client_factory=BannerClient,
        )
        conn.close()
        await conn.wait_closed()

    asyncio.run(scenario())
    assert received == ["Authorized use only\r\n"]


@pytest.mark.parametrize(
    ("line", "output", "prompt"),
    [
        ("exit", "", "RouterA(config)#"),
        ("end", "", "RouterA#"),
        ("do show privilege", "Current privilege level is 15\n", "RouterA(config)#"),
    ],
)
def test_lines_that_edit_nothing_still_work_in_a_removed_sub_mode(line: str, output: str, prompt: str) -> None:
    router = Router("RouterA")
    session_a, session_b = config_session(router), config_session(router)
    session_a.execute("crypto isakmp policy 30")
    session_b.execute("no crypto isakmp policy 30")
    assert session_a.execute(line) == output
    assert session_a.prompt() == prompt

"""bootflash: over real SSH: file commands with IOS's prompts (netmiko), SFTP (asyncssh) and SCP (paramiko +
scp) as `ip scp server enable` allows, `show archive`, and confirmed changes that roll back on their own."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import asyncssh
import paramiko
import pytest
import scp
from netmiko import ConnectHandler
from netmiko.base_connection import BaseConnection
from routerlab import TEST_CREDENTIALS, LiveRouter

TIME_SCALE = 30.0  # one router minute in two real seconds: time for the session's steps, then the timer
POLL = 0.05


def _connect(live: LiveRouter) -> BaseConnection:
    conn = ConnectHandler(device_type="cisco_xe", host=live.host, port=live.port,
                          username=TEST_CREDENTIALS.username, password=TEST_CREDENTIALS.password,
                          secret=TEST_CREDENTIALS.enable_secret, conn_timeout=20, read_timeout_override=20,
                          ssh_config_file=None, allow_agent=False, use_keys=False)
    conn.enable()
    return conn


@pytest.fixture
def cli(live_router: LiveRouter) -> Iterator[BaseConnection]:
    conn = _connect(live_router)
    try:
        yield conn
    finally:
        conn.disconnect()


def test_copy_dir_more_verify_delete_with_prompts(cli: BaseConnection, live_router: LiveRouter) -> None:
    empty = cli.send_command("dir")
    assert empty.splitlines()[:3] == ["Directory of bootflash:/", "", "No files in directory"]
    free = int(empty.split("(")[1].split()[0])
    out = cli.send_command("copy running-config bootflash:base.cfg", expect_string=r"Destination filename")
    assert out.strip() == "Destination filename [base.cfg]?"
    copied = cli.send_command("\n", expect_string=r"#")
    running = live_router.running_config()
    assert f"{len(running.encode())} bytes copied in" in copied
    assert cli.send_command("more bootflash:base.cfg") == running.rstrip("\n")
    listing = cli.send_command("dir bootflash:/base.cfg").splitlines()
    assert listing[0] == "Directory of bootflash:/base.cfg"
    assert listing[2].split()[1:3] == ["-rw-", str(len(running.encode()))]
    assert listing[2].split()[-1] == "base.cfg"
    assert f"({free - len(running.encode())} bytes free)" in listing[-1]
    digest = hashlib.md5(running.encode(), usedforsecurity=False).hexdigest()
    assert f"verify /md5 (bootflash:/base.cfg) = {digest}" in cli.send_command("verify /md5 bootflash:base.cfg")
    assert cli.send_command("delete bootflash:base.cfg", expect_string=r"Delete filename").strip() == (
        "Delete filename [base.cfg]?")
    assert "Delete bootflash:/base.cfg? [confirm]" in cli.send_command("\n", expect_string=r"\[confirm\]")
    cli.send_command("\n", expect_string=r"#")
    assert cli.send_command("dir bootflash:base.cfg") == (
        "%Error opening bootflash:/base.cfg (No such file or directory)")
    assert cli.send_command("more bootflash:../startup-config") == (
        "%Error opening bootflash:/../startup-config (Invalid argument)")


def test_file_prompt_quiet_and_null_copy(cli: BaseConnection, live_router: LiveRouter) -> None:
    cli.send_config_set(["file prompt quiet"])
    assert "file prompt quiet" in cli.send_command("show running-config | include file prompt")
    assert "bytes copied" in cli.send_command("copy running-config bootflash:a.cfg")
    assert cli.send_command("copy null: bootflash:a.cfg").startswith("0 bytes copied")
    assert cli.send_command("more bootflash:a.cfg") == ""


def test_archive_and_show_archive(cli: BaseConnection, live_router: LiveRouter) -> None:
    assert cli.send_command("show archive") == "Archive feature not enabled"
    assert cli.send_command("configure terminal revert timer 5") == "%Please turn config archive on"
    cli.send_config_set(["archive", "path bootflash:$h-cfg", "maximum 2", "write-memory"])
    assert "archive\n path bootflash:$h-cfg\n maximum 2\n write-memory\n" in live_router.running_config()
    for _ in range(3):
        cli.send_command("write memory")
    shown = cli.send_command("show archive").splitlines()
    assert shown[:5] == [
        "The maximum archive configurations allowed is 2.",
        "There are currently 2 archive configurations saved.",
        "The next archive file will be named bootflash:/RouterA-cfg-4",
        " Archive #  Name",
        "   1        bootflash:/RouterA-cfg-2",
    ]
    assert shown[5] == "   2        bootflash:/RouterA-cfg-3 <- Most Recent"
    assert "RouterA-cfg-1" not in cli.send_command("dir")  # past `maximum`: deleted


def _wait(condition: Callable[[], bool], tries: int = 200) -> bool:
    for _ in range(tries):
        if condition():
            return True
        time.sleep(POLL)
    return False


def test_unconfirmed_change_rolls_back(live_router_factory: Callable[..., LiveRouter]) -> None:
    live = live_router_factory("RouterA", time_scale=TIME_SCALE)
    live.configure(["archive", " path bootflash:$h-archive"])
    conn = _connect(live)
    try:
        conn.config_mode(config_command="configure terminal revert timer 1")
        conn.send_command("interface Loopback9", expect_string=r"#")
        conn.send_command("description unconfirmed", expect_string=r"#")
        conn.exit_config_mode()
        timer = conn.send_command("show archive config rollback timer")
    finally:
        conn.disconnect()
    assert "Timer value: 1 min" in timer and f"User: {TEST_CREDENTIALS.username}" in timer
    assert _wait(lambda: "Loopback9" not in live.running_config())
    logs = live.call(live.router.logs.messages)
    assert any("ROLLBK_CNFMD_CHG_ROLLBACK_START: Start rolling to: bootflash:/RouterA-archive-1" in m for m in logs)
    assert live.call(lambda: live.router.archive_log.pending) is None


def test_confirmed_change_stays(live_router_factory: Callable[..., LiveRouter]) -> None:
    live = live_router_factory("RouterA", time_scale=TIME_SCALE)
    live.configure(["archive", " path bootflash:$h-archive"])
    conn = _connect(live)
    try:
        conn.config_mode(config_command="configure terminal revert timer 1")
        conn.send_command("interface Loopback9", expect_string=r"#")
        conn.exit_config_mode()
        assert conn.send_command("configure confirm") == ""
        assert conn.send_command("show archive config rollback timer") == "%No Rollback Confirmed Change pending"
    finally:
        conn.disconnect()
    time.sleep(60 / TIME_SCALE * 1.5)  # past the old deadline: nothing may fire any more
    assert "interface Loopback9" in live.running_config()
    assert not any("ROLLBACK_START" in m for m in live.call(live.router.logs.messages))


async def _sftp(live: LiveRouter, action: Callable[[asyncssh.SFTPClient], object]) -> object:
    async with (
        asyncssh.connect(live.host, live.port, username=TEST_CREDENTIALS.username,
                         password=TEST_CREDENTIALS.password, known_hosts=None) as conn,
        conn.start_sftp_client() as sftp,
    ):
        return await action(sftp)  # type: ignore[misc]


def test_sftp_needs_ip_scp_server_enable(live_router: LiveRouter, tmp_path: Path) -> None:
    local = tmp_path / "cand.txt"
    local.write_text("interface Loopback3\n description via sftp\n")
    with pytest.raises((asyncssh.SFTPError, asyncssh.ChannelOpenError, asyncssh.ProcessError)):
        asyncio.run(_sftp(live_router, lambda s: s.put(str(local), "bootflash:cand.txt")))
    live_router.configure(["ip scp server enable"])
    asyncio.run(_sftp(live_router, lambda s: s.put(str(local), "bootflash:cand.txt")))
    names = asyncio.run(_sftp(live_router, lambda s: s.listdir("bootflash:")))
    assert "cand.txt" in names  # type: ignore[operator]
    stored = live_router.router.flash.host_path("cand.txt")
    assert stored is not None and stored.stat().st_mode & 0o777 == 0o600
    assert live_router.call(live_router.router.flash.read, "cand.txt") == local.read_text()
    with pytest.raises(asyncssh.SFTPError):
        asyncio.run(_sftp(live_router, lambda s: s.put(str(local), "bootflash:../escape.txt")))


def test_scp_put_as_netmiko_does(live_router: LiveRouter, tmp_path: Path) -> None:
    live_router.configure(["ip scp server enable"])
    local = tmp_path / "merge.txt"
    local.write_text("hostname ViaScp\n")
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(live_router.host, live_router.port, TEST_CREDENTIALS.username, TEST_CREDENTIALS.password,
                   allow_agent=False, look_for_keys=False)
    try:
        with scp.SCPClient(client.get_transport()) as transfer:
            transfer.put(str(local), "bootflash:/merge_config.txt")
    finally:
        client.close()
    assert live_router.call(live_router.router.flash.read, "merge_config.txt") == "hostname ViaScp\n"
    stored = live_router.router.flash.host_path("merge_config.txt")
    assert stored is not None and stored.stat().st_mode & 0o777 == 0o600  # not the C0644 SCP asked for


def test_configure_replace_prompts_errors_and_revert_now(cli: BaseConnection, live_router: LiveRouter) -> None:
    cli.send_config_set(["archive", "path bootflash:$h-archive", "ip scp server enable"])
    cli.send_config_set(["file prompt quiet"])
    cli.send_command("copy running-config bootflash:good.cfg")
    cli.send_config_set(["interface Loopback4", "description added later"])
    asked = cli.send_command("configure replace bootflash:good.cfg", expect_string=r"\[no\]: ")
    assert asked.rstrip().endswith("Enter Y if you are sure you want to proceed. ? [no]:")
    cli.send_command("no", expect_string=r"#")
    assert "interface Loopback4" in live_router.running_config()  # answered no: nothing changed
    assert cli.send_command("configure replace bootflash:missing.cfg force") == (
        "%Error opening bootflash:/missing.cfg (No such file or directory)")
    assert cli.send_command("configure confirm") == "%No Rollback Confirmed Change pending"
    done = cli.send_command("configure replace bootflash:good.cfg force timer 5")
    assert done.splitlines() == ["Total number of passes: 1", "Rollback Done"]
    assert "interface Loopback4" not in live_router.running_config()
    assert "Timer value: 5 min" in cli.send_command("show archive config rollback timer")
    assert cli.send_command("configure revert now") == ""  # back to before the replace
    assert "interface Loopback4\n description added later\n" in live_router.running_config()
    logs = live_router.call(live_router.router.logs.messages)
    assert any("ROLLBK_CNFMD_CHG_ROLLBACK_DONE" in m for m in logs)

"""A lab router that names its management path (`management_interface`, `management_source`) loses its SSH
sessions when a change cuts that path, as a real router does; `configure terminal revert timer` brings it
back on its own."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from ncclient import manager
from netmiko import ConnectHandler
from netmiko.base_connection import BaseConnection

from refrouter.lab.labfile import LabError, load_lab
from refrouter.lab.ports import free_ports
from refrouter.state.config.acl import parse_ace
from refrouter.state.config.model import (
    AccessList,
    AclEntry,
    CryptoMap,
    CryptoMapEntry,
    Interface,
    RunningConfig,
)
from refrouter.state.management import ManagementAccess, cut_reason

from .harness import lab_copy, running_lab, seed_lab

STATION = "209.165.200.230"
NC = "urn:ietf:params:xml:ns:netconf:base:1.0"
NATIVE = "http://cisco.com/ns/yang/Cisco-IOS-XE-native"


def _connect(port: int) -> BaseConnection:
    return ConnectHandler(device_type="cisco_xe", host="127.0.0.1", port=port, username="admin",
                          password="admin", secret="admin", conn_timeout=10, auth_timeout=10,
                          banner_timeout=10, ssh_config_file=None,
                          allow_agent=False, use_keys=False)


def _lab(tmp_path: Path) -> Path:
    data = seed_lab("two_site")
    data["time_scale"] = 6  # the 1-minute revert timer fires after 10 real seconds
    data["routers"]["RouterA"].update(management_interface="GigabitEthernet1", management_source=STATION)
    return lab_copy(data, tmp_path)


def _lock_out(port: int, acl_lines: list[str], interface_line: str) -> list[str]:
    """Under a 1-minute revert timer, type `interface_line` on GigabitEthernet1; what the station sees."""
    events = []
    conn = _connect(port)
    conn.enable()
    conn.send_config_set(["archive", "path bootflash:$h-archive", *acl_lines])
    conn.config_mode(config_command="configure terminal revert timer 1")
    conn.send_command("interface GigabitEthernet1", expect_string=r"#")
    conn.write_channel(interface_line + "\n")
    alive = True
    for _ in range(100):  # bounded: the router drops the session as soon as the line has run
        alive = conn.remote_conn.transport.is_active()
        if not alive:
            break
        time.sleep(0.02)
    events.append("session survived" if alive else "session lost")
    try:
        _connect(port).disconnect()
        events.append("new session opened")
    except Exception:
        events.append("new session refused")
    return events


def _cut_then_reverted(tmp_path: Path, acl_lines: list[str], interface_line: str,
                       cut: Callable[[Interface], bool]) -> tuple[list[str], bool, str]:
    """Cut the management path, wait (bounded) for the revert timer to undo it, then log in again."""
    path = _lab(tmp_path)

    async def scenario() -> tuple[list[str], bool, str]:
        async with running_lab(path, tmp_path) as lab:
            proc = lab.routers["RouterA"]
            events = await asyncio.to_thread(_lock_out, proc.spec.ssh_port, acl_lines, interface_line)
            for _ in range(300):  # the revert timer (1 router minute) restores the interface
                if not cut(proc.router.running.interfaces["GigabitEthernet1"]):
                    break
                await asyncio.sleep(0.1)
            restored = not cut(proc.router.running.interfaces["GigabitEthernet1"])
            after = await asyncio.to_thread(lambda: _connect(proc.spec.ssh_port).send_command("show privilege"))
            return events, restored, after

    return asyncio.run(scenario())


def test_shutting_the_management_interface_cuts_ssh_until_the_revert(tmp_path: Path) -> None:
    events, restored, after = _cut_then_reverted(tmp_path, [], "shutdown", lambda iface: iface.shutdown)
    assert events == ["session lost", "new session refused"]
    assert restored
    assert after == "Current privilege level is 1"


def test_an_inbound_access_group_denying_the_station_cuts_ssh_until_the_revert(tmp_path: Path) -> None:
    acl = ["ip access-list extended MGMT-IN", f"deny tcp host {STATION} any eq 22", "permit ip any any"]
    events, restored, after = _cut_then_reverted(tmp_path, acl, "ip access-group MGMT-IN in",
                                                 lambda iface: iface.access_group_in is not None)
    assert events == ["session lost", "new session refused"]
    assert restored
    assert after == "Current privilege level is 1"


def test_an_access_group_that_permits_the_station_keeps_the_session(tmp_path: Path) -> None:
    acl = ["ip access-list extended MGMT-IN", f"permit tcp host {STATION} gt 1023 any eq 22",
           "deny ip any any"]
    events, restored, _ = _cut_then_reverted(tmp_path, acl, "ip access-group MGMT-IN in",
                                             lambda iface: iface.access_group_in is not None)
    assert events == ["session survived", "new session opened"]
    assert restored  # nothing confirmed the change: the timer still rolled it back


def test_cut_reasons() -> None:
    config = RunningConfig.factory_default("R")
    access = ManagementAccess("GigabitEthernet1", STATION)
    assert cut_reason(config, access, []) == "GigabitEthernet1 is shut down"
    iface = config.interfaces["GigabitEthernet1"]
    iface.shutdown = False
    assert cut_reason(config, access, []) == "GigabitEthernet1 has no IP address"
    iface.address, iface.mask = "209.165.200.228", "255.255.255.224"
    assert cut_reason(config, access, []) is None
    acl = AccessList("101", kind="extended", named=False)
    acl.entries.append(_entry(10, "deny", "ip host 209.165.200.228 host 209.165.200.230"))
    acl.entries.append(_entry(20, "permit", "ip 209.165.200.224 0.0.0.31 any"))
    config.access_lists["101"] = acl
    config.crypto_maps["CM"] = CryptoMap("CM", entries={10: CryptoMapEntry(10, match_address="101")})
    iface.crypto_map = "CM"
    assert cut_reason(config, access, []) is None  # the deny entry keeps management out of the map
    acl.entries.pop(0)
    assert cut_reason(config, access, []) == "crypto map CM 10 on GigabitEthernet1 captures the management traffic"


@pytest.mark.parametrize(("rules", "reason"), [
    ([], None),  # the access list does not exist: IOS permits everything
    ([("deny", f"tcp host {STATION} any eq 22"), ("permit", "ip any any")],
     "access list MGMT inbound on GigabitEthernet1 denies the management traffic"),
    ([("deny", f"tcp host {STATION} any eq 443"), ("permit", "ip any any")], None),
    ([("permit", "udp any any")], "access list MGMT inbound on GigabitEthernet1 denies the management traffic"),
    ([("permit", f"tcp host {STATION} gt 1023 host 209.165.200.228 eq 22")], None),
])
def test_inbound_access_group_cut_reasons(rules: list[tuple[str, str]], reason: str | None) -> None:
    config = RunningConfig.factory_default("R")
    iface = config.interfaces["GigabitEthernet1"]
    iface.shutdown, iface.address, iface.mask = False, "209.165.200.228", "255.255.255.224"
    iface.access_group_in = "MGMT"
    if rules:
        acl = AccessList("MGMT", kind="extended", named=True)
        acl.entries = [_entry(10 * (n + 1), action, text) for n, (action, text) in enumerate(rules)]
        config.access_lists["MGMT"] = acl
    assert cut_reason(config, ManagementAccess("GigabitEthernet1", STATION), []) == reason


def _entry(seq: int, action: str, text: str) -> AclEntry:
    return AclEntry(seq, action, text, parse_ace(action, text.split(), standard=False))


def test_lab_file_management_keys_go_together(tmp_path: Path) -> None:
    data = seed_lab("two_site")
    data["routers"]["RouterA"]["management_interface"] = "Gi1"
    with pytest.raises(LabError, match="management_interface and management_source go together"):
        load_lab(lab_copy(data, tmp_path))
    data["routers"]["RouterA"]["management_source"] = "not-an-address"
    with pytest.raises(LabError, match="management_source: expected an IPv4 address"):
        load_lab(lab_copy(data, tmp_path))
    data["routers"]["RouterA"]["management_source"] = STATION
    lab = load_lab(lab_copy(data, tmp_path))
    assert lab.routers["RouterA"].management == ManagementAccess("GigabitEthernet1", STATION)


def test_a_netconf_edit_that_shuts_the_interface_loses_its_session(tmp_path: Path) -> None:
    path = _lab(tmp_path)
    data = yaml.safe_load(path.read_text())
    data["routers"]["RouterA"]["netconf_port"] = free_ports(1)[0]
    path.write_text(yaml.safe_dump(data))
    shut = (f'<config xmlns="{NC}"><native xmlns="{NATIVE}"><interface><GigabitEthernet><name>1</name>'
            "<shutdown/></GigabitEthernet></interface></native></config>")

    def edit(port: int) -> list[str]:
        events = []
        session = manager.connect(host="127.0.0.1", port=port, username="admin", password="admin",
                                  hostkey_verify=False, device_params={"name": "iosxe"}, look_for_keys=False,
                                  allow_agent=False, timeout=3)
        try:
            session.edit_config(target="running", config=shut)
            events.append("reply received")
        except Exception:
            events.append("no reply")
        for _ in range(100):  # bounded: ncclient's transport thread notices the closed connection soon
            if not session.connected:
                break
            time.sleep(0.05)
        events.append("connected" if session.connected else "disconnected")
        return events

    async def scenario() -> tuple[list[str], bool, bool]:
        async with running_lab(path, tmp_path) as lab:
            proc = lab.routers["RouterA"]
            assert proc.netconf is not None
            events = await asyncio.to_thread(edit, proc.netconf.port)
            return events, proc.router.running.interfaces["GigabitEthernet1"].shutdown, not proc.netconf.connections

    events, shut_down, dropped = asyncio.run(scenario())
    assert events == ["no reply", "disconnected"]
    assert shut_down and dropped


def test_a_confirmed_commit_that_cuts_its_own_session_is_rolled_back(tmp_path: Path) -> None:
    """Over NETCONF: the candidate gets an inbound access list that denies the station; the confirmed commit
    (no persist) cuts the session that issued it, so the router rolls back at once (RFC 6241 8.4)."""
    path = _lab(tmp_path)
    data = yaml.safe_load(path.read_text())
    data["routers"]["RouterA"]["netconf_port"] = free_ports(1)[0]
    data["routers"]["RouterA"]["startup_config"] += (
        "archive\n path bootflash:$h-archive\nip access-list extended MGMT-IN\n"
        f" 10 deny tcp host {STATION} any eq 22\n 20 permit ip any any\n")
    path.write_text(yaml.safe_dump(data))
    bind = (f'<config xmlns="{NC}"><native xmlns="{NATIVE}"><interface><GigabitEthernet><name>1</name><ip>'
            "<access-group><in><acl><acl-name>MGMT-IN</acl-name><in/></acl></in></access-group></ip>"
            "</GigabitEthernet></interface></native></config>")

    def commit(port: int) -> list[str]:
        events = []
        session = manager.connect(host="127.0.0.1", port=port, username="admin", password="admin",
                                  hostkey_verify=False, device_params={"name": "default"}, look_for_keys=False,
                                  allow_agent=False, timeout=3)
        session.edit_config(target="candidate", config=bind)
        try:
            session.commit(confirmed=True, timeout="600")
            events.append("reply received")
        except Exception:
            events.append("no reply")
        return events

    async def scenario() -> tuple[list[str], str | None, list[str]]:
        async with running_lab(path, tmp_path) as lab:
            proc = lab.routers["RouterA"]
            assert proc.netconf is not None
            events = await asyncio.to_thread(commit, proc.netconf.port)
            for _ in range(100):  # bounded: the session's end is noticed as soon as the transport closes
                if proc.router.running.interfaces["GigabitEthernet1"].access_group_in is None:
                    break
                await asyncio.sleep(0.05)
            logs = [m.split(": ", 1)[0] for m in proc.router.logs.messages() if "ROLLBK" in m]
            return events, proc.router.running.interfaces["GigabitEthernet1"].access_group_in, logs

    events, access_group, logs = asyncio.run(scenario())
    assert events == ["no reply"]
    assert access_group is None
    assert [line.removeprefix("%ARCHIVE_DIFF-5-ROLLBK_CNFMD_CHG_") for line in logs] == [
        "BACKUP", "START_ABSTIMER", "TIMER_EXPIRED", "ROLLBACK_START", "ROLLBACK_DONE"]

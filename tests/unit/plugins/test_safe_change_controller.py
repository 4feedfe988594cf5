"""Controller side of safe change and save_when (issue 17): the new-SSH-connection probe against real
sockets on 127.0.0.1, how `save_when: modified` compares configs, and the finisher's outcomes that the
reference router cannot produce (a confirm refused, a device that never comes back). The revert and the
confirmation against a router are in tests/integration/test_safe_change_refrouter.py."""

from __future__ import annotations

import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible_collections.ipsecux.iosxe.plugins.action.config_replace import staged_text
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.safety import encode_backup
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils import safe_change
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.backup import write_backup
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.reachability import ssh_problem
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.save import differs


@pytest.fixture
def server() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP server on 127.0.0.1 that answers each connection with the next scripted greeting."""
    greetings: list[bytes] = []
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        while True:
            try:
                conn, _address = listener.accept()
            except OSError:
                return
            with conn:
                if greetings:
                    conn.sendall(greetings.pop(0))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield port, greetings
    listener.close()
    thread.join(timeout=5)


def test_probe_tells_an_ssh_server_from_a_cut_one(server: tuple[int, list[bytes]]) -> None:
    port, greetings = server
    greetings += [b"SSH-2.0-Cisco-1.25\r\n", b"", b"HTTP/1.1 400\r\n"]
    assert ssh_problem("127.0.0.1", port, timeout=5) is None
    assert ssh_problem("127.0.0.1", port, timeout=5) == (
        "the device closed the new SSH connection before its identification"
    )
    assert ssh_problem("127.0.0.1", port, timeout=5) == (
        "the device answered the new connection without an SSH identification"
    )


def test_probe_reports_a_refused_connection() -> None:
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    problem = ssh_problem("127.0.0.1", port, timeout=5)
    assert problem is not None and problem.startswith(f"new SSH connection to 127.0.0.1:{port} failed: ")


def test_modified_ignores_the_banner_lines_of_show_running_and_startup() -> None:
    running = "Building configuration...\n\nCurrent configuration : 120 bytes\n!\nhostname R1\n!\nend\n"
    startup = "Using 120 out of 33554432 bytes\n!\nhostname R1\n!\nend\n"
    assert differs(running, startup) is False
    assert differs(running.replace("R1", "R2"), startup) is True


def device(**overrides: Any) -> safe_change.Device:
    sent: list[str] = []
    defaults: dict[str, Any] = {
        "send": sent.append,
        "problem": lambda: None,
        "wait_until_reachable": lambda seconds: True,
        "read_back": lambda: [],
    }
    return safe_change.Device(**{**defaults, **overrides})


def test_a_refused_confirm_fails_and_says_the_timer_will_revert() -> None:
    def refuse(command: str) -> None:
        raise DeviceError("% Invalid input")

    result = safe_change.finish(
        {"changed": True, "before": [], "safe_change": {"status": "pending", "confirm_timeout": 2}},
        device(send=refuse),
    )
    assert result["failed"] is True
    assert result["safe_change"] == {"confirmed": False, "reverted": None, "confirm_timeout": 2}
    assert result["msg"].endswith("it rolls the change back when its 2-minute timer fires")


def test_a_device_that_does_not_come_back_is_reported() -> None:
    waited: list[float] = []
    result = safe_change.finish(
        {"changed": True, "safe_change": {"status": "interrupted", "confirm_timeout": 1, "error": "lost"}},
        device(problem=lambda: "refused", wait_until_reachable=lambda s: waited.append(s) or False),
    )
    assert waited == [120]
    assert result["safe_change"]["reverted"] is None
    assert result["msg"].startswith("sending the change failed: lost; the device is still unreachable")


def test_a_rejected_line_while_reachable_reverts_at_once() -> None:
    sent: list[str] = []
    before = [{"priority": 10}]
    result = safe_change.finish(
        {"before": before, "safe_change": {"status": "interrupted", "confirm_timeout": 5, "error": "% bad"}},
        device(send=sent.append, read_back=lambda: before),
    )
    assert sent == ["configure revert now"]
    assert result["safe_change"] == {
        "confirmed": False,
        "reverted": True,
        "reverted_by": "configure revert now",
        "confirm_timeout": 5,
        "restored": True,
    }


def test_backup_is_owner_only_also_over_an_existing_file(tmp_path: Path) -> None:
    text = "hostname R1\ncrypto isakmp key Backup-Key-1 address 10.0.0.1\n"
    target = tmp_path / "bk" / "R1.cfg"
    target.parent.mkdir()
    target.write_text("old")
    target.chmod(0o644)
    written = write_backup(
        encode_backup(text), "R1", {"dir_path": str(target.parent), "filename": "R1.cfg"}, tmp_path
    )
    assert written["backup_path"] == str(target) and written["filename"] == "R1.cfg"
    assert target.read_text() == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    default = write_backup(encode_backup(text), "R1", None, tmp_path / "backup")
    assert Path(default["backup_path"]).name.startswith("R1_config.")
    assert stat.S_IMODE((tmp_path / "backup").stat().st_mode) == 0o700


def test_config_replace_stages_the_file_without_the_show_banner() -> None:
    backup = "Building configuration...\n\nCurrent configuration : 1200 bytes\n!\nhostname R1\n!\nend\n"
    assert staged_text(backup) == "\n!\nhostname R1\n!\nend\n"

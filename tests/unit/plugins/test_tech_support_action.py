"""The tech_support action plugin's `dest` handling: `changed` means the file changed (issue 16).

The module's run is replaced by its result (the module itself is covered against the reference router in
tests/integration/facts); what is tested here is the controller side: the file, its mode and `changed`.
"""

from __future__ import annotations

import stat
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from ansible_collections.ipsecux.iosxe.plugins.action import tech_support
from ansible_collections.ipsecux.iosxe.plugins.action.iosxe import ActionModule as IosxeActionModule


def run_action(
    monkeypatch: pytest.MonkeyPatch, dest: Path, raw: str, check_mode: bool = False
) -> dict[str, Any]:
    def module_result(self: Any, task_vars: Any) -> dict[str, Any]:
        return {"changed": False, "sections": {}, "_raw": raw}

    monkeypatch.setattr(IosxeActionModule, "_run_task", module_result)
    action = object.__new__(tech_support.ActionModule)
    action._task = SimpleNamespace(args={"dest": str(dest)})
    action._play_context = SimpleNamespace(check_mode=check_mode)
    return action._run_task(task_vars={})


def test_changed_only_when_the_file_changes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    dest = tmp_path / "out" / "RouterA.txt"
    first = run_action(monkeypatch, dest, "show version\n")
    assert (first["changed"], first["dest"]) == (True, str(dest))
    assert dest.read_text() == "show version\n"
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert "_raw" not in first
    same = run_action(monkeypatch, dest, "show version\n")
    assert same["changed"] is False
    crlf = run_action(monkeypatch, dest, "show version\r\n")
    assert crlf["changed"] is True and dest.read_bytes() == b"show version\r\n"
    assert run_action(monkeypatch, dest, "show version\r\n")["changed"] is False
    other = run_action(monkeypatch, dest, "show version\nuptime 2\n")
    assert other["changed"] is True and dest.read_text() == "show version\nuptime 2\n"


def test_check_mode_reports_the_change_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dest = tmp_path / "RouterA.txt"
    result = run_action(monkeypatch, dest, "text\n", check_mode=True)
    assert result["changed"] is True and not dest.exists()
    dest.write_text("text\n")
    assert run_action(monkeypatch, dest, "text\n", check_mode=True)["changed"] is False

"""scrapli-cfg (`load_config`, `diff_config`, `commit_config`) against the router: the candidate goes to
bootflash: through `tclsh`, the diff comes from `show archive config ...`, the commit is `copy ...
running-config` (merge) or `configure replace ... force` (replace), then `copy running-config
startup-config` and `delete` of the candidate, all with IOS's prompts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from routerlab import TEST_CREDENTIALS, LiveRouter

REPO = Path(__file__).resolve().parents[2]
PYTHON = REPO / ".cache" / "venv-scrapli-cfg" / "bin" / "python"
DRIVER = Path(__file__).with_name("scrapli_cfg_driver.py")

pytestmark = pytest.mark.skipif(not PYTHON.exists(),
                                reason="scrapli-cfg's venv is missing: run `make setup` (requirements-scrapli-cfg.txt)")


def _run(live: LiveRouter, mode: str, config: str, tmp_path: Path) -> dict[str, object]:
    candidate = tmp_path / f"{mode}.cfg"
    candidate.write_text(config)
    result = subprocess.run(
        [str(PYTHON), str(DRIVER), live.host, str(live.port), TEST_CREDENTIALS.username,
         TEST_CREDENTIALS.password, TEST_CREDENTIALS.enable_secret, mode, str(candidate)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_merge(live_router: LiveRouter, tmp_path: Path) -> None:
    seen = _run(live_router, "merge", "interface Loopback5\n description merged by scrapli-cfg\n", tmp_path)
    assert (seen["load_failed"], seen["diff_failed"], seen["commit_failed"]) == (False, False, False)
    assert str(seen["device_diff"]).splitlines() == [
        "!List of Commands:", "interface Loopback5", " description merged by scrapli-cfg", "end"]
    running = live_router.running_config()
    assert "interface Loopback5\n description merged by scrapli-cfg\n" in running
    assert live_router.call(live_router.router.read_startup) == running  # commit saves
    assert live_router.call(live_router.router.flash.names) == []  # the candidate is deleted


def test_replace(live_router: LiveRouter, tmp_path: Path) -> None:
    live_router.configure(["interface Loopback1", " description old"])
    running = live_router.running_config()
    intended = running.replace(" description old", " description new")
    seen = _run(live_router, "replace", intended, tmp_path)
    assert (seen["load_failed"], seen["diff_failed"], seen["commit_failed"]) == (False, False, False)
    assert str(seen["device_diff"]).splitlines() == [
        "!Contextual Config Diffs:", "interface Loopback1", " +description new", " -description old"]
    assert live_router.running_config() == intended

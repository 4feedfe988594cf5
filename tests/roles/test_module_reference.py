"""docs/modules-reference/ is what scripts/gen_module_reference.py renders from the modules' documentation."""

from __future__ import annotations

import subprocess
import sys

from rolelab import REPO, require_tools, tool_env


def test_module_reference_is_current() -> None:
    require_tools()
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "gen_module_reference.py"), "--check"],
        cwd=REPO,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, f"module docs changed; regenerate the reference:\n{done.stdout}{done.stderr}"


def test_every_module_has_a_page() -> None:
    modules = sorted(
        path.stem for path in (REPO / "plugins" / "modules").glob("*.py") if path.stem != "__init__"
    )
    pages = sorted(
        path.stem for path in (REPO / "docs" / "modules-reference").glob("*.md") if path.stem != "README"
    )
    assert pages == modules

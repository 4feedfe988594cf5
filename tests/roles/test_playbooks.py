"""The collection playbooks resolve by name (`ansible-playbook ipsecux.iosxe.<name>`) with the repository's
ansible.cfg, and pass a syntax check."""

from __future__ import annotations

import subprocess

from rolelab import REPO, VENV_BIN, require_tools, tool_env

PLAYBOOKS = sorted(path.stem for path in (REPO / "playbooks").glob("*.yml"))


def test_the_four_playbooks_exist() -> None:
    assert PLAYBOOKS == ["collect_flowmib", "harden", "site_to_site", "tech_support"]


def test_playbooks_resolve_by_collection_name() -> None:
    require_tools()
    names = [f"ipsecux.iosxe.{name}" for name in PLAYBOOKS]
    done = subprocess.run(
        [str(VENV_BIN / "ansible-playbook"), "--syntax-check", "-i", "localhost,", *names],
        cwd=REPO,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for name in PLAYBOOKS:
        assert f"/ipsecux/iosxe/playbooks/{name}.yml" in done.stdout

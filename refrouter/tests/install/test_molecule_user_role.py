"""A user's own role tested with molecule against refrouter (issue #16): the example project in
refrouter/examples/molecule_role, copied out of the repository and moved to free ports, passes `molecule test`
(syntax, create, converge, idempotence, verify, destroy) run from the role's directory, as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from routerlab import BIN_DIR, REPO, refrouter_command

from refrouter.lab.ports import free_ports

EXAMPLE = REPO / "refrouter" / "examples" / "molecule_role"
ROLE = "isakmp_baseline"
SCENARIO = Path("roles") / ROLE / "molecule" / "default"
COLLECTIONS = REPO / ".collections"
MOLECULE_TIMEOUT = 600
pytestmark = pytest.mark.timeout(MOLECULE_TIMEOUT + 60)


def inventory_of(lab_file: Path) -> str:
    printed = subprocess.run([*refrouter_command(), "lab", "inventory", str(lab_file)], capture_output=True,
                             text=True, timeout=60, check=False)
    assert printed.returncode == 0, printed.stderr
    return printed.stdout


def test_example_inventory_is_its_labs() -> None:
    scenario = EXAMPLE / SCENARIO
    assert (scenario / "inventory.yml").read_text() == inventory_of(scenario / "lab.yml")
    platforms = yaml.safe_load((scenario / "molecule.yml").read_text())["platforms"]
    assert [platform["name"] for platform in platforms] == list(
        yaml.safe_load((scenario / "lab.yml").read_text())["routers"]
    )


def test_molecule_test_of_a_users_role(tmp_path: Path) -> None:
    if (
        not (BIN_DIR / "molecule").exists()
        or not (COLLECTIONS / "ansible_collections" / "ansible" / "netcommon").is_dir()
    ):
        pytest.skip("molecule or the collections are missing (.venv, .collections); run `make setup`")
    project = tmp_path / "project"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns(".refrouter", "__pycache__"))
    scenario = project / SCENARIO
    lab = yaml.safe_load((scenario / "lab.yml").read_text())
    for spec, port in zip(lab["routers"].values(), free_ports(len(lab["routers"])), strict=True):
        spec["ssh_port"] = port
    (scenario / "lab.yml").write_text(yaml.safe_dump(lab, sort_keys=False))
    (scenario / "inventory.yml").write_text(inventory_of(scenario / "lab.yml"))
    env = dict(os.environ, PATH=f"{BIN_DIR}{os.pathsep}{os.environ.get('PATH', '')}", NO_COLOR="1",
               ANSIBLE_COLLECTIONS_PATH=str(COLLECTIONS), ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0")
    env.pop("ANSIBLE_CONFIG", None)
    try:
        run = subprocess.run([str(BIN_DIR / "molecule"), "test"], cwd=project / "roles" / ROLE, env=env,
                             capture_output=True, text=True, timeout=MOLECULE_TIMEOUT, check=False)
    finally:
        subprocess.run([*refrouter_command(), "lab", "down", str(scenario / "lab.yml")], capture_output=True,
                       timeout=60, check=False)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-8000:]
    for step in ("syntax", "create", "converge", "idempotence", "verify", "destroy"):
        assert f"default > {step}: Executed: Successful" in output, output[-4000:]
    assert not (scenario / ".refrouter").exists()  # destroy.yml removed the lab's state

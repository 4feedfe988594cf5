"""Every molecule scenario under extensions/molecule passes `molecule test` (syntax, converge, idempotence,
verify) against its own refrouter lab, and each scenario's files agree with its lab file.

The scenarios run concurrently (each on its own lab ports); the venv's bin comes first on PATH, as molecule
needs (it runs ansible-config and ansible-playbook by name)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from rolelab import REPO, VENV_BIN, refrouter, require_tools, tool_env

MOLECULE = REPO / "extensions" / "molecule"
SCENARIOS = sorted(path.parent.name for path in MOLECULE.glob("*/molecule.yml"))
# A scenario takes 1-2 minutes on a 2-core machine; this bounds a hung router or playbook.
SCENARIO_TIMEOUT = 600
# Longer than `make test`'s per-test --timeout: the first scenario test waits for a whole molecule run.
pytestmark = pytest.mark.timeout(SCENARIO_TIMEOUT + 60)


def lab_file(scenario: str) -> Path:
    return MOLECULE / scenario / "lab.yml"


def lab_ports(path: Path) -> list[int]:
    routers = yaml.safe_load(path.read_text())["routers"]
    return [
        port for spec in routers.values() for port in (spec["ssh_port"], spec.get("netconf_port")) if port
    ]


@dataclass
class MoleculeRun:
    process: subprocess.Popen[str]
    log: Path


@pytest.fixture(scope="module")
def molecule_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, MoleculeRun]]:
    """Start `molecule test` for every scenario at once; stop what is left (and its lab) afterwards."""
    require_tools()
    if not (VENV_BIN / "molecule").exists():
        pytest.skip("molecule is missing from .venv; run `make setup`")
    logs = tmp_path_factory.mktemp("molecule")
    runs = {}
    for scenario in SCENARIOS:
        log = logs / f"{scenario}.log"
        with log.open("w") as output:
            process = subprocess.Popen(
                [str(VENV_BIN / "molecule"), "test", "-s", scenario],
                cwd=REPO,
                env=tool_env(NO_COLOR="1"),
                stdout=output,
                stderr=subprocess.STDOUT,
                text=True,
            )
        runs[scenario] = MoleculeRun(process, log)
    yield runs
    for scenario, run in runs.items():
        if run.process.poll() is None:
            run.process.kill()
            run.process.wait(timeout=30)
            refrouter("down", lab_file(scenario))


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_molecule_test_passes(molecule_runs: dict[str, MoleculeRun], scenario: str) -> None:
    run = molecule_runs[scenario]
    returncode = run.process.wait(timeout=SCENARIO_TIMEOUT)
    output = run.log.read_text()
    assert returncode == 0, output[-8000:]
    for step in ("syntax", "converge", "idempotence", "verify"):
        assert f"{step}: Executed: Successful" in output, f"{step} did not run:\n{output[-4000:]}"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_inventory_is_the_labs(scenario: str) -> None:
    """inventory.yml is what `refrouter lab inventory lab.yml` prints; the platforms are the lab's routers."""
    require_tools()
    printed = refrouter("inventory", lab_file(scenario))
    assert printed.returncode == 0, printed.stderr
    assert (MOLECULE / scenario / "inventory.yml").read_text() == printed.stdout
    platforms = yaml.safe_load((MOLECULE / scenario / "molecule.yml").read_text())["platforms"]
    routers = yaml.safe_load(lab_file(scenario).read_text())["routers"]
    assert [platform["name"] for platform in platforms] == list(routers)


def test_labs_use_distinct_ports() -> None:
    """Scenario labs and the repository's labs can run at the same time."""
    files = [lab_file(scenario) for scenario in SCENARIOS] + sorted((REPO / "labs").glob("*.yml"))
    ports = [port for path in files for port in lab_ports(path)]
    assert len(ports) == len(set(ports)), {str(path): lab_ports(path) for path in files}


def test_every_role_has_a_scenario() -> None:
    roles = sorted(path.name for path in (REPO / "roles").iterdir() if (path / "tasks").is_dir())
    assert roles == SCENARIOS

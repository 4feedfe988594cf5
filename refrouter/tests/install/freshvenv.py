"""A fresh virtualenv with refrouter `pip install`-ed into it from a copy of the source tree, offline.

Choice (nothing from the network at test time): the venv is made by `python -m venv` (pip from ensurepip),
and refrouter's dependencies are not downloaded: the venv sees the test venv's installed copies of exactly
refrouter's dependency closure through a `.pth` file (a folder of symlinks to those distributions, never
refrouter itself). `pip install --no-index --no-build-isolation` then builds refrouter with the venv's own
setuptools (and `wheel` from the closure folder) and finds every dependency installed, as on a machine where a
wheelhouse or an index provided them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from importlib.metadata import Distribution, distribution
from pathlib import Path

from packaging.requirements import Requirement

BUILD_TOOLS = ["wheel"]  # setuptools < 70.1 builds wheels with it; the venv's setuptools comes with ensurepip
SOURCE_FILES = ["pyproject.toml", "README.md", "COPYING", "src"]
COMMAND_TIMEOUT = 300


def _closure(names: list[str]) -> dict[str, Distribution]:
    """The installed distributions `names` need, recursively (markers evaluated for no extras)."""
    found: dict[str, Distribution] = {}
    pending = list(names)
    while pending:
        name = re.sub(r"[-_.]+", "-", pending.pop()).lower()
        if name in found:
            continue
        dist = found[name] = distribution(name)
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return found


def link_dependencies(source: Path, target: Path) -> list[str]:
    """Symlink every top-level file and folder of the dependency closure of the source tree's pyproject.toml
    (and the build tools) into `target`; the names of the distributions linked."""
    project = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(text).name for text in project["dependencies"]]
    dists = _closure(requirements + BUILD_TOOLS)
    target.mkdir(parents=True)
    for dist in dists.values():
        root = Path(str(dist.locate_file("")))
        for top in {Path(str(file)).parts[0] for file in dist.files or []}:
            if top != ".." and top != "__pycache__" and not (target / top).exists() and (root / top).exists():
                (target / top).symlink_to(root / top)
    return sorted(dists)


@dataclass
class FreshVenv:
    root: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    def env(self) -> dict[str, str]:
        """The user's environment: no PYTHONPATH into the repository, no pip configuration or index."""
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("PYTHON", "PIP_", "VIRTUAL_ENV"))}
        return env | {"PATH": f"{self.bin}{os.pathsep}{env.get('PATH', '')}", "PIP_CONFIG_FILE": os.devnull,
                      "PIP_DISABLE_PIP_VERSION_CHECK": "1"}

    def run(self, *args: str, cwd: Path, timeout: float = COMMAND_TIMEOUT) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), cwd=cwd, env=self.env(), capture_output=True, text=True,
                              timeout=timeout, check=False)


def copy_source(repo: Path, target: Path) -> Path:
    """refrouter's package source as a user's checkout holds it (no build leftovers, no tests)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    target.mkdir(parents=True)
    for name in SOURCE_FILES:
        source = repo / "refrouter" / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


def make_venv(root: Path, dependencies: Path) -> FreshVenv:
    """`python -m venv` with the base interpreter of the test venv; dependencies visible through a .pth."""
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(root)], check=True, timeout=COMMAND_TIMEOUT, capture_output=True)
    venv = FreshVenv(root)
    purelib = subprocess.run([str(venv.bin / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True, env=venv.env()).stdout.strip()
    (Path(purelib) / "refrouter-test-dependencies.pth").write_text(f"{dependencies}\n", encoding="utf-8")
    return venv

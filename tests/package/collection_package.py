"""Helpers of the package tests: the collection as users get it, built and installed.

build_collection builds from a copy of the repository's files (tracked and new, as git lists them) to
which the files users and tools generate in a checkout are added, so the tests see what build_ignore keeps
out. install_collection installs the tarball with `ansible-galaxy collection install --offline` into an
empty collections path. The dependencies come from a stand-in for the site-packages of `pip install ansible`:
a directory on PYTHONPATH holding ansible_collections/ansible/{netcommon,utils}, copied from .collections
(which `make setup` extracts from the `ansible` wheel). Galaxy is never contacted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = REPO / ".venv" / "bin"
DEPENDENCY_SOURCE = REPO / ".collections" / "ansible_collections"
DEPENDENCIES = ("ansible/netcommon", "ansible/utils")
COMMAND_TIMEOUT = 300

# What a user's checkout accumulates: lab state with SSH host keys, the quickstart's files, diagnostics
# output, tool caches, build artefacts. None of it may reach the tarball.
GENERATED_IN_CHECKOUT = (
    "inventory.yml",
    "tunnels.yml",
    "labs/.refrouter/two_site/RouterA/ssh_host_key",
    "roles/site_to_site_vpn/.refrouter/lab/ssh_host_key",
    "ipsec-diagnostics/20261207T080000/RouterA/tech-support.txt",
    "flowmib/RouterA.json",
    "plugins/modules/__pycache__/isakmp_keys.cpython-311.pyc",
    ".pytest_cache/v/cache/nodeids",
    ".ruff_cache/content",
    ".mypy_cache/3.11/cache.json",
    ".hypothesis/examples/x",
    ".ansible/collections/placeholder",
    "roles/site_to_site_vpn/.ansible/tmp",
    "tests/output/junit/sanity.xml",
    "changelogs/.plugin-cache.yaml",
    "context/Containerfile",
    "ipsecux-iosxe-0.0.1.tar.gz",
    "playbooks/site_to_site.retry",
)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without any ANSIBLE_* setting of the caller, the venv's tools first on PATH."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ANSIBLE_")}
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0", **extra)
    return env


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a tool; stdout and stderr together in `.stdout`, never raising on failure."""
    return subprocess.run(
        command,
        cwd=cwd,
        env=clean_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )


def require_toolchain() -> None:
    if not (VENV_BIN / "ansible-galaxy").exists():
        pytest.skip("ansible-galaxy is missing from .venv; run `make setup`")
    missing = [name for name in DEPENDENCIES if not (DEPENDENCY_SOURCE / name / "MANIFEST.json").exists()]
    if missing:
        pytest.skip(f"dependency collections missing from .collections: {missing}; run `make setup`")


def repository_files() -> list[str]:
    """Tracked and new files of the repository, as git lists them (ignored files left out)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return [name for name in listed.stdout.split("\0") if name and (REPO / name).is_file()]


@dataclass
class Built:
    tarball: Path
    members: set[str]
    directories: set[str]
    source_files: list[str]
    version: str


@dataclass
class Installed:
    collections_path: Path
    collection: Path
    site_packages: Path

    def env(self, **extra: str) -> dict[str, str]:
        """Settings that make the `ansible` package's collections importable, as pip would."""
        paths = [str(self.site_packages), os.environ.get("PYTHONPATH", "")]
        return {"PYTHONPATH": os.pathsep.join(path for path in paths if path), **extra}


def build_collection(source: Path, output: Path) -> Built:
    """Copy the repository's files and the generated ones into `source`, build the tarball into `output`."""
    files = repository_files()
    for name in files:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    for name in GENERATED_IN_CHECKOUT:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text("generated in a checkout\n")
    done = run(
        [str(VENV_BIN / "ansible-galaxy"), "collection", "build", "--output-path", str(output)], source
    )
    assert done.returncode == 0, done.stdout
    version = yaml.safe_load((REPO / "galaxy.yml").read_text())["version"]
    tarball = output / f"ipsecux-iosxe-{version}.tar.gz"
    with tarfile.open(tarball) as archive:
        members = {member.name for member in archive.getmembers() if member.isfile()}
        directories = {member.name for member in archive.getmembers() if member.isdir()}
    return Built(tarball, members, directories, files, version)


def install_collection(built: Built, collections_path: Path, site_packages: Path) -> Installed:
    """The dependencies put where `pip install ansible` puts them, then the tarball installed offline."""
    for name in DEPENDENCIES:
        shutil.copytree(DEPENDENCY_SOURCE / name, site_packages / "ansible_collections" / name)
    installed = Installed(
        collections_path, collections_path / "ansible_collections" / "ipsecux" / "iosxe", site_packages
    )
    done = run(
        [
            str(VENV_BIN / "ansible-galaxy"),
            "collection",
            "install",
            "--offline",
            str(built.tarball),
            "-p",
            str(collections_path),
        ],
        collections_path,
        **installed.env(),
    )
    assert done.returncode == 0, done.stdout
    assert f"ipsecux.iosxe:{built.version} was installed successfully" in done.stdout
    for dependency in ("ansible.netcommon", "ansible.utils"):
        assert f"'{dependency}:" in done.stdout and "is already installed, skipping" in done.stdout, (
            done.stdout
        )
    return installed

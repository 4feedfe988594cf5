"""Lay out `.collections/ansible_collections/` without Ansible Galaxy.

The dependency collections are extracted from the `ansible` wheel on PyPI (Galaxy is not reachable
from CI), and this repository is linked in as `ipsecux/iosxe`. Running it again is a no-op unless the
pinned wheel version changed or a collection directory went missing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ANSIBLE_WHEEL_VERSION = "12.3.0"
DEPENDENCIES = ("ansible/netcommon", "ansible/utils", "cisco/ios")
OWN_COLLECTION = "ipsecux/iosxe"
SOURCE_MARKER = ".source"


def wheel_path(cache_dir: Path, version: str) -> Path:
    """Return the cached `ansible` wheel, downloading it (about 54 MB) on first use."""
    wheel = cache_dir / f"ansible-{version}-py3-none-any.whl"
    if not wheel.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary=:all:", "--dest", str(cache_dir), f"ansible=={version}"],
            check=True,
        )
    return wheel


def extract(wheel: Path, collections_root: Path, names: tuple[str, ...]) -> None:
    """Extract the named collections from the wheel, replacing any previous copy."""
    prefixes = tuple(f"ansible_collections/{name}/" for name in names)
    staging = collections_root.parent / ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(wheel) as archive:
        members = [m for m in archive.namelist() if m.startswith(prefixes)]
        archive.extractall(staging, members)
    for name in names:
        target = collections_root / name
        shutil.rmtree(target, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        (staging / "ansible_collections" / name).rename(target)
    shutil.rmtree(staging)


def link_repository(collections_root: Path, repo_root: Path) -> None:
    """Point `ansible_collections/ipsecux/iosxe` at the repository with a relative symlink."""
    link = collections_root / OWN_COLLECTION
    link.parent.mkdir(parents=True, exist_ok=True)
    target = Path("..", "..", "..")  # ipsecux -> ansible_collections -> .collections -> repo root
    if link.is_symlink() and link.readlink() == target:
        return
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.exists():
        sys.exit(f"{link} exists and is not a symlink; remove it and rerun")
    link.symlink_to(target, target_is_directory=True)
    if link.resolve() != repo_root.resolve():
        sys.exit(f"{link} does not resolve to {repo_root}; keep .collections at the repository root")


def is_current(collections_root: Path, source: str, names: tuple[str, ...]) -> bool:
    """True when the extracted collections came from `source` and all still have their manifest."""
    marker = collections_root.parent / SOURCE_MARKER
    if not marker.exists() or marker.read_text().strip() != source:
        return False
    return all((collections_root / name / "MANIFEST.json").exists() for name in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo-root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--version", default=ANSIBLE_WHEEL_VERSION, help="ansible wheel version")
    args = parser.parse_args()

    repo_root: Path = args.repo_root
    collections_root = repo_root / ".collections" / "ansible_collections"
    source = f"ansible=={args.version}"
    if not is_current(collections_root, source, DEPENDENCIES):
        wheel = wheel_path(repo_root / ".cache" / "wheels", args.version)
        extract(wheel, collections_root, DEPENDENCIES)
        (collections_root.parent / SOURCE_MARKER).write_text(source + "\n")
        print(f"extracted {', '.join(DEPENDENCIES)} from {wheel.name}")
    link_repository(collections_root, repo_root)


if __name__ == "__main__":
    main()

"""Render the collection's reference (modules, plugins, roles) with antsibull-docs into docs/reference/.

    .venv/bin/python scripts/gen_reference.py          # write the files
    .venv/bin/python scripts/gen_reference.py --check  # exit 1 when the committed files are stale

antsibull-docs reads the documentation the way ansible-doc does (doc fragments merged), in its
`simplified-rst` format: one page per plugin or role, README.rst the index. Edit DOCUMENTATION, EXAMPLES,
RETURN, a doc fragment or a role's meta/argument_specs.yml, then run this script. docs/dev/toolchain.md.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "docs" / "reference"
COLLECTION = "ipsecux.iosxe"
BIN = Path(sys.executable).parent
# antsibull-docs names the collection index index.rst; README.rst is what a repository browser shows.
INDEX, README = "index.rst", "README.rst"
TIMEOUT = 300


def render(destination: Path) -> None:
    """Run antsibull-docs for the collection that ansible.cfg's collections_path holds."""
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
               ANSIBLE_CONFIG=str(REPO / "ansible.cfg"))
    env.pop("ANSIBLE_COLLECTIONS_PATH", None)
    subprocess.run(
        [str(BIN / "antsibull-docs"), "collection", "--use-current", "--fail-on-error",
         "--output-format", "simplified-rst", "--squash-hierarchy", "--no-breadcrumbs",
         "--no-add-antsibull-docs-version", "--dest-dir", str(destination), COLLECTION],
        cwd=REPO, env=env, check=True, timeout=TIMEOUT, capture_output=True, text=True,
    )
    (destination / INDEX).rename(destination / README)


def stale_files(rendered: Path) -> list[str]:
    """Files that differ between `rendered` and the committed reference, or exist in only one of them."""
    names = {path.name for path in rendered.iterdir()}
    committed = {path.name for path in OUTPUT.iterdir()} if OUTPUT.is_dir() else set()
    differing = {name for name in names & committed if not filecmp.cmp(rendered / name, OUTPUT / name,
                                                                       shallow=False)}
    return sorted(differing | (names ^ committed))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="report stale or missing files, write nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        rendered = Path(scratch) / "reference"
        rendered.mkdir()
        try:
            render(rendered)
        except subprocess.CalledProcessError as error:
            print(f"antsibull-docs failed:\n{error.stdout}{error.stderr}", file=sys.stderr)
            return 1
        stale = stale_files(rendered)
        if args.check:
            if stale:
                print("docs/reference/ is stale: " + ", ".join(stale))
                print("run: .venv/bin/python scripts/gen_reference.py")
            return 1 if stale else 0
        shutil.rmtree(OUTPUT, ignore_errors=True)
        shutil.copytree(rendered, OUTPUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Make ``ansible_collections.ipsecux.iosxe`` importable in unit tests.

Uses ``<repo>/.collections`` when ``make setup`` created it; otherwise a temporary directory with
``ansible_collections/ipsecux/iosxe`` symlinked to the repository root. The collections on
ANSIBLE_COLLECTIONS_PATH (ansible.netcommon, ansible.utils) go on sys.path as well.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COLLECTIONS = REPO / ".collections"


def _collections_root() -> Path:
    if (COLLECTIONS / "ansible_collections" / "ipsecux" / "iosxe").is_dir():
        return COLLECTIONS
    root = Path(tempfile.mkdtemp(prefix="ipsecux-collections-"))
    namespace = root / "ansible_collections" / "ipsecux"
    namespace.mkdir(parents=True)
    (namespace / "iosxe").symlink_to(REPO, target_is_directory=True)
    atexit.register(shutil.rmtree, root, True)
    return root


sys.path.insert(0, str(_collections_root()))

for entry in filter(None, os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep)):
    root = Path(entry)
    root = root.parent if root.name == "ansible_collections" else root
    if str(root) not in sys.path:
        sys.path.append(str(root))

"""Also put the collections on ANSIBLE_COLLECTIONS_PATH (ansible.netcommon, ansible.utils) on sys.path.

tests/unit/conftest.py links this repository as ansible_collections.ipsecux.iosxe; the dependency
collections come from `<repo>/.collections` after `make setup`, or from ANSIBLE_COLLECTIONS_PATH.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

for entry in filter(None, os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep)):
    root = Path(entry)
    root = root.parent if root.name == "ansible_collections" else root
    if str(root) not in sys.path:
        sys.path.append(str(root))

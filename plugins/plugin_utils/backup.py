# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`backup`: the running config a module read, written on the controller as cisco.ios does (owner only)."""

from __future__ import annotations

import base64
import os
import time
from pathlib import Path
from typing import Any


def write_backup(
    encoded: str, hostname: str, options: dict[str, Any] | None, default_dir: Path
) -> dict[str, str]:
    """Write the backup (directory 0700 when created, file 0600); the result keys cisco.ios returns."""
    options = options or {}
    now = time.localtime()
    date, clock = time.strftime("%Y-%m-%d", now), time.strftime("%H:%M:%S", now)
    directory = Path(os.path.expanduser(options.get("dir_path") or str(default_dir)))
    filename = options.get("filename") or f"{hostname}_config.{date}@{clock}"
    path = directory / filename
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # also when the file existed with another mode
    with os.fdopen(fd, "wb") as handle:
        handle.write(base64.b64decode(encoded))
    return {
        "backup_path": str(path),
        "filename": filename,
        "shortname": str(directory / Path(filename).stem),
        "date": date,
        "time": clock,
    }

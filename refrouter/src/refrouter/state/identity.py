"""Who a router is (IOS version, model, serial) and the lab credentials it starts with."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Credentials:
    username: str = "admin"
    password: str = "admin"
    enable_secret: str = "admin"


@dataclass
class Identity:
    version: str = "17.9.4a"
    model: str = "C8000V"
    serial: str = "9ABCDEFGHIJ"

    @property
    def major_minor(self) -> tuple[int, int]:
        major, minor = self.version.split(".")[:2]
        return int(major), int(minor)

    @property
    def padded_version(self) -> str:
        """`17.9.4a` → `17.09.04a`, the form of the first `show version` line."""
        parts = [*self.version.split("."), "1"]
        patch = re.match(r"(\d*)(.*)", parts[2])
        assert patch is not None
        return f"{parts[0]}.{parts[1].zfill(2)}.{patch.group(1).zfill(2)}{patch.group(2)}"

    @property
    def blocks_weak_crypto(self) -> bool:
        return self.major_minor >= (17, 11)

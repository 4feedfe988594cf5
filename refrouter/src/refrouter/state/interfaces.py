"""Interface names: IOS abbreviations (`gi1`, `g 1`, `Lo0`) to canonical names."""

from __future__ import annotations

import hashlib
import re

INTERFACE_TYPES = ("GigabitEthernet", "Loopback", "Tunnel", "Virtual-Template", "Virtual-Access")
SHORT_NAMES = {
    "GigabitEthernet": "Gi",
    "Loopback": "Lo",
    "Tunnel": "Tu",
    "Virtual-Template": "Vt",
    "Virtual-Access": "Vi",
}
TUNNEL_TYPES = ("Tunnel", "Virtual-Template")

_NAME = re.compile(r"([A-Za-z-]+)\s*(\d+(?:/\d+)*(?:\.\d+)?)$")


ALIASES = {"vi": "Virtual-Access"}  # the short name IOS prints, although `vi` also begins Virtual-Template


def _type_for(prefix: str) -> str | None:
    if prefix.lower() in ALIASES:
        return ALIASES[prefix.lower()]
    matches = [t for t in INTERFACE_TYPES if t.lower().startswith(prefix.lower())]
    return matches[0] if len(matches) == 1 else None


def is_interface_type_prefix(word: str) -> bool:
    return word.replace("-", "").isalpha() and _type_for(word) is not None


def canonical_interface(word: str) -> str | None:
    """`gi1` → `GigabitEthernet1`; None when the word names no interface type."""
    m = _NAME.match(word)
    if not m:
        return None
    itype = _type_for(m.group(1))
    return f"{itype}{m.group(2)}" if itype else None


def short_interface(name: str) -> str:
    for long, short in SHORT_NAMES.items():
        if name.startswith(long):
            return short + name[len(long) :]
    return name


def virtual_access_name(unit: int) -> str:
    """Name of the cloned interface IOS creates from a virtual template for one session."""
    return f"Virtual-Access{unit}"


def burned_in_mac(router_name: str, interface: str) -> str | None:
    """The vNIC MAC of a physical interface, stable per (router, interface), in IOS dotted form
    (`5254.00xx.xxxx`, the KVM vNIC prefix a C8000V shows). Loopbacks and tunnels have none."""
    if not interface.startswith("GigabitEthernet"):
        return None
    digest = hashlib.sha256(f"{router_name}/{interface}".encode()).digest()
    raw = bytes((0x52, 0x54, 0x00)) + digest[:3]
    return dotted_mac(raw)


def dotted_mac(raw: bytes) -> str:
    hexed = raw.hex()
    return f"{hexed[0:4]}.{hexed[4:8]}.{hexed[8:12]}"

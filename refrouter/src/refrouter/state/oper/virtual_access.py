"""Virtual-Access interfaces: the per-peer clones of a Virtual-Template that dynamic VTI creates.

They are operational state, not configuration (IOS does not show them in `show running-config`): one per
peer and template, numbered from 1 in creation order, gone when the peer's last IPsec SA on it ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VIRTUAL_ACCESS = "Virtual-Access"


@dataclass(frozen=True)
class VirtualAccess:
    name: str  # Virtual-Access1
    template: int  # the Virtual-Template number it was cloned from
    local: str  # local tunnel endpoint
    peer: str  # the spoke's address
    created: float  # router seconds


@dataclass
class VirtualAccessTable:
    by_name: dict[str, VirtualAccess] = field(default_factory=dict)
    _free: list[int] = field(default_factory=list)
    _next: int = 1

    def find(self, template: int, local: str, peer: str) -> VirtualAccess | None:
        return next((va for va in self.by_name.values() if (va.template, va.local, va.peer) == (template, local, peer)),
                    None)

    def clone(self, template: int, local: str, peer: str, now: float) -> VirtualAccess:
        """A new Virtual-Access for a peer: the lowest free number (IOS reuses released ones)."""
        if self._free:
            number = min(self._free)
            self._free.remove(number)
        else:
            number, self._next = self._next, self._next + 1
        access = VirtualAccess(f"{VIRTUAL_ACCESS}{number}", template, local, peer, now)
        self.by_name[access.name] = access
        return access

    def release(self, name: str) -> VirtualAccess | None:
        access = self.by_name.pop(name, None)
        if access is not None:
            self._free.append(int(name[len(VIRTUAL_ACCESS):]))
        return access

    def ordered(self) -> list[VirtualAccess]:
        return sorted(self.by_name.values(), key=lambda va: int(va.name[len(VIRTUAL_ACCESS):]))

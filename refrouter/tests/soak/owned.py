"""The objects each soak writer owns, the state the router accepted for them, and `show running-config` parsed
into those objects plus everything else.

Writer N owns `ip access-list extended SOAK-N`, the ISAKMP keys for 198.19.N.1-4 and `interface
Loopback<1000+N>`; no other session touches them, so the expected configuration is the union of every
writer's accepted changes, whatever the interleaving.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ACL_PREFIX = "SOAK-"
LOOPBACK_BASE = 1000
KEY_SLOTS = 4
LOOPBACK_BODY = [" no ip address"]  # what IOS renders for a Loopback without an address
ACL_HEADER = re.compile(rf"ip access-list extended ({ACL_PREFIX}\d+)$")
LOOPBACK_HEADER = re.compile(r"interface (Loopback1\d\d\d)$")  # LOOPBACK_BASE + writer index
OWNED_KEY = re.compile(r"crypto isakmp key (\S+) address (198\.19\.\d+\.\d+)$")


@dataclass
class Owned:
    """One writer's objects as the router accepted them (updated only on an accepted change)."""

    index: int
    acl: dict[int, str] | None = None  # sequence -> entry text; None while the ACL does not exist
    keys: dict[str, str] = field(default_factory=dict)  # peer address -> PSK
    loopback: bool = False
    description: str | None = None
    psks_used: list[str] = field(default_factory=list)  # every PSK this writer ever sent

    @property
    def acl_name(self) -> str:
        return f"{ACL_PREFIX}{self.index}"

    @property
    def loopback_number(self) -> int:
        return LOOPBACK_BASE + self.index

    def key_address(self, slot: int) -> str:
        return f"198.19.{self.index}.{slot}"

    def entry_address(self, sequence: int) -> str:
        return f"198.18.{self.index}.{sequence}"

    def new_psk(self, slot: int) -> str:
        psk = f"soak{self.index}k{slot}r{len(self.psks_used)}"
        self.psks_used.append(psk)
        return psk


@dataclass
class OwnedConfig:
    """Owned objects as `show running-config` prints them (body lines in printed order)."""

    acls: dict[str, list[str]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # peer address -> PSK
    loopbacks: dict[str, list[str]] = field(default_factory=dict)


def expected_config(writers: list[Owned]) -> OwnedConfig:
    expected = OwnedConfig()
    for owned in writers:
        if owned.acl is not None:
            expected.acls[owned.acl_name] = [f" {seq} {owned.acl[seq]}" for seq in sorted(owned.acl)]
        expected.keys.update(owned.keys)
        if owned.loopback:
            description = [f" description {owned.description}"] if owned.description is not None else []
            expected.loopbacks[f"Loopback{owned.loopback_number}"] = description + LOOPBACK_BODY
    return expected


def top_level_blocks(text: str) -> list[list[str]]:
    """The config as blocks: a line at column 0 with the indented lines below it."""
    blocks: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith(" ") and blocks:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def split_running_config(text: str) -> tuple[OwnedConfig, list[str]]:
    """(the soak writers' objects, every other line except `!` separators, in order).

    A second key line for one owned address stays in the other lines, so it cannot hide.
    """
    owned, rest = OwnedConfig(), []
    for header, *body in top_level_blocks(text):
        if match := ACL_HEADER.match(header):
            owned.acls[match.group(1)] = body
        elif match := LOOPBACK_HEADER.match(header):
            owned.loopbacks[match.group(1)] = body
        elif (match := OWNED_KEY.match(header)) and not body and match.group(2) not in owned.keys:
            owned.keys[match.group(2)] = match.group(1)
        else:
            rest += [line for line in (header, *body) if line.strip() != "!"]
    return owned, rest

"""YANG leaf types of the served subtree, as data: each `check(text)` returns an error message or None."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from ..state.config.sanitize import has_controls


@dataclass(frozen=True)
class Uint:
    low: int
    high: int

    def check(self, text: str) -> str | None:
        if not re.fullmatch(r"\+?[0-9]+", text):
            return f'"{text}" is not a valid value.'
        digits = text.lstrip("+").lstrip("0") or "0"
        if len(digits) > len(str(self.high)) or not self.low <= int(digits) <= self.high:
            return f'"{text}" is out of range.'
        return None


@dataclass(frozen=True)
class Enum:
    values: tuple[str, ...]

    def check(self, text: str) -> str | None:
        return None if text in self.values else f'"{text}" is an invalid value.'


@dataclass(frozen=True)
class Empty:
    def check(self, text: str) -> str | None:
        return None if text == "" else "an empty leaf takes no value"


@dataclass(frozen=True)
class Ipv4:
    def check(self, text: str) -> str | None:
        try:
            ipaddress.IPv4Address(text)
        except ValueError:
            return f'"{text}" is not a valid IPv4 address.'
        return None


@dataclass(frozen=True)
class String:
    pattern: str | None = None
    min_len: int = 0
    max_len: int | None = None

    def check(self, text: str) -> str | None:
        if has_controls(text):  # the CLI drops them too; a newline would inject a configuration line
            return "the value contains a control character."
        if len(text) < self.min_len or (self.max_len is not None and len(text) > self.max_len):
            return f'"{text}" has an invalid length.'
        if self.pattern and not re.fullmatch(self.pattern, text):
            return f'"{text}" does not match the pattern {self.pattern}.'
        return None


@dataclass(frozen=True)
class Union:
    members: tuple[Uint | Enum | Empty | Ipv4 | String, ...]

    def check(self, text: str) -> str | None:
        if any(member.check(text) is None for member in self.members):
            return None
        return f'"{text}" is an invalid value.'


LeafType = Uint | Enum | Empty | Ipv4 | String | Union

NAME = String(min_len=1)
UINT16 = Uint(0, 65535)
UINT32 = Uint(0, 4294967295)
EMPTY = Empty()
IPV4 = Ipv4()
# Cisco-IOS-XE-types std-acl-type and ext-acl-type.
STD_ACL = Union((Uint(1, 99), Uint(1300, 1999), String(r"[a-zA-Z].*")))
EXT_ACL = Union((Uint(100, 199), Uint(2000, 2699), String(r"[a-zA-Z].*")))
EXP_ACL = Union(STD_ACL.members + EXT_ACL.members)  # exp-acl-type: `ip access-group` names either kind
PFS_GROUP = Enum(tuple(f"group{n}" for n in (1, 2, 5, 14, 15, 16, 19, 20, 21, 24)))
KEY_BITS = Enum(("128", "192", "256"))

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of extended IP ACLs: `ip access-list extended NAME` blocks and `access-list N ...` lines.

Facts: `{name, entries}`; a named ACL's entries carry the sequence number IOS prints (`10 permit ...`),
a numbered ACL's entries have none, whichever way the device prints it: `access-list 101 permit ...` lines
(older releases) or, as IOS XE 17 does, an `ip access-list extended 101` block with sequence numbers, which
are dropped (numbered ACLs are changed by appending or rewriting, never by sequence number). Entry text is
canonical (ace.py).
Standard ACLs are not crypto ACLs and are left alone; remarks are comments, left out of the facts and
never changed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_acls.ace import (
    AceError,
    Entry,
    parse_entry,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_acls.spec import (
    EXTENDED_NUMBERS,
    CryptoAclFact,
    is_numbered,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block, Line

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

NAMESPACES = ("ip access-list extended", "access-list")

# `ip access-list extended VPN-ACL` with ` 10 permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255` under it
NAMED_RE = re.compile(r"ip access-list extended (\S+)")
# `access-list 101 permit ip host 209.165.200.227 host 209.165.200.225`
NUMBERED_RE = re.compile(r"access-list (\d+) (.+)")


def named_header(name: str) -> str:
    return f"ip access-list extended {name}"


def numbered_line(name: str, entry: Entry) -> str:
    return f"access-list {name} {entry.text}"


def _acl(config: RunningConfig, name: str) -> CryptoAclFact:
    acls: list[CryptoAclFact] = config.crypto_acls
    found = next((acl for acl in acls if acl["name"] == name), None)
    if found is None:
        found = {"name": name, "entries": []}
        acls.append(found)
    return found


def _named_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    acl = _acl(config, match.group(1))
    unread: list[Line] = []
    for line in block.children:
        try:
            entry = parse_entry(line.words)
        except AceError:
            unread.append(line)
            continue
        if not entry.is_remark:
            acl["entries"].append(entry.text if is_numbered(acl["name"]) else entry.line())
    config.report(unread, block.header, "crypto_acls")


def _numbered_line(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    number = int(match.group(1))
    if not any(low <= number <= high for low, high in EXTENDED_NUMBERS):
        return  # a standard ACL: not a crypto ACL
    try:
        entry = parse_entry(match.group(2))
    except AceError:
        config.report_block(block, "crypto_acls")
        return
    acl = _acl(config, match.group(1))
    if not entry.is_remark:
        acl["entries"].append(entry.text)


BLOCKS = ((NAMED_RE, _named_block), (NUMBERED_RE, _numbered_line))


def acl_lines(acl: CryptoAclFact) -> list[str]:
    """One ACL as `show running-config` prints it."""
    entries = [parse_entry(text) for text in acl.get("entries", [])]
    if is_numbered(acl["name"]):
        return [numbered_line(acl["name"], entry) for entry in entries]
    return [named_header(acl["name"])] + [" " + entry.line() for entry in entries]


def config_text(acls: list[CryptoAclFact]) -> list[str]:
    return [line for acl in acls for line in acl_lines(acl)]

"""The line-level diff behind `show archive config ...` and `configure replace` (state/config/diff.py), and
the bootflash: file system (state/flash.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from refrouter.state.config.diff import (
    contextual_diff,
    incremental_diff,
    negate,
    parse_blocks,
    replace_commands,
)
from refrouter.state.config.sanitize import sanitize_line
from refrouter.state.flash import SYSTEM_BYTES, TOTAL_BYTES, FlashError, FlashFileSystem, split_path

OLD = """Building configuration...

Current configuration : 10 bytes
!
hostname R1
!
interface Loopback1
 description old
 ip address 10.0.0.1 255.255.255.255
!
crypto map CM 10 ipsec-isakmp 
 set peer 192.0.2.1
 set peer 192.0.2.2
!
banner motd ^Cline one
line two^C
ip route 10.9.0.0 255.255.0.0 192.0.2.9
end
"""
NEW = """hostname R2
interface Loopback1
 description new
 ip address 10.0.0.1 255.255.255.255
crypto map CM 10 ipsec-isakmp
 set peer 192.0.2.1
interface Loopback2
 ip address 10.0.0.2 255.255.255.255
banner motd ^Cline one
line two^C
"""


def test_blocks_drop_comments_headers_and_keep_multiline_banners() -> None:
    blocks = parse_blocks(OLD)
    assert [b.line for b in blocks] == ["hostname R1", "interface Loopback1", "crypto map CM 10 ipsec-isakmp",
                                        "banner motd ^Cline one\nline two^C", "ip route 10.9.0.0 255.255.0.0 192.0.2.9"]
    assert blocks[2].children == [" set peer 192.0.2.1", " set peer 192.0.2.2"]


def test_contextual_diff_marks_children_under_their_parent() -> None:
    assert contextual_diff(OLD, NEW) == [
        "+hostname R2",
        "interface Loopback1", " +description new", " -description old",
        "crypto map CM 10 ipsec-isakmp", " -set peer 192.0.2.2",
        "+interface Loopback2", " +ip address 10.0.0.2 255.255.255.255",
        "-hostname R1",
        "-ip route 10.9.0.0 255.255.0.0 192.0.2.9",
    ]
    assert contextual_diff(OLD, OLD) == []


def test_incremental_diff_lists_what_running_lacks() -> None:
    merge = "interface loopback1\n description new\nip route 10.9.0.0 255.255.0.0 192.0.2.9\n"
    assert incremental_diff(OLD, merge) == ["interface loopback1", " description new"]
    assert incremental_diff(OLD, merge, ignore_case=True) == ["interface loopback1", " description new"]
    assert incremental_diff(OLD, "interface Loopback1\n description old\n") == []


def test_replace_commands_are_minimal_and_ordered() -> None:
    assert replace_commands(OLD, NEW) == [
        "crypto map CM 10 ipsec-isakmp", " no set peer 192.0.2.2", "exit",  # removals inside kept blocks
        "no ip route 10.9.0.0 255.255.0.0 192.0.2.9",  # removed top-level lines, last first; hostname is replaced
        "hostname R2",
        "interface Loopback1", " description new", "exit",  # a single value: no `no description old`
        "interface Loopback2", " ip address 10.0.0.2 255.255.255.255", "exit",
    ]
    assert replace_commands(NEW, NEW) == []


@pytest.mark.parametrize(("line", "negation"), [
    ("crypto map CM 10 ipsec-isakmp ", "no crypto map CM 10"),
    ("crypto ipsec transform-set TS esp-aes esp-sha-hmac ", "no crypto ipsec transform-set TS"),
    ("username bob privilege 15 secret 9 $9$abc", "no username bob"),
    ("no crypto isakmp default policy", "crypto isakmp default policy"),
    (" 10 permit ip any any", "no 10"),
    ("ip route 10.0.0.0 255.0.0.0 192.0.2.1", "no ip route 10.0.0.0 255.0.0.0 192.0.2.1"),
])
def test_negate(line: str, negation: str) -> None:
    assert negate(line) == negation


def test_sanitize_hides_the_key_of_a_no_line() -> None:
    assert sanitize_line("no crypto isakmp key s3cret address 192.0.2.1") == (
        "no crypto isakmp key <removed> address 192.0.2.1")


@pytest.mark.parametrize("root", [None, "disk"])
def test_flash_files(tmp_path: Path, root: str | None) -> None:
    flash = FlashFileSystem(tmp_path / root if root else None)
    assert flash.free_bytes() == TOTAL_BYTES - SYSTEM_BYTES
    assert flash.write("a.cfg", "hostname X\n") == 11
    assert flash.names() == ["a.cfg"] and flash.read("a.cfg") == "hostname X\n"
    assert flash.free_bytes() == TOTAL_BYTES - SYSTEM_BYTES - 11
    assert flash.md5("a.cfg") == hashlib.md5(b"hostname X\n", usedforsecurity=False).hexdigest()
    for bad in ("../x", "a/b", "", ".."):
        with pytest.raises(FlashError, match="Invalid argument"):
            flash.write(bad, "x")
    flash.delete("a.cfg")
    with pytest.raises(FlashError, match="No such file or directory"):
        flash.read("a.cfg")
    if root:
        assert (tmp_path / root).stat().st_mode & 0o777 == 0o700


def test_split_path() -> None:
    assert split_path("bootflash:/x.cfg") == ("bootflash:", "x.cfg")
    assert split_path("FLASH:x.cfg") == ("bootflash:", "x.cfg")
    assert split_path("bootflash:") == ("bootflash:", "")
    assert split_path("nvram:startup-config") is None

from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import (
    MASK,
    mask_line,
    mask_text,
    scrub,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("crypto isakmp key S3cr3t address 192.0.2.1", f"crypto isakmp key {MASK} address 192.0.2.1"),
        (
            "no crypto isakmp key S3cr3t address 10.0.0.0 255.0.0.0",
            f"no crypto isakmp key {MASK} address 10.0.0.0 255.0.0.0",
        ),
        ("crypto isakmp key 6 Enc== address 192.0.2.1", f"crypto isakmp key 6 {MASK} address 192.0.2.1"),
        ("crypto isakmp key 6 address 192.0.2.1", f"crypto isakmp key {MASK} address 192.0.2.1"),
        (
            "crypto isakmp key S3cr3t hostname peer.example.net",
            f"crypto isakmp key {MASK} hostname peer.example.net",
        ),
        (" pre-shared-key address 192.0.2.1 key S3cr3t", f" pre-shared-key address 192.0.2.1 key {MASK}"),
        ("  pre-shared-key local S3cr3t", f"  pre-shared-key local {MASK}"),
        ("no pre-shared-key hostname peer.example", "no pre-shared-key hostname peer.example"),
        ("no pre-shared-key address 10.0.0.0 255.0.0.0", "no pre-shared-key address 10.0.0.0 255.0.0.0"),
        ("username admin secret 9 $9$abc", f"username admin secret 9 {MASK}"),
        ("enable password Pl4in", f"enable password {MASK}"),
        (" ip nhrp authentication nhrpKey", f" ip nhrp authentication {MASK}"),
        ("crypto isakmp policy 10", "crypto isakmp policy 10"),
        ("set transform-set test_transf", "set transform-set test_transf"),
    ],
)
def test_mask_line(line: str, expected: str) -> None:
    assert mask_line(line) == expected


def test_mask_text_masks_every_line() -> None:
    text = "crypto isakmp key A1 address 192.0.2.1\ncrypto isakmp key B2 address 192.0.2.2"
    assert "A1" not in mask_text(text) and "B2" not in mask_text(text)


def test_scrub_replaces_known_secrets_in_nested_values() -> None:
    value = {"msg": "rejected 'crypto isakmp key Abc123 address x'", "list": ["Abc123", 5], "t": ("Abc123",)}
    assert scrub(value, ["Abc123", ""]) == {
        "msg": f"rejected 'crypto isakmp key {MASK} address x'",
        "list": [MASK, 5],
        "t": (MASK,),
    }
    assert scrub("unchanged", []) == "unchanged"

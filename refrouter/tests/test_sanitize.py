"""Secrets leave configuration text the way IOS tech-support removes them."""

from __future__ import annotations

import pytest

from refrouter.config.sanitize import sanitize, sanitize_line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("crypto isakmp key s3cret address 192.0.2.2", "crypto isakmp key <removed> address 192.0.2.2"),
        ("crypto isakmp key 6 s3cret address 10.0.0.0 255.0.0.0 no-xauth",
         "crypto isakmp key <removed> address 10.0.0.0 255.0.0.0 no-xauth"),
        ("enable secret 9 $9$abc$def", "enable secret 9 <removed>"),
        ("username admin secret 9 $9$abc$def", "username admin secret 9 <removed>"),
        ("username ops privilege 15 password 0 plain", "username ops privilege 15 password 0 <removed>"),
        ("crypto isakmp policy 10", "crypto isakmp policy 10"),
        (" set peer 192.0.2.2", " set peer 192.0.2.2"),
    ],
)
def test_sanitize_line(line: str, expected: str) -> None:
    assert sanitize_line(line) == expected


def test_sanitize_keeps_every_other_line_and_the_layout() -> None:
    text = "hostname R\ncrypto isakmp key k address 192.0.2.2\n!\nend\n"
    assert sanitize(text) == "hostname R\ncrypto isakmp key <removed> address 192.0.2.2\n!\nend\n"

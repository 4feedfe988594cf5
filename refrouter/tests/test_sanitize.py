"""Secrets leave configuration text the way IOS tech-support removes them."""

from __future__ import annotations

import pytest

from refrouter.cli.loader import apply_config_text
from refrouter.state.config.sanitize import sanitize, sanitize_line, sanitize_typed
from refrouter.state.router import Router


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


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("crypto isakmp key s3cret addr 300.1.1.1", "crypto isakmp key <removed> addr 300.1.1.1"),
        ("crypto isa k 6 s3cret", "crypto isa k 6 <removed>"),
        ("en sec 0 s3cret", "en sec <removed>"),
        ("username bob priv 15 pass 0 s3cret extra", "username bob priv 15 pass <removed>"),
        ("crypto isakmp policy 10", "crypto isakmp policy 10"),
    ],
)
def test_sanitize_typed_lines(line: str, expected: str) -> None:
    assert sanitize_typed(line) == expected


def test_rejected_startup_lines_are_reported_without_their_secrets() -> None:
    router = Router("R")
    text = "crypto isakmp key s3cret addr 300.1.1.1\ncrypto isa key s3cret\nenable secret 0 s3cret bogus extra\n"
    errors = apply_config_text(router, text)
    assert len(errors) == 3 and not any("s3cret" in error for error in errors), errors
    assert errors[0].startswith("crypto isakmp key <removed> addr 300.1.1.1: % ")

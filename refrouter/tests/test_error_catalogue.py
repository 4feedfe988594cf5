"""The error catalogue (refrouter.cli.errors) lists every `%`/`ERROR:` message literal in the router sources."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import refrouter
from refrouter.cli.errors import BY_NAME, CATALOGUE

SOURCES = Path(refrouter.__file__).parent
# `% Text`, `%Text` (IOS prints both) or `ERROR: text`; not syslog (`%SYS-5-...`), printf or strftime codes.
MESSAGE_RE = re.compile(r"(?:% |%[A-Z][a-z]|ERROR: \S)")
SYSLOG_RE = re.compile(r"%[A-Z0-9_]+-[0-7]-[A-Z0-9_]+:")


def _shape(node: ast.expr) -> str | None:
    """The text of a string expression with every computed part as `{}`; None for non-strings."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = _shape(node.left)
        right = _shape(node.right)
        if left is None and right is None:
            return None
        return (left if left is not None else "{}") + (right if right is not None else "{}")
    return None


def _outermost_strings(tree: ast.AST) -> list[tuple[int, str]]:
    """Every maximal string expression (a part of an f-string or `+` chain is not listed on its own)."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.expr):
            shape = _shape(node)
            if shape is not None:
                found.append((node.lineno, shape))
                return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def message_literals() -> list[tuple[str, str]]:
    """(file:line, message shape) for every message literal in the router sources but the catalogue."""
    found = []
    for path in sorted(SOURCES.rglob("*.py")):
        if path.name == "errors.py" and path.parent.name == "cli":
            continue
        for line, text in _outermost_strings(ast.parse(path.read_text(), str(path))):
            first = text.lstrip()
            if MESSAGE_RE.match(first) and not SYSLOG_RE.match(first):
                found.append((f"{path.relative_to(SOURCES)}:{line}", first.rstrip("\n")))
    return found


def test_scanner_finds_the_messages_it_must_find() -> None:
    """Guards the scanner itself: known literals of each form (f-string, `+` chain, `.format`) are found."""
    shapes = {text for _where, text in message_literals()}
    assert "% Maximum number of peers reached" in shapes
    assert "% {} is not a peer of this crypto map" in shapes
    assert "%Error opening nvram:/{} (No such file or directory)" in shapes
    assert "% Bad mask /{} for address {}" in shapes
    assert 'ERROR: transform set with tag "{}" does not exist.' in shapes
    assert not any(text.startswith(("%SYS-", "%LINK-", "%s", "%H")) for text in shapes)


@pytest.mark.parametrize(("where", "text"), message_literals())
def test_every_message_literal_is_catalogued(where: str, text: str) -> None:
    """A literal is covered by an entry of the same shape, or is a prefix of one (the session's notice
    prefixes such as `% NOTE`)."""
    shapes = [message.shape for message in CATALOGUE]
    assert any(shape == text or shape.startswith(text) for shape in shapes), (
        f"{where}: {text!r} is not in refrouter/cli/errors.py CATALOGUE"
    )


def test_entries_render_with_their_samples_and_are_unique() -> None:
    assert len(BY_NAME) == len(CATALOGUE)
    assert len({message.shape for message in CATALOGUE}) == len(CATALOGUE)
    for message in CATALOGUE:
        assert "{" not in message.render(), message.name
        assert message.kind in ("error", "notice")
        assert message.mode in ("any", "exec", "config", "config-if", "config-crypto-map", "config-ext-nacl",
                                "config-keyring", "config-isa-prof", "config-ikev2", "config-pki", "config-archive")


def test_router_session_classifies_catalogue_entries_by_kind() -> None:
    """The router's own error test (used for startup-config and rejected-line logs) agrees with the kinds."""
    from refrouter.cli.session import is_error_output

    for message in CATALOGUE:
        assert is_error_output(message.render()) is (message.kind == "error"), message.name

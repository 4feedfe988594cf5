"""Other people's captures (../shared: public parsers' test data, lab write-ups, the seed guide's examples)
parse without inventing anything. Their exact structures are not kept here; where the upstream project ships
its own expected output, test_oracles.py compares with it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import mask_line
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import parse

from .shared_captures import SHARED_CAPTURES, SharedCapture

WARNING = re.compile(r'line (?P<number>\d+): .*?: "(?P<quoted>.*)"$')
IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


def leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)
    else:
        yield value


@pytest.mark.parametrize("capture", SHARED_CAPTURES, ids=lambda capture: capture.id)
def test_capture_parses_without_inventing_anything(capture: SharedCapture) -> None:
    text = capture.text()
    lines = text.splitlines()
    result = parse(capture.command, text)
    values = list(leaves(result.data))
    assert any(value not in (None, "", 0, False) for value in values), "nothing was read"
    # Every address in the result is one the device printed.
    addresses = {str(value) for value in values if isinstance(value, str) and IPV4.fullmatch(value)}
    assert {address for address in addresses if address not in text} == set()
    # Every warning quotes the line it names, and only a few lines of a capture are left unread.
    for warning in result.warnings:
        match = WARNING.search(warning)
        assert match, warning
        assert match["quoted"] == mask_line(lines[int(match["number"]) - 1].strip()), warning
    data_lines = [line for line in lines if line.strip()]
    assert len(result.warnings) <= max(1, len(data_lines) // 20), result.warnings

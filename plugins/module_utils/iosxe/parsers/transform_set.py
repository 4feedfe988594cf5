# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parser for ``show crypto ipsec transform-set`` and ``show crypto ipsec default transform-set``.

-> ``{"transform_sets": [SET, ...]}`` (or ``{"default_transform_sets": [...]}`` for the default
command).  SET keeps the printed lists and adds the keywords of the ``transform_sets`` module::

    {"name": "TS", "transforms": ["esp-256-aes", "esp-sha-hmac"], "will_negotiate": ["Tunnel"],
     "mode": "tunnel", "esp_encryption": "esp-aes", "key_size": 256, "esp_integrity": "esp-sha-hmac",
     "ah_integrity": None, "compression": None}

IOS shows ``esp-aes 256`` as ``esp-256-aes``; both spellings give ``esp-aes`` + ``key_size`` 256.
Set names are kept verbatim (the seed's extraction-damaged ``#${default_transform_set_1}`` too).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .common import Log, ParseResult, compile_rules, join_numbers, run_rules, split_items

TRANSFORM_KINDS: dict[str, frozenset[str]] = {
    "esp_encryption": frozenset(
        {"esp-des", "esp-3des", "esp-aes", "esp-gcm", "esp-gmac", "esp-null", "esp-seal"}
    ),
    "esp_integrity": frozenset(
        {"esp-md5-hmac", "esp-sha-hmac", "esp-sha256-hmac", "esp-sha384-hmac", "esp-sha512-hmac"}
    ),
    "ah_integrity": frozenset(
        {"ah-md5-hmac", "ah-sha-hmac", "ah-sha256-hmac", "ah-sha384-hmac", "ah-sha512-hmac"}
    ),
    "compression": frozenset({"comp-lzs"}),
}
_SIZED = re.compile(r"esp-(\d+)-(aes|gcm|gmac)")
_TRAILING_SIZE = re.compile(r"(esp-(?:aes|gcm|gmac))\s+(\d+)")


def classify(transforms: list[str]) -> tuple[dict[str, Any], list[str]]:
    """Module keywords for a transform list, plus the transforms no kind knows."""
    result: dict[str, Any] = {kind: None for kind in TRANSFORM_KINDS}
    result["key_size"] = None
    unknown: list[str] = []
    for transform in transforms:
        sized = _SIZED.fullmatch(transform)
        trailing = _TRAILING_SIZE.fullmatch(transform)
        if sized:
            name, size = f"esp-{sized.group(2)}", sized.group(1)
        elif trailing:
            name, size = trailing.group(1), trailing.group(2)
        else:
            name, size = transform, None
        kind = next((kind for kind, names in TRANSFORM_KINDS.items() if name in names), None)
        if kind is None:
            unknown.append(transform)
            continue
        result[kind] = name
        if size is not None:
            result["key_size"] = int(size)
    return result, unknown


class _TransformState:
    def __init__(self, log: Log) -> None:
        self.log = log
        self.sets: list[dict[str, Any]] = []

    def on_set(self, match: re.Match[str], lineno: int, line: str) -> None:
        transforms = join_numbers(match.group(2).split())
        keywords, unknown = classify(transforms)
        for transform in unknown:
            self.log.note(lineno, line, f"unknown transform {transform!r}")
        self.sets.append(
            {"name": match.group(1), "transforms": transforms, "will_negotiate": [], "mode": None, **keywords}
        )

    def on_negotiate(self, match: re.Match[str], *_: object) -> bool | None:
        if not self.sets:
            return False
        items = split_items(match.group(1))
        self.sets[-1].update(will_negotiate=items, mode=items[0].split()[0].lower() if items else None)
        return None


_RULES = compile_rules(
    (r"\s*Transform set\s+(.+?):\s*\{\s*([^}]*?)\s*\}\s*,?\s*$", "on_set"),
    (r"\s*will negotiate\s*=\s*\{(.*)\}\s*,?\s*$", "on_negotiate"),
)


def _parse(dest: str, text: str) -> ParseResult:
    log = Log()
    state = _TransformState(log)
    run_rules(text, _RULES, state, log)
    return ParseResult({dest: state.sets}, log.warnings)


def parse_transform_sets(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    return _parse("transform_sets", text)


def parse_default_transform_sets(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    return _parse("default_transform_sets", text)

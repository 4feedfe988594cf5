# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parser for ``show crypto isakmp policy`` and ``show crypto isakmp default policy``.

``show crypto isakmp policy`` -> ``{"isakmp_policies": [POLICY, ...], "default_policies": [POLICY, ...]}``;
a ``Protection suite`` goes to ``isakmp_policies``, a ``Default protection suite`` (priorities
65507-65514) to ``default_policies``.  ``show crypto isakmp default policy`` -> ``{"default_policies":
[...]}`` only (a user suite there is unexpected and is warned, so merging both results is safe).
POLICY keeps the printed texts under the snake_case labels and adds the
configuration keywords of the ``isakmp_policies`` module::

    {"priority": 10, "encryption_algorithm": "AES - Advanced Encryption Standard (128 bit keys).",
     "hash_algorithm": "Secure Hash Standard", "authentication_method": "Pre-Shared Key",
     "diffie_hellman_group": "#2 (1024 bit)", "lifetime": "86400 seconds, no volume limit",
     "encryption": "aes", "hash": "sha", "authentication": "pre-share", "group": 2,
     "lifetime_seconds": 86400}

A display text with no known keyword gives ``None`` and a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from .common import Log, ParseResult, compile_rules, run_rules, snake_case


def _aes(match: re.Match[str]) -> str:
    bits = match.group(1)
    return "aes" if bits in (None, "128") else f"aes-{bits}"


# (pattern on the display text, keyword or function of the match) -- first match wins.
KEYWORDS: dict[str, tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...]] = {
    "encryption_algorithm": (
        (re.compile(r"AES\b(?:.*?\((\d+) bit)?", re.IGNORECASE), _aes),
        (re.compile(r"Three key triple DES|3DES", re.IGNORECASE), "3des"),
        (re.compile(r"DES\b", re.IGNORECASE), "des"),
    ),
    "hash_algorithm": (
        (re.compile(r"Secure Hash Standard 2 \((\d+) bit", re.IGNORECASE), lambda m: f"sha{m.group(1)}"),
        (re.compile(r"Secure Hash Standard\s*$", re.IGNORECASE), "sha"),
        (re.compile(r"Message Digest 5", re.IGNORECASE), "md5"),
    ),
    "authentication_method": (
        (re.compile(r"Pre-Shared Key", re.IGNORECASE), "pre-share"),
        (re.compile(r"Rivest-Shamir-Adleman Signature", re.IGNORECASE), "rsa-sig"),
        (re.compile(r"Rivest-Shamir-Adleman Encryption", re.IGNORECASE), "rsa-encr"),
    ),
    "diffie_hellman_group": ((re.compile(r"#(\d+)"), lambda m: m.group(1)),),
    "lifetime": ((re.compile(r"(\d+) seconds"), lambda m: m.group(1)),),
}
CONFIG_KEYS = {
    "encryption_algorithm": "encryption",
    "hash_algorithm": "hash",
    "authentication_method": "authentication",
    "diffie_hellman_group": "group",
    "lifetime": "lifetime_seconds",
}
INT_CONFIG_KEYS = frozenset({"group", "lifetime_seconds"})


def keyword(label_key: str, text: str) -> str | int | None:
    for pattern, result in KEYWORDS[label_key]:
        match = pattern.match(text)
        if match:
            value = result if isinstance(result, str) else result(match)
            return int(value) if CONFIG_KEYS[label_key] in INT_CONFIG_KEYS else value
    return None


class _PolicyState:
    def __init__(self, log: Log, kinds: tuple[str, ...]) -> None:
        self.log = log
        self.policies: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
        self.policy: dict[str, Any] | None = None

    def ignore(self, *_: object) -> None:
        return None

    def on_suite(self, match: re.Match[str], *_: object) -> bool | None:
        kind = "default_policies" if match.group(1) else "isakmp_policies"
        self.policy = {"priority": int(match.group(2))} if kind in self.policies else None
        if self.policy is None:
            return False
        self.policies[kind].append(self.policy)
        return None

    def on_attribute(self, match: re.Match[str], lineno: int, line: str) -> bool | None:
        if self.policy is None:
            return False
        key, text = snake_case(match.group(1)), match.group(2)
        config_value = keyword(key, text)
        if config_value is None:
            self.log.note(lineno, line, f"no {CONFIG_KEYS[key]} keyword known for this text")
        self.policy.update({key: text, CONFIG_KEYS[key]: config_value})
        return None


_RULES = compile_rules(
    (r"\s*(?:Global|Default) IKE policy\s*$", "ignore"),
    (r"\s*(Default\s+)?protection suite of priority\s+(\d+)\s*$", "on_suite"),
    (
        (
            r"\s*(encryption algorithm|hash algorithm|authentication method|Diffie-Hellman group"
            r"|lifetime)\s*:\s*(.*?)\s*$"
        ),
        "on_attribute",
    ),
    flags=re.IGNORECASE,
)


def _parse(text: str, kinds: tuple[str, ...]) -> ParseResult:
    log = Log()
    state = _PolicyState(log, kinds)
    run_rules(text, _RULES, state, log)
    return ParseResult(dict(state.policies), log.warnings)


def parse_isakmp_policy(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    return _parse(text, ("isakmp_policies", "default_policies"))


def parse_isakmp_default_policy(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    return _parse(text, ("default_policies",))

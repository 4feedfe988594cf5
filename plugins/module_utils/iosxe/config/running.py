# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse the crypto part of an IOS XE running config into the facts of all five config resources.

Every line is accounted for: it is parsed into a resource, ignored because it belongs to configuration this
collection does not manage (IGNORED_CRYPTO_PREFIXES, and any non-crypto line outside managed blocks), or
reported in `unparsed` with the resource that owns its namespace. Nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config import (
    crypto_maps,
    isakmp,
    transform_sets,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config.blocks import (
    Block,
    Line,
    split_blocks,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import mask_line

# Namespaces: a line starting with one of these (after an optional `no `) belongs to that resource.
OWNERS = (
    ("crypto isakmp policy", "isakmp_policies"),
    ("crypto isakmp key", "isakmp_keys"),
    ("crypto ipsec transform-set", "transform_sets"),
    ("crypto map", "crypto_maps"),
    ("crypto dynamic-map", "crypto_maps"),
    ("crypto isakmp default", "crypto_defaults"),
    ("crypto ipsec default", "crypto_defaults"),
)
# Crypto configuration outside the five resources; these blocks are skipped without a warning.
IGNORED_CRYPTO_PREFIXES = (
    "crypto pki",
    "crypto ikev2",
    "crypto isakmp profile",
    "crypto isakmp keepalive",
    "crypto isakmp nat",
    "crypto isakmp identity",
    "crypto isakmp invalid-spi-recovery",
    "crypto isakmp aggressive-mode",
    "crypto isakmp fragmentation",
    "crypto isakmp client",
    "crypto keyring",
    "crypto ipsec security-association",
    "crypto ipsec df-bit",
    "crypto ipsec nat-transparency",
    "crypto ipsec fragmentation",
    "crypto ipsec client",
    "crypto ipsec optional",
    "crypto logging",
    "crypto engine",
    "crypto key",
    "crypto call",
    "crypto mib",
    "crypto gdoi",
    "crypto ssl",
    "crypto vpn",
    "crypto ctcp",
)
DEFAULT_TOGGLES = {
    "crypto isakmp default policy": "isakmp_default_policy",
    "crypto ipsec default transform-set": "ipsec_default_transform_set",
}
PROFILE_RE = re.compile(r"crypto ipsec profile (\S+)")
PROFILE_TRANSFORM_SETS_RE = re.compile(r"set transform-set ((?:\S+ ?)+)")


@dataclass(frozen=True)
class Unparsed:
    line: Line
    context: str | None  # header of the enclosing block, None for a top-level line
    owner: str | None  # resource whose namespace the line is in; None when no resource owns it
    skipped_children: int = 0  # child lines skipped with an unparsed header

    def warning(self) -> str:
        where = f" under {mask_line(self.context)!r}" if self.context else ""
        extra = f" and its {self.skipped_children} child line(s)" if self.skipped_children else ""
        return (
            f"running-config line {self.line.number}{where} was not understood and is left unchanged: "
            f"{mask_line(self.line.words)!r}{extra}"
        )


@dataclass
class RunningConfig:
    isakmp_policies: list[dict[str, Any]] = field(default_factory=list)
    isakmp_keys: list[dict[str, Any]] = field(default_factory=list)
    transform_sets: list[dict[str, Any]] = field(default_factory=list)
    crypto_maps: list[dict[str, Any]] = field(default_factory=list)
    crypto_defaults: dict[str, bool] = field(
        default_factory=lambda: {"isakmp_default_policy": True, "ipsec_default_transform_set": True}
    )
    ipsec_profiles: dict[str, list[str]] = field(default_factory=dict)  # profile -> transform sets it uses
    unparsed: list[Unparsed] = field(default_factory=list)

    def warnings_for(self, resource: str) -> list[str]:
        """Warnings about lines in this resource's namespace and lines no resource owns."""
        return [item.warning() for item in self.unparsed if item.owner in (resource, None)]


def owner_of(words: str) -> str | None:
    words = words.removeprefix("no ")
    return next((owner for prefix, owner in OWNERS if words.startswith(prefix)), None)


def is_ignored(words: str) -> bool:
    return words.removeprefix("no ").startswith(IGNORED_CRYPTO_PREFIXES)


def parse_running_config(text: str) -> RunningConfig:
    config = RunningConfig()
    for block in split_blocks(text):
        if block.header is None:
            _report_crypto_lines(config, block.children, None)
            continue
        for pattern, handler in BLOCK_HANDLERS:
            match = pattern.fullmatch(block.header.words)
            if match:
                handler(config, block, match)
                break
        else:
            _other_block(config, block)
    return config


def _report(config: RunningConfig, lines: list[Line], header: Line | None, owner: str | None = None) -> None:
    context = header.words if header else None
    for line in lines:
        config.unparsed.append(Unparsed(line, context, owner or owner_of(line.words)))


def _report_crypto_lines(config: RunningConfig, lines: list[Line], header: Line | None) -> None:
    """Under blocks the collection does not manage, only lines that mention crypto are reported."""
    _report(config, [line for line in lines if "crypto" in line.words and not is_ignored(line.words)], header)


def _other_block(config: RunningConfig, block: Block) -> None:
    words = block.header.words
    if is_ignored(words):
        return
    owner = owner_of(words)
    if owner or words.startswith(("crypto", "no crypto")):
        config.unparsed.append(Unparsed(block.header, None, owner, len(block.children)))
    else:
        _report_crypto_lines(config, block.children, block.header)


def _policy(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    policy, unmatched = isakmp.parse_policy(block, match)
    config.isakmp_policies.append(policy)
    _report(config, unmatched, block.header, "isakmp_policies")


def _key(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    config.isakmp_keys.append(isakmp.parse_key(match))
    _report(config, block.children, block.header, "isakmp_keys")


def _transform_set(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    transform_set, unmatched = transform_sets.parse_transform_set(block, match)
    if transform_set is None:
        config.unparsed.append(Unparsed(block.header, None, "transform_sets", len(block.children)))
        return
    config.transform_sets.append(transform_set)
    _report(config, unmatched, block.header, "transform_sets")


def _map_entry(dynamic: bool) -> Callable[[RunningConfig, Block, re.Match[str]], None]:
    def handle(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
        name, entry, unmatched = crypto_maps.parse_entry(block, match, dynamic)
        crypto_maps.add_entry(config.crypto_maps, name, dynamic, entry)
        _report(config, unmatched, block.header, "crypto_maps")

    return handle


def _interface(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    names, other_crypto = crypto_maps.interface_bindings(block)
    for name in names:
        crypto_maps.bind_interface(config.crypto_maps, name, match.group(1))
    _report_crypto_lines(config, other_crypto, block.header)


def _default_toggle(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    config.crypto_defaults[DEFAULT_TOGGLES[match.group(2)]] = not match.group(1)
    _report(config, block.children, block.header, "crypto_defaults")


def _ipsec_profile(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    """Profiles are not managed; their transform-set references are kept for reference checks."""
    names: list[str] = []
    for line in block.children:
        found = PROFILE_TRANSFORM_SETS_RE.fullmatch(line.words)
        if found:
            names = found.group(1).split()
    config.ipsec_profiles[match.group(1)] = names


BLOCK_HANDLERS: tuple[tuple[re.Pattern[str], Callable[[RunningConfig, Block, re.Match[str]], None]], ...] = (
    (isakmp.POLICY_HEADER_RE, _policy),
    (isakmp.KEY_LINE_RE, _key),
    (transform_sets.HEADER_RE, _transform_set),
    (crypto_maps.STATIC_ENTRY_RE, _map_entry(dynamic=False)),
    (crypto_maps.DYNAMIC_ENTRY_RE, _map_entry(dynamic=True)),
    (crypto_maps.INTERFACE_RE, _interface),
    (re.compile(r"(no )?(" + "|".join(map(re.escape, DEFAULT_TOGGLES)) + ")"), _default_toggle),
    (PROFILE_RE, _ipsec_profile),
)

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse the crypto part of an IOS XE running config, crypto ACLs included, into every resource's facts.

Every line is accounted for: it is parsed into a resource, ignored because it belongs to configuration this
collection does not manage (IGNORED_CRYPTO_PREFIXES, and any non-crypto line outside managed blocks), or
reported in `unparsed` with the resource that owns its namespace. Nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import mask_line
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.registry import RESOURCES
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.resource import BlockRule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import (
    Block,
    Line,
    split_blocks,
)

# Namespaces: a line starting with one of these (after an optional `no `) belongs to that resource.
OWNERS = tuple(
    (prefix, resource.name) for resource in RESOURCES.values() for prefix in resource.lines.NAMESPACES
)
# Crypto configuration outside the config resources; these blocks are skipped without a warning.
IGNORED_CRYPTO_PREFIXES = (
    "crypto pki",
    "crypto ikev2",
    "crypto isakmp keepalive",
    "crypto isakmp nat",
    "crypto isakmp identity",
    "crypto isakmp invalid-spi-recovery",
    "crypto isakmp aggressive-mode",
    "crypto isakmp fragmentation",
    "crypto isakmp client",
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


def _unconfigured() -> dict[str, Any]:
    return {name: resource.unconfigured() for name, resource in RESOURCES.items()}


@dataclass
class RunningConfig:
    """Facts of every resource (read as attributes: `config.crypto_maps`), plus what the plans consult."""

    facts: dict[str, Any] = field(default_factory=_unconfigured)  # resource name -> facts
    unparsed: list[Unparsed] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        facts = self.__dict__.get("facts")
        if facts is None or name not in facts:
            raise AttributeError(name)
        return facts[name]

    def warnings_for(self, resource: str) -> list[str]:
        """Warnings about lines in this resource's namespace and lines no resource owns."""
        return [item.warning() for item in self.unparsed if item.owner in (resource, None)]

    def report(self, lines: list[Line], header: Line | None, owner: str | None = None) -> None:
        """Lines not understood, under `header`; owned by `owner` or by the namespace they are in."""
        context = header.words if header else None
        for line in lines:
            self.unparsed.append(Unparsed(line, context, owner or owner_of(line.words)))

    def report_block(self, block: Block, owner: str | None) -> None:
        """A header line not understood; its children are skipped with it."""
        if block.header is not None:
            self.unparsed.append(Unparsed(block.header, None, owner, len(block.children)))

    def report_crypto_lines(self, lines: list[Line], header: Line | None) -> None:
        """Under blocks the collection does not manage, only lines that mention crypto are reported."""
        self.report([line for line in lines if "crypto" in line.words and not is_ignored(line.words)], header)


def _owner_prefix(words: str) -> tuple[str, str] | None:
    words = words.removeprefix("no ")
    return next(((prefix, owner) for prefix, owner in OWNERS if words.startswith(prefix)), None)


def owner_of(words: str) -> str | None:
    owned = _owner_prefix(words)
    return owned[1] if owned else None


def is_ignored(words: str) -> bool:
    """Unmanaged crypto configuration. The more specific prefix decides: `crypto isakmp keepalive` is ignored
    although `crypto isakmp key` is owned, `crypto ikev2 proposal` is owned although `crypto ikev2` is ignored."""
    bare = words.removeprefix("no ")
    ignored = max((len(prefix) for prefix in IGNORED_CRYPTO_PREFIXES if bare.startswith(prefix)), default=0)
    owned = _owner_prefix(words)
    return ignored > (len(owned[0]) if owned else 0)


def parse_running_config(text: str) -> RunningConfig:
    config = RunningConfig()
    for block in split_blocks(text):
        if block.header is None:
            config.report_crypto_lines(block.children, None)
            continue
        for pattern, handler in BLOCK_RULES:
            match = pattern.fullmatch(block.header.words)
            if match:
                handler(config, block, match)
                break
        else:
            _other_block(config, block, block.header)
    return config


def _other_block(config: RunningConfig, block: Block, header: Line) -> None:
    words = header.words
    if is_ignored(words):
        return
    owner = owner_of(words)
    if owner or words.startswith(("crypto", "no crypto")):
        config.report_block(block, owner)
    else:
        config.report_crypto_lines(block.children, header)


BLOCK_RULES: tuple[BlockRule, ...] = (
    *(rule for resource in RESOURCES.values() for rule in resource.lines.BLOCKS),
)

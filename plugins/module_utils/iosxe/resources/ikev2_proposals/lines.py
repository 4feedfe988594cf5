# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CLI lines of IKEv2 proposals (`crypto ikev2 proposal NAME` blocks): parse rule and render of each line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_proposals.spec import (
    FIELDS,
    Ikev2ProposalFact,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Block
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.rules import (
    apply_rules,
    rule,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

NAMESPACES = ("crypto ikev2 proposal",)

# `crypto ikev2 proposal AES256` (`no crypto ikev2 proposal default` is ikev2_defaults')
HEADER_RE = re.compile(r"crypto ikev2 proposal (\S+)")


def header(proposal: Ikev2ProposalFact) -> str:
    return f"crypto ikev2 proposal {proposal['name']}"


# ` encryption aes-cbc-256 aes-cbc-128`, ` integrity sha256`, ` prf sha256`, ` group 19 14`
def _words(field: str, convert: type = str) -> Any:
    def store(target: dict[str, Any], match: re.Match[str]) -> None:
        target[field] = [convert(word) for word in match.group(1).split()]

    return store


LINE_RULES = (
    rule(r"encryption ((?:\S+ ?)+)", _words("encryption")),
    rule(r"integrity ((?:\S+ ?)+)", _words("integrity")),
    rule(r"prf ((?:\S+ ?)+)", _words("prf")),
    rule(r"group ((?:\d+ ?)+)", _words("group", int)),
)


def line(field: str, values: list[Any]) -> str:
    return f"{field} {' '.join(str(value) for value in values)}"


def _proposal_block(config: RunningConfig, block: Block, match: re.Match[str]) -> None:
    fields: dict[str, Any] = {"name": match.group(1), **{field: [] for field in FIELDS}}
    unmatched = apply_rules(block.children, LINE_RULES, fields)
    config.ikev2_proposals.append(cast(Ikev2ProposalFact, fields))  # the rules set proposal fields only
    config.report(unmatched, block.header, "ikev2_proposals")


BLOCKS = ((HEADER_RE, _proposal_block),)


def config_lines(proposal: Ikev2ProposalFact) -> list[str]:
    return [header(proposal)] + [" " + line(field, proposal[field]) for field in FIELDS if proposal[field]]


def config_text(proposals: list[Ikev2ProposalFact]) -> list[str]:
    return [text for proposal in proposals for text in config_lines(proposal)]

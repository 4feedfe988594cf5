# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parser for ``show crypto ikev2 proposal [NAME]`` (also ``default``, the smart default proposal).

-> ``{"ikev2_proposals": [{"name", "encryption": ["AES-CBC-256", ...], "integrity": ["SHA512", ...],
"prf": [...], "dh_groups": [19, 14, ...]}]}``: the algorithm names as IOS prints them, in its order; each
``DH_GROUP_256_ECP/Group 19`` item gives its group number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .common import Log, ParseResult, compile_rules, run_rules

_GROUP = re.compile(r"(?:\S+/)?Group\s+(\d+)")
_LISTS = {"Encryption": "encryption", "Integrity": "integrity", "PRF": "prf"}


class _ProposalState:
    def __init__(self) -> None:
        self.proposals: list[dict[str, Any]] = []

    def on_name(self, match: re.Match[str], *_: object) -> None:
        self.proposals.append({"name": match.group(1)})

    def on_list(self, match: re.Match[str], *_: object) -> bool | None:
        if not self.proposals:
            return False
        self.proposals[-1][_LISTS[match.group(1)]] = match.group(2).split()
        return None

    def on_groups(self, match: re.Match[str], *_: object) -> bool | None:
        text = match.group(1)
        groups = _GROUP.findall(text)
        if not self.proposals or _GROUP.sub("", text).strip():
            return False
        self.proposals[-1]["dh_groups"] = [int(group) for group in groups]
        return None


_RULES = compile_rules(
    (r"\s*IKEv2 proposal\s*:\s*(\S+)\s*$", "on_name"),
    (r"\s*(Encryption|Integrity|PRF)\s*:\s*(.*?)\s*$", "on_list"),
    (r"\s*DH Group\s*:\s*(.*?)\s*$", "on_groups"),
)


def parse_ikev2_proposal(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _ProposalState()
    run_rules(text, _RULES, state, log)
    return ParseResult({"ikev2_proposals": state.proposals}, log.warnings)

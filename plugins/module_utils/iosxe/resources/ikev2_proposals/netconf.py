# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 proposals over NETCONF (`/native/crypto/ikev2/proposal`).

The algorithms are empty leaves in the YANG, so the model carries no order of preference: a proposal is
rewritten (`nc:operation="replace"`) when its set of algorithms differs, and read in YANG order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import (
    XmlElement,
    local,
    text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_proposals.spec import (
    FIELDS,
    Field,
    Ikev2ProposalFact,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

ENCRYPTION_LEAVES = {"3des": "en-3des"}  # other encryptions are their own leaf name
GROUP_LEAVES = {
    1: "one",
    2: "two",
    5: "five",
    14: "fourteen",
    15: "fifteen",
    16: "sixteen",
    19: "nineteen",
    20: "twenty",
    21: "twenty-one",
    24: "twenty-four",
}
GROUP_NUMBERS = {leaf: number for number, leaf in GROUP_LEAVES.items()}
ENCRYPTION_NAMES = {leaf: name for name, leaf in ENCRYPTION_LEAVES.items()}
YANG_ORDER: tuple[Field, ...] = ("encryption", "group", "integrity", "prf")


def _leaf(field: str, value: object) -> str:
    if field == "group":
        return GROUP_LEAVES[int(str(value))]
    return ENCRYPTION_LEAVES.get(str(value), str(value)) if field == "encryption" else str(value)


def _same(have: Ikev2ProposalFact, target: Ikev2ProposalFact) -> bool:
    return all(sorted(map(str, have[f])) == sorted(map(str, target[f])) for f in FIELDS)


def render(
    payload: Payload, have: list[Ikev2ProposalFact], target: list[Ikev2ProposalFact], device: RunningConfig
) -> None:
    existing = {p["name"]: p for p in have}
    wanted = {p["name"] for p in target}
    for proposal in target:
        current = existing.get(proposal["name"])
        if current is not None and _same(current, proposal):
            continue
        operation = "replace" if current is not None else None
        entry = payload.crypto("ikev2").entry("proposal", (("name", proposal["name"]),), operation)
        for field in YANG_ORDER:
            if proposal[field]:
                container = entry.add(field)
                for value in proposal[field]:
                    container.add(_leaf(field, value))
    for proposal in have:
        if proposal["name"] not in wanted:
            payload.crypto("ikev2").entry("proposal", (("name", proposal["name"]),), "remove")


def _read_proposal(reader: Reader, element: XmlElement) -> None:
    name = text(element, "name") or ""
    proposal: Ikev2ProposalFact = {"name": name, "encryption": [], "integrity": [], "prf": [], "group": []}
    for child in element:
        field = local(child)
        if field == "name":
            continue
        if field == "group":
            proposal["group"] = [GROUP_NUMBERS[local(leaf)] for leaf in child if local(leaf) in GROUP_NUMBERS]
        elif field == "encryption":
            proposal["encryption"] = [ENCRYPTION_NAMES.get(local(leaf), local(leaf)) for leaf in child]
        elif field == "integrity":
            proposal["integrity"] = [local(leaf) for leaf in child]
        elif field == "prf":
            proposal["prf"] = [local(leaf) for leaf in child]
        else:
            reader.skip(f"/native/crypto/ikev2/proposal[name='{name}']/{field}", "ikev2_proposals")
    reader.config.ikev2_proposals.append(proposal)


READERS: dict[tuple[str, ...], Callable[[Reader, XmlElement], None]] = {
    ("crypto", "ikev2", "proposal"): _read_proposal
}

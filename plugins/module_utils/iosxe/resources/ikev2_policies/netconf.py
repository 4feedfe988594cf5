# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 policies over NETCONF (`/native/crypto/ikev2/policy`): a changed policy is written whole
(`nc:operation="replace"`), one no longer wanted is removed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import (
    XmlElement,
    first,
    kids,
    local,
    text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import Element
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_policies.spec import (
    Ikev2PolicyFact,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )


def render_fvrf(match: Element, fvrf: str | None) -> None:
    """`match fvrf any` / `match fvrf NAME` (shared with IKEv2 profiles)."""
    if fvrf == "any":
        match.container("fvrf").add("any")
    elif fvrf:
        match.container("fvrf").add("name", fvrf)


def read_fvrf(match: XmlElement | None) -> str | None:
    fvrf = first(match, "fvrf")
    if fvrf is None:
        return None
    return "any" if first(fvrf, "any") is not None else text(fvrf, "name")


def render(
    payload: Payload, have: list[Ikev2PolicyFact], target: list[Ikev2PolicyFact], device: RunningConfig
) -> None:
    existing = {p["name"]: p for p in have}
    wanted = {p["name"] for p in target}
    for policy in target:
        current = existing.get(policy["name"])
        if current == policy:
            continue
        operation = "replace" if current is not None else None
        entry = payload.crypto("ikev2").entry("policy", (("name", policy["name"]),), operation)
        match = entry.add("match")
        if policy["match_address_local"]:
            address = match.add("address")
            for local_ip in policy["match_address_local"]:
                address.add("local-ip", local_ip)
        render_fvrf(match, policy["match_fvrf"])
        for name in policy["proposals"]:
            entry.add("proposal").add("proposals", name)
    for policy in have:
        if policy["name"] not in wanted:
            payload.crypto("ikev2").entry("policy", (("name", policy["name"]),), "remove")


def _read_policy(reader: Reader, element: XmlElement) -> None:
    name = text(element, "name") or ""
    match = first(element, "match")
    policy: Ikev2PolicyFact = {
        "name": name,
        "match_fvrf": read_fvrf(match),
        "match_address_local": [(ip.text or "").strip() for ip in kids(first(match, "address"), "local-ip")],
        "proposals": [text(item, "proposals") or "" for item in kids(element, "proposal")],
    }
    for child in element:
        if local(child) not in ("name", "match", "proposal"):
            reader.skip(f"/native/crypto/ikev2/policy[name='{name}']/{local(child)}", "ikev2_policies")
    reader.config.ikev2_policies.append(policy)


READERS: dict[tuple[str, ...], Callable[[Reader, XmlElement], None]] = {
    ("crypto", "ikev2", "policy"): _read_policy
}

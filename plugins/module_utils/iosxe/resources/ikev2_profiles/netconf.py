# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 profiles over NETCONF (`/native/crypto/ikev2/profile`): a changed profile is written whole
(`nc:operation="replace"`), one no longer wanted is removed. The YANG keeps remote identities and remote
authentication methods by kind, not in CLI order: they are compared as sets and read in YANG order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import (
    XmlElement,
    first,
    kids,
    local,
    text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import Element
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_policies.netconf import (
    read_fvrf,
    render_fvrf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_profiles.lines import empty
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_profiles.spec import (
    DEFAULT_LIFETIME,
    HOST_MASK,
    Ikev2ProfileFact,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

PROFILE_ELEMENTS = (
    "name", "authentication", "description", "dpd", "identity", "ivrf", "keyring", "lifetime", "match", "nat",
    "pki", "virtual-template",
)  # fmt: skip


def _comparable(profile: Ikev2ProfileFact) -> dict[str, Any]:
    return {
        **profile,
        "match_identity_remote": sorted(profile["match_identity_remote"]),
        "authentication_remote": sorted(profile["authentication_remote"]),
    }


def render(
    payload: Payload, have: list[Ikev2ProfileFact], target: list[Ikev2ProfileFact], device: RunningConfig
) -> None:
    existing = {p["name"]: p for p in have}
    wanted = {p["name"] for p in target}
    for profile in target:
        current = existing.get(profile["name"])
        if current is not None and _comparable(current) == _comparable(profile):
            continue
        operation = "replace" if current is not None else None
        _render_profile(
            payload.crypto("ikev2").entry("profile", (("name", profile["name"]),), operation), profile
        )
    for profile in have:
        if profile["name"] not in wanted:
            payload.crypto("ikev2").entry("profile", (("name", profile["name"]),), "remove")


def _render_profile(entry: Element, profile: Ikev2ProfileFact) -> None:
    if profile["authentication_local"] or profile["authentication_remote"]:
        auth = entry.add("authentication")
        if profile["authentication_local"]:
            auth.add("local").add(profile["authentication_local"])
        if profile["authentication_remote"]:
            remote = auth.add("remote")
            for method in profile["authentication_remote"]:
                remote.add(method)
    if profile["description"]:
        entry.add("description", profile["description"])
    if profile["dpd"]:
        dpd = entry.add("dpd")
        dpd.add("interval", profile["dpd"]["interval"])
        dpd.add("retry", profile["dpd"]["retry"])
        dpd.add("query", profile["dpd"]["mode"])
    if profile["identity_local"]:
        kind, value = _head_and_rest(profile["identity_local"])
        entry.add("identity").add("local").add(kind, value or None)
    if profile["ivrf"]:
        entry.add("ivrf", profile["ivrf"])
    if profile["keyring_local"]:
        entry.add("keyring").add("local").add("name", profile["keyring_local"])
    if profile["lifetime"] != DEFAULT_LIFETIME:
        entry.add("lifetime").add("seconds", profile["lifetime"])
    _render_match(entry, profile)
    if profile["nat_keepalive"]:
        entry.add("nat").add("keepalive", profile["nat_keepalive"])
    for trustpoint in profile["pki_trustpoints"]:
        name, use = _head_and_rest(trustpoint)
        item = entry.container("pki").add("trust-points")
        item.add("name", name)
        if use:
            item.add("uses", use)
    if profile["virtual_template"] is not None:
        entry.add("virtual-template").add("number", profile["virtual_template"])


def _head_and_rest(text: str) -> tuple[str, str]:
    """`fqdn r1.example` -> (`fqdn`, `r1.example`); `dn` -> (`dn`, ``)."""
    words = text.split(" ", 1)
    return words[0], words[1] if len(words) > 1 else ""


def _render_match(entry: Element, profile: Ikev2ProfileFact) -> None:
    if not (profile["match_address_local"] or profile["match_fvrf"] or profile["match_identity_remote"]):
        return
    match = entry.add("match")
    if profile["match_address_local"]:
        local_el = match.add("address").add("local")
        for address in profile["match_address_local"]:
            local_el.add("ip-address", address)
    render_fvrf(match, profile["match_fvrf"])
    if profile["match_identity_remote"]:
        remote = match.add("identity").add("remote")
        for identity in profile["match_identity_remote"]:
            _render_remote(remote, identity.split())


def _render_remote(remote: Element, words: list[str]) -> None:
    kind = words[0]
    if kind == "address":
        ipv4 = remote.container("address").add("ipv4")
        ipv4.add("ipv4-address", words[1])
        ipv4.add("ipv4-mask", words[2] if len(words) > 2 else HOST_MASK)
    elif kind == "any":
        remote.add("any")
    elif kind == "key-id":
        remote.add("key-ids", words[1])
    else:
        leaf = "domains" if words[1] == "domain" else ("fqdn-name" if kind == "fqdn" else "names")
        remote.container(kind).add(leaf, words[-1])


def _remote_identities(remote: XmlElement | None) -> Iterator[str]:
    for ipv4 in kids(first(remote, "address"), "ipv4"):
        yield f"address {text(ipv4, 'ipv4-address')} {text(ipv4, 'ipv4-mask') or HOST_MASK}"
    if first(remote, "any") is not None:
        yield "any"
    for kind, name_leaf in (("email", "names"), ("fqdn", "fqdn-name")):
        container = first(remote, kind)
        yield from (f"{kind} {(el.text or '').strip()}" for el in kids(container, name_leaf))
        yield from (f"{kind} domain {(el.text or '').strip()}" for el in kids(container, "domains"))
    yield from (f"key-id {(el.text or '').strip()}" for el in kids(remote, "key-ids"))


def _read_profile(reader: Reader, element: XmlElement) -> None:
    name = text(element, "name") or ""
    profile = empty(name)
    auth = first(element, "authentication")
    profile["authentication_local"] = next((local(el) for el in first(auth, "local") or []), None)
    profile["authentication_remote"] = [local(el) for el in first(auth, "remote") or []]
    profile["description"] = text(element, "description")
    dpd = first(element, "dpd")
    if dpd is not None and text(dpd, "interval"):
        profile["dpd"] = {
            "interval": int(text(dpd, "interval") or 0),
            "retry": int(text(dpd, "retry") or 2),
            "mode": text(dpd, "query") or "periodic",
        }
    for identity in first(first(element, "identity"), "local") or []:
        value = (identity.text or "").strip()
        profile["identity_local"] = f"{local(identity)} {value}".strip()
    profile["ivrf"] = text(element, "ivrf")
    profile["keyring_local"] = text(first(first(element, "keyring"), "local"), "name")
    profile["lifetime"] = int(text(first(element, "lifetime"), "seconds") or profile["lifetime"])
    match = first(element, "match")
    profile["match_address_local"] = [
        (el.text or "").strip() for el in kids(first(first(match, "address"), "local"), "ip-address")
    ]
    profile["match_fvrf"] = read_fvrf(match)
    profile["match_identity_remote"] = list(_remote_identities(first(first(match, "identity"), "remote")))
    keepalive = text(first(element, "nat"), "keepalive")
    profile["nat_keepalive"] = int(keepalive) if keepalive else None
    profile["pki_trustpoints"] = [
        " ".join(filter(None, (text(tp, "name"), text(tp, "uses"))))
        for tp in kids(first(element, "pki"), "trust-points")
    ]
    number = text(first(element, "virtual-template"), "number")
    profile["virtual_template"] = int(number) if number else None
    for child in element:
        if local(child) not in PROFILE_ELEMENTS:
            reader.skip(f"/native/crypto/ikev2/profile[name='{name}']/{local(child)}", "ikev2_profiles")
    reader.config.ikev2_profiles.append(profile)


READERS: dict[tuple[str, ...], Callable[[Reader, XmlElement], None]] = {
    ("crypto", "ikev2", "profile"): _read_profile
}

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ISAKMP profiles over NETCONF (`/native/crypto/isakmp/profile`): the get-config reader and the edit-config
renderer. A new or changed profile is written whole (`nc:operation="replace"` for an existing one).

The 17.18.1 model has no node for a `match identity address` with a VRF, `user-fqdn` or `host domain`
identities, or a `self-identity` other than address and fqdn: such a profile fails over NETCONF with that
reason (network_cli carries them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import (
    XmlElement,
    first,
    kids,
    local,
    text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import Element
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.yang_vocab import (
    INTERFACE_TYPES,
    split_interface,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_profiles.spec import (
    FIELDS,
    HOST_MASK,
    IsakmpProfileFact,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

OWNER = "isakmp_profiles"
SERVED_SELF_IDENTITIES = ("address", "fqdn")


def _unserved(profile: IsakmpProfileFact) -> str | None:
    """What of the profile the YANG model cannot carry."""
    identity = profile.get("self_identity")
    if identity and identity not in SERVED_SELF_IDENTITIES:
        return f"self-identity {identity}"
    for words in profile.get("match_identities", []):
        parts = words.split()
        if (parts[0] == "address" and len(parts) > 3) or parts[0] == "user-fqdn" or parts[1] == "domain":
            return f"match identity {words}"
    return None


def _local_address(element: Element, value: str) -> None:
    holder = element.add("local-address")
    interface = split_interface(value)
    if interface is None:
        holder.add("bind-ip-address").add("ip-address", value)
    else:
        holder.add(interface[0], interface[1])


def _identities(element: Element, identities: list[str]) -> None:
    holder = element.add("match").add("identity")
    for words in identities:
        kind, *rest = words.split()
        if kind == "address":
            address = holder.add("address")
            address.add("ip", rest[0])
            address.add("mask", rest[1] if len(rest) > 1 else HOST_MASK)
        elif kind == "group":
            holder.add("groups", rest[0])
        else:
            holder.add("host").add("domain-name-1").add("name", rest[0])


def _profile(element: Element, profile: IsakmpProfileFact) -> None:
    """The profile's children in YANG order."""
    if profile.get("ca_trust_points"):
        ca = element.add("ca")
        for name in profile["ca_trust_points"]:
            ca.add("trust-point-ca", name)
    if profile.get("description"):
        element.add("description", profile["description"])
    if profile.get("initiate_aggressive"):
        element.add("initiate").add("mode").add("mode-name", "aggressive")
    if profile.get("keepalive"):
        keepalive = element.add("keepalive")
        keepalive.add("number", profile["keepalive"]["interval"])
        keepalive.add("retry", profile["keepalive"]["retry"])
    for name in profile.get("keyrings", []):
        element.add("keyring").add("name", name)
    if profile.get("local_address"):
        _local_address(element, profile["local_address"])
    if profile.get("match_identities"):
        _identities(element, profile["match_identities"])
    if profile.get("self_identity"):
        element.add("self-identity").add(profile["self_identity"])
    if profile.get("virtual_template") is not None:
        element.add("virtual-template-option").add("virtual-template-number", profile["virtual_template"])
    if profile.get("vrf"):
        element.add("vrf", profile["vrf"])


def render(
    payload: Payload, have: list[IsakmpProfileFact], target: list[IsakmpProfileFact], device: RunningConfig
) -> None:
    existing = {profile["name"]: profile for profile in have}
    wanted = {profile["name"] for profile in target}
    for profile in target:
        current = existing.get(profile["name"])
        if current == profile:
            continue
        unserved = _unserved(profile)
        if unserved:
            raise ResourceError(
                f"isakmp profile {profile['name']}: the IOS XE 17.18.1 YANG model has no node for "
                f"`{unserved}`, so the isakmp_profiles family cannot carry it over NETCONF; use network_cli"
            )
        operation = "replace" if current is not None else None
        _profile(payload.crypto("isakmp").entry("profile", (("name", profile["name"]),), operation), profile)
    for profile in have:
        if profile["name"] not in wanted:
            payload.crypto("isakmp").entry("profile", (("name", profile["name"]),), "remove")


def _read_profile(reader: Reader, element: XmlElement) -> None:
    name = text(element, "name") or ""
    path = f"/native/crypto/isakmp/profile[name='{name}']"
    fields: dict[str, Any] = {"name": name}  # set by field name below
    for child in element:
        if not _read_child(fields, child):
            reader.skip(f"{path}/{local(child)}", OWNER)
    profile = {key: fields[key] for key in ("name", *FIELDS) if fields.get(key)}
    reader.config.isakmp_profiles.append(cast(IsakmpProfileFact, profile))


def _read_child(fields: dict[str, Any], child: XmlElement) -> bool:
    """Store one child of a profile; False when the facts cannot carry it."""
    name, value = local(child), (child.text or "").strip()
    if name in ("name", "description", "vrf"):
        if name != "name":
            fields[name] = value
    elif name == "ca":
        fields["ca_trust_points"] = [(kid.text or "").strip() for kid in kids(child, "trust-point-ca")]
    elif name == "keyring":
        fields.setdefault("keyrings", []).append(text(child, "name") or "")
    elif name == "keepalive":
        fields["keepalive"] = {
            "interval": int(text(child, "number") or 0),
            "retry": int(text(child, "retry") or 2),
        }
    elif name == "initiate":
        fields["initiate_aggressive"] = text(first(child, "mode"), "mode-name") == "aggressive"
    elif name == "self-identity" and len(list(child)) == 1:
        fields["self_identity"] = local(next(iter(child)))
    elif name == "virtual-template-option":
        fields["virtual_template"] = int(text(child, "virtual-template-number") or 0)
    elif name == "local-address":
        fields["local_address"] = _read_local_address(child)
        return fields["local_address"] is not None
    elif name == "match":
        return _read_identities(fields, child)
    else:
        return False
    return True


def _read_local_address(holder: XmlElement) -> str | None:
    for target in holder:
        if local(target) == "bind-ip-address":
            return text(target, "ip-address")
        if local(target) in INTERFACE_TYPES:
            return local(target) + (target.text or "").strip()
    return None


def _read_identities(fields: dict[str, Any], match: XmlElement) -> bool:
    identities = fields.setdefault("match_identities", [])
    for identity in kids(match, "identity"):
        for item in identity:
            kind = local(item)
            if kind == "address":
                identities.append(f"address {text(item, 'ip')} {text(item, 'mask') or HOST_MASK}")
            elif kind == "groups":
                identities.append(f"group {(item.text or '').strip()}")
            elif kind == "host" and text(first(item, "domain-name-1"), "name"):
                identities.append(f"host {text(first(item, 'domain-name-1'), 'name')}")
            else:
                return False
    return True


READERS: dict[tuple[str, ...], Callable[[Reader, XmlElement], None]] = {
    ("crypto", "isakmp", "profile"): _read_profile
}

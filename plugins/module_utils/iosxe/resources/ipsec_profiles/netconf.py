# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IPsec profiles over NETCONF (`/native/crypto/ipsec/profile`): the get-config reader and the edit-config
renderer. A new or changed profile is written whole (`nc:operation="replace"` for an existing one), so
fields that are no longer wanted go with it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import (
    XmlElement,
    local,
    text,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import Element
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.yang_vocab import (
    LIFETIME_LEAVES,
    LIFETIME_READ,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ipsec_profiles.spec import (
    FIELDS,
    LIFETIME_UNITS,
    IpsecProfileFact,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

OWNER = "ipsec_profiles"
PFS_PRESENCE_DEFAULT = "group14"  # YANG default of a profile's <pfs> without <group>
REFERENCE_LEAVES = {"ikev2_profile": "ikev2-profile", "isakmp_profile": "isakmp-profile"}  # YANG order


def _set(holder: Element, profile: IpsecProfileFact) -> None:
    """The `set` children in YANG order: profile references, pfs, transform sets, SA lifetime."""
    for field, leaf in REFERENCE_LEAVES.items():
        if profile.get(field):
            holder.add(leaf, profile.get(field))
    if profile.get("pfs"):
        holder.add("pfs").add("group", profile["pfs"])
    for name in profile.get("transform_sets", []):
        holder.add("transform-set", name)
    lifetime: Mapping[str, Any] = profile.get("sa_lifetime", {})
    if lifetime:
        life = holder.add("security-association").add("lifetime")
        for unit, leaf in LIFETIME_LEAVES.items():
            if unit in lifetime:
                life.add(leaf, lifetime[unit])


def render(
    payload: Payload, have: list[IpsecProfileFact], target: list[IpsecProfileFact], device: RunningConfig
) -> None:
    existing = {profile["name"]: profile for profile in have}
    wanted = {profile["name"] for profile in target}
    for profile in target:
        current = existing.get(profile["name"])
        if current == profile:
            continue
        operation = "replace" if current is not None else None
        element = payload.crypto("ipsec").entry("profile", (("name", profile["name"]),), operation)
        if any(profile.get(field) for field in FIELDS):
            _set(element.add("set"), profile)
    for profile in have:
        if profile["name"] not in wanted:
            payload.crypto("ipsec").entry("profile", (("name", profile["name"]),), "remove")


def _read_profile(reader: Reader, element: XmlElement) -> None:
    name = text(element, "name") or ""
    path = f"/native/crypto/ipsec/profile[name='{name}']"
    fields: dict[str, Any] = {"name": name}  # set by field name below
    for child in element:
        if local(child) == "set":
            _read_set(reader, child, fields, f"{path}/set")
        elif local(child) != "name":
            reader.skip(f"{path}/{local(child)}", OWNER)
    if "sa_lifetime" in fields:
        lifetime = fields["sa_lifetime"]
        fields["sa_lifetime"] = {unit: lifetime[unit] for unit in LIFETIME_UNITS if unit in lifetime}
    profile = {key: fields[key] for key in ("name", *FIELDS) if key in fields}
    reader.config.ipsec_profiles.append(cast(IpsecProfileFact, profile))


def _read_set(reader: Reader, element: XmlElement, fields: dict[str, Any], path: str) -> None:
    by_leaf = {leaf: field for field, leaf in REFERENCE_LEAVES.items()}
    for child in element:
        name, value = local(child), (child.text or "").strip()
        if name == "transform-set":
            fields.setdefault("transform_sets", []).append(value)
        elif name == "pfs" and all(local(kid) == "group" for kid in child):
            fields["pfs"] = text(child, "group") or PFS_PRESENCE_DEFAULT
        elif name in by_leaf and value:
            fields[by_leaf[name]] = value
        elif name == "security-association":
            _read_lifetime(reader, child, fields, f"{path}/security-association")
        else:
            reader.skip(f"{path}/{name}", OWNER)


def _read_lifetime(reader: Reader, element: XmlElement, fields: dict[str, Any], path: str) -> None:
    for child in element:
        if local(child) != "lifetime":
            reader.skip(f"{path}/{local(child)}", OWNER)
            continue
        for leaf in child:
            value = (leaf.text or "").strip()
            if local(leaf) in LIFETIME_READ and value.isdigit():
                fields.setdefault("sa_lifetime", {})[LIFETIME_READ[local(leaf)]] = int(value)
            else:
                reader.skip(f"{path}/lifetime/{local(leaf)}", OWNER)


READERS: dict[tuple[str, ...], Callable[[Reader, XmlElement], None]] = {
    ("crypto", "ipsec", "profile"): _read_profile
}

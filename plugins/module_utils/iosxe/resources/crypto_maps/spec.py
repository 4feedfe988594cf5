# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Crypto maps: keys, fields in IOS order, argument spec and value checks."""

from __future__ import annotations

from typing import Any, Required, TypedDict

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import (
    cli_word,
    collect,
    duplicates,
    in_range,
    ipv4_address,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import resource_argument_spec
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import (
    CRYPTO_MAP_SEQ_RANGE,
    PFS_GROUPS,
    SA_LIFETIME_RANGES,
)


class SaLifetimeFact(TypedDict, total=False):
    seconds: int
    kilobytes: int


class CryptoMapEntryFact(TypedDict, total=False):
    """One entry of a map; only the fields the running config sets are present, in ENTRY_FIELDS order."""

    seq: Required[int]
    dynamic_map: str  # a static entry that references a dynamic map (then no policy fields)
    peers: list[str]  # in the order IOS tries them
    match_address: str
    transform_sets: list[str]
    pfs: str
    ikev2_profile: str  # `set ikev2-profile`: the entry negotiates with IKEv2 using that profile
    sa_lifetime: SaLifetimeFact


class CryptoMapFact(TypedDict, total=False):
    """One crypto map or dynamic map (an item of the module's `config`)."""

    name: Required[str]
    dynamic: Required[bool]
    entries: list[CryptoMapEntryFact]  # by seq; absent when the map has none
    interfaces: list[str]  # static maps: the interfaces it is bound to


KEY = ("name", "dynamic")  # a map; its entries are keyed by seq
ENTRY_FIELDS = (
    "seq",
    "dynamic_map",
    "peers",
    "match_address",
    "transform_sets",
    "pfs",
    "ikev2_profile",
    "sa_lifetime",
)
LIFETIME_UNITS = ("seconds", "kilobytes")

ENTRY_OPTIONS = {
    "seq": {"type": "int", "required": True},
    "dynamic_map": {"type": "str"},
    "peers": {"type": "list", "elements": "str"},
    "match_address": {"type": "str"},
    "transform_sets": {"type": "list", "elements": "str"},
    "pfs": {"type": "str", "choices": list(PFS_GROUPS)},
    "ikev2_profile": {"type": "str"},
    "sa_lifetime": {
        "type": "dict",
        "options": {"seconds": {"type": "int"}, "kilobytes": {"type": "int"}},
    },
}
POLICY_FIELDS = ("peers", "match_address", "transform_sets", "pfs", "ikev2_profile", "sa_lifetime")

ARGUMENT_SPEC = resource_argument_spec(
    {
        "type": "list",
        "elements": "dict",
        "options": {
            "name": {"type": "str", "required": True},
            "dynamic": {"type": "bool", "default": False},
            "entries": {"type": "list", "elements": "dict", "options": ENTRY_OPTIONS},
            "interfaces": {"type": "list", "elements": "str"},
        },
    }
)


def check(params: dict[str, Any]) -> list[str]:
    maps = params.get("config") or []
    errors = duplicates(
        "config", maps, lambda item: f"{'dynamic ' if item['dynamic'] else ''}map {item['name']}"
    )
    for index, crypto_map in enumerate(maps):
        errors += check_map(f"config[{index}]", crypto_map)
    return errors


def check_map(path: str, crypto_map: dict[str, Any]) -> list[str]:
    errors = collect(cli_word(f"{path}.name", crypto_map["name"], 64))
    if crypto_map["dynamic"] and crypto_map.get("interfaces"):
        errors.append(
            f"{path}.interfaces: a dynamic map cannot be applied to interfaces; "
            "apply the static map that references it instead"
        )
    entries = crypto_map.get("entries") or []
    errors += duplicates(f"{path}.entries", entries, lambda entry: f"seq {entry['seq']}")
    for index, entry in enumerate(entries):
        errors += check_entry(f"{path}.entries[{index}]", entry, crypto_map["dynamic"])
    for index, interface in enumerate(crypto_map.get("interfaces") or []):
        errors += collect(cli_word(f"{path}.interfaces[{index}]", interface, 64))
    return errors


def check_entry(path: str, entry: dict[str, Any], dynamic: bool) -> list[str]:
    errors = collect(
        in_range(f"{path}.seq", entry["seq"], CRYPTO_MAP_SEQ_RANGE),
        cli_word(f"{path}.dynamic_map", entry.get("dynamic_map"), 64),
        cli_word(f"{path}.match_address", entry.get("match_address"), 64),
        cli_word(f"{path}.ikev2_profile", entry.get("ikev2_profile"), 64),
    )
    for index, peer in enumerate(entry.get("peers") or []):
        errors += collect(ipv4_address(f"{path}.peers[{index}]", peer))
    for index, name in enumerate(entry.get("transform_sets") or []):
        errors += collect(cli_word(f"{path}.transform_sets[{index}]", name, 64))
    if len(entry.get("transform_sets") or []) > 6:
        errors.append(f"{path}.transform_sets: IOS accepts at most 6 transform sets per entry")
    for unit, bounds in SA_LIFETIME_RANGES.items():
        errors += collect(
            in_range(f"{path}.sa_lifetime.{unit}", (entry.get("sa_lifetime") or {}).get(unit), bounds)
        )
    if entry.get("dynamic_map"):
        if dynamic:
            errors.append(f"{path}.dynamic_map: only entries of static maps can reference a dynamic map")
        extra = [field for field in POLICY_FIELDS if entry.get(field)]
        if extra:
            errors.append(
                f"{path}.dynamic_map: an entry that references a dynamic map takes no "
                f"{', '.join(extra)}; set them on the dynamic map"
            )
    return errors

# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ordered commands that take crypto maps from `have` to `target` (see docs/modules/ordering.md).

1. dynamic map entries are created/changed, 2. static map entries are created/changed, 3. interfaces are
bound, 4. interfaces are unbound from maps they leave, 5. static entries are removed, 6. dynamic entries
are removed (a map goes away with its last entry). Entries are changed in place; an entry whose kind
changes (policy entry <-> reference to a dynamic map) has to be removed and created again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps import lines as render
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps.spec import (
    LIFETIME_UNITS,
    CryptoMapEntryFact,
    CryptoMapFact,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import MAX_CRYPTO_MAP_PEERS


def _maps(items: list[CryptoMapFact], dynamic: bool) -> list[CryptoMapFact]:
    return [item for item in items if item["dynamic"] == dynamic]


def _by_key(items: list[CryptoMapFact]) -> dict[tuple[str, bool], CryptoMapFact]:
    return {(item["name"], item["dynamic"]): item for item in items}


def _entries(crypto_map: CryptoMapFact | None) -> dict[int, CryptoMapEntryFact]:
    return {entry["seq"]: entry for entry in (crypto_map.get("entries", []) if crypto_map else [])}


def _kept_prefix(have: list[str], target: list[str]) -> int:
    """Length of the longest prefix of `target` that appears in `have` in the same order."""
    position, kept = 0, 0
    for peer in target:
        while position < len(have) and have[position] != peer:
            position += 1
        if position == len(have):
            break
        kept, position = kept + 1, position + 1
    return kept


def peer_commands(have: list[str], target: list[str]) -> tuple[list[str], list[str]]:
    """(commands before the other changes, removals after them) that turn the ordered peer list `have`
    into `target`. `set peer` appends, so the longest prefix of `target` already in order is kept, wanted
    peers out of order are removed and added again, and unwanted peers are removed last - unless the entry
    would then hold more peers than IOS allows at once: then they are removed first."""
    kept = target[: _kept_prefix(have, target)]
    move = [peer for peer in have if peer in target and peer not in kept]
    first = [f"no {render.peer_line(peer)}" for peer in move] + [
        render.peer_line(p) for p in target[len(kept) :]
    ]
    unwanted = [f"no {render.peer_line(peer)}" for peer in have if peer not in target]
    if len(have) - len(move) + len(target) - len(kept) > MAX_CRYPTO_MAP_PEERS:
        return unwanted + first, []
    return first, unwanted


def entry_changes(have: CryptoMapEntryFact, target: CryptoMapEntryFact) -> list[str]:
    """Sub-commands that change an existing policy entry in place."""
    first, last = peer_commands(have.get("peers", []), target.get("peers", []))
    lines = list(first)
    have_life: Mapping[str, Any] = have.get("sa_lifetime", {})
    target_life: Mapping[str, Any] = target.get("sa_lifetime", {})
    lines += [
        render.lifetime_line(unit, target_life.get(unit))
        for unit in LIFETIME_UNITS
        if have_life.get(unit) != target_life.get(unit)
    ]
    if have.get("transform_sets", []) != target.get("transform_sets", []):
        lines.append(render.transform_sets_line(target.get("transform_sets", [])))
    if have.get("pfs") != target.get("pfs"):
        lines.append(render.pfs_line(target.get("pfs")))
    if have.get("ikev2_profile") != target.get("ikev2_profile"):
        lines.append(render.ikev2_profile_line(target.get("ikev2_profile")))
    if have.get("match_address") != target.get("match_address"):
        lines.append(render.match_address_line(target.get("match_address")))
    return lines + last


def entry_commands(
    crypto_map: CryptoMapFact, have: CryptoMapEntryFact | None, target: CryptoMapEntryFact
) -> list[str]:
    header = render.entry_header(crypto_map, target)
    if have == target:
        return []
    if have is None:
        return [header, *render.entry_lines(target)]
    if have.get("dynamic_map") or target.get("dynamic_map"):  # kind or referenced dynamic map changes
        return [render.delete_entry(crypto_map, target["seq"]), header, *render.entry_lines(target)]
    return [header, *entry_changes(have, target)]


def map_changes(have: CryptoMapFact | None, target: CryptoMapFact) -> list[str]:
    existing = _entries(have)
    return [
        line
        for entry in target.get("entries", [])
        for line in entry_commands(target, existing.get(entry["seq"]), entry)
    ]


def map_removals(have: CryptoMapFact, target: CryptoMapFact | None) -> list[str]:
    """Entry by entry, also for a whole map: entries the module did not understand (and so left out of
    the facts) stay on the device; a map disappears with its last entry."""
    wanted = _entries(target)
    return [render.delete_entry(have, seq) for seq in _entries(have) if seq not in wanted]


def bindings(items: list[CryptoMapFact]) -> dict[str, str]:
    """interface -> static map bound to it."""
    return {
        interface: item["name"] for item in _maps(items, False) for interface in item.get("interfaces", [])
    }


def interface_commands(have: list[CryptoMapFact], target: list[CryptoMapFact]) -> tuple[list[str], list[str]]:
    """(binds, unbinds). Binding a map replaces the interface's previous map, so an interface that moves
    to another map needs no unbind."""
    before, after = bindings(have), bindings(target)
    binds = [
        line
        for interface, name in after.items()
        if before.get(interface) != name
        for line in render.interface_block(interface, f"crypto map {name}")
    ]
    unbinds = [
        line
        for interface, name in before.items()
        if interface not in after
        for line in render.interface_block(interface, f"no crypto map {name}")
    ]
    return binds, unbinds


def transition(have: list[CryptoMapFact], target: list[CryptoMapFact]) -> list[str]:
    existing, wanted = _by_key(have), _by_key(target)
    commands = []
    for dynamic in (True, False):
        for item in _maps(target, dynamic):
            commands += map_changes(existing.get((item["name"], dynamic)), item)
    binds, unbinds = interface_commands(have, target)
    commands += binds + unbinds
    for dynamic in (False, True):
        for item in _maps(have, dynamic):
            if item.get("entries"):
                commands += map_removals(item, wanted.get((item["name"], dynamic)))
    return commands

"""Crypto maps, dynamic maps and IPsec profiles, which share the `set` block (peers, PFS, transform
sets, SA lifetime): `/native/crypto/map`, `/native/crypto/dynamic-map`, `/native/crypto/ipsec/profile`."""

from __future__ import annotations

import copy

from ...state.config.model import CryptoMap, CryptoMapEntry, RunningConfig, SaLifetime
from ..xml import Element, elements, split_tag, sub, text_of
from .common import INTERFACE_TYPES, elements_at, int_at, texts_at

PFS_PRESENCE_DEFAULT = {"map": "group1", "profile": "group14"}  # CLI `set pfs`; YANG default of the profile


def render_maps(map_el: Element, config: RunningConfig) -> None:
    seq_el = sub(map_el, "map-seq")
    for cmap in config.crypto_maps.values():
        for seq in sorted(cmap.entries):
            entry = cmap.entries[seq]
            if entry.gdoi:
                continue  # `map-gdoi` is not served; keep_gdoi_entries carries it across edits
            entry_el = sub(seq_el, "map")
            sub(entry_el, "name", cmap.name)
            sub(entry_el, "seq", seq)
            isakmp = sub(entry_el, "ipsec-isakmp")
            if entry.dynamic_template:
                sub(sub(isakmp, "dynamic"), "mode", entry.dynamic_template)
            else:
                render_entry_body(entry_el, entry)
    local_el = sub(map_el, "map-local")
    for cmap in config.crypto_maps.values():
        if cmap.local_address:
            kind = next(k for k in INTERFACE_TYPES if cmap.local_address.startswith(k))
            entry_el = sub(local_el, "map")
            sub(entry_el, "name", cmap.name)
            sub(sub(entry_el, "local-address"), kind, cmap.local_address[len(kind):])


def render_entry_body(el: Element, entry: CryptoMapEntry) -> None:
    if entry.description:
        sub(el, "description", entry.description)
    if entry.match_address:
        sub(sub(el, "match"), "address", entry.match_address)
    if entry.reverse_route is not None:
        reverse = sub(el, "reverse-route")
        if entry.reverse_route == "static":
            sub(reverse, "static")
    render_set(el, entry.peers, entry.pfs, entry.transform_sets, entry.lifetime,
               (entry.isakmp_profile, entry.ikev2_profile))


def parse_profile_refs(el: Element) -> tuple[str | None, str | None]:
    return ((texts_at(el, "set", "isakmp-profile") or [None])[0], (texts_at(el, "set", "ikev2-profile") or [None])[0])


def render_set(parent: Element, peers: list[str], pfs: str | None, sets: list[str], life: SaLifetime,
               profiles: tuple[str | None, str | None] = (None, None)) -> None:
    """The `set` block; `profiles` is (isakmp-profile, ikev2-profile), one YANG choice."""
    set_el = sub(parent, "set")
    if profiles[1]:
        sub(set_el, "ikev2-profile", profiles[1])
    if profiles[0]:
        sub(set_el, "isakmp-profile", profiles[0])
    if peers:
        peer_el = sub(set_el, "peer")
        for peer in peers:
            sub(peer_el, "addresses", peer)
    if pfs:
        sub(sub(set_el, "pfs"), "group", pfs)
    for name in sets:
        sub(set_el, "transform-set", name)
    if life.seconds is not None or life.kilobytes is not None:
        lifetime = sub(sub(set_el, "security-association"), "lifetime")
        if life.seconds is not None:
            sub(lifetime, "seconds-case", life.seconds)
        if life.kilobytes is not None:
            sub(lifetime, "kilobytes", life.kilobytes)


def parse_set(el: Element, owner: str) -> tuple[str | None, list[str], SaLifetime]:
    pfs_el = elements_at(el, "set", "pfs")
    pfs = (text_of(pfs_el[0], "group") or PFS_PRESENCE_DEFAULT[owner]) if pfs_el else None
    lifetime = elements_at(el, "set", "security-association", "lifetime")
    life = SaLifetime(*((int_at(lifetime[0], "seconds-case"), int_at(lifetime[0], "kilobytes")) if lifetime else ()))
    return pfs, list(dict.fromkeys(texts_at(el, "set", "transform-set"))), life


def parse_map_entries(entries: list[Element], seq_key: str, base: dict[str, CryptoMap]) -> dict[str, CryptoMap]:
    """Map entries from XML; what the tree does not serve (map-level redundancy and Easy VPN lines,
    `lifetime kilobytes disable`) is kept from `base`."""
    maps: dict[str, CryptoMap] = {}
    for el in entries:
        name, seq = text_of(el, "name") or "", int_at(el, seq_key) or 0
        entry = CryptoMapEntry(seq, description=text_of(el, "description"))
        entry.dynamic_template = (texts_at(el, "ipsec-isakmp", "dynamic", "mode") or [None])[0]
        entry.peers = list(dict.fromkeys(texts_at(el, "set", "peer", "addresses")))
        entry.match_address = (texts_at(el, "match", "address") or [None])[0]
        entry.pfs, entry.transform_sets, entry.lifetime = parse_set(el, "map")
        entry.isakmp_profile, entry.ikev2_profile = parse_profile_refs(el)
        reverse = elements_at(el, "reverse-route")
        entry.reverse_route = ("static" if elements_at(reverse[0], "static") else "") if reverse else None
        old_map = base.get(name)
        old = old_map.entries.get(seq) if old_map else None
        entry.lifetime.kilobytes_disabled = bool(old and old.lifetime.kilobytes_disabled)
        cmap = maps.setdefault(name, CryptoMap(name))
        if old_map is not None:
            cmap.redundancy, cmap.client_lines = old_map.redundancy, list(old_map.client_lines)
        cmap.entries[seq] = entry
    return maps


def keep_gdoi_entries(maps: dict[str, CryptoMap], base: dict[str, CryptoMap]) -> None:
    """GDOI entries (`crypto map NAME SEQ gdoi`, not served) of `base` onto the parsed maps, unless the tree
    put another entry at their sequence number."""
    for name, old_map in base.items():
        for seq, entry in old_map.entries.items():
            if not entry.gdoi:
                continue
            cmap = maps.get(name)
            if cmap is None:
                cmap = maps[name] = CryptoMap(name, redundancy=old_map.redundancy,
                                              client_lines=list(old_map.client_lines))
            if seq not in cmap.entries:
                cmap.entries[seq] = copy.deepcopy(entry)


def parse_map_local(entries: list[Element], maps: dict[str, CryptoMap]) -> None:
    """`crypto map NAME local-address IFACE` (`/native/crypto/map/map-local/map`) onto the parsed maps."""
    for el in entries:
        name = text_of(el, "name") or ""
        cmap = maps.setdefault(name, CryptoMap(name))
        target = [t for holder in elements_at(el, "local-address") for t in elements(holder)]
        cmap.local_address = f"{split_tag(target[0])[1]}{(target[0].text or '').strip()}" if target else None

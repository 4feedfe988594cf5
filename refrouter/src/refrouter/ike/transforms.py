"""Phase-2 (transform set) offer and selection.

- The initiator's crypto map entry offers its `set transform-set` list in order; an entry that names
  none offers `#$!default_transform_set_1` then `_0` unless `no crypto ipsec default transform-set`.
- The responder takes the FIRST OFFER (initiator's order) that equals one of its own sets ("the peers
  search for a transform set that is the same at both peers"), using its matching crypto map entry's
  sets, or the defaults under the same rule.
- Mode: a `mode tunnel` set negotiates tunnel only. A `mode transport` set asks for transport only when
  the proxies are exactly the two peers' addresses, and then also offers tunnel as the fallback; for any
  other traffic it negotiates tunnel (Cisco: transport mode "allows the router to negotiate with the remote
  peer whether to use transport or tunnel mode"; INE blog "When transport mode becomes tunnel mode").
  A responder's transport set accepts transport or tunnel, its tunnel set only tunnel.
  `mode transport require` is not modelled.
- PFS: a responder with `set pfs groupN` requires PFS in group N; one without accepts any offer (and
  runs PFS in the offered group). `set pfs` without a group means group 1.
- Lifetimes: each side proposes its entry's lifetime (or 3600 s / 4608000 kB); the shorter is used.
- 17.11+ gate: weak sets and weak PFS groups are neither offered nor accepted.
- `comp-lzs` is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..state.config.model import (
    AH_TRANSFORMS,
    DEFAULT_TRANSFORM_SETS,
    ESP_ENCRYPTION_TRANSFORMS,
    ESP_INTEGRITY_TRANSFORMS,
    KEY_SIZE_TRANSFORMS,
    CryptoMapEntry,
    RunningConfig,
    TransformSet,
)
from .codec import Proposal, SaPayload, Transform
from .gate import CryptoGate

TUNNEL = "tunnel"
DEFAULT_PEER_LIFETIME_SECONDS = 28800
UNLIMITED_KILOBYTES = 0xFFFFFFFF
TRANSPORT = "transport"


@dataclass(frozen=True)
class LocalSet:
    transform_set: TransformSet
    is_default: bool


@dataclass(frozen=True)
class Lifetime:
    seconds: int
    kilobytes: int


@dataclass(frozen=True)
class Offer:
    """One proposal this router sends: a transform set in one mode."""

    number: int
    local: LocalSet
    mode: str


@dataclass(frozen=True)
class ReceivedOffer:
    number: int
    protocols: tuple[tuple[str, tuple[str, ...]], ...]  # (("ah", (...)), ("esp", (...)))
    key_size: int | None
    mode: str
    lifetime: Lifetime
    pfs_group: int | None
    spis: tuple[tuple[str, int], ...]  # protocol -> SPI chosen by the sender


def parse_pfs(text: str | None) -> int | None:
    """`group14` -> 14; None when PFS is not configured."""
    return int(text.removeprefix("group")) if text else None


def entry_lifetime(config: RunningConfig, entry: CryptoMapEntry | None) -> Lifetime:
    """The entry's own lifetime, else the global `crypto ipsec security-association lifetime`."""
    seconds, kilobytes = config.ipsec_globals.effective_lifetime(
        entry.lifetime.seconds if entry else None, entry.lifetime.kilobytes if entry else None
    )
    return Lifetime(seconds, kilobytes)


def local_sets(config: RunningConfig, names: list[str]) -> list[LocalSet]:
    if names:
        return [LocalSet(config.transform_sets[n], False) for n in names if n in config.transform_sets]
    if config.ipsec_default_transform_set:
        return [LocalSet(ts, True) for ts in DEFAULT_TRANSFORM_SETS]
    return []


def usable_sets(sets: list[LocalSet], gate: CryptoGate) -> tuple[list[LocalSet], list[str]]:
    usable, weak = [], []
    for local in sets:
        weakness = gate.transform_set_weakness(local.transform_set)
        if weakness:
            weak.append(f"transform set {local.transform_set.name}: {weakness}")
        else:
            usable.append(local)
    return usable, weak


def set_protocols(transform_set: TransformSet) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(("ah", (...)), ("esp", (cipher, integrity))) in wire order: an ESP set without a cipher is esp-null."""
    ah = tuple(t for t in transform_set.transforms if t in AH_TRANSFORMS)
    ciphers = tuple(t for t in transform_set.transforms if t in ESP_ENCRYPTION_TRANSFORMS)
    integrity = tuple(t for t in transform_set.transforms if t in ESP_INTEGRITY_TRANSFORMS)
    esp = (ciphers or ("esp-null",)) + integrity if ciphers or integrity else ()
    return tuple((name, group) for name, group in (("ah", ah), ("esp", esp)) if group)


def set_key_size(transform_set: TransformSet) -> int | None:
    if any(t in KEY_SIZE_TRANSFORMS for t in transform_set.transforms):
        return transform_set.key_size or 128
    return None


def build_offers(sets: list[LocalSet], transport_possible: bool) -> list[Offer]:
    offers: list[Offer] = []
    for local in sets:
        wants_transport = local.transform_set.mode == TRANSPORT and transport_possible
        for mode in ((TRANSPORT, TUNNEL) if wants_transport else (TUNNEL,)):
            offers.append(Offer(len(offers) + 1, local, mode))
    return offers


def _attributes(offer_mode: str, key_size: int | None, lifetime: Lifetime,
                pfs_group: int | None, udp_encap: bool = False) -> dict[str, int | str]:
    """Attributes shared by the AH and ESP proposals of one offer (the transforms are added per protocol)."""
    attributes: dict[str, int | str] = {
        "mode": offer_mode, "life_seconds": lifetime.seconds, "life_kilobytes": lifetime.kilobytes,
    }
    if udp_encap:
        attributes["encap"] = "udp"
    if key_size is not None:
        attributes["key_length"] = key_size
    if pfs_group is not None:
        attributes["group"] = pfs_group
    return attributes


def _proposals(number: int, protocols: tuple[tuple[str, tuple[str, ...]], ...], spis: dict[str, int],
               attributes: dict[str, int | str]) -> list[Proposal]:
    return [
        Proposal(number, name, spis[name].to_bytes(4, "big"),
                 (Transform(1, {**attributes, "transforms": " ".join(transforms)}),))
        for name, transforms in protocols
    ]


def offer_payload(offers: list[Offer], spis: dict[str, int], lifetime: Lifetime, pfs_group: int | None,
                  udp_encap: bool = False) -> SaPayload:
    proposals: list[Proposal] = []
    for offer in offers:
        ts = offer.local.transform_set
        attributes = _attributes(offer.mode, set_key_size(ts), lifetime, pfs_group, udp_encap)
        proposals += _proposals(offer.number, set_protocols(ts), spis, attributes)
    return SaPayload(tuple(proposals))


def _parse_group(number: int, proposals: list[Proposal]) -> ReceivedOffer | None:
    firsts = [p.transforms[0].attributes for p in proposals if len(p.transforms) == 1]
    if len(firsts) != len(proposals) or len({p.protocol for p in proposals}) != len(proposals):
        return None
    common = {k: v for k, v in firsts[0].items() if k != "transforms"}
    if any({k: v for k, v in a.items() if k != "transforms"} != common for a in firsts):
        return None
    # RFC 2407 §4.5: no seconds attribute means 28800 s; no kilobytes attribute means no volume limit.
    seconds = common.get("life_seconds", DEFAULT_PEER_LIFETIME_SECONDS)
    kilobytes, mode = common.get("life_kilobytes", UNLIMITED_KILOBYTES), common.get("mode")
    key_size, group = common.get("key_length"), common.get("group")
    if not (isinstance(seconds, int) and isinstance(kilobytes, int) and seconds > 0 and kilobytes > 0):
        return None
    if mode not in (TUNNEL, TRANSPORT) or not all(isinstance(a.get("transforms"), str) for a in firsts):
        return None
    if not (key_size is None or isinstance(key_size, int)) or not (group is None or isinstance(group, int)):
        return None
    protocols = tuple(
        sorted(
            (p.protocol, tuple(str(a["transforms"]).split())) for p, a in zip(proposals, firsts, strict=True)
        )
    )
    spis = tuple(sorted((p.protocol, int.from_bytes(p.spi, "big")) for p in proposals if len(p.spi) == 4))
    if len(spis) != len(proposals):
        return None
    return ReceivedOffer(number, protocols, key_size, mode, Lifetime(seconds, kilobytes), group, spis)


def parse_offers(payload: SaPayload) -> list[ReceivedOffer]:
    """Group protocol proposals by number (AH + ESP of one set share a number); drop malformed groups."""
    numbers: dict[int, list[Proposal]] = {}
    for proposal in payload.proposals:
        if proposal.protocol in ("ah", "esp"):
            numbers.setdefault(proposal.number, []).append(proposal)
    offers = [_parse_group(number, group) for number, group in numbers.items()]
    return [offer for offer in offers if offer is not None]


def matches(local: LocalSet, offer: ReceivedOffer) -> bool:
    ts = local.transform_set
    if tuple(sorted(set_protocols(ts))) != offer.protocols or set_key_size(ts) != offer.key_size:
        return False
    return offer.mode == TUNNEL or ts.mode == TRANSPORT


def select_offer(offers: list[ReceivedOffer], sets: list[LocalSet]) -> tuple[ReceivedOffer, LocalSet] | None:
    """Responder: the first offer, in the initiator's order, equal to one of our sets."""
    for offer in offers:
        for local in sets:
            if matches(local, offer):
                return offer, local
    return None


def pfs_acceptable(offered: int | None, own: int | None, gate: CryptoGate) -> bool:
    if own is not None:
        return offered == own and gate.pfs_weakness(own) is None
    return offered is None or gate.pfs_weakness(offered) is None


def negotiate_lifetime(offered: Lifetime, own: Lifetime) -> Lifetime:
    return Lifetime(min(offered.seconds, own.seconds), min(offered.kilobytes, own.kilobytes))


def answer_payload(
    offer: ReceivedOffer, spis: dict[str, int], lifetime: Lifetime, udp_encap: bool = False
) -> SaPayload:
    attributes = _attributes(offer.mode, offer.key_size, lifetime, offer.pfs_group, udp_encap)
    return SaPayload(tuple(_proposals(offer.number, offer.protocols, spis, attributes)))


def accept_answer(sent: list[Offer], offered_lifetime: Lifetime, pfs_group: int | None,
                  reply: SaPayload) -> tuple[Offer, ReceivedOffer] | None:
    """Initiator: the reply must pick exactly one of our offers, unchanged but for shorter lifetimes."""
    answers = parse_offers(reply)
    if len(answers) != 1 or not 1 <= answers[0].number <= len(sent):
        return None
    chosen, offer = answers[0], sent[answers[0].number - 1]
    ts = offer.local.transform_set
    same = (chosen.protocols == tuple(sorted(set_protocols(ts))) and chosen.key_size == set_key_size(ts)
            and chosen.mode == offer.mode and chosen.pfs_group == pfs_group)
    shorter = (chosen.lifetime.seconds <= offered_lifetime.seconds
               and chosen.lifetime.kilobytes <= offered_lifetime.kilobytes)
    return (offer, chosen) if same and shorter else None

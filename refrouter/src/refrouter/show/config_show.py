"""Show commands rendered from the crypto configuration (policies, keys, transform sets, maps)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from ..state.config.model import (
    DEFAULT_ISAKMP_POLICIES,
    DEFAULT_TRANSFORM_SETS,
    CryptoMap,
    CryptoMapEntry,
    IsakmpPolicy,
    TransformSet,
)
from ..state.config.smart_defaults import smart_default_transform_sets
from ..state.router import Router
from . import crypto_map_oper
from .labels import AUTH_TEXT, DH_GROUP_TEXT, ENCRYPTION_TEXT, HASH_TEXT

# Optional hook the operational layer installs: entry → "Current peer" address.
CurrentPeer = Callable[[str, CryptoMapEntry], str | None]


def _policy_block(policy: IsakmpPolicy, default: bool) -> Iterator[str]:
    title = "Default protection suite" if default else "Protection suite"
    size = policy.key_size or 128
    encryption = ENCRYPTION_TEXT[policy.encryption].format(size=size)
    yield f"{title} of priority {policy.priority}"
    for label, value in (
        ("encryption algorithm:", encryption),
        ("hash algorithm:", HASH_TEXT[policy.hash]),
        ("authentication method:", AUTH_TEXT[policy.authentication]),
        ("Diffie-Hellman group:", DH_GROUP_TEXT[policy.group]),
        ("lifetime:", f"{policy.lifetime} seconds, no volume limit"),
    ):
        yield f"        {label.ljust(24)}{value}"


def isakmp_default_policy(router: Router) -> str:
    if not router.running.isakmp_default_policy:
        return ""
    lines = ["", "Default IKE policy"]
    for policy in DEFAULT_ISAKMP_POLICIES:
        lines += _policy_block(policy, default=True)
    return "\n".join(lines) + "\n"


def isakmp_policy(router: Router) -> str:
    policies = [router.running.isakmp_policies[p] for p in sorted(router.running.isakmp_policies)]
    if not policies:
        return isakmp_default_policy(router)
    lines = ["", "Global IKE policy"]
    for policy in policies:
        lines += _policy_block(policy, default=False)
    return "\n".join(lines) + "\n"


def isakmp_key(router: Router) -> str:
    lines = ["Keyring      Hostname/Address                            Preshared Key", ""]
    for key in router.running.isakmp_keys:
        address = key.hostname or (f"{key.address} [{key.mask}]" if key.mask else key.address)
        lines.append(f"{'default'.ljust(13)}{address.ljust(44)}{key.key}")
    for keyring in router.running.ikev1.keyrings.values():
        for ring_key in keyring.keys:
            peer = f"{ring_key.peer} [{ring_key.mask}]" if ring_key.mask else ring_key.peer
            lines.append(f"{keyring.name.ljust(13)}{peer.ljust(44)}{ring_key.key}")
    return "\n".join(lines) + "\n"


def transform_display(ts: TransformSet) -> str:
    """`esp-aes 256` is shown as `esp-256-aes`, `esp-gcm 256` as it is typed, as IOS does."""
    words = []
    for transform in ts.transforms:
        if transform == ts.esp_encryption and ts.key_size and ts.key_size != 128 and transform == "esp-aes":
            words.append(f"esp-{ts.key_size}-aes")
        elif transform == ts.esp_encryption and ts.key_size and ts.key_size != 128:
            words.append(f"{transform} {ts.key_size}")
        else:
            words.append(transform)
    return " ".join(words)


def _transform_block(ts: TransformSet) -> list[str]:
    return [
        f"Transform set {ts.name}: {{ {transform_display(ts)}  }} ",
        f"   will negotiate = {{ {ts.mode.capitalize()},  }}, ",
        "   ",
    ]


def transform_sets(router: Router, name: str | None) -> str:
    sets = smart_default_transform_sets(router.running) + list(router.running.transform_sets.values())
    if router.running.ipsec_default_transform_set:
        sets += DEFAULT_TRANSFORM_SETS
    lines: list[str] = []
    for ts in sets:
        if name is None or ts.name == name:
            lines += _transform_block(ts)
    return "\n".join(lines) + ("\n" if lines else "")


def default_transform_sets(router: Router) -> str:
    if not router.running.ipsec_default_transform_set:
        return ""
    lines: list[str] = []
    for ts in DEFAULT_TRANSFORM_SETS:
        lines += _transform_block(ts)
    return "\n".join(lines) + "\n"


def entry_transform_sets(router: Router, entry: CryptoMapEntry) -> list[TransformSet]:
    """The sets an entry offers: its own, or the defaults when it names none and they are enabled."""
    if entry.transform_sets:
        return [router.running.transform_sets[n] for n in entry.transform_sets if n in router.running.transform_sets]
    return list(DEFAULT_TRANSFORM_SETS) if router.running.ipsec_default_transform_set else []


def _acl_lines(router: Router, name: str | None) -> list[str]:
    if name is None:
        return ["\tNo matching address list set."]
    acl = router.running.access_lists.get(name)
    lines = [f"\tExtended IP access list {name}"]
    if acl:
        lines += [f"\t    access-list {name} {e.action} {e.text}" for e in acl.entries if e.action != "remark"]
    return lines


def _entry_lines(
    router: Router, cmap: CryptoMap, entry: CryptoMapEntry, current_peer: CurrentPeer | None
) -> list[str]:
    if entry.dynamic_template:
        return [
            f'Crypto Map IPv4 "{cmap.name}" {entry.seq} ipsec-isakmp',
            f"\tDynamic map template tag: {entry.dynamic_template}",
        ]
    lines = [f'Crypto Map IPv4 "{cmap.name}" {entry.seq} ipsec-isakmp']
    # A `match address` naming an undefined ACL leaves the entry incomplete (genieparser/show_crypto_map__1).
    if not entry.peers or entry.match_address not in router.running.access_lists:
        lines += [
            "\tWARNING: This crypto map is in an incomplete state!",
            "\t\t(missing peer or access-list definitions)",
        ]
    if entry.description:
        lines.append(f"\tDescription: {entry.description}")
    lines += [f"\tPeer = {peer}" for peer in entry.peers]
    lines.append("\tAccess-List SS dynamic: False")
    lines += _acl_lines(router, entry.match_address)
    peer = current_peer(cmap.name, entry) if current_peer else None
    if peer:
        lines.append(f"\tCurrent peer: {peer}")
    lifetime = entry.lifetime
    seconds, kilobytes = router.running.ipsec_globals.effective_lifetime(lifetime.seconds, lifetime.kilobytes)
    lines += [
        f"\tSecurity association lifetime: {kilobytes} kilobytes/{seconds} seconds",
        "\tDualstack (Y/N): N",
        "",
        "\tResponder-Only (Y/N): N",
        f"\tPFS (Y/N): {'Y' if entry.pfs else 'N'}",
    ]
    if entry.pfs:
        lines.append(f"\tDH group:  {entry.pfs}")
    lines += ["\tMixed-mode : Disabled", "\tTransform sets={"]
    lines += [f"\t\t{ts.name}:  {{ {transform_display(ts)}  }} ," for ts in entry_transform_sets(router, entry)]
    lines.append("\t}")
    return lines


def crypto_map(router: Router, name: str | None, current_peer: CurrentPeer | None = None) -> str:
    """`current_peer` defaults to the peer of the entry's live SAs (crypto_map_oper)."""
    hook = current_peer or partial(crypto_map_oper.current_peer, router)
    lines: list[str] = []
    for cmap in router.running.crypto_maps.values():
        if name is not None and cmap.name != name:
            continue
        for seq in sorted(cmap.entries):
            lines += _entry_lines(router, cmap, cmap.entries[seq], hook)
        lines += crypto_map_oper.dynamic_entry_lines(router, cmap.name)  # created entries: seq 65536 and up
        users = [i.name for i in router.running.interfaces.values() if i.crypto_map == cmap.name]
        lines.append(f"\tInterfaces using crypto map {cmap.name}:")
        lines += [f"\t\t{iface}" for iface in users]
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


def dynamic_map(router: Router, name: str | None) -> str:
    lines: list[str] = []
    for dmap in router.running.dynamic_maps.values():
        if name is not None and dmap.name != name:
            continue
        for seq in sorted(dmap.entries):
            entry = dmap.entries[seq]
            lines.append(f'Crypto Map Template "{dmap.name}" {seq}')
            lines += [f"\tPeer = {peer}" for peer in entry.peers]
            lines += _acl_lines(router, entry.match_address)
            lines.append(f"\tPFS (Y/N): {'Y' if entry.pfs else 'N'}")
            lines.append("\tTransform sets={")
            lines += [f"\t\t{ts.name}:  {{ {transform_display(ts)}  }} ," for ts in entry_transform_sets(router, entry)]
            lines += ["\t}", ""]
    return "\n".join(lines) + ("\n" if lines else "")

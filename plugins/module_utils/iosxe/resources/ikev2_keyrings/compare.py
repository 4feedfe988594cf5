# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv2 keyrings: target resolution and ordered commands."""

from __future__ import annotations

from typing import cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import (
    ListRules,
    Params,
    ResourceError,
    index,
    resolve_list,
    specified,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_keyrings import lines
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_keyrings.spec import (
    PEER_FIELDS,
    Ikev2KeyringFact,
    Ikev2PeerFact,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_lines import name_of


def _peer(have: Ikev2PeerFact | None, want: Params, keep: bool) -> Ikev2PeerFact:
    """merged (`keep`): given fields change, the others stay; replaced: the peer exactly as given. An
    address given without a mask has none."""
    base = have if keep and have is not None else lines.empty_peer(want["name"])
    given = specified(want)
    if "address" in given:
        given.setdefault("mask", None)
    if given.keys() & {"pre_shared_key_local", "pre_shared_key_remote"}:
        given.setdefault("pre_shared_key", None)
    elif "pre_shared_key" in given:
        given.update(pre_shared_key_local=None, pre_shared_key_remote=None)
    return cast(Ikev2PeerFact, {**base, **given})  # the given options are peer fields


def _merge(have: Ikev2KeyringFact | None, want: Params) -> Ikev2KeyringFact:
    """Given peers are merged into the keyring (given fields only); the other peers stay."""
    current = have["peers"] if have else []
    by_name = index(current, name_of)
    peers = list(current)
    for wanted in want.get("peers") or []:
        peer = _peer(by_name.get(name_of(wanted)), wanted, True)
        position = next((i for i, p in enumerate(peers) if name_of(p) == name_of(wanted)), None)
        if position is None:
            peers.append(peer)
        else:
            peers[position] = peer
    return {"name": want["name"], "peers": peers}


def _replace(have: Ikev2KeyringFact | None, want: Params) -> Ikev2KeyringFact:
    return {"name": want["name"], "peers": [_peer(None, p, False) for p in want.get("peers") or []]}


def _delete(have: Ikev2KeyringFact, want: Params) -> Ikev2KeyringFact | None:
    """Without peers the keyring goes; with peers, only those peers go."""
    if not want.get("peers"):
        return None
    gone = {name_of(p) for p in want["peers"]}
    return {"name": have["name"], "peers": [p for p in have["peers"] if name_of(p) not in gone]}


RULES = ListRules(key=name_of, merge=_merge, replace=_replace, delete=_delete)


def peer_commands(have: Ikev2PeerFact | None, target: Ikev2PeerFact) -> list[str]:
    base = have or lines.empty_peer(target["name"])
    changes: list[str] = []
    for field in PEER_FIELDS:
        if field == "mask" or (
            base[field] == target[field] and (field != "address" or base["mask"] == target["mask"])
        ):
            continue
        if target[field]:
            changes.append(lines.peer_line(target, field))
        else:
            changes.append(f"no {lines.KEYWORDS[field]}")
    if have is not None and not changes:
        return []
    return [f"peer {target['name']}", *changes, "exit"]


def keyring_commands(have: Ikev2KeyringFact | None, target: Ikev2KeyringFact) -> list[str]:
    existing = index(have["peers"] if have else [], name_of)
    wanted = {name_of(p) for p in target["peers"]}
    changes = [cmd for peer in target["peers"] for cmd in peer_commands(existing.get(name_of(peer)), peer)]
    changes += [f"no peer {p['name']}" for p in (have["peers"] if have else []) if name_of(p) not in wanted]
    if have is not None and not changes:
        return []
    return [lines.header(target), *changes]


def transition(have: list[Ikev2KeyringFact], target: list[Ikev2KeyringFact]) -> list[str]:
    existing, wanted = index(have, name_of), index(target, name_of)
    commands = []
    for keyring in target:
        commands += keyring_commands(existing.get(name_of(keyring)), keyring)
    return commands + [f"no {lines.header(k)}" for k in have if name_of(k) not in wanted]


def plan(have: list[Ikev2KeyringFact], target: list[Ikev2KeyringFact], context: PlanContext) -> list[str]:
    """A keyring an IKEv2 profile uses (`keyring local NAME`) is not removed (IOS refuses)."""
    wanted = {name_of(k) for k in target}
    profiles = [] if context.offline else getattr(context.device, "ikev2_profiles", [])
    in_use = [
        f"IKEv2 keyring {k['name']} is used by IKEv2 profile {profile['name']}"
        for k in have
        if k["name"] not in wanted
        for profile in profiles
        if profile.get("keyring_local") == k["name"]
    ]
    problems = context.unresolved_references(in_use)
    if problems:
        raise ResourceError("; ".join(problems))
    return transition(have, target)


def resolve(
    want: list[Params], have: list[Ikev2KeyringFact], state: str, context: PlanContext
) -> list[Ikev2KeyringFact]:
    return resolve_list(RULES, want, have, state)

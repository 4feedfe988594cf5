# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv1 keyrings: target resolution and ordered commands.

A keyring is changed in place: its header (which carries the VRF), then the fields that differ; new and
changed keys are set before keys of peers that are not wanted are removed, and a changed key is replaced in
place (the peer is never without a key). New and changed keyrings come before unwanted ones are removed.
A key that is omitted or equal to the mask placeholder keeps the key configured on the device.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import (
    ListRules,
    Params,
    ResourceError,
    index,
    resolve_list,
    specified,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import MASK
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.keyrings import lines as render
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.keyrings.spec import (
    FIELDS,
    HOST_MASK,
    KeyringFact,
    KeyringKeyFact,
    describe_peer,
    peer_of,
)


def _key(keyring: Mapping[str, Any]) -> str:
    return str(keyring["name"])


def _key_fact(name: str, have: KeyringKeyFact | None, want: Params) -> KeyringKeyFact:
    """The wanted key in facts form; an omitted or masked key keeps the device's key."""
    entry: dict[str, Any] = {}
    if want.get("hostname"):
        entry["hostname"] = want["hostname"]
    else:
        entry["address"] = want["address"]
        if want.get("mask") and want["mask"] != HOST_MASK:
            entry["mask"] = want["mask"]
    if want.get("key") in (None, MASK):
        if have is None:
            raise ResourceError(
                f"keyring {name}, key for {describe_peer(want)}: no key is configured on the device, so "
                "`key` must be given (the mask placeholder only keeps an existing key)"
            )
        current: Mapping[str, Any] = have
        secret = {k: current[k] for k in ("key", "key_type") if k in current}
    else:
        secret = {"key": want["key"], **({"key_type": want["key_type"]} if want.get("key_type") else {})}
    return cast(KeyringKeyFact, {**entry, **secret})


def _keys(
    name: str, have: list[KeyringKeyFact], want: list[Params], keep_others: bool
) -> list[KeyringKeyFact]:
    """Device keys in device order (changed in place, or dropped unless `keep_others`), then new keys."""
    wanted = {peer_of(item): item for item in want}
    result = []
    for key in have:
        item = wanted.pop(peer_of(key), None)
        if item is not None:
            result.append(_key_fact(name, key, item))
        elif keep_others:
            result.append(key)
    return result + [_key_fact(name, None, item) for item in wanted.values()]


def _build(have: KeyringFact | None, want: Params, keep_unset: bool) -> KeyringFact:
    given = specified(want)
    base: dict[str, Any] = dict(have) if have and keep_unset else {"name": want["name"]}
    keys = have.get("keys", []) if have else []
    if "keys" in given:
        base["keys"] = _keys(want["name"], keys, given.pop("keys"), keep_unset)
    elif not keep_unset:
        base.pop("keys", None)
    merged = {**base, **given}
    return cast(KeyringFact, {key: merged[key] for key in ("name", *FIELDS) if merged.get(key)})


def _merge(have: KeyringFact | None, want: Params) -> KeyringFact:
    """Unset fields keep the device value; given keys are added or changed, other keys are kept."""
    return _build(have, want, True)


def _replace(have: KeyringFact | None, want: Params) -> KeyringFact:
    """Unset fields are removed; the keyring holds exactly the given keys."""
    return _build(have, want, False)


RULES = ListRules(key=_key, merge=_merge, replace=_replace)


def _encrypted_kept(want: list[Params], have: list[KeyringFact], context: PlanContext) -> None:
    """A clear-text key for a peer whose key the device stores encrypted cannot be compared: keep it."""
    existing = index(have, _key)
    kept = []
    for keyring in want:
        device: Mapping[str, Any] = existing.get(keyring["name"]) or {}
        device_keys = {peer_of(key): key for key in device.get("keys", [])}
        for item in keyring.get("keys") or []:
            current = device_keys.get(peer_of(item))
            if (
                current
                and current.get("key_type")
                and item.get("key") not in (None, MASK)
                and not item.get("key_type")
            ):
                kept.append(f"keyring {keyring['name']} {describe_peer(item)}")
                item["key"] = None
    if kept:
        context.warnings.append(
            "the device stores these keys encrypted, so a clear-text key cannot be compared and they were "
            f"left unchanged: {', '.join(kept)}; give key_type: 6 with the encrypted key to manage them"
        )


def resolve(
    want: list[Params], have: list[KeyringFact], state: str, context: PlanContext
) -> list[KeyringFact]:
    _encrypted_kept(want, have, context)
    return resolve_list(RULES, want, have, state)


def keyring_commands(have: KeyringFact | None, target: KeyringFact) -> list[str]:
    """Enter the keyring and set what differs; nothing when it is already as wanted."""
    base: Mapping[str, Any] = have or {}
    changes = []
    wanted: Mapping[str, Any] = target
    for field in ("description", "local_address"):
        if base.get(field) != wanted.get(field):
            keyword = field.replace("_", "-")
            changes.append(f"{keyword} {wanted[field]}" if wanted.get(field) else f"no {keyword}")
    old_keys = {peer_of(key): key for key in base.get("keys", [])}
    new_keys = {peer_of(key): key for key in target.get("keys", [])}
    changes += [render.key_line(key) for peer, key in new_keys.items() if old_keys.get(peer) != key]
    changes += [render.delete_key_line(key) for peer, key in old_keys.items() if peer not in new_keys]
    if have is not None and not changes and base.get("vrf") == target.get("vrf"):
        return []
    return [render.header(target), *changes]


def transition(have: list[KeyringFact], target: list[KeyringFact]) -> list[str]:
    """Create and change keyrings first (in the order given), then remove the ones not wanted."""
    existing, wanted = index(have, _key), index(target, _key)
    commands = []
    for keyring in target:
        commands += keyring_commands(existing.get(_key(keyring)), keyring)
    for keyring in have:
        if _key(keyring) not in wanted:
            commands.append(f"no crypto keyring {keyring['name']}")
    return commands


def plan(have: list[KeyringFact], target: list[KeyringFact], context: PlanContext) -> list[str]:
    return transition(have, target)

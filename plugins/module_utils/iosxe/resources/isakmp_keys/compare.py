# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ISAKMP pre-shared keys: target resolution and ordered commands.

A key is identified by (address, mask). Replacing a key sends `crypto isakmp key NEW address X`, which IOS
applies in place; the old key is never removed first, so the peer is never left without a key.
A `key` that is omitted or equal to the mask placeholder keeps the key configured on the device.
"""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import (
    ListRules,
    ResourceError,
    index,
    resolve_list,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import MASK
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_keys import lines as render

Obj = dict[str, Any]
HOST_MASK = "255.255.255.255"


def key_of(entry: Obj) -> tuple[str, str | None]:
    return entry["address"], entry.get("mask")


def _peer(entry: Obj) -> str:
    return " ".join(filter(None, ("address", entry["address"], entry.get("mask"))))


def _secret(have: Obj | None, want: Obj) -> Obj:
    if want.get("key") in (None, MASK):
        if have is None:
            raise ResourceError(
                f"isakmp key for {_peer(want)}: no key is configured on the device, so "
                "`key` must be given (the mask placeholder only keeps an existing key)"
            )
        return {"key": have["key"], **({"key_type": have["key_type"]} if have.get("key_type") else {})}
    return {"key": want["key"], **({"key_type": want["key_type"]} if want.get("key_type") else {})}


def _build(want: Obj, secret: Obj, no_xauth: bool | None) -> Obj:
    entry: Obj = {"address": want["address"]}
    if want.get("mask"):
        entry["mask"] = want["mask"]
    entry.update(secret)
    if no_xauth:
        entry["no_xauth"] = True
    return entry


def _merge(have: Obj | None, want: Obj) -> Obj:
    no_xauth = want.get("no_xauth")
    return _build(want, _secret(have, want), (have or {}).get("no_xauth") if no_xauth is None else no_xauth)


def _replace(have: Obj | None, want: Obj) -> Obj:
    return _build(want, _secret(have, want), want.get("no_xauth"))


RULES = ListRules(key=key_of, merge=_merge, replace=_replace)


def normalise(want: list[Obj]) -> list[Obj]:
    """A host mask is the same peer as no mask (IOS prints neither)."""
    return [{**item, "mask": None} if item.get("mask") == HOST_MASK else dict(item) for item in want]


def resolve(want: list[Obj], have: list[Obj], state: str, context: PlanContext) -> list[Obj]:
    want = normalise(want)
    existing = index(have, key_of)
    kept = []
    for item in want:
        current = existing.get(key_of(item))
        if (
            current
            and current.get("key_type")
            and item.get("key") not in (None, MASK)
            and not item.get("key_type")
        ):
            kept.append(_peer(item))
            item.update(key=None)
    if kept:
        context.warnings.append(
            "the device stores these keys encrypted, so a clear-text key cannot be compared and they were "
            f"left unchanged: {', '.join(kept)}; give key_type: 6 with the encrypted key to manage them"
        )
    return resolve_list(RULES, want, have, state)


def transition(have: list[Obj], target: list[Obj]) -> list[str]:
    """Set new and changed keys (in place), then remove keys of peers that are not wanted."""
    existing, wanted = index(have, key_of), index(target, key_of)
    commands = [render.key_line(entry) for entry in target if existing.get(key_of(entry)) != entry]
    commands += [render.delete_line(entry) for entry in have if key_of(entry) not in wanted]
    return commands


def plan(have: list[Obj], target: list[Obj], context: PlanContext) -> list[str]:
    return transition(have, target)


def secrets(entries: list[Obj]) -> list[str]:
    return [entry["key"] for entry in entries if entry.get("key")]

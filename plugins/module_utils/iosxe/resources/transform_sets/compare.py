# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IPsec transform sets: target resolution, reference checks and ordered commands.

Sets are created and changed before anything else and deleted last. A set that a crypto map entry or an
IPsec profile in the running config still uses is not deleted: the module fails and names the users, unless
`remove_references` is true, in which case the crypto map entries are first changed to drop the set.
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
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps import (
    lines as map_render,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps.spec import (
    CryptoMapEntryFact,
    CryptoMapFact,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.transform_sets import (
    lines as render,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.transform_sets.spec import (
    FIELDS,
    TRANSFORM_FIELDS,
    TransformSetFact,
    check_transform_set,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import (
    DEFAULT_KEY_SIZE,
    DEFAULT_TRANSFORM_MODE,
    KEY_SIZE_TRANSFORMS,
)

Obj = dict[str, Any]


def _key(item: Mapping[str, Any]) -> str:
    return str(item["name"])


MERGE_HINT = " (after merging with the device; use state replaced to drop fields)"


def _finish(item: Obj, hint: str = "") -> TransformSetFact:
    """Fill the IOS defaults (mode tunnel, key size 128) and check the combination."""
    result = {key: value for key, value in item.items() if value is not None}
    result.setdefault("mode", DEFAULT_TRANSFORM_MODE)
    if result.get("esp_encryption") in KEY_SIZE_TRANSFORMS:
        result.setdefault("key_size", DEFAULT_KEY_SIZE)
    errors = check_transform_set(f"transform set {result['name']}", result)
    if result.get("key_size") and not result.get("esp_encryption"):
        errors.append(f"transform set {result['name']}: key_size needs esp_encryption")
    if not any(result.get(field) for field in TRANSFORM_FIELDS):
        errors.append(f"transform set {result['name']}: needs at least one transform")
    if errors:
        raise ResourceError("; ".join(errors) + hint)
    return cast(TransformSetFact, {key: result[key] for key in FIELDS if key in result})


def _merge(have: TransformSetFact | None, want: Params) -> TransformSetFact:
    given = specified(want)
    base: Obj = dict(have or {})
    if "esp_encryption" in given and given["esp_encryption"] != base.get("esp_encryption"):
        base.pop("key_size", None)  # a new cipher does not inherit the old cipher's key size
    return _finish({**base, **given}, MERGE_HINT if have else "")


def _replace(have: TransformSetFact | None, want: Params) -> TransformSetFact:
    return _finish(specified(want))


RULES = ListRules(key=_key, merge=_merge, replace=_replace)


def resolve(
    want: list[Params], have: list[TransformSetFact], state: str, context: PlanContext
) -> list[TransformSetFact]:
    return resolve_list(RULES, want, have, state)


def set_commands(have: TransformSetFact | None, target: TransformSetFact) -> list[str]:
    """The header line (new or changed transforms, or to enter the set) plus `mode` when it differs."""
    if have == target:
        return []
    base_mode = have["mode"] if have else DEFAULT_TRANSFORM_MODE
    return [render.header(target)] + ([render.mode_line(target)] if target["mode"] != base_mode else [])


def changes(have: list[TransformSetFact], target: list[TransformSetFact]) -> list[str]:
    existing = index(have, _key)
    return [line for item in target for line in set_commands(existing.get(_key(item)), item)]


def removals(have: list[TransformSetFact], target: list[TransformSetFact]) -> list[str]:
    wanted = index(target, _key)
    return [render.delete_line(item["name"]) for item in have if _key(item) not in wanted]


def transition(have: list[TransformSetFact], target: list[TransformSetFact]) -> list[str]:
    return changes(have, target) + removals(have, target)


def plan(have: list[TransformSetFact], target: list[TransformSetFact], context: PlanContext) -> list[str]:
    """Create/change sets, then drop references to removed sets (if allowed), then delete them."""
    wanted = index(target, _key)
    removed = [item["name"] for item in have if _key(item) not in wanted]
    return changes(have, target) + _reference_commands(removed, context) + removals(have, target)


def _reference_commands(removed: list[str], context: PlanContext) -> list[str]:
    """Commands that make crypto map entries stop using removed sets; fail when that is not allowed."""
    users = _map_users(removed, context)
    profiles = [
        f"IPsec profile {profile['name']}"
        for profile in context.device.ipsec_profiles
        if set(profile.get("transform_sets", [])) & set(removed)
    ]
    if profiles:
        raise ResourceError(
            f"cannot delete transform set(s) {', '.join(removed)}: still used by "
            f"{', '.join(profiles)}; change the profile first"
        )
    if users and not context.params.get("remove_references"):
        described = ", ".join(
            f"{_describe(crypto_map, entry)} uses {', '.join(sorted(used))}"
            for crypto_map, entry, used in users
        )
        message = (
            f"cannot delete transform set(s) still referenced by crypto maps: {described}; "
            "remove the references with ipsecux.iosxe.crypto_maps first, or set remove_references: true"
        )
        problems = context.unresolved_references([message])
        if problems:
            raise ResourceError(problems[0])
        return []
    commands = []
    for crypto_map, entry, used in users:
        remaining = [name for name in entry["transform_sets"] if name not in used]
        commands += [map_render.entry_header(crypto_map, entry), map_render.transform_sets_line(remaining)]
        if not remaining:
            context.warnings.append(
                f"{_describe(crypto_map, entry)} has no transform set left and will "
                "use the default transform sets (if enabled)"
            )
    return commands


def _map_users(
    removed: list[str], context: PlanContext
) -> list[tuple[CryptoMapFact, CryptoMapEntryFact, set[str]]]:
    users = []
    for crypto_map in sorted(context.device.crypto_maps, key=lambda item: not item["dynamic"]):
        for entry in crypto_map.get("entries", []):
            used = set(entry.get("transform_sets", [])) & set(removed)
            if used:
                users.append((crypto_map, entry, used))
    return users


def _describe(crypto_map: CryptoMapFact, entry: CryptoMapEntryFact) -> str:
    kind = "dynamic map" if crypto_map["dynamic"] else "crypto map"
    return f"{kind} {crypto_map['name']} {entry['seq']}"

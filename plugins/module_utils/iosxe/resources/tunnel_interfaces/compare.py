# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tunnel interfaces: target resolution and ordered commands.

A tunnel is changed in place, field by field, inside `interface TunnelN` ... `exit` (so a following global
command is never taken as an interface command); new and changed tunnels are configured before unwanted
tunnels are removed with `no interface TunnelN` (docs/modules/ordering.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import (
    ListRules,
    Params,
    index,
    resolve_list,
    specified,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.tunnel_interfaces import (
    lines as render,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.tunnel_interfaces.spec import (
    DEFAULT_MODE,
    FIELDS,
    TunnelInterfaceFact,
)


def _key(tunnel: Mapping[str, Any]) -> str:
    return str(tunnel["name"])


def _build(base: Mapping[str, Any], want: Params) -> TunnelInterfaceFact:
    given = specified(want)
    if "protection" in given:
        given["protection"] = {k: v for k, v in specified(given["protection"]).items() if v}
    merged = {**base, **given}
    return cast(TunnelInterfaceFact, {key: merged[key] for key in ("name", *FIELDS) if merged.get(key)})


def _merge(have: TunnelInterfaceFact | None, want: Params) -> TunnelInterfaceFact:
    """Unset fields keep the device value."""
    return _build(have or {"name": want["name"], "mode": DEFAULT_MODE}, want)


def _replace(have: TunnelInterfaceFact | None, want: Params) -> TunnelInterfaceFact:
    """Unset fields are removed (the mode returns to gre ip)."""
    return _build({"name": want["name"], "mode": DEFAULT_MODE}, want)


RULES = ListRules(key=_key, merge=_merge, replace=_replace)


def resolve(
    want: list[Params], have: list[TunnelInterfaceFact], state: str, context: PlanContext
) -> list[TunnelInterfaceFact]:
    return resolve_list(RULES, want, have, state)


def tunnel_commands(have: TunnelInterfaceFact | None, target: TunnelInterfaceFact) -> list[str]:
    """Enter the interface, set the fields that differ, leave it; nothing when it is already as wanted."""
    base: Mapping[str, Any] = have or {"mode": DEFAULT_MODE}
    changes = []
    if (base.get("address"), base.get("mask")) != (target.get("address"), target.get("mask")):
        changes.append(render.address_line(target.get("address"), target.get("mask")))
    for field in ("source", "mode", "destination", "protection"):
        if base.get(field) != target.get(field):
            changes.append(render.field_line(field, target))
    if have is not None and not changes:
        return []
    return [render.header(target["name"]), *changes, "exit"]


def transition(have: list[TunnelInterfaceFact], target: list[TunnelInterfaceFact]) -> list[str]:
    """Create and change tunnels first (in the order given), then remove the ones not wanted."""
    existing, wanted = index(have, _key), index(target, _key)
    commands = []
    for tunnel in target:
        commands += tunnel_commands(existing.get(_key(tunnel)), tunnel)
    for tunnel in have:
        if _key(tunnel) not in wanted:
            commands.append("no " + render.header(tunnel["name"]))
    return commands


def plan(
    have: list[TunnelInterfaceFact], target: list[TunnelInterfaceFact], context: PlanContext
) -> list[str]:
    return transition(have, target)

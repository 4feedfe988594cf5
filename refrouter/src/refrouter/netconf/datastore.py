"""The NETCONF view of one router's datastores: running (live RunningConfig) and startup (saved text).

An edit is applied to an XML rendering of the running config, parsed back into a candidate RunningConfig
and checked; only then is the live config changed, in place (`sync_into`), so objects a CLI session is
editing right now (`(config-isakmp)#` holds its policy object) stay the live ones. Nothing awaits between
render and sync: the edit is atomic with respect to CLI commands running on the same event loop.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..state.router import Router
from .edit import apply_config
from .mapping import parse, render
from .references import check_references
from .xml import BASE_NS, Element, child, new


def running_tree(router: Router) -> Element:
    return render(router.running)


def startup_tree(router: Router) -> Element | None:
    """The saved startup-config as `<native>`, loaded into a scratch router; None when none is saved."""
    text = router.read_startup()
    if text is None:
        return None
    scratch = Router(router.name, credentials=router.credentials, identity=router.identity,
                     config_loader=router.config_loader)
    scratch.boot(text)
    return render(scratch.running)


def edit_running(router: Router, config: Element, default_operation: str, test_only: bool = False) -> bool:
    """Apply an edit-config `<config>` all-or-nothing (only check it with `test_only`); True when the running
    config changed."""
    live = router.running
    holder = new("data", BASE_NS)
    holder.append(render(live))
    apply_config(holder, config, default_operation)
    candidate = parse(child(holder, "native"), live)
    check_references(live, candidate)
    if test_only or candidate == live:
        return False
    sync_into(live, candidate)
    router.mark_changed()
    return True


def sync_into(live: Any, new_value: Any) -> None:
    """Make dataclass `live` equal to `new_value`, keeping the identity of every object that survives."""
    for f in dataclasses.fields(live):
        old, fresh = getattr(live, f.name), getattr(new_value, f.name)
        if old == fresh:
            continue
        if _mutable_dataclass(old) and type(old) is type(fresh):
            sync_into(old, fresh)
        elif isinstance(old, dict) and isinstance(fresh, dict):
            _sync_dict(old, fresh)
        else:
            setattr(live, f.name, fresh)


def _mutable_dataclass(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not type(value).__dataclass_params__.frozen  # type: ignore[attr-defined]


def _sync_dict(old: dict[Any, Any], fresh: dict[Any, Any]) -> None:
    for key in [k for k in old if k not in fresh]:
        del old[key]
    for key, value in fresh.items():
        if key in old and _mutable_dataclass(old[key]) and type(old[key]) is type(value):
            sync_into(old[key], value)
        else:
            old[key] = value
    if list(old) != list(fresh):
        ordered = [(k, old[k]) for k in fresh]
        old.clear()
        old.update(ordered)


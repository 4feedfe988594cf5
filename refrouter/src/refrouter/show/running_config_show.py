"""`show running-config [interface NAME]` and `show startup-config`."""

from __future__ import annotations

import time

from ..state.config.render import render_interface
from ..state.router import Router

NVRAM_BYTES = 33554432


def _change_stamp(router: Router) -> str:
    if router.last_change is None:
        return "!"
    stamp = time.strftime("%H:%M:%S UTC %a %b %d %Y", time.gmtime(router.last_change))
    return f"!\n! Last configuration change at {stamp}\n!"


def running_config(router: Router) -> str:
    body = router.running_config_text()
    text = f"{_change_stamp(router)}\n{body}"
    return f"Building configuration...\n\nCurrent configuration : {len(text)} bytes\n{text}\n"


def configuration_id(router: Router) -> str:
    """`show configuration id`: a number that goes up whenever the running config may have changed, and the
    time of the last change; cheap to ask, so a client can tell whether its copy of the config is stale."""
    stamp = "none" if router.last_change is None else time.strftime(
        "%H:%M:%S UTC %a %b %d %Y", time.gmtime(router.last_change))
    return f"Configuration ID: {router.config_id}\nLast configuration change: {stamp}\n"


def running_interface(router: Router, name: str) -> str:
    iface = router.running.interfaces.get(name)
    if iface is None:
        return "                               ^\n% Invalid input detected at '^' marker.\n"
    body = "\n".join(render_interface(iface)) + "\nend\n"
    return f"Building configuration...\n\nCurrent configuration : {len(body)} bytes\n!\n{body}\n"


def startup_config(router: Router) -> str:
    text = router.read_startup()
    if text is None:
        return "startup-config is not present\n"
    return f"Using {len(text)} out of {NVRAM_BYTES} bytes\n!\n{text}"

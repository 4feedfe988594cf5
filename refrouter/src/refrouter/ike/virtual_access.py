"""Dynamic VTI: a tunnel negotiated for a Virtual-Template is installed on the peer's Virtual-Access."""

from __future__ import annotations

from dataclasses import replace

from ..state.config.tunnel_status import VIRTUAL_TEMPLATE, map_tag
from .context import Ctx
from .phase2 import ChildReady


def bind(ctx: Ctx, child: ChildReady) -> ChildReady:
    """The same peer's later SAs (rekeys) reuse its Virtual-Access; the first one clones a new one."""
    name = child.interface or ""
    if not name.startswith(VIRTUAL_TEMPLATE):
        return child
    template = int(name[len(VIRTUAL_TEMPLATE):])
    local, peer = child.session.local, child.session.remote
    table = ctx.oper.virtual_access
    access = table.find(template, local, peer) or table.clone(template, local, peer, ctx.now())
    return replace(child, interface=access.name, map_name=map_tag(access.name))

"""IKEv2 on tunnel interfaces: the initiator's child settings from the ipsec profile, and the responder that
accepts a peer's child SA for a protected tunnel (static VTI, GRE over IPsec) or, when the IKEv2 profile the
peer matched names `virtual-template N`, for a Virtual-Access cloned from that template (dynamic VTI)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ike.context import StartRequest
from ..ike.protection import static_match, template_match
from ..ike.v2 import from_running
from ..ike.v2.config import ChildSettings, Ikev2Profile
from ..ike.v2.engine import Selectors
from ..ike.v2.install import ChildContext
from ..state.config.model import IpsecProfile
from ..state.config.tunnel_status import VIRTUAL_TEMPLATE, map_tag

if TYPE_CHECKING:
    from ..state.router import Router


def initiator_child(router: Router, request: StartRequest, profile: IpsecProfile) -> ChildSettings:
    """One child SA for the tunnel's flow (any/any for a VTI) with the ipsec profile's sets, PFS and lifetime."""
    return from_running.child_settings(
        router.running, list(profile.transform_sets), profile.pfs, profile.lifetime,
        (from_running.selector(request.local_ident),), (from_running.selector(request.remote_ident),))


def responder_child(router: Router, local: str, peer: str, profile: Ikev2Profile, tsi: Selectors,
                    tsr: Selectors) -> tuple[ChildSettings, ChildContext] | None:
    """A protected tunnel from `local` to `peer` whose flow covers the offer, else the Virtual-Template of the
    matched IKEv2 profile; None leaves the offer to the next responder (the crypto map)."""
    if not tsi or not tsr:
        return None
    config = router.running
    local_ident, remote_ident = from_running.proxy(tsr[0]), from_running.proxy(tsi[0])
    match = static_match(config, local, peer, local_ident, remote_ident)
    configured = config.ikev2.profiles.get(profile.name)
    if match is None and configured is not None and configured.virtual_template is not None:
        match = template_match(config, configured.virtual_template, local, peer, local_ident, remote_ident)
    if match is None:
        return None
    entry = match.entry
    if entry.ikev2_profile not in (None, profile.name):
        return None
    settings = from_running.child_settings(config, entry.transform_sets, entry.pfs, entry.lifetime, tsr, tsi)
    interface = match.interface or ""
    if interface.startswith(VIRTUAL_TEMPLATE):  # one Virtual-Access per peer, reused by its rekeys
        template = int(interface[len(VIRTUAL_TEMPLATE):])
        table = router.oper.virtual_access
        access = table.find(template, local, peer) or table.clone(template, local, peer, router.clock.now())
        interface = access.name
    return settings, ChildContext(map_tag(interface), match.seq, interface)

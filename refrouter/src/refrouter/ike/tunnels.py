"""Installing and removing IPsec tunnels: oper records, flow-MIB rows, keyed SAs, dynamic-map entries."""

from __future__ import annotations

from ..state.oper.sa import ChildSa, DynamicMapInstance, IpsecTunnel
from .codec import DeletePayload
from .context import Ctx
from .esp import SaCrypto
from .phase1 import Phase1Session
from .phase2 import ChildReady
from .sadb import Bundle, SaDatabase


def _dynamic_instance(ctx: Ctx, child: ChildReady) -> DynamicMapInstance | None:
    if child.template is None:
        return None
    entry = DynamicMapInstance(
        map_name=child.map_name, seq=ctx.oper.new_dynamic_seq(child.map_name), template=child.template[0],
        template_seq=child.template[1], peer=child.session.remote, local_ident=child.local_ident,
        remote_ident=child.remote_ident, transform_sets=(child.local_set.transform_set.name,),
        pfs_group=child.offer.pfs_group, lifetime_kb=child.offer.lifetime.kilobytes,
        lifetime_sec=child.offer.lifetime.seconds,
    )
    ctx.oper.dynamic_entries[(entry.map_name, entry.seq)] = entry
    return entry


def _children(ctx: Ctx, child: ChildReady, direction: str, spis: dict[str, int]) -> list[ChildSa]:
    offer, now = child.offer, ctx.now()
    return [
        ChildSa(spis[protocol], protocol, direction, ctx.oper.new_ipsec_conn_id(), names, offer.key_size, offer.mode,
                offer.lifetime.kilobytes, offer.lifetime.seconds, now, udp_encap=child.session.nat)
        for protocol, names in offer.protocols
    ]


def install(ctx: Ctx, db: SaDatabase, child: ChildReady) -> IpsecTunnel:
    session, offer, local_set = child.session, child.offer, child.local_set
    dynamic = _dynamic_instance(ctx, child)
    tunnel = IpsecTunnel(
        tunnel_id=ctx.oper.new_tunnel_id(), local=session.local, remote=session.remote, map_name=child.map_name,
        map_seq=dynamic.seq if dynamic else child.map_seq, interface=child.interface,
        local_ident=child.local_ident, remote_ident=child.remote_ident,
        transform_set=local_set.transform_set.name, transforms=tuple(local_set.transform_set.transforms),
        key_size=offer.key_size, mode=offer.mode, pfs_group=offer.pfs_group, ike_conn_id=session.sa.conn_id,
        lifetime_kb=offer.lifetime.kilobytes, lifetime_sec=offer.lifetime.seconds, created=ctx.now(),
        vrf=session.sa.vrf, used_default_transform=local_set.is_default, dynamic=dynamic,
        peer_port=session.peer_port,
    )
    tunnel.inbound = _children(ctx, child, "in", child.inbound_spis)
    tunnel.outbound = _children(ctx, child, "out", child.outbound_spis)
    encap = (session.local_port, session.peer_port) if session.nat else None
    db.add(Bundle(tunnel, _crypto(child, tunnel.inbound, "in"), _crypto(child, tunnel.outbound, "out"), encap))
    ctx.oper.ipsec_tunnels[tunnel.tunnel_id] = tunnel
    ctx.oper.flowmib.ipsec.tunnel_started(tunnel, session.sa.mib_index or 0)
    if local_set.is_default:
        ctx.log("default_transform")
    return tunnel


def _crypto(child: ChildReady, sas: list[ChildSa], direction: str) -> list[SaCrypto]:
    return [SaCrypto(sa.protocol, sa.spi, sa.transforms, sa.key_size, child.keymats[(sa.protocol, direction)])
            for sa in sas]


def remove(ctx: Ctx, db: SaDatabase, tunnel: IpsecTunnel, reason: str, session: Phase1Session | None) -> None:
    """End a tunnel; with an established `session`, tell the peer which inbound SPIs are gone."""
    if session is not None and session.established:
        for sa in tunnel.inbound:
            session.sa.counters.out_p2_sa_del_requests += 1
            session.send_info(ctx, (DeletePayload(sa.protocol, (sa.spi.to_bytes(4, "big"),)),))
    db.remove(tunnel.tunnel_id)
    ctx.oper.ipsec_tunnels.pop(tunnel.tunnel_id, None)
    ctx.oper.flowmib.ipsec.tunnel_ended(tunnel, reason)
    if tunnel.dynamic is not None:
        ctx.oper.dynamic_entries.pop((tunnel.dynamic.map_name, tunnel.dynamic.seq), None)

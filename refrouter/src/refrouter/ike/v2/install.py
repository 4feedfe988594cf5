"""IKEv2 child SAs as IPsec tunnels: the same `IpsecTunnel` records, flow-MIB rows and SA-database bundles
as IKEv1 tunnels (`ike/tunnels.py`), so ESP, counters and every IPsec show work unchanged. Behind a NAT
(`IkeSa.nat`) the bundle carries ESP in UDP on the IKE SA's ports, as the IKEv1 NAT-T path does."""

from __future__ import annotations

from dataclasses import dataclass

from refrouter.ike.esp import SaCrypto
from refrouter.ike.sadb import Bundle, SaDatabase
from refrouter.ike.v2.config import ChildSettings
from refrouter.ike.v2.from_running import ios_transforms, proxy
from refrouter.ike.v2.sa import ChildSa, IkeSa
from refrouter.state.oper.sa import ChildSa as OperChildSa
from refrouter.state.oper.sa import DynamicMapInstance, IpsecTunnel
from refrouter.state.oper.state import OperState


@dataclass(frozen=True)
class ChildContext:
    """Where a child SA's tunnel belongs: a crypto map entry (or a tunnel interface's map tag)."""

    map_name: str
    map_seq: int
    interface: str | None
    template: tuple[str, int] | None = None  # (dynamic map, seq) when a dynamic-map entry accepted it
    vrf: str | None = None


def _dynamic(oper: OperState, context: ChildContext, sa: IkeSa, kid: ChildSa,
             settings: ChildSettings | None) -> DynamicMapInstance | None:
    if context.template is None:
        return None
    entry = DynamicMapInstance(
        map_name=context.map_name, seq=oper.new_dynamic_seq(context.map_name), template=context.template[0],
        template_seq=context.template[1], peer=sa.peer, local_ident=proxy(kid.local_ts[0]),
        remote_ident=proxy(kid.remote_ts[0]), transform_sets=(kid.transform.name,),
        pfs_group=settings.pfs_group if settings else None,
        lifetime_kb=settings.lifetime_kilobytes if settings else 0, lifetime_sec=kid.lifetime)
    oper.dynamic_entries[(entry.map_name, entry.seq)] = entry
    return entry


def install(oper: OperState, db: SaDatabase, context: ChildContext, sa: IkeSa, kid: ChildSa, ike_conn_id: int,
            now: float, default_transform: bool) -> IpsecTunnel:
    settings = sa.child_settings
    names, key_size = ios_transforms(kid.transform)
    kilobytes = settings.lifetime_kilobytes if settings else 0
    dynamic = _dynamic(oper, context, sa, kid, settings)
    tunnel = IpsecTunnel(
        tunnel_id=oper.new_tunnel_id(), local=sa.local, remote=sa.peer, map_name=context.map_name,
        map_seq=dynamic.seq if dynamic else context.map_seq, interface=context.interface,
        local_ident=proxy(kid.local_ts[0]), remote_ident=proxy(kid.remote_ts[0]), transform_set=kid.transform.name,
        transforms=names, key_size=key_size, mode="tunnel", pfs_group=settings.pfs_group if settings else None,
        ike_conn_id=ike_conn_id, lifetime_kb=kilobytes, lifetime_sec=kid.lifetime, created=now, vrf=context.vrf,
        used_default_transform=default_transform, dynamic=dynamic, peer_port=sa.peer_port, ike_version=2)
    spi_in, spi_out = int.from_bytes(kid.spi_in, "big"), int.from_bytes(kid.spi_out, "big")
    tunnel.inbound = [OperChildSa(spi_in, "esp", "in", oper.new_ipsec_conn_id(), names, key_size, "tunnel",
                                  kilobytes, kid.lifetime, now, udp_encap=sa.nat)]
    tunnel.outbound = [OperChildSa(spi_out, "esp", "out", oper.new_ipsec_conn_id(), names, key_size, "tunnel",
                                   kilobytes, kid.lifetime, now, udp_encap=sa.nat)]
    keys_in, keys_out = b"".join(kid.inbound_keys), b"".join(kid.outbound_keys)
    db.add(Bundle(tunnel, [SaCrypto("esp", spi_in, names, key_size, keys_in)],
                  [SaCrypto("esp", spi_out, names, key_size, keys_out)],
                  (sa.local_port, sa.peer_port) if sa.nat else None))  # RFC 3948 ESP in UDP behind a NAT
    oper.ipsec_tunnels[tunnel.tunnel_id] = tunnel
    oper.flowmib.ipsec.tunnel_started(tunnel, 0)
    return tunnel


def remove(oper: OperState, db: SaDatabase, tunnel_id: int, reason: str) -> None:
    tunnel = oper.ipsec_tunnels.pop(tunnel_id, None)
    db.remove(tunnel_id)
    if tunnel is None:
        return
    oper.flowmib.ipsec.tunnel_ended(tunnel, reason)
    if tunnel.dynamic is not None:
        oper.dynamic_entries.pop((tunnel.dynamic.map_name, tunnel.dynamic.seq), None)

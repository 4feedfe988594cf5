"""OperState: everything about one router that is not configuration."""

from __future__ import annotations

from .clock import Clock
from .flowmib import FlowMib
from .ikev2 import Ikev2Oper
from .interface_stats import InterfaceStats
from .sa import DynamicMapInstance, IkeSa, IpsecTunnel
from .syslog import SyslogBuffer
from .tables import IndexAllocator
from .virtual_access import VirtualAccessTable

IKE_CONN_ID_START = 1001  # `show crypto isakmp sa` conn-id of the first SA (classic IOS numbering)
IPSEC_CONN_ID_START = 2001  # `conn id: 2001, flow_id: ...:1` of the first IPsec SA
DYNAMIC_SEQ_START = 65536  # seq of the first entry created from a dynamic map (seed guide)


class OperState:
    def __init__(self, clock: Clock, log_size: int = 4096) -> None:
        self.clock = clock
        self.syslog = SyslogBuffer(clock, log_size)
        self.flowmib = FlowMib(clock)
        self.interfaces = InterfaceStats(clock)
        self.ike_sas: dict[int, IkeSa] = {}
        self.ipsec_tunnels: dict[int, IpsecTunnel] = {}
        self.dynamic_entries: dict[tuple[str, int], DynamicMapInstance] = {}
        self.virtual_access = VirtualAccessTable()
        self.ikev2 = Ikev2Oper()
        self._ike_conn_ids = IndexAllocator(IKE_CONN_ID_START, 32767)
        self._ipsec_conn_ids = IndexAllocator(IPSEC_CONN_ID_START, 32767)
        self._tunnel_ids = IndexAllocator()
        self._dynamic_seqs: dict[str, IndexAllocator] = {}

    # ------------------------------------------------------------------ allocation

    def new_ike_conn_id(self) -> int:
        return self._ike_conn_ids.allocate()

    def new_ipsec_conn_id(self) -> int:
        return self._ipsec_conn_ids.allocate()

    def new_tunnel_id(self) -> int:
        return self._tunnel_ids.allocate()

    def new_dynamic_seq(self, map_name: str) -> int:
        allocator = self._dynamic_seqs.setdefault(map_name, IndexAllocator(DYNAMIC_SEQ_START))
        return allocator.allocate()

    # ------------------------------------------------------------------ queries

    def ike_sa_list(self, peer: str | None = None, vrf: str | None = None) -> list[IkeSa]:
        """Phase-1 SAs, newest conn-id first (the order `show crypto isakmp sa` prints in the seed)."""
        sas = sorted(self.ike_sas.values(), key=lambda sa: sa.conn_id, reverse=True)
        return [sa for sa in sas if (peer is None or sa.remote == peer) and (vrf is None or sa.vrf == vrf)]

    def ipsec_tunnel_list(self, peer: str | None = None, map_name: str | None = None) -> list[IpsecTunnel]:
        tunnels = sorted(self.ipsec_tunnels.values(), key=lambda t: t.tunnel_id)
        return [t for t in tunnels if (peer is None or t.remote == peer) and (map_name in (None, t.map_name))]

    def ike_sa_of(self, tunnel: IpsecTunnel) -> IkeSa | None:
        """The phase-1 SA that negotiated a tunnel, if it still exists (cipSecTunIkeTunnelAlive)."""
        sa = self.ike_sas.get(tunnel.ike_conn_id)
        return sa if sa is not None and sa.active else None

    def dynamic_entry_list(self, map_name: str | None = None) -> list[DynamicMapInstance]:
        entries = sorted(self.dynamic_entries.values(), key=lambda e: (e.map_name, e.seq))
        return [e for e in entries if map_name in (None, e.map_name)]

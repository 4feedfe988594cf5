"""Phase-2 half of the flow MIB: cipSecGlobalStats, tunnel, endpoint and SPI tables, history, failures.

Global counters are the sum over current and previous phase-2 tunnels, as in flowmib_ike.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .clock import Clock
from .counters import IpsecCounters, IpsecEvents
from .flowmib_ike import DEFAULT_TABLE_SIZE
from .reasons import HISTORY_TO_IPSEC_FAILURE, IPSEC_FAILURE_REASONS, IPSEC_HISTORY_REASONS
from .sa import ChildSa, IpsecTunnel, ProxyIdent
from .tables import GLOBAL_VRF, IndexAllocator, SlidingTable, vrf_label

# Thresholds printed by `show crypto mib ipsec flowmib tunnel` in the seed guide.
LIFE_SIZE_THRESHOLD_KB = 64
LIFE_TIME_THRESHOLD_SEC = 10


@dataclass(frozen=True)
class IpsecEndpointRow:
    """cipSecEndPtEntry; `*_type` is the EndPtType name (singleIpAddr | ipSubnet)."""

    tunnel_index: int
    index: int
    vrf: str
    local_type: str
    local_addr: str
    local_mask: str
    protocol: int
    local_port: int
    remote_type: str
    remote_addr: str
    remote_mask: str
    remote_port: int


@dataclass(frozen=True)
class IpsecSpiRow:
    """cipSecSpiEntry."""

    tunnel_index: int
    index: int
    vrf: str
    direction: str  # in | out
    value: int
    protocol: str  # esp | ah
    status: str = "active"


@dataclass(frozen=True)
class IpsecHistoryRow:
    """cipSecTunnelHistEntry (+ the endpoint it carried, for cipSecEndPtHistTable)."""

    index: int
    reason: str
    active_index: int
    ike_tunnel_index: int
    vrf: str
    local_addr: str
    remote_addr: str
    mode: str
    lifetime_kb: int
    lifetime_sec: int
    start_time: float
    active_time: float
    transforms: tuple[str, ...]
    key_size: int | None
    pfs_group: int | None
    expired_sa_instances: int
    current_sa_instances: int
    counters: IpsecCounters
    endpoint: IpsecEndpointRow
    total_refreshes: int = 0


@dataclass(frozen=True)
class IpsecFailureRow:
    """cipSecFailEntry; `spi` is 0 as in the seed guide's sample; `tunnel_index` 0 = no tunnel."""

    index: int
    reason: str
    time: float
    vrf: str
    tunnel_index: int
    spi: int
    src_addr: str
    dst_addr: str


@dataclass(frozen=True)
class IpsecGlobalStats:
    vrf: str
    active_tunnels: int
    previous_tunnels: int
    counters: IpsecCounters
    events: IpsecEvents


def endpoint_type(ident: ProxyIdent) -> str:
    return "singleIpAddr" if ident.is_host else "ipSubnet"


class IpsecFlowMib:
    def __init__(self, clock: Clock, history_size: int = DEFAULT_TABLE_SIZE,
                 failure_size: int = DEFAULT_TABLE_SIZE) -> None:
        self._clock = clock
        self._tunnel_index = IndexAllocator()
        self._endpoint_index = IndexAllocator()
        self._spi_index = IndexAllocator()
        self._history_index = IndexAllocator()
        self._failure_index = IndexAllocator()
        self._tunnels: dict[int, IpsecTunnel] = {}
        self._ike_index_of: dict[int, int] = {}
        self.history_table: SlidingTable[IpsecHistoryRow] = SlidingTable(history_size)
        self.failure_table: SlidingTable[IpsecFailureRow] = SlidingTable(failure_size)
        self._retired: dict[str, IpsecCounters] = defaultdict(IpsecCounters)
        self._previous: dict[str, int] = defaultdict(int)
        self._events: dict[str, IpsecEvents] = defaultdict(IpsecEvents)

    # ------------------------------------------------------------------ updates

    def tunnel_started(self, tunnel: IpsecTunnel, ike_tunnel_index: int) -> int:
        tunnel.mib_index = self._tunnel_index.allocate()
        tunnel.mib_endpoint_index = self._endpoint_index.allocate()
        for sa in tunnel.child_sas():
            sa.mib_spi_index = self._spi_index.allocate()
        self._tunnels[tunnel.mib_index] = tunnel
        self._ike_index_of[tunnel.mib_index] = ike_tunnel_index
        return tunnel.mib_index

    def tunnel_ended(self, tunnel: IpsecTunnel, reason: str) -> IpsecHistoryRow | None:
        if reason not in IPSEC_HISTORY_REASONS:
            raise ValueError(f"unknown termination reason {reason!r}")
        if tunnel.mib_index is None or self._tunnels.pop(tunnel.mib_index, None) is None:
            return None
        vrf = vrf_label(tunnel.vrf)
        self._retired[vrf].add(tunnel.counters)
        self._previous[vrf] += 1
        instances = len(tunnel.child_sas())
        row = self.history_table.append(IpsecHistoryRow(
            index=self._history_index.allocate(), reason=reason, active_index=tunnel.mib_index,
            ike_tunnel_index=self._ike_index_of.pop(tunnel.mib_index), vrf=vrf, local_addr=tunnel.local,
            remote_addr=tunnel.remote, mode=tunnel.mode, lifetime_kb=tunnel.lifetime_kb,
            lifetime_sec=tunnel.lifetime_sec, start_time=tunnel.created,
            active_time=tunnel.active_time(self._clock.now()), transforms=tunnel.transforms,
            key_size=tunnel.key_size, pfs_group=tunnel.pfs_group, expired_sa_instances=instances,
            current_sa_instances=instances, counters=tunnel.counters.copy(), endpoint=self._endpoint(tunnel),
        ))
        if reason in HISTORY_TO_IPSEC_FAILURE:
            self.failure(HISTORY_TO_IPSEC_FAILURE[reason], tunnel.local, tunnel.remote, tunnel.vrf,
                         tunnel_index=tunnel.mib_index)
        return row

    def failure(self, reason: str, src: str, dst: str, vrf: str | None, tunnel_index: int = 0,
                spi: int = 0) -> IpsecFailureRow:
        if reason not in IPSEC_FAILURE_REASONS:
            raise ValueError(f"unknown failure reason {reason!r}")
        return self.failure_table.append(IpsecFailureRow(
            self._failure_index.allocate(), reason, self._clock.now(), vrf_label(vrf), tunnel_index, spi, src, dst,
        ))

    def event(self, vrf: str | None, name: str, amount: int = 1) -> None:
        events = self._events[vrf_label(vrf)]
        setattr(events, name, getattr(events, name) + amount)

    # ------------------------------------------------------------------ views

    def tunnels(self, vrf: str | None = None) -> list[IpsecTunnel]:
        return [t for _, t in sorted(self._tunnels.items()) if vrf is None or vrf_label(t.vrf) == vrf]

    def ike_tunnel_index(self, tunnel: IpsecTunnel) -> int:
        """cipSecTunIkeTunnelIndex: the phase-1 tunnel that negotiated this one."""
        return self._ike_index_of.get(tunnel.mib_index or 0, 0)

    def endpoints(self, vrf: str | None = None) -> list[IpsecEndpointRow]:
        return [self._endpoint(tunnel) for tunnel in self.tunnels(vrf)]

    def spis(self, vrf: str | None = None) -> list[IpsecSpiRow]:
        rows = []
        for tunnel in self.tunnels(vrf):
            sas = sorted(tunnel.child_sas(), key=lambda sa: sa.mib_spi_index or 0)
            rows += [self._spi_row(tunnel, sa) for sa in sas]
        return rows

    def history(self, vrf: str | None = None) -> list[IpsecHistoryRow]:
        return [row for row in self.history_table if vrf is None or row.vrf == vrf]

    def failures(self, vrf: str | None = None) -> list[IpsecFailureRow]:
        return [row for row in self.failure_table if vrf is None or row.vrf == vrf]

    def vrfs(self) -> list[str]:
        names = {GLOBAL_VRF, *self._retired, *self._events, *(vrf_label(t.vrf) for t in self._tunnels.values())}
        return [GLOBAL_VRF, *sorted(names - {GLOBAL_VRF})]

    def global_stats(self, vrf: str = GLOBAL_VRF) -> IpsecGlobalStats:
        live = self.tunnels(vrf)
        counters = self._retired[vrf].copy() if vrf in self._retired else IpsecCounters()
        for tunnel in live:
            counters.add(tunnel.counters)
        events = self._events[vrf].copy() if vrf in self._events else IpsecEvents()
        return IpsecGlobalStats(vrf, len(live), self._previous.get(vrf, 0), counters, events)

    # ------------------------------------------------------------------ row builders

    @staticmethod
    def _endpoint(tunnel: IpsecTunnel) -> IpsecEndpointRow:
        local, remote = tunnel.local_ident, tunnel.remote_ident
        return IpsecEndpointRow(
            tunnel_index=tunnel.mib_index or 0, index=tunnel.mib_endpoint_index or 0, vrf=vrf_label(tunnel.vrf),
            local_type=endpoint_type(local), local_addr=local.addr, local_mask=local.mask, protocol=local.proto,
            local_port=local.port, remote_type=endpoint_type(remote), remote_addr=remote.addr,
            remote_mask=remote.mask, remote_port=remote.port,
        )

    @staticmethod
    def _spi_row(tunnel: IpsecTunnel, sa: ChildSa) -> IpsecSpiRow:
        return IpsecSpiRow(tunnel.mib_index or 0, sa.mib_spi_index or 0, vrf_label(tunnel.vrf), sa.direction,
                           sa.spi, sa.protocol)

"""Phase-1 half of the flow MIB: cikeGlobalStats, cikePeerTable, cikeTunnelTable, history and failures.

"Global" counters follow the MIB's definition: totals over all currently *and previously* active
phase-1 tunnels. They are computed as the sum of the live tunnels plus an accumulator that each tunnel's
final counters are folded into when it ends (the bounded history table cannot be the source: its oldest
rows are dropped). Negotiations that never reached QM_IDLE were never tunnels and are not in the totals;
they show up in the event counters (`init_tunnel_fails`, `auth_fails`, ...) and in the failure table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .clock import Clock
from .counters import IkeCounters, IkeEvents
from .reasons import HISTORY_TO_IKE_FAILURE, IKE_FAILURE_REASONS, IKE_HISTORY_REASONS
from .sa import IkeSa, NegotiatedPolicy
from .tables import GLOBAL_VRF, IndexAllocator, SlidingTable, vrf_label

ID_IPV4_ADDR = "ID_IPV4_ADDR"
DEFAULT_TABLE_SIZE = 200  # `crypto mib ipsec flowmib history tunnel|failure size <2-200>`, default 200


@dataclass
class IkePeerRow:
    """cikePeerEntry: one local/remote peer association with at least one active tunnel."""

    index: int
    vrf: str
    local_addr: str
    remote_addr: str
    active_tunnel_index: int
    local_type: str = ID_IPV4_ADDR
    remote_type: str = ID_IPV4_ADDR


@dataclass(frozen=True)
class IkeHistoryRow:
    """cikeTunnelHistEntry."""

    index: int
    reason: str
    active_index: int
    vrf: str
    local_addr: str
    remote_addr: str
    policy: NegotiatedPolicy
    start_time: float
    active_time: float
    keepalive: bool
    counters: IkeCounters
    nego_mode: str = "main"
    local_type: str = ID_IPV4_ADDR
    remote_type: str = ID_IPV4_ADDR
    total_refreshes: int = 0


@dataclass(frozen=True)
class IkeFailureRow:
    """cikeFailEntry; `time` is router seconds since boot ("Failure time since reset")."""

    index: int
    reason: str
    time: float
    vrf: str
    local_addr: str
    remote_addr: str
    local_type: str = ID_IPV4_ADDR
    remote_type: str = ID_IPV4_ADDR


@dataclass(frozen=True)
class IkeGlobalStats:
    vrf: str
    active_tunnels: int
    previous_tunnels: int
    counters: IkeCounters
    events: IkeEvents


class IkeFlowMib:
    def __init__(self, clock: Clock, history_size: int = DEFAULT_TABLE_SIZE,
                 failure_size: int = DEFAULT_TABLE_SIZE) -> None:
        self._clock = clock
        self._tunnel_index = IndexAllocator()
        self._peer_index = IndexAllocator()
        self._history_index = IndexAllocator()
        self._failure_index = IndexAllocator()
        self._tunnels: dict[int, IkeSa] = {}
        self._peers: dict[tuple[str, str, str], IkePeerRow] = {}
        self.history_table: SlidingTable[IkeHistoryRow] = SlidingTable(history_size)
        self.failure_table: SlidingTable[IkeFailureRow] = SlidingTable(failure_size)
        self._retired: dict[str, IkeCounters] = defaultdict(IkeCounters)
        self._previous: dict[str, int] = defaultdict(int)
        self._events: dict[str, IkeEvents] = defaultdict(IkeEvents)

    # ------------------------------------------------------------------ updates

    def tunnel_started(self, sa: IkeSa) -> int:
        sa.mib_index = self._tunnel_index.allocate()
        self._tunnels[sa.mib_index] = sa
        key = (vrf_label(sa.vrf), sa.local, sa.remote)
        peer = self._peers.get(key)
        if peer is None:
            self._peers[key] = IkePeerRow(self._peer_index.allocate(), *key, sa.mib_index)
        else:
            peer.active_tunnel_index = sa.mib_index
        return sa.mib_index

    def tunnel_ended(self, sa: IkeSa, reason: str) -> IkeHistoryRow | None:
        """Move an active tunnel to the history table; returns None when it never became a tunnel."""
        if reason not in IKE_HISTORY_REASONS:
            raise ValueError(f"unknown termination reason {reason!r}")
        if sa.mib_index is None or self._tunnels.pop(sa.mib_index, None) is None:
            return None
        vrf = vrf_label(sa.vrf)
        self._retired[vrf].add(sa.counters)
        self._previous[vrf] += 1
        self._drop_peer(sa, vrf)
        assert sa.policy is not None and sa.established is not None
        row = self.history_table.append(IkeHistoryRow(
            index=self._history_index.allocate(), reason=reason, active_index=sa.mib_index, vrf=vrf,
            local_addr=sa.local, remote_addr=sa.remote, policy=sa.policy, start_time=sa.established,
            active_time=sa.active_time(self._clock.now()), keepalive=sa.keepalive, counters=sa.counters.copy(),
        ))
        if reason in HISTORY_TO_IKE_FAILURE:
            self.failure(HISTORY_TO_IKE_FAILURE[reason], sa.local, sa.remote, sa.vrf)
        return row

    def failure(self, reason: str, local: str, remote: str, vrf: str | None) -> IkeFailureRow:
        if reason not in IKE_FAILURE_REASONS:
            raise ValueError(f"unknown failure reason {reason!r}")
        return self.failure_table.append(IkeFailureRow(
            self._failure_index.allocate(), reason, self._clock.now(), vrf_label(vrf), local, remote,
        ))

    def event(self, vrf: str | None, name: str, amount: int = 1) -> None:
        events = self._events[vrf_label(vrf)]
        setattr(events, name, getattr(events, name) + amount)

    def _drop_peer(self, sa: IkeSa, vrf: str) -> None:
        key = (vrf, sa.local, sa.remote)
        still_active = [t for t in self._tunnels.values() if (vrf_label(t.vrf), t.local, t.remote) == key]
        if still_active:
            self._peers[key].active_tunnel_index = max(t.mib_index or 0 for t in still_active)
        else:
            self._peers.pop(key, None)

    # ------------------------------------------------------------------ views

    def tunnels(self, vrf: str | None = None) -> list[IkeSa]:
        return [sa for _, sa in sorted(self._tunnels.items()) if vrf is None or vrf_label(sa.vrf) == vrf]

    def peers(self, vrf: str | None = None) -> list[IkePeerRow]:
        rows = sorted(self._peers.values(), key=lambda row: row.index)
        return [row for row in rows if vrf is None or row.vrf == vrf]

    def history(self, vrf: str | None = None) -> list[IkeHistoryRow]:
        return [row for row in self.history_table if vrf is None or row.vrf == vrf]

    def failures(self, vrf: str | None = None) -> list[IkeFailureRow]:
        return [row for row in self.failure_table if vrf is None or row.vrf == vrf]

    def vrfs(self) -> list[str]:
        """VRFs with anything to show; `Global` first (IOS prints `vrf Global` even when idle)."""
        names = {GLOBAL_VRF, *self._retired, *self._events, *(vrf_label(t.vrf) for t in self._tunnels.values())}
        return [GLOBAL_VRF, *sorted(names - {GLOBAL_VRF})]

    def global_stats(self, vrf: str = GLOBAL_VRF) -> IkeGlobalStats:
        live = self.tunnels(vrf)
        counters = self._retired[vrf].copy() if vrf in self._retired else IkeCounters()
        for sa in live:
            counters.add(sa.counters)
        events = self._events[vrf].copy() if vrf in self._events else IkeEvents()
        return IkeGlobalStats(vrf, len(live), self._previous.get(vrf, 0), counters, events)

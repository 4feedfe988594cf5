"""`show processes memory` and `show processes cpu`: IOS tables with a `Crypto IKMP` row driven by IKE state.

The tech-support ipsec command runs them through `| include Crypto IKMP`. Other rows are a fixed, plausible
process list; the Crypto IKMP row grows with the ISAKMP traffic and SAs this router has handled, so the
numbers are deterministic for a given state (no wall clock involved).
"""

from __future__ import annotations

from ..state.oper.counters import IkeCounters
from ..state.router import Router
from .oper_text import text_of

IKMP = "Crypto IKMP"
# (pid, process name, bytes allocated, bytes freed, runtime ms, invocations)
PROCESSES = (
    (1, "Chunk Manager", 49087464, 49086880, 9, 44),
    (2, "Load Meter", 34296, 0, 12, 1421),
    (5, "Retransmission o", 0, 0, 0, 1),
    (112, "IPSEC key engine", 61264, 0, 3, 71),
    (113, "Crypto PAS Proc", 118616, 0, 1, 27),
    (114, "Crypto Device Up", 240, 0, 0, 2),
    (0, IKMP, 0, 0, 0, 0),  # placeholder: filled from the IKE state
    (237, "Crypto ACL", 0, 0, 0, 2),
    (238, "Crypto SSL", 4800, 0, 0, 1),
    (240, "Crypto CA", 0, 0, 0, 1),
)
IKMP_PID = 236
IKMP_BASE_BYTES = 68432
BYTES_PER_SA = 2376
POOL_TOTAL, POOL_FREE_BASE = 1966448280, 1734977920


def _ike_totals(router: Router) -> tuple[IkeCounters, int, int]:
    """IKE counters over all phase-1 tunnels (live and previous), SAs allocated (held + ended), SAs ended."""
    mib = router.oper.flowmib.ike
    counters, ended = IkeCounters(), 0
    for vrf in mib.vrfs():
        stats = mib.global_stats(vrf)
        counters.add(stats.counters)
        ended += stats.previous_tunnels
    return counters, ended + len(router.oper.ike_sas), ended


def _ikmp_row(router: Router) -> tuple[int, str, int, int, int, int]:
    counters, allocated_sas, ended = _ike_totals(router)
    invoked = counters.in_pkts + counters.out_pkts
    allocated = IKMP_BASE_BYTES + BYTES_PER_SA * allocated_sas
    return IKMP_PID, IKMP, allocated, BYTES_PER_SA * ended, invoked // 10, invoked


def _rows(router: Router) -> list[tuple[int, str, int, int, int, int]]:
    return [_ikmp_row(router) if name == IKMP else (pid, name, alloc, freed, runtime, invoked)
            for pid, name, alloc, freed, runtime, invoked in PROCESSES]


def processes_memory(router: Router) -> str:
    rows = _rows(router)
    holding = sum(alloc - freed for _, _, alloc, freed, _, _ in rows)
    used = POOL_TOTAL - POOL_FREE_BASE + holding
    lines = [
        f"Processor Pool Total: {POOL_TOTAL:>10} Used: {used:>10} Free: {POOL_TOTAL - used:>10}",
        "reserve P Pool Total:     102404 Used:         88 Free:     102316",
        " lsmpi_io Pool Total:    6295128 Used:    6294296 Free:        832",
        "",
        " PID TTY  Allocated      Freed    Holding    Getbufs    Retbufs Process",
    ]
    lines += [f"{pid:>4} {0:>3} {alloc:>10} {freed:>10} {alloc - freed:>10} {0:>10} {0:>10} {name}"
              for pid, name, alloc, freed, _, _ in rows]
    lines.append(f"{holding:>53} Total")
    return text_of(lines)


def processes_cpu(router: Router) -> str:
    lines = [
        "CPU utilization for five seconds: 1%/0%; one minute: 1%; five minutes: 1%",
        " PID Runtime(ms)     Invoked      uSecs   5Sec   1Min   5Min TTY Process ",
    ]
    for pid, name, _, _, runtime, invoked in _rows(router):
        usecs = runtime * 1000 // invoked if invoked else 0
        lines.append(f"{pid:>4} {runtime:>11} {invoked:>11} {usecs:>10}  0.00%  0.00%  0.00% {0:>3} {name:<16} ")
    return text_of(lines)

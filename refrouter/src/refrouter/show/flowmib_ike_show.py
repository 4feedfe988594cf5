"""`show crypto mib isakmp|ike flowmib {failure|global|history|peer|tunnel}` from the phase-1 flow MIB.

No public capture of these commands exists; the seed guide's samples are the reference for labels and
their order (docs/router-show-fidelity.md lists where the seed's text is damaged and what we print instead).
Every table is printed per VRF (`vrf Global` first); `[vrf NAME]` restricts to one VRF, `[index N]` to one
row. Values are the MIB's: counters are Counter32, times are `hh:mm:ss`.
"""

from __future__ import annotations

from operator import attrgetter

from ..state.oper.counters import IkeCounters
from ..state.oper.flowmib_ike import IkeFailureRow, IkeFlowMib, IkeHistoryRow, IkePeerRow
from ..state.oper.reasons import reason_text
from ..state.oper.sa import IkeSa, NegotiatedPolicy
from ..state.router import Router
from .oper_text import AUTH_ABBREVIATION, Row, hms, label_block, table_width, vrf_blocks

NEGOTIATION_MODE = {"main": "Main Mode", "aggressive": "Aggressive Mode"}
COUNTER_LABELS = (
    ("In octets", "in_octets"), ("In packets", "in_pkts"), ("In drops", "in_drop_pkts"),
    ("In notifys", "in_notifys"), ("In P2 exchanges", "in_p2_exchgs"),
    ("In P2 exchg invalids", "in_p2_exchg_invalids"), ("In P2 exchg rejected", "in_p2_exchg_rejects"),
    ("In P2 SA delete reqs", "in_p2_sa_del_requests"), ("Out octets", "out_octets"), ("Out packets", "out_pkts"),
    ("Out drops", "out_drop_pkts"), ("Out notifys", "out_notifys"), ("Out P2 exchgs", "out_p2_exchgs"),
    ("Out P2 exchg invalids", "out_p2_exchg_invalids"), ("Out P2 exchg rejects", "out_p2_exchg_rejects"),
    ("Out P2 Sa delete requests", "out_p2_sa_del_requests"),
)
# `show crypto mib isakmp flowmib global` (seed order) -> IkeGlobalStats attribute (cikeGlobalStats).
# "Invalid SPI" is backed by cikeGlobalNoSaFails (ISAKMP messages for an SA this router does not know).
GLOBAL_LABELS = (
    ("Active Tunnels", "active_tunnels"), ("Previous Tunnels", "previous_tunnels"),
    ("In octets", "counters.in_octets"), ("Out octets", "counters.out_octets"),
    ("In packets", "counters.in_pkts"), ("Out packets", "counters.out_pkts"),
    ("In packets drop", "counters.in_drop_pkts"), ("Out packets drop", "counters.out_drop_pkts"),
    ("In notifys", "counters.in_notifys"), ("Out notifys", "counters.out_notifys"),
    ("In P2 exchg", "counters.in_p2_exchgs"), ("Out P2 exchg", "counters.out_p2_exchgs"),
    ("In P2 exchg invalids", "counters.in_p2_exchg_invalids"),
    ("Out P2 exchg invalids", "counters.out_p2_exchg_invalids"),
    ("In P2 exchg rejects", "counters.in_p2_exchg_rejects"), ("Out P2 exchg rejects", "counters.out_p2_exchg_rejects"),
    ("In IPSEC delete", "counters.in_p2_sa_del_requests"), ("Out IPSEC delete", "counters.out_p2_sa_del_requests"),
    ("SAs locally initiated", "events.init_tunnels"), ("SAs locally initiated failed", "events.init_tunnel_fails"),
    ("SAs remotely initiated failed", "events.resp_tunnel_fails"),
    ("System capacity failures", "events.sys_cap_fails"), ("Authentication failures", "events.auth_fails"),
    ("Decrypt failures", "events.decrypt_fails"), ("Hash failures", "events.hash_valid_fails"),
    ("Invalid SPI", "events.no_sa_fails"),
)
TUNNEL_WIDTH = table_width(["Out P2 Sa delete requests"])
GLOBAL_WIDTH = table_width(label for label, _ in GLOBAL_LABELS)
FAILURE_WIDTH = table_width(["Failure time since reset"])
PEER_WIDTH = table_width(["Remote address"])


def _mib(router: Router) -> IkeFlowMib:
    return router.oper.flowmib.ike


def _vrfs(mib: IkeFlowMib, vrf: str | None) -> list[str]:
    return [vrf] if vrf else mib.vrfs()


def _policy_rows(policy: NegotiatedPolicy, active_time: float, keepalive: bool) -> list[Row]:
    return [
        ("Diffie Hellman Grp", policy.group), ("Encryption algo", policy.encryption), ("Hash algo", policy.hash),
        ("Auth method", AUTH_ABBREVIATION[policy.authentication]), ("Lifetime", policy.lifetime),
        ("Active time", hms(active_time)), ("Policy priority", policy.priority),
        ("Keepalive enabled", "Yes" if keepalive else "No"),
    ]


def _counter_rows(counters: IkeCounters) -> list[Row]:
    return [(label, getattr(counters, name)) for label, name in COUNTER_LABELS]


def _endpoint_rows(local_type: str, local: str, remote_type: str, remote: str) -> list[Row]:
    return [("Local type", local_type), ("Local address", local), ("Remote type", remote_type),
            ("Remote address", remote)]


def _tunnel_row(sa: IkeSa, now: float) -> list[str]:
    assert sa.policy is not None  # a phase-1 tunnel exists only from QM_IDLE on
    rows: list[Row] = [("Index", sa.mib_index), *_endpoint_rows("ID_IPV4_ADDR", sa.local, "ID_IPV4_ADDR", sa.remote),
                       ("Negotiation mode", NEGOTIATION_MODE["main"]),
                       *_policy_rows(sa.policy, sa.active_time(now), sa.keepalive), *_counter_rows(sa.counters)]
    return label_block(rows, TUNNEL_WIDTH)


def _history_row(row: IkeHistoryRow) -> list[str]:
    rows: list[Row] = [("Reason", reason_text(row.reason)), ("Index", row.index),
                       *_endpoint_rows(row.local_type, row.local_addr, row.remote_type, row.remote_addr),
                       ("Negotiation mode", NEGOTIATION_MODE[row.nego_mode]),
                       *_policy_rows(row.policy, row.active_time, row.keepalive), *_counter_rows(row.counters)]
    return label_block(rows, TUNNEL_WIDTH)


def _failure_row(row: IkeFailureRow) -> list[str]:
    rows: list[Row] = [
        ("Index", row.index), ("Reason", reason_text(row.reason)), ("Failure time since reset", hms(row.time)),
        ("Local type", row.local_type), ("Local value", row.local_addr), ("Remote type", row.remote_type),
        ("Remote Value", row.remote_addr), ("Local Address", row.local_addr), ("Remote Address", row.remote_addr),
    ]
    return label_block(rows, FAILURE_WIDTH)


def _peer_row(row: IkePeerRow) -> list[str]:
    rows = [("Index", row.index), *_endpoint_rows(row.local_type, row.local_addr, row.remote_type, row.remote_addr)]
    return label_block(rows, PEER_WIDTH)


def ike_tunnels(router: Router, index: int | None = None, vrf: str | None = None) -> str:
    mib, now = _mib(router), router.clock.now()
    return vrf_blocks(_vrfs(mib, vrf), lambda name: [
        _tunnel_row(sa, now) for sa in mib.tunnels(name) if index in (None, sa.mib_index)])


def ike_peers(router: Router, index: int | None = None, vrf: str | None = None) -> str:
    mib = _mib(router)
    return vrf_blocks(_vrfs(mib, vrf), lambda name: [
        _peer_row(row) for row in mib.peers(name) if index in (None, row.index)])


def ike_history(router: Router, vrf: str | None = None) -> str:
    mib = _mib(router)
    return vrf_blocks(_vrfs(mib, vrf), lambda name: [_history_row(row) for row in mib.history(name)])


def ike_failures(router: Router, vrf: str | None = None) -> str:
    mib = _mib(router)
    return vrf_blocks(_vrfs(mib, vrf), lambda name: [_failure_row(row) for row in mib.failures(name)])


def ike_global(router: Router, vrf: str | None = None) -> str:
    mib = _mib(router)

    def rows_of(name: str) -> list[list[str]]:
        stats = mib.global_stats(name)
        return [label_block([(label, attrgetter(path)(stats)) for label, path in GLOBAL_LABELS], GLOBAL_WIDTH)]

    return vrf_blocks(_vrfs(mib, vrf), rows_of)

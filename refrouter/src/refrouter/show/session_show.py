"""`show crypto session [detail]`, `... remote X [detail]`, `... ivrf|fvrf X detail` and `... summary`.

A session is one peer on one crypto-map interface (IOS prints the interface again for each peer, as in
samples/github-labs/show_crypto_session__1.txt). Status: UP-ACTIVE (IKE SA up and IPsec SAs), UP-IDLE (IKE
only), UP-NO-IKE (IPsec SAs, IKE SA gone), DOWN-NEGOTIATING (main mode running), DOWN (a configured peer
with nothing). Crypto maps have no separate inside VRF here, so ivrf = fvrf = the interface's VRF.
`summary` has no public capture: it prints the session count per status (this router's choice).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..state.config.lookup import interface_for
from ..state.oper.ikev2 import Ikev2Sa
from ..state.oper.sa import QM_IDLE, ChildSa, IkeSa
from ..state.router import Router
from .crypto_flows import Flow, collect_flows
from .oper_text import IKE_PORT, flow_text, hms, ios_uptime, text_of, vrf_text

HEADER = "Crypto session current status"
DETAIL_LEGEND = (
    "Code: C - IKE Configuration mode, D - Dead Peer Detection",
    "K - Keepalives, N - NAT-traversal, T - cTCP encapsulation",
    "X - IKE Extended Authentication, F - IKE Fragmentation",
    "R - IKE Auto Reconnect, U - IKE Dynamic Route Update",
    "S - SIP VPN",
)
STATUSES = ("UP-ACTIVE", "UP-IDLE", "UP-NO-IKE", "DOWN-NEGOTIATING", "DOWN")
CACHE_KEY = "show crypto session"


@dataclass
class Session:
    interface: str
    local: str
    peer: str
    vrf: str | None
    ike_sas: list[IkeSa] = field(default_factory=list)
    ikev2_sas: list[Ikev2Sa] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)

    @property
    def ike_up(self) -> bool:
        return any(sa.state == QM_IDLE for sa in self.ike_sas) or any(sa.ready for sa in self.ikev2_sas)

    @property
    def profile(self) -> str | None:
        """The IKEv2 or ISAKMP profile (`Profile:` line); sessions without a profile print none."""
        profiles = [sa.profile for sa in self.ikev2_sas] + [sa.profile for sa in self.ike_sas]
        return next((profile for profile in profiles if profile), None)

    @property
    def phase1_id(self) -> str:
        ikev2 = next((sa.remote_id for sa in self.ikev2_sas if sa.ready and sa.remote_id), None)
        ikev1 = next((sa.peer_identity or self.peer for sa in self.ike_sas if sa.state == QM_IDLE), None)
        return ikev2 or ikev1 or (self.peer if self.ike_up else "(none)")

    @property
    def peer_port(self) -> int:
        """The peer's IKE port: 4500 once NAT traversal floated the negotiation there."""
        ports = [f.tunnel.peer_port for f in self.flows if f.tunnel is not None]
        ports += [sa.remote_port for sa in self.ikev2_sas]
        return max(ports, default=IKE_PORT)

    @property
    def status(self) -> str:
        tunnels = any(f.tunnel is not None for f in self.flows)
        if self.ike_up:
            return "UP-ACTIVE" if tunnels else "UP-IDLE"
        if tunnels:
            return "UP-NO-IKE"
        return "DOWN-NEGOTIATING" if self.ike_sas or self.ikev2_sas else "DOWN"

    def started(self) -> float | None:
        times = [sa.established for sa in self.ike_sas if sa.established is not None]
        times += [sa.established for sa in self.ikev2_sas if sa.established is not None]
        times += [f.tunnel.created for f in self.flows if f.tunnel is not None]
        return min(times, default=None)


def collect_sessions(router: Router) -> list[Session]:
    sessions: dict[tuple[str, str, str], Session] = {}
    for flow in collect_flows(router):
        key = (flow.interface, flow.local, flow.peer)
        sessions.setdefault(key, Session(flow.interface, flow.local, flow.peer, flow.vrf)).flows.append(flow)
    # the first session between each pair of addresses (a scan per SA was quadratic in the sessions)
    by_addresses: dict[tuple[str, str], Session] = {}
    for session in sessions.values():
        by_addresses.setdefault((session.local, session.peer), session)
    for sa in reversed(router.oper.ike_sa_list()):  # oldest first
        if not sa.deleted:
            _session_for(router, sessions, by_addresses, sa.local, sa.remote, sa.vrf).ike_sas.append(sa)
    for v2 in router.oper.ikev2.sa_list():
        _session_for(router, sessions, by_addresses, v2.local, v2.remote, v2.fvrf).ikev2_sas.append(v2)
    return list(sessions.values())


def _session_for(router: Router, sessions: dict[tuple[str, str, str], Session],
                 by_addresses: dict[tuple[str, str], Session], local: str, remote: str, vrf: str | None) -> Session:
    """The session of the flows between the same addresses, else a new one on the SA's interface."""
    found = by_addresses.get((local, remote))
    if found is not None:
        return found
    iface = interface_for(router.running, local)
    key = (iface.name if iface else "unknown", local, remote)
    session = sessions.setdefault(key, Session(key[0], local, remote, vrf))
    return by_addresses.setdefault((local, remote), session)


def select_sessions(router: Router, peer: str | None = None, vrf: str | None = None, local: str | None = None,
                    interface: str | None = None) -> list[Session]:
    return [
        s for s in collect_sessions(router)
        if peer in (None, s.peer) and vrf in (None, s.vrf) and local in (None, s.local)
        and interface in (None, s.interface)
    ]


def _ike_lines(sa: IkeSa, now: float, detail: bool) -> list[str]:
    state = "Active" if sa.state == QM_IDLE else "Inactive"
    lines = ["  Session ID: 0", f"  IKEv1 SA: local {sa.local}/{IKE_PORT} remote {sa.remote}/{IKE_PORT} {state}"]
    if detail:
        capabilities = "D" if sa.keepalive else "(none)"
        conn, lifetime = (sa.conn_id, hms(sa.remaining(now))) if state == "Active" else (0, "0")
        lines.append(f"          Capabilities:{capabilities} connid:{conn} lifetime:{lifetime}")
    return lines


def _ikev2_lines(sa: Ikev2Sa, now: float, detail: bool) -> list[str]:
    state = "Active" if sa.ready else "Inactive"
    lines = [f"  Session ID: {sa.session_id}",
             f"  IKEv2 SA: local {sa.local}/{sa.local_port} remote {sa.remote}/{sa.remote_port} {state}"]
    if detail:
        capabilities = "D" if sa.dpd else "(none)"
        lines.append(f"          Capabilities:{capabilities} connid:{sa.conn_id} lifetime:{hms(sa.remaining(now))}")
    return lines


def _life(sas: list[ChildSa], now: float) -> str:
    esp = [sa for sa in sas if sa.protocol == "esp"] or sas
    return f"{esp[0].remaining_kb()}/{esp[0].remaining_sec(now)}" if esp else "0/0"


def _flow_lines(flow: Flow, now: float, detail: bool) -> list[str]:
    tunnel = flow.tunnel
    lines = [f"  IPSEC FLOW: {flow_text(flow.local_ident, flow.remote_ident)}",
             f"        Active SAs: {len(tunnel.child_sas()) if tunnel else 0}, origin: crypto map"]
    if detail:
        counters = tunnel.counters if tunnel else None
        decrypted, in_drop = (counters.in_decrypts, counters.in_drop_pkts) if counters else (0, 0)
        encrypted, out_drop = (counters.out_encrypts, counters.out_drop_pkts) if counters else (0, 0)
        inbound, outbound = (tunnel.inbound, tunnel.outbound) if tunnel else ([], [])
        lines += [f"        Inbound:  #pkts dec'ed {decrypted} drop {in_drop} life (KB/Sec) {_life(inbound, now)}",
                  f"        Outbound: #pkts enc'ed {encrypted} drop {out_drop} life (KB/Sec) {_life(outbound, now)}"]
    return lines


def _session_lines(session: Session, now: float, detail: bool) -> list[str]:
    lines = [f"Interface: {session.interface}"]
    if session.profile:  # `Profile: X` under the interface when the IKE SA runs under a profile (real captures)
        lines.append(f"Profile: {session.profile}")
    status = session.status
    if detail and status.startswith("UP"):
        started = session.started()
        if started is not None:
            lines.append(f"Uptime: {ios_uptime(now - started)}")
    lines.append(f"Session status: {status}")
    if detail:
        vrf = vrf_text(session.vrf)
        lines += [f"Peer: {session.peer} port {session.peer_port} fvrf: {vrf} ivrf: {vrf}",
                  f"      Phase1_id: {session.phase1_id}", "      Desc: (none)"]
    else:
        lines.append(f"Peer: {session.peer} port {session.peer_port}")
    for sa in session.ike_sas:
        lines += _ike_lines(sa, now, detail)
    for v2 in session.ikev2_sas:
        lines += _ikev2_lines(v2, now, detail)
    for flow in session.flows:
        lines += _flow_lines(flow, now, detail)
    return [*lines, ""]


def crypto_session(router: Router, detail: bool = False, peer: str | None = None, vrf: str | None = None,
                   local: str | None = None, interface: str | None = None) -> str:
    """`show crypto session ...`; `local A` and `interface IF` select by local address and interface.
    The plain command's text is kept with everything it is made from and reused while that is unchanged."""
    if detail or any(value is not None for value in (peer, vrf, local, interface)):
        return _crypto_session(router, detail, peer, vrf, local, interface)
    inputs = session_inputs(router)
    cached = router.show_cache.get(CACHE_KEY)
    if cached is not None and cached[0] == inputs:
        return cached[1]
    text = _crypto_session(router)
    router.show_cache[CACHE_KEY] = (inputs, text)
    return text


def session_inputs(router: Router) -> list[object]:
    """What plain `show crypto session` prints from: the configuration (its change counter), each IKE SA's
    identity, addresses and state, and each IPsec tunnel's identity, place and SA count. The text holds no
    time and no counter, so equal inputs give equal text."""
    oper = router.oper
    return [
        router.config_id,
        [(id(sa), sa.conn_id, sa.state, sa.deleted, sa.local, sa.remote, sa.vrf) for sa in oper.ike_sas.values()],
        [(id(t), t.tunnel_id, t.local, t.remote, t.interface, t.map_name, t.map_seq, t.vrf, t.local_ident,
          t.remote_ident, len(t.inbound), len(t.outbound)) for t in oper.ipsec_tunnels.values()],
        [id(entry) for entry in oper.dynamic_entries.values()],
    ]


def _crypto_session(router: Router, detail: bool = False, peer: str | None = None, vrf: str | None = None,
                    local: str | None = None, interface: str | None = None) -> str:
    now = router.clock.now()
    lines = [HEADER, "", *((*DETAIL_LEGEND, "") if detail else ())]
    for session in select_sessions(router, peer, vrf, local, interface):
        lines += _session_lines(session, now, detail)
    return text_of(lines)


def crypto_session_summary(router: Router) -> str:
    sessions = collect_sessions(router)
    lines = ["Crypto session summary", "", f"Total crypto sessions: {len(sessions)}"]
    lines += [f"  {status + ':':<18}{sum(s.status == status for s in sessions)}" for status in STATUSES]
    return text_of(lines)

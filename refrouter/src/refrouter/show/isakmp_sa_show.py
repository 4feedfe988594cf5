"""`show crypto isakmp sa [detail|count]`, `... peer X`, `... vrf X` and `show crypto isakmp peers`.

Layouts follow the real captures (samples/genieparser, otus-lab, gnj): an IPv4 and an IPv6 section, the
IPv6 one always printed (empty here: the router has no IPv6 SAs). `dst`/`src` name the responder and the
initiator of the main-mode exchange; `conn-id` counts from 1001 as on classic IOS. `detail` prints the
Cap. column only when it holds something (`D` with `crypto isakmp keepalive`), as in the gnj capture.
"""

from __future__ import annotations

from ..state.oper.sa import QM_IDLE, IkeSa
from ..state.router import Router
from .oper_text import AUTH_ABBREVIATION, IKE_PORT, hms, ike_endpoints, text_of

SA_HEADER = "dst             src             state          conn-id status"
DETAIL_LEGEND = (
    "Codes: C - IKE configuration mode, D - Dead Peer Detection",
    "       K - Keepalives, N - NAT-traversal",
    "       T - cTCP encapsulation, X - IKE Extended Authentication",
    "       psk - Preshared key, rsig - RSA signature",
    "       renc - RSA encryption",
)
DETAIL_HEADER = "C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap."
ENGINE_CONN_OFFSET = 1000  # `Engine-id:Conn-id =  SW:1` for conn-id 1001
# An SA still negotiating its policy shows IOS's default suite values (des/sha, group 1, lifetime 0).
UNNEGOTIATED = ("des", "sha", "psk", 1)


def _sas(router: Router, peer: str | None, vrf: str | None) -> list[IkeSa]:
    return router.oper.ike_sa_list(peer=peer, vrf=vrf)


def isakmp_sa(router: Router, peer: str | None = None, vrf: str | None = None) -> str:
    lines = ["IPv4 Crypto ISAKMP SA", SA_HEADER]
    for sa in _sas(router, peer, vrf):
        dst, src = ike_endpoints(sa)
        lines.append(f"{dst:<15} {src:<15} {sa.state:<15}{sa.conn_id:>7} {sa.status}")
    lines += ["", "IPv6 Crypto ISAKMP SA", ""]
    return text_of(lines)


def isakmp_sa_standby(router: Router) -> str:
    """`show crypto isakmp sa standby`: no stateful HA here, so both sections are empty."""
    return text_of(["IPv4 Crypto ISAKMP SA", SA_HEADER, "", "IPv6 Crypto ISAKMP SA", ""])


def _detail_row(sa: IkeSa, now: float) -> str:
    if sa.policy is None:
        encr, hsh, auth, group = UNNEGOTIATED
    else:
        policy = sa.policy
        encr, hsh, auth, group = policy.encryption, policy.hash, AUTH_ABBREVIATION[policy.authentication], policy.group
    lifetime = hms(sa.remaining(now)) if sa.state == QM_IDLE and not sa.deleted else "0"
    cap = "D" if sa.keepalive else ""
    row = (f"{sa.conn_id:<5} {sa.local:<15} {sa.remote:<15} {sa.vrf or '':<6} ACTIVE {encr:<4} {hsh:<6} "
           f"{auth:<4} {group:<2} {lifetime:<8} {cap}")
    return row.rstrip()


def isakmp_sa_detail(router: Router, peer: str | None = None, vrf: str | None = None) -> str:
    now = router.clock.now()
    lines = [*DETAIL_LEGEND, "", "IPv4 Crypto ISAKMP SA", "", DETAIL_HEADER, ""]
    for sa in _sas(router, peer, vrf):
        lines += [_detail_row(sa, now), f"       Engine-id:Conn-id =  SW:{sa.conn_id - ENGINE_CONN_OFFSET}", ""]
    lines += ["IPv6 Crypto ISAKMP SA", ""]
    return text_of(lines)


def isakmp_sa_count(router: Router, vrf: str | None = None) -> str:
    sas = _sas(router, None, vrf)
    counts = (
        ("Active ISAKMP SA's", sum(sa.active for sa in sas)),
        ("Standby ISAKMP SA's", 0),
        ("Currently being negotiated ISAKMP SA's", sum(not sa.deleted and sa.state != QM_IDLE for sa in sas)),
        ("Dead ISAKMP SA's", sum(sa.deleted for sa in sas)),
    )
    return "\n".join(f"{label}: {value}\n" for label, value in counts)


def isakmp_peers(router: Router, peer: str | None = None) -> str:
    """One entry per local/remote pair with a live SA; `Phase1 id` once the peer is authenticated."""
    seen: dict[tuple[str, str], bool] = {}
    for sa in reversed(_sas(router, peer, None)):
        if not sa.deleted:
            key = (sa.remote, sa.local)
            seen[key] = seen.get(key, False) or sa.state == QM_IDLE
    lines = []
    for (remote, local), authenticated in seen.items():
        lines.append(f"Peer: {remote} Port: {IKE_PORT} Local: {local}")
        if authenticated:
            lines.append(f" Phase1 id: {remote}")
    return text_of(lines)

"""`show crypto ikev2 sa [remote X] [detail]`, `show crypto ikev2 session [detail]`, `show crypto ikev2 stats`.

Layouts follow public IOS XE outputs (genieparser ShowCryptoIkev2Sa / ShowCryptoIkev2SaDetail /
ShowCryptoIkev2Session / ShowCryptoIkev2Stats golden outputs). Not modelled, printed as IOS prints a router
without them: fragmentation, extended authentication, CTS SGT, IPv6 SAs (the IPv6 section stays empty).
The window is 1 (the engine keeps one request outstanding); resource limits print 0 (none configured).
"""

from __future__ import annotations

from ..state.oper.ikev2 import READY, Ikev2ChildSa, Ikev2Sa
from ..state.router import Router
from .oper_text import text_of

COLUMNS = f"{'Tunnel-id':<10}{'Local':<22}{'Remote':<22}{'fvrf/ivrf':<21}Status "
PAD = "      "


def _vrfs(sa: Ikev2Sa) -> str:
    return f"{sa.fvrf or 'none'}/{sa.ivrf or 'none'}"


def _row(sa: Ikev2Sa, now: float) -> list[str]:
    return [
        f"{sa.tunnel_id:<10}{f'{sa.local}/{sa.local_port}':<22}{f'{sa.remote}/{sa.remote_port}':<22}"
        f"{_vrfs(sa):<21}{sa.status}",
        f"{PAD}Encr: {sa.encryption}, keysize: {sa.key_size}, PRF: {sa.prf}, Hash: {sa.hash}, "
        f"DH Grp:{sa.dh_group}, Auth sign: {sa.auth_sign}, Auth verify: {sa.auth_verify}",
        f"{PAD}Life/Active Time: {sa.lifetime}/{sa.active_time(now)} sec",
    ]


def _pair(left: str, right: str, a: int, b: int) -> str:
    return f"{PAD}{left:<19}{a:<15}{right:<20}{b}"


def _detail(sa: Ikev2Sa) -> list[str]:
    dpd = sa.dpd or (0, 0)
    return [
        f"{PAD}CE id: 0, Session-id: {sa.session_id}",
        f"{PAD}Status Description: {'Negotiation done' if sa.status == READY else 'Negotiation in progress'}",
        f"{PAD}Local spi: {sa.local_spi:<23}Remote spi: {sa.remote_spi}",
        f"{PAD}Local id: {sa.local_id}",
        f"{PAD}Remote id: {sa.remote_id or 'none'}",
        _pair("Local req msg id:", "Remote req msg id:", max(0, sa.local_next_id - 1), max(0, sa.remote_next_id - 1)),
        _pair("Local next msg id:", "Remote next msg id:", sa.local_next_id, sa.remote_next_id),
        _pair("Local req queued:", "Remote req queued:", max(0, sa.local_next_id - 1), max(0, sa.remote_next_id - 1)),
        _pair("Local window:", "Remote window:", 1, 1),
        f"{PAD}DPD configured for {dpd[0]} seconds, retry {dpd[1]}",
        f"{PAD}Fragmentation not  configured.",
        f"{PAD}Dynamic Route Update: disabled",
        f"{PAD}Extended Authentication not configured.",
        f"{PAD}NAT-T is {'detected outside' if sa.nat_t else 'not detected'}",
        f"{PAD}Cisco Trust Security SGT is disabled",
        f"{PAD}Initiator of SA : {'Yes' if sa.initiator else 'No'}",
    ]


def ikev2_sa(router: Router, detail: bool = False, remote: str | None = None) -> str:
    now = router.clock.now()
    lines = [" IPv4 Crypto IKEv2  SA ", "", COLUMNS]
    for sa in router.oper.ikev2.sa_list(remote):
        lines += _row(sa, now)
        if detail:
            lines += _detail(sa)
        lines.append("")
    return text_of([*lines, " IPv6 Crypto IKEv2  SA ", ""])


def _child_lines(child: Ikev2ChildSa, detail: bool) -> list[str]:
    indent = " " * 10
    lines = [f"Child sa: local selector  {child.local_selectors[0].text() if child.local_selectors else ''}"]
    lines += [f"{indent}local selector  {s.text()}" for s in child.local_selectors[1:]]
    lines += [f"{indent}remote selector {s.text()}" for s in child.remote_selectors]
    lines.append(f"{indent}ESP spi in/out: 0x{child.spi_in:X}/0x{child.spi_out:X}")
    if detail:
        lines += [f"{indent}AH spi in/out: 0x0/0x0", f"{indent}CPI in/out: 0x0/0x0",
                  f"{indent}Encr: {child.encryption}, keysize: {child.key_size}, esp_hmac: {child.esp_hmac}",
                  f"{indent}ah_hmac: None, comp: IPCOMP_NONE, mode {child.mode}"]
    return [*lines, ""]


def session_status(sas: list[Ikev2Sa]) -> str:
    """UP-ACTIVE with child SAs, UP-IDLE with only the IKE SA, DOWN-NEGOTIATING while negotiating."""
    if any(sa.status == READY for sa in sas):
        return "UP-ACTIVE" if any(sa.children for sa in sas) else "UP-IDLE"
    return "DOWN-NEGOTIATING"


def ikev2_session(router: Router, detail: bool = False) -> str:
    now = router.clock.now()
    sessions: dict[int, list[Ikev2Sa]] = {}
    for sa in router.oper.ikev2.sa_list():
        sessions.setdefault(sa.session_id, []).append(sa)
    lines = [" IPv4 Crypto IKEv2 Session ", ""]
    for session_id, sas in sessions.items():
        children = sum(len(sa.children) for sa in sas)
        lines += [f"Session-id:{session_id}, Status:{session_status(sas)}, IKE count:{len(sas)}, "
                  f"CHILD count:{children}", "", COLUMNS]
        for sa in sas:
            lines += _row(sa, now)
            if detail:
                lines += _detail(sa)
            lines.append("")
            for child in sa.children:
                lines += _child_lines(child, detail)
    return text_of([*lines, " IPv6 Crypto IKEv2 Session ", ""])


def ikev2_stats(router: Router) -> str:
    ikev2 = router.oper.ikev2
    stats, sas = ikev2.stats, ikev2.sa_list()
    incoming = [sa for sa in sas if not sa.initiator]
    outgoing = [sa for sa in sas if sa.initiator]

    def count(name: str, group: list[Ikev2Sa]) -> str:
        active = sum(sa.status == READY for sa in group)
        return (f"Total {name} IKEv2 SA Count:    {len(group):<9}active:        {active:<9}"
                f"negotiating: {len(group) - active}")

    def requests(name: str, total: int, accepted: int, rejected: int) -> str:
        return f"{name} IKEv2 Requests: {total:<9}accepted:      {accepted:<9}rejected:    {rejected}"

    rule = "-" * 80
    return text_of([
        rule, f"{'':26}Crypto IKEv2 SA Statistics", rule,
        "System Resource Limit:   0        Max IKEv2 SAs: 0        Max in nego(in/out): 40/400",
        count("incoming", incoming), count("outgoing", outgoing),
        requests("Incoming", stats.incoming_requests, stats.incoming_accepted, stats.incoming_rejected),
        requests("Outgoing", stats.outgoing_requests, stats.outgoing_accepted, stats.outgoing_rejected),
        "Rejected IKEv2 Requests: 0        rsrc low:      0        SA limit:    0",
        f"IKEv2 packets dropped at dispatch: {stats.dropped}",
        "Incoming Requests dropped as LOW Q limit reached : 0",
        "Incoming IKEV2 Cookie Challenged Requests: 0",
        "    accepted: 0        rejected: 0        rejected no cookie: 0",
        "Total Deleted sessions of Cert Revoked Peers: 0",
    ])

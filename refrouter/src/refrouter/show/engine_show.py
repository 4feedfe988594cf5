"""`show crypto eli`, `show crypto engine accelerator statistic`, `show crypto ruleset detail`.

`show crypto eli` follows a real IOS XE capture (genieparser ShowCryptoEli golden output). The other two
have no public capture: their layout is this router's rendering of the classic IOS outputs, filled from
the same state as the other shows (session counts, the global IPsec flow-MIB counters, the crypto ACLs).
"""

from __future__ import annotations

from ..state.oper.counters import IpsecCounters
from ..state.oper.reasons import HISTORY_TO_IPSEC_FAILURE
from ..state.router import Router
from .crypto_flows import collect_flows
from .oper_text import acl_text, text_of

ENGINE_NAME = "IOSXE-ESG(9)"
CAPABILITIES = "DES, 3DES, AES, GCM, GMAC, Manual IPsec key, OSPFv3 manual keying, RSA, IPv6, GDOI, FAILCLOSE, ESN"
MAX_SESSIONS = 16000
DH_PREGENERATED = 4
DH_LIFETIME = 86400
DH_POOL = 16050


def _ipsec_totals(router: Router) -> tuple[IpsecCounters, int]:
    """Global IPsec counters and tunnel count summed over the VRFs (live + previous tunnels)."""
    mib = router.oper.flowmib.ipsec
    total, created = IpsecCounters(), 0
    for vrf in mib.vrfs():
        stats = mib.global_stats(vrf)
        total.add(stats.counters)
        created += stats.active_tunnels + stats.previous_tunnels
    return total, created


def crypto_eli(router: Router) -> str:
    oper = router.oper
    _, created = _ipsec_totals(router)
    teardown = set(HISTORY_TO_IPSEC_FAILURE.values())
    failed = sum(row.reason not in teardown for row in oper.flowmib.ipsec.failures())
    ike = [oper.flowmib.ike.global_stats(vrf) for vrf in oper.flowmib.ike.vrfs()]
    phase1 = sum(stats.active_tunnels + stats.previous_tunnels for stats in ike)
    in_use = sum(not sa.deleted for sa in oper.ike_sas.values())
    return text_of([
        "Hardware Encryption : ACTIVE",
        " Number of hardware crypto engines = 1",
        "",
        f" CryptoEngine {ENGINE_NAME} details: state = Active",
        f" Capability    : {CAPABILITIES}",
        "",
        f" IPSec-Session : {len(oper.ipsec_tunnels):>5} active, {MAX_SESSIONS} max, {failed} failed, {created} created",
        "",
        f" Number of DH's pregenerated = {DH_PREGENERATED}",
        f" DH lifetime = {DH_LIFETIME} seconds",
        f" DH calculations: P1 {phase1}, SS {phase1}",
        "",
        "crypto engine 1:Software Crypto Engine",
        f" DH in use/freeing/free - {in_use}/0/{DH_POOL - in_use}",
    ])


def _pair(count: object, left: str, right_count: object, right: str) -> str:
    return f"{count:>21} {left:<25}{right_count:>13} {right}"


def accelerator_statistic(router: Router) -> str:
    counters, _ = _ipsec_totals(router)
    c = counters
    uptime = int(router.clock.now())
    lines = [
        "Device:   Flow Processor", "Location: Onboard: 0", "",
        "        :Statistics for encryption device since the last clear",
        f"         of counters {uptime} seconds ago",
        _pair(c.in_pkts, "packets in", c.out_pkts, "packets out"),
        _pair(c.in_octets, "bytes in", c.out_octets, "bytes out"),
        _pair(0, "paks/sec in", 0, "paks/sec out"),
        _pair(0, "Kbits/sec in", 0, "Kbits/sec out"),
        _pair(c.in_decrypts, "packets decrypted", c.out_encrypts, "packets encrypted"),
        _pair(c.in_octets, "bytes before decrypt", c.out_octets, "bytes encrypted"),
        _pair(c.in_decomp_octets, "bytes decrypted", c.out_uncomp_octets, "bytes after encrypt"),
        _pair(0, "packets decompressed", 0, "packets compressed"),
        _pair(0, "bytes before decomp", 0, "bytes before comp"),
        _pair(0, "bytes after decomp", 0, "bytes after comp"),
        _pair("1.0:1", "compression ratio", "1.0:1", "overall"),
        "", "        Errors:",
    ]
    errors = (("ppq full errors", 0), ("ppq rx errors", 0), ("cmdq full errors", 0), ("cmdq rx errors", 0),
              ("no buffer", 0), ("replay errors", c.in_replay_drop_pkts), ("dest overflow", 0),
              ("authentication errors", c.in_auth_fails), ("Other error", c.in_decrypt_fails),
              ("Oversized packet", 0))
    for (left, lvalue), (right, rvalue) in zip(errors[::2], errors[1::2], strict=True):
        lines.append(f"        {left:<27}: {lvalue:>10}    {right:<26}: {rvalue:>10}")
    return text_of(lines)


def ruleset_detail(router: Router) -> str:
    """The crypto ACL rules per crypto-map interface: egress as configured, ingress mirrored."""
    flows = collect_flows(router)
    lines: list[str] = []
    for title, mirrored in (("Ingress", True), ("Egress", False)):
        lines.append(f"{title} IPsec Ruleset:")
        interface = None
        for number, flow in enumerate(flows, start=1):
            if flow.interface != interface:
                interface = flow.interface
                lines.append(f"  {interface}:")
            pair = (flow.remote_ident, flow.local_ident) if mirrored else (flow.local_ident, flow.remote_ident)
            lines.append(f"    {number * 10} {acl_text(*pair)} ({flow.map_name} {flow.map_seq})")
        lines.append("")
    return text_of(lines)
